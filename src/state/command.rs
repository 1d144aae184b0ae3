//! What the facilitator asks for, checked against the state before anything is recorded.
//! A command becomes exactly one event, or a refusal that says why and changes nothing.

use crate::event::{
    ActionStatus, Event, FeedbackForm, Flag, ItemEdit, Mark, PlannedAction, Question, Score,
    TakeawayKind,
};
use crate::plan::Participant;

use super::{History, ItemStatus, State};

/// A facilitator's request, by the part of the run it changes; each part decides its own
/// commands with an exhaustive match, so a new command does not compile until it is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Agenda(AgendaCommand),
    Attendance(AttendanceCommand),
    Assessment(AssessmentCommand),
    Plans(PlansCommand),
    Exercises(ExercisesCommand),
    Feedback(FeedbackCommand),
    /// Take back the last action.
    Undo,
}

/// Stepping through the agenda: its clock, its items, notes and the projector message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaCommand {
    /// End the running item and start the next one.
    Next,
    /// Go back to the item before.
    Previous,
    /// Start this item now.
    Start(String),
    /// End the running item without starting another (the end of a day).
    Stop,
    /// Pause or resume the running item's clock.
    TogglePause,
    /// Skip this item, or bring a skipped item back.
    ToggleSkip(String),
    /// Set an item's planned length in minutes.
    SetDuration { item: String, minutes: u32 },
    /// Add (or, negative, take) minutes to the running item's planned length.
    Nudge(i32),
    /// Append a note to an item.
    AddNote { item: String, text: String },
    /// Put a message on the projector, or clear it.
    SetMessage(Option<String>),
    /// Add an item after the item `after`, lasting `minutes`.
    Insert {
        after: String,
        item: ItemEdit,
        minutes: u32,
    },
    /// Move an item to `index` among the items of day `day` (an index into the days).
    Move {
        item: String,
        day: usize,
        index: usize,
    },
    /// Change an upcoming item's title, kind and presenter.
    Edit { item: String, edit: ItemEdit },
}

/// Who is there: marks, the roster, head counts and check-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceCommand {
    /// Set (or, with `None`, clear) a participant's mark for a day (an index into the days).
    Mark {
        participant: String,
        day: usize,
        mark: Option<Mark>,
    },
    /// Mark everyone without a mark on `day` present, as one undoable step.
    MarkAllPresent { day: usize },
    /// Add a walk-in; the id is assigned.
    AddParticipant(Participant),
    /// Correct a participant's details (matched by id).
    EditParticipant(Participant),
    /// Withdraw a participant, or bring them back.
    ToggleWithdrawn(String),
    /// Record how many people are in the room for an item.
    HeadCount { item: String, count: u32 },
    /// Check a participant in or out of an item.
    ToggleItemAttendance { item: String, participant: String },
}

/// CityShare levels, evidence and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssessmentCommand {
    /// Set a level: the city's own (`rater` none) or a peer city's rating of it.
    Assess {
        rater: Option<String>,
        city: String,
        criterion: String,
        level: u8,
    },
    /// Add evidence to a city's own level on a criterion.
    NoteEvidence {
        city: String,
        criterion: String,
        text: String,
    },
    /// Flag a criterion of a city as a good practice or a priority, or unflag it.
    ToggleFlag {
        city: String,
        criterion: String,
        flag: Flag,
    },
    /// A city's self-assessment from a phone in the room.
    FromDevice {
        device: String,
        form: String,
        scores: Vec<Score>,
    },
}

/// Key challenges, good practices and action plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlansCommand {
    /// Add a key challenge or good practice for a city, tagged with criteria ids.
    AddTakeaway {
        city: String,
        takeaway: TakeawayKind,
        text: String,
        criteria: Vec<String>,
    },
    /// Withdraw a takeaway by id.
    RemoveTakeaway(u64),
    /// Add an action to a city's plan.
    PlanAction { city: String, action: PlannedAction },
    /// Record how an action stands.
    SetActionStatus { action: u64, status: ActionStatus },
    /// Correct a takeaway's words and tags.
    EditTakeaway {
        entry: u64,
        text: String,
        criteria: Vec<String>,
    },
    /// Correct an action.
    ReviseAction { action: u64, revised: PlannedAction },
    /// Take an action out of its plan.
    RemoveAction(u64),
}

/// Groups, live points and checklists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExercisesCommand {
    /// Form `count` groups for an exercise (or the shared groups) from the people `present`.
    FormGroups {
        exercise: Option<String>,
        count: usize,
        present: Vec<String>,
    },
    /// Move a participant into another group.
    MoveMember {
        exercise: Option<String>,
        participant: String,
        to: String,
    },
    /// Give a group a new name.
    RenameGroup {
        exercise: Option<String>,
        group: String,
        name: String,
    },
    /// Points for a group on a rubric criterion.
    Score {
        exercise: String,
        group: String,
        criterion: String,
        points: u32,
    },
    /// A line of a group's own checklist.
    AddChecklistLine {
        exercise: String,
        group: String,
        text: String,
    },
    /// Tick (or untick) a reference item a group covered.
    ToggleReference {
        exercise: String,
        group: String,
        item: String,
    },
}

/// Participants' feedback, form by form or as tallies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackCommand {
    /// One anonymous paper form.
    GiveFeedback(FeedbackForm),
    /// Counts of 1s to 5s for one question.
    TallyFeedback {
        question: Question,
        counts: [u32; 5],
    },
}

/// Why a command was not carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

fn refuse<T>(text: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(text.into()))
}

impl History {
    /// The event `command` would record, or why it cannot be done: each part of the run
    /// decides its own commands against the state, and undo against the history.
    pub fn decide(&self, command: &Command) -> Result<Event, Refusal> {
        let state = self.state();
        match command {
            Command::Agenda(command) => state.decide_agenda(command),
            Command::Attendance(command) => state.decide_attendance(command),
            Command::Assessment(command) => state.decide_assessment(command),
            Command::Plans(command) => state.decide_plans(command),
            Command::Exercises(command) => state.decide_exercises(command),
            Command::Feedback(command) => state.decide_feedback(command),
            Command::Undo => self
                .last_undoable()
                .map(|target| Event::Undone { target })
                .ok_or_else(|| Refusal("nothing to undo".to_owned())),
        }
    }
}

impl State {
    /// The event for an agenda command.
    fn decide_agenda(&self, command: &AgendaCommand) -> Result<Event, Refusal> {
        match command {
            AgendaCommand::Next => {
                let Some(next) = self.next_item() else {
                    return refuse("this is the last item of the workshop");
                };
                // At the end of a day, `n` ends the last item; the next day starts with the next `n`.
                let day_of = |id: &str| self.find_item(id).map(|(r, _)| r.day);
                if let Some(current) = self.current()
                    && day_of(&current.id) != day_of(&next.id)
                {
                    return Ok(Event::ItemStopped);
                }
                Ok(Event::ItemStarted {
                    item: next.id.clone(),
                })
            }
            AgendaCommand::Previous => match self.previous_item() {
                Some(item) => Ok(Event::ItemStarted {
                    item: item.id.clone(),
                }),
                None => refuse("there is no item before this one"),
            },
            AgendaCommand::Start(id) => {
                let Some((_, item)) = self.find_item(id) else {
                    return refuse(format!("no item has the id `{id}`"));
                };
                if self.current().is_some_and(|c| c.id == *id) {
                    return refuse(format!("\"{}\" is already running", item.title));
                }
                Ok(Event::ItemStarted { item: id.clone() })
            }
            AgendaCommand::Stop => match self.current() {
                Some(_) => Ok(Event::ItemStopped),
                None => refuse("nothing is running"),
            },
            AgendaCommand::TogglePause => match self.current() {
                None => refuse("nothing is running to pause"),
                Some(_) if self.is_paused() => Ok(Event::ClockResumed),
                Some(_) => Ok(Event::ClockPaused),
            },
            AgendaCommand::ToggleSkip(id) => self.decide_skip(id),
            AgendaCommand::Insert {
                after,
                item,
                minutes,
            } => self.decide_item_insert(after, item, *minutes),
            AgendaCommand::Move { item, day, index } => self.decide_item_move(item, *day, *index),
            AgendaCommand::Edit { item, edit } => self.decide_item_edit(item, edit),
            AgendaCommand::SetDuration { item, minutes } => self.decide_duration(item, *minutes),
            AgendaCommand::Nudge(delta) => self.decide_nudge(*delta),
            AgendaCommand::AddNote { item, text } => {
                if self.find_item(item).is_none() {
                    return refuse(format!("no item has the id `{item}`"));
                }
                let text = text.trim();
                if text.is_empty() {
                    return refuse("an empty note is not saved");
                }
                Ok(Event::NoteAdded {
                    item: item.clone(),
                    text: text.to_owned(),
                })
            }
            AgendaCommand::SetMessage(text) => {
                let text = text
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned);
                if text.is_none() && self.message().is_none() {
                    return refuse("there is no message to clear");
                }
                Ok(Event::MessageSet { text })
            }
        }
    }

    fn decide_skip(&self, id: &str) -> Result<Event, Refusal> {
        let Some((_, item)) = self.find_item(id) else {
            return refuse(format!("no item has the id `{id}`"));
        };
        match self.status(id) {
            ItemStatus::Skipped => Ok(Event::ItemUnskipped {
                item: id.to_owned(),
            }),
            ItemStatus::Done => refuse(format!("\"{}\" has already been held", item.title)),
            ItemStatus::PassedOver => refuse(format!(
                "\"{}\" was passed over: it is already not held (Enter starts it)",
                item.title
            )),
            ItemStatus::Upcoming | ItemStatus::Running | ItemStatus::Paused => {
                Ok(Event::ItemSkipped {
                    item: id.to_owned(),
                })
            }
        }
    }

    fn decide_duration(&self, id: &str, minutes: u32) -> Result<Event, Refusal> {
        let Some((_, item)) = self.find_item(id) else {
            return refuse(format!("no item has the id `{id}`"));
        };
        if !(1..=1440).contains(&minutes) {
            return refuse("a duration is 1 to 1440 minutes");
        }
        if matches!(self.status(id), ItemStatus::Done | ItemStatus::Skipped) {
            return refuse(format!("\"{}\" is no longer upcoming", item.title));
        }
        Ok(Event::DurationSet {
            item: id.to_owned(),
            minutes,
        })
    }

    fn decide_nudge(&self, delta: i32) -> Result<Event, Refusal> {
        let Some(current) = self.current() else {
            return refuse("nothing is running");
        };
        let minutes = i64::from(self.planned_minutes(&current.id)) + i64::from(delta);
        match u32::try_from(minutes) {
            Ok(minutes) if (1..=1440).contains(&minutes) => Ok(Event::DurationSet {
                item: current.id.clone(),
                minutes,
            }),
            _ => refuse(format!(
                "\"{}\" cannot be shorter than 1 minute",
                current.title
            )),
        }
    }
}
