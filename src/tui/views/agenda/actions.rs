//! The agenda's actions: moving the selection, stepping through the items and their clock,
//! skipping, planned minutes, notes, head counts and the projector message.

use super::AgendaView;
use crate::event::ItemEdit;
use crate::plan::ItemKind;
use crate::state::{AgendaCommand, Command, ItemStatus, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{AgendaInput, AttendanceInput, Form, FormPurpose, InputPurpose, Mode, Moving};

impl AgendaView {
    /// Carries out an agenda action (in the agenda, its detail or the projector); false if
    /// `action` is not one.
    pub fn handle(&mut self, action: Action, host: &mut impl Host) -> bool {
        let state = host.state();
        let items = state.agenda_order().count();
        let selected_id = self.selected_id(state);
        let command = match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                self.move_selection(action, items);
                return true;
            }
            Action::OpenDetail => {
                host.open(Mode::Detail);
                return true;
            }
            Action::StartSelected => {
                if host.execute(&Command::Agenda(AgendaCommand::Start(selected_id))) {
                    host.open(Mode::Normal);
                }
                return true;
            }
            Action::Next | Action::Previous => {
                let step = if action == Action::Next {
                    AgendaCommand::Next
                } else {
                    AgendaCommand::Previous
                };
                // The selection follows the item that starts.
                if host.execute(&Command::Agenda(step)) {
                    self.selected = selection_for(host.state());
                }
                return true;
            }
            Action::Stop => Command::Agenda(AgendaCommand::Stop),
            Action::TogglePause => Command::Agenda(AgendaCommand::TogglePause),
            Action::SkipSelected => Command::Agenda(AgendaCommand::ToggleSkip(selected_id)),
            Action::Nudge(minutes) => Command::Agenda(AgendaCommand::Nudge(minutes)),
            Action::EditDuration => {
                let minutes = state.planned_minutes(&selected_id);
                host.ask(
                    InputPurpose::Agenda(AgendaInput::Duration(self.selected)),
                    minutes.to_string(),
                );
                return true;
            }
            Action::AddNote => {
                host.ask(
                    InputPurpose::Agenda(AgendaInput::Note(self.selected)),
                    String::new(),
                );
                return true;
            }
            Action::Message => {
                let text = state.message().unwrap_or_default().to_owned();
                host.ask(InputPurpose::Agenda(AgendaInput::Message), text);
                return true;
            }
            Action::InsertItem | Action::EditItem | Action::MoveItem => {
                Self::reshape(action, selected_id, host);
                return true;
            }
            Action::HeadCount => {
                let text = state
                    .head_count(&selected_id)
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                host.ask(
                    InputPurpose::Attendance(AttendanceInput::HeadCount(self.selected)),
                    text,
                );
                return true;
            }
            _ => return false,
        };
        host.execute(&command);
        true
    }

    /// `i`, `E` and `M`: opens the form for an item added or changed, or the move, or says
    /// why the selected item cannot be changed.
    fn reshape(action: Action, selected_id: String, host: &mut impl Host) {
        let state = host.state();
        match action {
            Action::InsertItem if !selected_id.is_empty() => {
                host.open(Mode::Form(Form {
                    purpose: FormPurpose::NewItem { after: selected_id },
                    values: vec![
                        String::new(),
                        "30".to_owned(),
                        ItemKind::Lecture.as_str().to_owned(),
                        String::new(),
                    ],
                    focus: 0,
                    problems: Vec::new(),
                }));
            }
            Action::EditItem => {
                if let Some((_, item)) = state.find_item(&selected_id) {
                    if matches!(
                        state.status(&selected_id),
                        ItemStatus::Done | ItemStatus::Running | ItemStatus::Paused
                    ) {
                        let why = format!(
                            "\"{}\" has begun: only an item still to come is changed (a note says what happened)",
                            item.title
                        );
                        host.refuse(&why);
                    } else {
                        let values = vec![
                            item.title.clone(),
                            item.kind.as_str().to_owned(),
                            item.presenter.clone().unwrap_or_default(),
                        ];
                        host.open(Mode::Form(Form {
                            purpose: FormPurpose::ItemEdit { item: selected_id },
                            values,
                            focus: 0,
                            problems: Vec::new(),
                        }));
                    }
                }
            }
            Action::MoveItem => {
                match (state.movable(&selected_id), state.find_item(&selected_id)) {
                    (Err(refusal), _) => host.refuse(&refusal.0),
                    (Ok(()), Some((at, _))) => host.open(Mode::Moving(Moving {
                        item: selected_id,
                        day: at.day,
                        index: at.index,
                    })),
                    (Ok(()), None) => {}
                }
            }
            _ => {}
        }
    }

    /// Keys while an item is being moved: ↑↓ a place (over a day's end into the next),
    /// ←→ a day, Enter moves it there as one event, Esc leaves it. False for keys that are
    /// not the move's (help).
    pub fn handle_moving(
        &mut self,
        moving: &mut Moving,
        action: Action,
        host: &mut impl Host,
    ) -> bool {
        let days = host.state().days();
        let others = |day: usize| {
            days.get(day).map_or(0, |d| {
                d.items.iter().filter(|i| i.id != moving.item).count()
            })
        };
        match action {
            Action::Up if moving.index > 0 => moving.index -= 1,
            Action::Up if moving.day > 0 => {
                moving.day -= 1;
                moving.index = others(moving.day);
            }
            Action::Down if moving.index < others(moving.day) => moving.index += 1,
            Action::Down if moving.day + 1 < days.len() => {
                moving.day += 1;
                moving.index = 0;
            }
            Action::PreviousDay | Action::NextDay => {
                let day = if action == Action::NextDay {
                    (moving.day + 1).min(days.len().saturating_sub(1))
                } else {
                    moving.day.saturating_sub(1)
                };
                moving.index = moving.index.min(others(day));
                moving.day = day;
            }
            Action::Confirm => {
                let command = Command::Agenda(AgendaCommand::Move {
                    item: moving.item.clone(),
                    day: moving.day,
                    index: moving.index,
                });
                if host.execute(&command) {
                    let state = host.state();
                    self.selected = state
                        .agenda_order()
                        .position(|(_, i)| i.id == moving.item)
                        .unwrap_or(self.selected);
                    host.open(Mode::Normal);
                }
            }
            Action::Back => host.open(Mode::Normal),
            Action::Help | Action::Quit => return false,
            _ => {}
        }
        true
    }

    /// Saves an item form (true), or puts what is wrong in it (false).
    pub fn save_item_form(&mut self, form: &mut Form, host: &mut impl Host) -> bool {
        let value = |i: usize| form.values.get(i).map_or("", |v| v.trim());
        let mut problems = Vec::new();
        let kind_at = usize::from(matches!(form.purpose, FormPurpose::NewItem { .. })) + 1;
        // The kinds are listed under the fields: the problem need not list them again.
        let kind = value(kind_at).parse::<ItemKind>().unwrap_or_else(|_| {
            problems.push((Some(kind_at), format!("`{}` is not a kind", value(kind_at))));
            ItemKind::Lecture
        });
        let edit = ItemEdit {
            title: value(0).to_owned(),
            kind,
            presenter: Some(value(kind_at + 1).to_owned()).filter(|p| !p.is_empty()),
        };
        let command = match &form.purpose {
            FormPurpose::NewItem { after } => {
                let minutes = value(1).parse::<u32>().unwrap_or_else(|_| {
                    problems.push((
                        Some(1),
                        format!("`{}` is not a number of minutes", value(1)),
                    ));
                    0
                });
                Command::Agenda(AgendaCommand::Insert {
                    after: after.clone(),
                    item: edit,
                    minutes,
                })
            }
            FormPurpose::ItemEdit { item } => Command::Agenda(AgendaCommand::Edit {
                item: item.clone(),
                edit,
            }),
            FormPurpose::Person(_) => return false,
        };
        problems.sort_by_key(|(field, _)| *field);
        if problems.is_empty() {
            match host.decide(&command) {
                Ok(event) => {
                    let added = match event {
                        crate::event::Event::ItemAdded { item, .. } => Some(item.id),
                        _ => None,
                    };
                    if !host.execute(&command) {
                        return false;
                    }
                    // The selection goes to the item added, so `e`, `M` or Enter act on it.
                    if let Some(id) = added {
                        self.selected = host
                            .state()
                            .agenda_order()
                            .position(|(_, i)| i.id == id)
                            .unwrap_or(self.selected);
                    }
                    return true;
                }
                Err(refusal) => {
                    let field = field_of(&refusal.0, form.purpose.fields());
                    problems.push((field, refusal.0));
                }
            }
        }
        form.problems = problems;
        false
    }

    /// The id of the selected item (empty if the plan has none).
    fn selected_id(&self, state: &State) -> String {
        state
            .agenda_order()
            .nth(self.selected)
            .map(|(_, i)| i.id.clone())
            .unwrap_or_default()
    }

    fn move_selection(&mut self, action: Action, items: usize) {
        let last = items.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(10),
            Action::PageDown => (self.selected + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }
}

/// The field a refusal is about, when it names one ("a title ...", "a duration ...").
fn field_of(refusal: &str, fields: &[&str]) -> Option<usize> {
    let named = |word: &str| fields.iter().position(|f| *f == word);
    if refusal.contains("title") {
        named("title")
    } else if refusal.contains("duration") || refusal.contains("minutes") {
        named("minutes")
    } else if refusal.contains("presenter") {
        named("presenter")
    } else {
        None
    }
}

/// The command for a confirmed agenda text field, or the problem to show in it.
pub fn command_for(state: &State, field: &AgendaInput, text: &str) -> Result<Command, String> {
    let item = |position: usize| {
        state
            .agenda_order()
            .nth(position)
            .map(|(_, i)| i.id.clone())
            .unwrap_or_default()
    };
    match field {
        AgendaInput::Note(p) => Ok(Command::Agenda(AgendaCommand::AddNote {
            item: item(*p),
            text: text.to_owned(),
        })),
        AgendaInput::Duration(p) => text
            .trim()
            .parse::<u32>()
            .map(|minutes| {
                Command::Agenda(AgendaCommand::SetDuration {
                    item: item(*p),
                    minutes,
                })
            })
            .map_err(|_| format!("`{}` is not a number of minutes", text.trim())),
        AgendaInput::Message => Ok(Command::Agenda(AgendaCommand::SetMessage(
            Some(text.to_owned()).filter(|t| !t.trim().is_empty()),
        ))),
    }
}

/// The agenda position to select: the running item, else the next one, else the first.
pub fn selection_for(state: &State) -> usize {
    let id = state
        .current()
        .or_else(|| state.next_item())
        .map(|i| i.id.clone());
    id.and_then(|id| state.agenda_order().position(|(_, i)| i.id == id))
        .unwrap_or(0)
}
