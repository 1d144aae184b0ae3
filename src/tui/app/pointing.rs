//! The mouse: a click on a tab opens its view, on a person or an item selects it (a second
//! click on an item opens it), and the wheel moves the selection.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::tui::keymap::Action;
use crate::tui::ui::{Mode, View};
use crate::tui::views::{agenda, attendance, chrome};

impl App {
    /// Handles one mouse event; nothing in a field, the help, the projector, or a window
    /// too small to show what would be clicked.
    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        if self.too_small()
            || matches!(
                self.ui.mode,
                Mode::Projector { .. } | Mode::Input(_) | Mode::Help(_)
            )
        {
            return;
        }
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(view) =
                    chrome::tab_at(self.area, self.ui.room.is_some(), mouse.column, mouse.row)
                {
                    self.ui.view = view;
                    self.ui.mode = Mode::Normal;
                } else if self.ui.view == View::Attendance {
                    let body = chrome::areas(self.area, &self.ui).body;
                    if let Some(row) =
                        attendance::person_at(body, self.state(), &self.ui, mouse.row)
                    {
                        self.ui.attendance.person = row;
                    }
                } else if let Some(position) = agenda::item_at(
                    chrome::areas(self.area, &self.ui).body,
                    self.state(),
                    &self.ui,
                    mouse.column,
                    mouse.row,
                ) {
                    if position == self.ui.agenda.selected {
                        self.ui.mode = Mode::Detail;
                    }
                    self.ui.agenda.selected = position;
                }
            }
            MouseEventKind::ScrollDown => self.act(Action::Down),
            MouseEventKind::ScrollUp => self.act(Action::Up),
            _ => return,
        }
        self.dirty = true;
    }
}
