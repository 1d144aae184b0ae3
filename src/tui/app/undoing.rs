//! `u` where the newest action was taken in another view: the first press says what it
//! would take back and where, and only a second press does (a check-in made in Attendance
//! is not undone unseen from Feedback).

use super::App;
use crate::event::Event;
use crate::state::Command;
use crate::tui::ui::{Mode, View};

/// The view an event is recorded from; `None` for an undo.
pub fn view_of(event: &Event) -> Option<View> {
    Some(match event {
        Event::ItemStarted { .. }
        | Event::ItemStopped
        | Event::ClockPaused
        | Event::ClockResumed
        | Event::ItemSkipped { .. }
        | Event::ItemUnskipped { .. }
        | Event::DurationSet { .. }
        | Event::NoteAdded { .. }
        | Event::MessageSet { .. }
        | Event::ItemAdded { .. }
        | Event::ItemMoved { .. }
        | Event::ItemEdited { .. }
        | Event::HeadCounted { .. } => View::Agenda,
        Event::ParticipantsAdded { .. }
        | Event::Marked { .. }
        | Event::ParticipantEdited { .. }
        | Event::ParticipantWithdrawn { .. }
        | Event::ItemAttended { .. } => View::Attendance,
        Event::Assessed { .. }
        | Event::EvidenceNoted { .. }
        | Event::Flagged { .. }
        | Event::ScoresImported { .. }
        | Event::DeviceAssessed { .. } => View::Assessment,
        Event::Distilled { .. }
        | Event::DistillationRemoved { .. }
        | Event::DistillationEdited { .. }
        | Event::ActionPlanned { .. }
        | Event::ActionStatusSet { .. }
        | Event::ActionRevised { .. }
        | Event::ActionRemoved { .. } => View::Plans,
        Event::GroupsFormed { .. }
        | Event::GroupRenamed { .. }
        | Event::MemberMoved { .. }
        | Event::Scored { .. }
        | Event::ChecklistLineAdded { .. }
        | Event::ReferenceTicked { .. } => View::Exercises,
        Event::FeedbackGiven { .. } | Event::FeedbackTallied { .. } => View::Feedback,
        Event::Undone { .. } => return None,
    })
}

impl App {
    /// The view on screen, as the events it records: the projector is the agenda's, the
    /// scoreboard the exercises', the presentation the plans'.
    fn view_on_screen(&self) -> View {
        match self.ui.base_mode() {
            Mode::Projector { .. } => View::Agenda,
            Mode::Scoreboard => View::Exercises,
            Mode::Presentation => View::Plans,
            _ => self.ui.view,
        }
    }

    /// `u`: takes back the newest action, at once if it was taken in the view on screen
    /// (the comparison counts the assessment's levels as its own); else only on a second
    /// `u` in a row, the first saying what and where.
    pub(super) fn undo(&mut self) {
        let history = self.run.history();
        let newest = history
            .last_undoable()
            .and_then(|target| history.log().iter().find(|r| r.seq == target));
        if let Some(recorded) = newest
            && let Some(view) = view_of(&recorded.event)
        {
            let here = self.view_on_screen();
            let seen = view == here || (here == View::Comparison && view == View::Assessment);
            if !seen && self.undo_asked != Some(recorded.seq) {
                let what = recorded.event.describe(history.state());
                self.undo_asked = Some(recorded.seq);
                self.say(&format!(
                    "the newest action was in {}: {what}. u again undoes it",
                    view.title()
                ));
                return;
            }
        }
        self.undo_asked = None;
        self.execute(&Command::Undo);
    }
}
