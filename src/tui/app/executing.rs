//! Carrying out a command: decided against the state, recorded, and said on the status
//! line, with the key to press next where there is one.

use chrono::{DateTime, TimeDelta, Utc};

use super::{App, Syncs};
use crate::event::Event;
use crate::state::Command;
use crate::tui::keymap::Action;
use crate::tui::ui::{Mode, Status, View};

impl App {
    /// Decides, records durably, applies (durably once [`App::settle`] returns, when syncs
    /// overlap frames). Returns whether it was done; says why not otherwise.
    pub fn execute(&mut self, command: &Command) -> bool {
        if !self.settle() {
            return false;
        }
        let event = match self.run.history().decide(command) {
            Ok(event) => event,
            Err(refusal) => {
                self.ui.status = Some(Status {
                    text: refusal.0,
                    is_error: true,
                });
                return false;
            }
        };
        let (at, went_back) = self.never_before_the_log((self.clock)());
        let said = match &event {
            Event::Undone { target } => match self.run.event(*target) {
                Some(undone) => format!("undone: {}", undone.event.describe(self.state())),
                None => "undone".to_owned(),
            },
            _ => self.with_key_hint(&event, event.describe(self.state())),
        };
        let said = match went_back {
            Some(by) => format!(
                "{said} (the computer's clock went back {} min; the time kept is the last action's)",
                by.num_minutes().max(1)
            ),
            None => said,
        };
        match self.run.stage(at, event) {
            Ok(()) => {
                self.ui.now = at;
                self.ui.status = Some(Status {
                    text: said,
                    is_error: false,
                });
                self.syncs == Syncs::Overlapped || self.settle()
            }
            Err(err) => {
                self.not_saved(&err);
                false
            }
        }
    }

    /// Says on the status line that an action could not be saved (the screen has taken it
    /// back), and counts it for the words on quitting.
    pub(super) fn not_saved(&mut self, why: &dyn std::fmt::Display) {
        self.say_error(&format!("not saved: {why}"));
        self.unsaved += 1;
        self.dirty = true;
    }

    /// A message on the status line.
    pub(super) fn say(&mut self, text: &str) {
        self.ui.status = Some(Status {
            text: text.to_owned(),
            is_error: false,
        });
        self.dirty = true;
    }

    /// An error on the status line.
    pub(super) fn say_error(&mut self, text: &str) {
        self.ui.status = Some(Status {
            text: text.to_owned(),
            is_error: true,
        });
    }

    /// `now`, or the newest event's time if the computer's clock has gone back behind it
    /// (a time server's correction, a laptop's clock reset), with how far back it went:
    /// actual times never run backwards, so no item ends before it started.
    pub(super) fn never_before_the_log(
        &self,
        now: DateTime<Utc>,
    ) -> (DateTime<Utc>, Option<TimeDelta>) {
        match self.run.history().log().last() {
            Some(last) if now < last.at => (last.at, Some(last.at - now)),
            _ => (now, None),
        }
    }

    /// `said` with the key that comes next, where an event leaves one to press: the keys
    /// in use, in the view and mode the facilitator is in.
    pub(super) fn with_key_hint(&self, event: &Event, said: String) -> String {
        let key = |action| {
            self.ui
                .keys
                .key_for(self.ui.view, self.ui.base_mode(), action)
                .or_else(|| self.ui.keys.key_for(View::Agenda, &Mode::Normal, action))
        };
        match event {
            Event::ItemStopped => match (self.state().next_item(), key(Action::Next)) {
                (Some(next), Some(key)) => format!("{said}; {key} starts \"{}\"", next.title),
                _ => said,
            },
            Event::ClockPaused => match key(Action::TogglePause) {
                Some(key) => format!("{said} ({key} resumes)"),
                None => said,
            },
            _ => said,
        }
    }
}
