//! The app as its views' host: what a view's `handle` may ask of it, and lending a view its
//! own state while it acts.

use chrono::{DateTime, Utc};

use super::App;
use crate::event::Event;
use crate::state::{Command, Refusal, State};
use crate::tui::host::Host;
use crate::tui::keymap::Action;
use crate::tui::ui::{FormPurpose, InputPurpose, Mode, Ui, View};

impl Host for App {
    fn state(&self) -> &State {
        self.run.state()
    }

    fn now(&self) -> DateTime<Utc> {
        self.ui.now
    }

    fn view(&self) -> View {
        self.ui.view
    }

    fn decide(&self, command: &Command) -> Result<Event, Refusal> {
        self.run.history().decide(command)
    }

    fn execute(&mut self, command: &Command) -> bool {
        App::execute(self, command)
    }

    fn ask(&mut self, purpose: InputPurpose, text: String) {
        self.open_input(purpose, text);
    }

    fn open(&mut self, mode: Mode) {
        self.ui.mode = mode;
    }

    fn refuse(&mut self, why: &str) {
        self.say_error(why);
    }
}

impl App {
    /// Lets the view state `pick` chooses act with the app as its host: the view's state is
    /// lent out for the call (so both can be borrowed at once) and put back after it.
    pub(super) fn with_view<V: Default>(
        &mut self,
        pick: fn(&mut Ui) -> &mut V,
        act: impl FnOnce(&mut V, &mut Self) -> bool,
    ) -> bool {
        let mut view = std::mem::take(pick(&mut self.ui));
        let done = act(&mut view, self);
        *pick(&mut self.ui) = view;
        done
    }

    /// Keys while paper forms are typed: the form's answers are lent to the feedback view.
    pub(super) fn enter_forms(&mut self, action: Action) -> bool {
        let Mode::FeedbackEntry(answers) = &mut self.ui.mode else {
            return false;
        };
        let mut answers = std::mem::take(answers);
        let done = self.with_view(
            |ui| &mut ui.feedback,
            |view, app| view.enter_forms(&mut answers, action, app),
        );
        if let Mode::FeedbackEntry(held) = &mut self.ui.mode {
            *held = answers;
        }
        done
    }

    /// Keys while an agenda item is moved: the place it would go is lent to the agenda.
    pub(super) fn moving(&mut self, action: Action) -> bool {
        let Mode::Moving(moving) = &self.ui.mode else {
            return false;
        };
        let mut moving = moving.clone();
        let done = self.with_view(
            |ui| &mut ui.agenda,
            |view, app| view.handle_moving(&mut moving, action, app),
        );
        if let Mode::Moving(held) = &mut self.ui.mode {
            *held = moving;
        }
        done
    }

    /// Saves the form (a participant's, an item's), closing it, or shows what is wrong in it.
    pub(super) fn confirm_form(&mut self) {
        let Mode::Form(form) = &mut self.ui.mode else {
            return;
        };
        let mut form = form.clone();
        let saved = if matches!(form.purpose, FormPurpose::Person(_)) {
            self.with_view(
                |ui| &mut ui.attendance,
                |v, app| v.save_form(&mut form, app),
            )
        } else {
            self.with_view(
                |ui| &mut ui.agenda,
                |v, app| v.save_item_form(&mut form, app),
            )
        };
        self.ui.mode = if saved {
            Mode::Normal
        } else {
            Mode::Form(form)
        };
    }
}
