//! The agenda's actions: moving the selection, stepping through the items and their clock,
//! skipping, planned minutes, notes, head counts and the projector message.

use super::AgendaView;
use crate::state::{AgendaCommand, Command, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{AgendaInput, AttendanceInput, InputPurpose, Mode};

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
