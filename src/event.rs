//! Events: the facilitator's actions as they are recorded, one at a time, in the run's log.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::plan::{ClockTime, Item, ItemKind, Participant};

mod wording;

pub use wording::Names;

/// One thing that happened in the room. The run's state is the fold of these over the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// People joined the roster after the plan was written: a roster import or walk-ins.
    /// One event per import, so an import lands whole or not at all.
    ParticipantsAdded {
        /// Where they came from, e.g. the CSV file's name.
        source: String,
        participants: Vec<Participant>,
    },
    /// An agenda item started; whatever was running ended at that moment.
    ItemStarted { item: String },
    /// The running item ended and nothing else started (the end of a day).
    ItemStopped,
    /// The clock of the running item stopped (a break that runs long, a fire alarm).
    ClockPaused,
    /// The clock of the running item runs again.
    ClockResumed,
    /// An item will not be held. Skipping the running item ends it and starts the next one.
    ItemSkipped { item: String },
    /// A skipped item is back on the agenda.
    ItemUnskipped { item: String },
    /// The planned length of an item, in minutes, from now on.
    DurationSet { item: String, minutes: u32 },
    /// A facilitator's note on an item: what was said, what to follow up.
    NoteAdded { item: String, text: String },
    /// The message on the projector ("Back at 14:00"), or none.
    MessageSet { text: Option<String> },
    /// An item added to the agenda in the room (a guest speaker, an extra discussion), right
    /// after the item `after`. The plan file is not changed.
    ItemAdded { after: String, item: Item },
    /// An item moved in the room: to the day with this date, at `index` among its items.
    ItemMoved {
        item: String,
        day: NaiveDate,
        index: usize,
    },
    /// An upcoming item's title, kind or presenter changed in the room.
    ItemEdited { item: String, edit: ItemEdit },
    /// Attendance marks for one day: one person, or several at once (everyone not yet marked
    /// is one event, so one undo takes it back).
    Marked {
        day: NaiveDate,
        participants: Vec<String>,
        mark: Option<Mark>,
    },
    /// A participant's details corrected. The event log keeps the earlier values.
    ParticipantEdited { participant: Participant },
    /// A participant left the workshop for good, or came back. Past marks are kept.
    ParticipantWithdrawn {
        participant: String,
        withdrawn: bool,
    },
    /// How many people were in the room for an item.
    HeadCounted { item: String, count: u32 },
    /// One person's presence at one item, for items the plan takes attendance for.
    ItemAttended {
        item: String,
        participant: String,
        present: bool,
    },
    /// A level on one criterion: a city's own assessment (`rater` none) or another city's
    /// rating of it. Level 0 is "unknown / not applicable".
    Assessed {
        rater: Option<String>,
        city: String,
        criterion: String,
        level: u8,
    },
    /// Evidence behind a city's own level on a criterion.
    EvidenceNoted {
        city: String,
        criterion: String,
        text: String,
    },
    /// A city marks a criterion as a good practice to share or a priority for action.
    Flagged {
        city: String,
        criterion: String,
        flag: Flag,
        on: bool,
    },
    /// Levels brought in from a spreadsheet, all at once.
    ScoresImported { source: String, scores: Vec<Score> },
    /// A city's self-assessment sent from a phone in the room: `device` as the facilitator
    /// sees it ("Bangkok 1"), `form` the random id of the page it was sent from (a resend is
    /// known by it), and its levels with their evidence.
    DeviceAssessed {
        device: String,
        form: String,
        scores: Vec<Score>,
    },
    /// A takeaway: a key challenge or good practice a city names, tagged with criteria. Its id is
    /// the event's sequence number.
    Distilled {
        city: String,
        takeaway: TakeawayKind,
        text: String,
        criteria: Vec<String>,
    },
    /// A takeaway withdrawn (by its id).
    DistillationRemoved { entry: u64 },
    /// A takeaway's words and tags corrected (by its id).
    DistillationEdited {
        entry: u64,
        text: String,
        criteria: Vec<String>,
    },
    /// An action in a city's action plan. Its id is the event's sequence number.
    ActionPlanned { city: String, action: PlannedAction },
    /// How an action stands now (by its id).
    ActionStatusSet { action: u64, status: ActionStatus },
    /// An action corrected (by its id): what, who, when, criterion and indicator.
    ActionRevised { action: u64, revised: PlannedAction },
    /// An action taken out of its plan (by its id): typed by mistake, not dropped.
    ActionRemoved { action: u64 },
    /// Groups formed for an exercise (`exercise` none: the groups all exercises share),
    /// replacing the groups there were.
    GroupsFormed {
        exercise: Option<String>,
        groups: Vec<FormedGroup>,
    },
    /// A group's new name.
    GroupRenamed {
        exercise: Option<String>,
        group: String,
        name: String,
    },
    /// A participant moved into another group.
    MemberMoved {
        exercise: Option<String>,
        participant: String,
        to: String,
    },
    /// Points for a group on one rubric criterion of an exercise.
    Scored {
        exercise: String,
        group: String,
        criterion: String,
        points: u32,
    },
    /// A line of a group's own checklist.
    ChecklistLineAdded {
        exercise: String,
        group: String,
        text: String,
    },
    /// Whether a group's checklist covered a reference item.
    ReferenceTicked {
        exercise: String,
        group: String,
        item: String,
        covered: bool,
    },
    /// One anonymous feedback form: no participant id is kept with it.
    FeedbackGiven { form: FeedbackForm },
    /// Counts of answers 1-5 to one question, added to the forms (entered from a tally).
    FeedbackTallied {
        question: Question,
        counts: [u32; 5],
    },
    /// Takes back the event with sequence number `target`, as if it had not happened.
    Undone { target: u64 },
}

/// What an item is changed to in the room: its title, kind and presenter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemEdit {
    pub title: String,
    pub kind: ItemKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
}

/// A group as formed: id, name and members by participant id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormedGroup {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
}

/// A feedback question: a module's usefulness or interest, or the overall satisfaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Question {
    Usefulness { module: String },
    Interest { module: String },
    Overall,
}

/// One paper form's answers, each 1-5; a question left blank is not in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackForm {
    pub answers: Vec<(Question, u8)>,
}

/// What a takeaway is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TakeawayKind {
    Challenge,
    GoodPractice,
}

/// When an action is due: a date, or the short or medium term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Due {
    Date(NaiveDate),
    ShortTerm,
    MediumTerm,
}

/// One action of a city's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    pub what: String,
    pub who: String,
    pub due: Due,
    /// The criterion it serves, by id.
    pub criterion: String,
    /// How follow-up will tell it was done.
    pub indicator: String,
}

/// How an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Planned,
    Started,
    Done,
    Dropped,
}

/// What a city marks a criterion as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    GoodPractice,
    Priority,
}

/// One level from an import: like [`Event::Assessed`], with the evidence note if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    pub city: String,
    pub criterion: String,
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A participant's attendance on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Mark {
    Present,
    /// Arrived at this local time.
    Late {
        at: ClockTime,
    },
    /// Left at this local time.
    LeftEarly {
        at: ClockTime,
    },
    Absent,
    Excused {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl Event {
    /// Whether `u` in the app may take this event back. Roster imports are undone from the
    /// command line, and an undo is not itself undone.
    pub fn is_undoable(&self) -> bool {
        !matches!(self, Event::ParticipantsAdded { .. } | Event::Undone { .. })
    }

    /// Whether this event holds participant records (added or edited): where every name a
    /// participant ever had is written.
    pub fn records_participants(&self) -> bool {
        matches!(
            self,
            Event::ParticipantsAdded { .. } | Event::ParticipantEdited { .. }
        )
    }
}

/// An event as the store keeps it: its place in the log and when it was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// Position in the log, from 1, without gaps.
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub event: Event,
}

impl Due {
    /// As a data file writes it: an ISO date (2016-03-31) a spreadsheet reads as a date, or
    /// "short term", "medium term".
    pub fn as_data(&self) -> String {
        match self {
            Due::Date(date) => date.format("%Y-%m-%d").to_string(),
            Due::ShortTerm | Due::MediumTerm => self.to_string(),
        }
    }
}

/// As people read it: "31 Mar 2016".
impl std::fmt::Display for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Due::Date(date) => write!(f, "{}", date.format("%-d %b %Y")),
            Due::ShortTerm => f.write_str("short term"),
            Due::MediumTerm => f.write_str("medium term"),
        }
    }
}

impl std::fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Started => "started",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        })
    }
}

impl std::fmt::Display for TakeawayKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TakeawayKind::Challenge => "key challenge",
            TakeawayKind::GoodPractice => "good practice",
        })
    }
}

impl std::fmt::Display for Mark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mark::Present => f.write_str("present"),
            Mark::Late { at } => write!(f, "late ({at})"),
            Mark::LeftEarly { at } => write!(f, "left early ({at})"),
            Mark::Absent => f.write_str("absent"),
            Mark::Excused {
                reason: Some(reason),
            } => write!(f, "excused: {reason}"),
            Mark::Excused { reason: None } => f.write_str("excused"),
        }
    }
}

/// A projector message event, for unit tests that need some event.
#[cfg(test)]
pub(crate) fn message(text: &str) -> Event {
    Event::MessageSet {
        text: Some(text.to_owned()),
    }
}
