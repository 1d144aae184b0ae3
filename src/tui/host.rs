//! What a view's actions may ask of the app. A view keeps its own selection and turns keys
//! into commands; recording a command, opening a field or a mode over the view, and saying
//! why not are the app's, reached through this trait so that a view never names the app.

use chrono::{DateTime, Utc};

use super::ui::{InputPurpose, Mode, View};
use crate::event::Event;
use crate::state::{Command, Refusal, State};

/// The app, as a view's actions see it.
pub trait Host {
    /// The run's state.
    fn state(&self) -> &State;
    /// The time of the last clock tick.
    fn now(&self) -> DateTime<Utc>;
    /// The view on screen.
    fn view(&self) -> View;
    /// The event `command` would record, or why it cannot be done; nothing is recorded.
    fn decide(&self, command: &Command) -> Result<Event, Refusal>;
    /// Records `command` durably and shows it; false (the status line says why) when it
    /// was refused or could not be saved.
    fn execute(&mut self, command: &Command) -> bool;
    /// Opens a text field for `purpose` over the view, holding `text`.
    fn ask(&mut self, purpose: InputPurpose, text: String);
    /// Puts `mode` over the view.
    fn open(&mut self, mode: Mode);
    /// Says on the status line why an action cannot be done.
    fn refuse(&mut self, why: &str);
}
