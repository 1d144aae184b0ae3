//! Text fields: typing into them, and what a confirmed field asks for, read by the part of
//! the app it feeds.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::InputRequest;

use super::App;
use crate::state::Command;
use crate::tui::keymap::Action;
use crate::tui::ui::{AttendanceInput, ExercisesInput, Input, InputPurpose, Mode};
use crate::tui::views;

impl App {
    /// The text being typed into, if a field, the filter or a form has the keyboard.
    pub(super) fn typing_buffer(&mut self) -> Option<&mut String> {
        match &mut self.ui.mode {
            Mode::Input(input) => Some(&mut input.text),
            Mode::Form(form) => form.values.get_mut(form.focus),
            Mode::Filter => Some(&mut self.ui.attendance.filter),
            _ => None,
        }
    }

    /// The edit a key makes in the text that has the keyboard, as a line editor's keys do:
    /// a character typed, the cursor moved by grapheme or word, Home/End and Ctrl-A/E,
    /// Delete, Ctrl-W (the word before), Ctrl-U (all before), Ctrl-K (all after). `None` for
    /// keys that are no edit (Enter, Esc, Tab ... are the keymap's).
    pub(super) fn edit_for(key: KeyEvent) -> Option<InputRequest> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        Some(match (key.code, ctrl, alt) {
            (KeyCode::Left, false, false) => InputRequest::GoToPrevChar,
            (KeyCode::Right, false, false) => InputRequest::GoToNextChar,
            (KeyCode::Left, true, _) | (KeyCode::Char('b'), false, true) => {
                InputRequest::GoToPrevWord
            }
            (KeyCode::Right, true, _) | (KeyCode::Char('f'), false, true) => {
                InputRequest::GoToNextWord
            }
            (KeyCode::Home, _, _) | (KeyCode::Char('a'), true, _) => InputRequest::GoToStart,
            (KeyCode::End, _, _) | (KeyCode::Char('e'), true, _) => InputRequest::GoToEnd,
            (KeyCode::Delete, false, _) | (KeyCode::Char('d'), true, _) => {
                InputRequest::DeleteNextChar
            }
            (KeyCode::Char('w'), true, _) | (KeyCode::Backspace, _, true) => {
                InputRequest::DeletePrevWord
            }
            (KeyCode::Char('u'), true, _) => InputRequest::DeleteFromStart,
            (KeyCode::Char('k'), true, _) => InputRequest::DeleteTillEnd,
            (KeyCode::Char(c), false, false) => InputRequest::InsertChar(c),
            _ => return None,
        })
    }

    /// Makes `edit` in the text that has the keyboard (tui-input's editing, by grapheme);
    /// false if no text has it.
    pub(super) fn edit_text(&mut self, edit: InputRequest) -> bool {
        self.edit_text_all(std::iter::once(edit))
    }

    /// Makes `edits` in turn in the text that has the keyboard, the text taken out once for
    /// all of them (a paste is one edit a character); false if no text has it.
    fn edit_text_all(&mut self, edits: impl IntoIterator<Item = InputRequest>) -> bool {
        let cursor = self.ui.cursor;
        let Some(buffer) = self.typing_buffer() else {
            return false;
        };
        let chars = buffer.chars().count();
        let mut field =
            tui_input::Input::new(std::mem::take(buffer)).with_cursor(cursor.min(chars));
        let mut changed = false;
        for edit in edits {
            changed |= field.handle(edit).is_some_and(|c| c.value);
        }
        field.value().clone_into(buffer);
        self.ui.cursor = field.cursor();
        if changed {
            self.clear_problems();
        }
        self.dirty = true;
        true
    }

    /// Whether the text that has the keyboard may hold several lines.
    pub(super) fn takes_lines(&self) -> bool {
        matches!(&self.ui.mode, Mode::Input(input) if input.purpose.takes_lines())
    }

    /// Text pasted into the field that has the keyboard, at the cursor, its line breaks kept
    /// where the field takes lines and made spaces elsewhere; false if no text has the
    /// keyboard.
    pub fn paste(&mut self, text: &str) -> bool {
        let lines = self.takes_lines();
        let text = text.replace("\r\n", "\n");
        self.edit_text_all(text.chars().map(|c| {
            InputRequest::InsertChar(match c {
                '\n' | '\r' if lines => '\n',
                c if c.is_control() => ' ',
                c => c,
            })
        }))
    }

    pub(super) fn clear_problems(&mut self) {
        match &mut self.ui.mode {
            Mode::Input(input) => input.problem = None,
            Mode::Form(form) => form.problems.clear(),
            Mode::Filter => self.ui.attendance.person = 0,
            _ => {}
        }
    }

    /// Closing, saving and editing whatever has the keyboard: a field, the filter, a form.
    pub(super) fn act_on_text(&mut self, action: Action) {
        match action {
            Action::Back => {
                self.ui.mode = match std::mem::replace(&mut self.ui.mode, Mode::Normal) {
                    Mode::Help(under) => *under,
                    Mode::Input(input) => *input.back,
                    Mode::Filter => {
                        self.ui.attendance.filter.clear();
                        Mode::Normal
                    }
                    Mode::Detail
                    | Mode::Normal
                    | Mode::Projector { .. }
                    | Mode::Form(_)
                    | Mode::Presentation
                    | Mode::FeedbackEntry(_)
                    | Mode::Scoreboard
                    | Mode::Person
                    | Mode::Moving(_) => Mode::Normal,
                };
            }
            Action::Confirm => match self.ui.mode {
                Mode::Filter => self.ui.mode = Mode::Normal,
                Mode::Form(_) => self.confirm_form(),
                _ => self.confirm_input(),
            },
            Action::DeleteChar => {
                self.edit_text(InputRequest::DeletePrevChar);
            }
            Action::NextField | Action::PreviousField => {
                self.ui.cursor = usize::MAX;
                if let Mode::Form(form) = &mut self.ui.mode {
                    let n = form.values.len();
                    form.focus = if action == Action::NextField {
                        (form.focus + 1) % n
                    } else {
                        (form.focus + n - 1) % n
                    };
                }
            }
            _ => {}
        }
    }

    pub(super) fn open_input(&mut self, purpose: InputPurpose, text: String) {
        self.ui.cursor = usize::MAX;
        let back = Box::new(match &self.ui.mode {
            Mode::Projector { .. } | Mode::Detail => self.ui.mode.clone(),
            _ => Mode::Normal,
        });
        self.ui.mode = Mode::Input(Input {
            purpose,
            text,
            back,
            problem: None,
        });
    }

    pub(super) fn confirm_input(&mut self) {
        let Mode::Input(input) = &self.ui.mode else {
            return;
        };
        let text = &input.text;
        let decided = match &input.purpose {
            InputPurpose::Agenda(field) => {
                Some(views::agenda::command_for(self.state(), field, text))
            }
            InputPurpose::Attendance(field) => {
                Some(views::attendance::command_for(self.state(), field, text))
            }
            InputPurpose::CityShare(field) => Some(Ok(views::assessment::command_for(field, text))),
            InputPurpose::Plans(field) => Some(views::plans::command_for(field, text)),
            InputPurpose::Feedback(field) => {
                views::feedback::command_for(self.state(), field, text)
            }
            InputPurpose::Exercises(field) => {
                self.ui.exercises.command_for(self.state(), field, text)
            }
            InputPurpose::RoomDevice(at) => {
                // Not a command: a device's name lives in the room, not the store.
                let (at, name) = (*at, text.clone());
                match self.rename_device(at, &name) {
                    Ok(()) => self.act(Action::Back),
                    Err(why) => self.input_problem(why),
                }
                return;
            }
        };
        let points = matches!(
            input.purpose,
            InputPurpose::Exercises(ExercisesInput::Points)
        );
        let a_mark = matches!(
            input.purpose,
            InputPurpose::Attendance(
                AttendanceInput::Late { .. }
                    | AttendanceInput::LeftEarly { .. }
                    | AttendanceInput::Excused { .. }
            )
        );
        match decided {
            Some(Ok(command)) => {
                self.save_input(&command);
                // Saved: the selection moves on, to the next criterion or the next person.
                if !matches!(self.ui.mode, Mode::Input(_)) {
                    let state = self.run.history().state();
                    if points {
                        self.ui.exercises.points_saved(state);
                    } else if a_mark {
                        self.ui.attendance.move_on(state);
                    }
                }
            }
            Some(Err(problem)) => self.input_problem(problem),
            None => {}
        }
    }

    /// Records what a text field asked for and closes it, or shows why not in the field.
    pub(super) fn save_input(&mut self, command: &Command) {
        match self.run.history().decide(command) {
            Ok(_) => {
                if self.execute(command) {
                    self.act(Action::Back);
                }
            }
            Err(refusal) => self.input_problem(refusal.0),
        }
    }

    pub(super) fn input_problem(&mut self, problem: String) {
        if let Mode::Input(input) = &mut self.ui.mode {
            input.problem = Some(problem);
        }
    }
}
