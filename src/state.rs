//! The in-memory picture of a run: the plan with every recorded event applied. Pure: no
//! terminal, no disk, no clock (the time comes in as an argument).

mod admit;
mod agenda;
mod assessment;
mod attendance;
mod checkpoint;
mod command;
mod exercises;
mod feedback;
mod grouping;
pub(crate) mod history;
mod places;
mod plans;
mod projection;
mod reshaping;
mod reversal;
mod tallies;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::event::{Event, Recorded};
use crate::plan::{Participant, Plan, Zone};

pub use agenda::{AgendaRun, Note, Pause, Stint};
pub use assessment::{ALREADY_RECEIVED, Assessment, Completion, Lens};
pub use attendance::{Attendance, Certificate, CertificateCounts, DayTotals};
pub use command::{
    AgendaCommand, AssessmentCommand, AttendanceCommand, Command, ExercisesCommand,
    FeedbackCommand, PlansCommand, Refusal,
};
pub use exercises::{Exercises, Standing};
pub use grouping::propose_groups;
pub use history::History;
pub use places::{Spellings, place_key};
pub use plans::{ActionItem, Plans, Takeaway};
pub use projection::{Clash, DayProjection};
pub use reshaping::{Change, Reshaped};

/// Where an item sits in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    /// Index into `plan.days`.
    pub day: usize,
    /// Index into that day's items.
    pub index: usize,
}

/// How an agenda item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Upcoming,
    Running,
    Paused,
    Done,
    Skipped,
    /// Never started nor skipped, and the agenda has moved past it: not held (so far).
    PassedOver,
}

/// What the run looks like after the events so far.
#[derive(Debug, Clone)]
pub struct State {
    plan: Plan,
    zone: Zone,
    /// The plan's days with the items added, moved and edited in the room.
    days: Vec<crate::plan::Day>,
    order: Vec<ItemRef>,
    position: HashMap<String, usize>,
    /// Everything the events have changed.
    folded: Folded,
    /// The distinct cities of those not withdrawn, in roster order: asked for on every
    /// frame of the CityShare views, so kept rather than worked out each time.
    cities: Vec<String>,
    /// The newest event applied.
    applied: u64,
    /// Counts the attendance view shows on every frame, once asked for.
    tallies: OnceLock<tallies::Tallies>,
}

/// What the events have made of the plan, part by part: all that folding an event changes.
/// Copies of it (for undo, for a snapshot) are whole copies of this one value, so a part
/// added here is never left out of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Folded {
    pub(crate) participants: Vec<Participant>,
    pub(crate) agenda: AgendaRun,
    pub(crate) attendance: Attendance,
    pub(crate) assessment: Assessment,
    pub(crate) plans: Plans,
    pub(crate) exercises: Exercises,
}

/// Two states are equal when the same events made the same of the same plan (the rest is
/// worked out from those).
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.plan == other.plan
            && self.folded == other.folded
            && self.cities == other.cities
            && self.applied == other.applied
    }
}

impl State {
    /// The state of a run before anything has happened.
    pub fn new(plan: Plan) -> Self {
        // A validated plan always has a known zone; UTC is only a fallback for test plans.
        let zone = plan
            .time_zone
            .parse()
            .unwrap_or(Zone::Named(chrono_tz::UTC));
        let mut state = Self {
            plan,
            zone,
            days: Vec::new(),
            order: Vec::new(),
            position: HashMap::new(),
            folded: Folded::default(),
            cities: Vec::new(),
            applied: 0,
            tallies: OnceLock::new(),
        };
        state.reset_folded();
        state
    }

    /// Puts the folded parts back as they stand before any event: the plan's roster and
    /// groups, nothing else.
    pub(super) fn reset_folded(&mut self) {
        self.tallies.take();
        self.folded.participants.clone_from(&self.plan.roster);
        self.folded.agenda = AgendaRun::default();
        self.folded.attendance = Attendance::default();
        self.folded.assessment = Assessment::default();
        self.folded.plans = Plans::default();
        self.folded.exercises = Exercises::default();
        self.seed_groups();
        self.refresh_cities();
        self.reshape();
    }

    /// The plan's pre-formed groups are the shared groups until others are formed.
    fn seed_groups(&mut self) {
        let groups = self.plan_groups();
        if !groups.is_empty() {
            self.folded.exercises.groups.insert(None, groups);
        }
    }

    /// Applies one event: what it changes, and that it is the newest applied. An undo
    /// (`Event::Undone`) changes nothing here: taking an event back needs the events before
    /// it, which the run's [`History`] holds and applies undos with.
    pub fn apply(&mut self, recorded: &Recorded) {
        self.applied = recorded.seq;
        self.effect(recorded);
    }

    pub(super) fn effect(&mut self, recorded: &Recorded) {
        self.keeping_tallies(&recorded.event, |state| state.apply_effect(recorded));
    }

    fn apply_effect(&mut self, recorded: &Recorded) {
        let at = recorded.at;
        match &recorded.event {
            Event::ParticipantsAdded { participants, .. } => {
                self.folded
                    .participants
                    .extend(participants.iter().cloned());
            }
            Event::ItemStarted { item } => self.start_item(item, at),
            Event::ItemStopped => self.folded.agenda.stop(at),
            Event::ClockPaused => self.folded.agenda.pause(at),
            Event::ClockResumed => self.folded.agenda.resume(at),
            Event::ItemSkipped { item } => {
                self.folded.agenda.skipped.insert(item.clone());
                if self
                    .folded
                    .agenda
                    .running()
                    .is_some_and(|s| &s.item == item)
                {
                    match self.following(item).map(|i| i.id.clone()) {
                        Some(next) => self.folded.agenda.start(&next, at),
                        None => self.folded.agenda.stop(at),
                    }
                }
            }
            Event::ItemUnskipped { item } => {
                self.folded.agenda.skipped.remove(item);
            }
            Event::DurationSet { item, minutes } => {
                self.folded.agenda.durations.insert(item.clone(), *minutes);
            }
            Event::NoteAdded { item, text } => {
                self.folded
                    .agenda
                    .notes
                    .entry(item.clone())
                    .or_default()
                    .push(Note {
                        at,
                        text: text.clone(),
                    });
            }
            Event::MessageSet { text } => self.folded.agenda.message.clone_from(text),
            Event::ItemAdded { .. } | Event::ItemMoved { .. } | Event::ItemEdited { .. } => {
                self.reshape_effect(&recorded.event);
            }
            Event::Marked { .. }
            | Event::ParticipantEdited { .. }
            | Event::ParticipantWithdrawn { .. }
            | Event::HeadCounted { .. }
            | Event::ItemAttended { .. } => self.attendance_effect(&recorded.event),
            Event::Assessed { .. }
            | Event::EvidenceNoted { .. }
            | Event::Flagged { .. }
            | Event::ScoresImported { .. }
            | Event::DeviceAssessed { .. } => self.assessment_effect(&recorded.event),
            Event::Distilled { .. }
            | Event::DistillationRemoved { .. }
            | Event::DistillationEdited { .. }
            | Event::ActionPlanned { .. }
            | Event::ActionStatusSet { .. }
            | Event::ActionRevised { .. }
            | Event::ActionRemoved { .. } => self.plans_effect(recorded.seq, &recorded.event),
            Event::GroupsFormed { .. }
            | Event::GroupRenamed { .. }
            | Event::MemberMoved { .. }
            | Event::Scored { .. }
            | Event::ChecklistLineAdded { .. }
            | Event::ReferenceTicked { .. }
            | Event::FeedbackGiven { .. }
            | Event::FeedbackTallied { .. } => self.exercises_effect(&recorded.event),
            Event::Undone { .. } => {}
        }
        if matches!(
            recorded.event,
            Event::ParticipantsAdded { .. }
                | Event::ParticipantEdited { .. }
                | Event::ParticipantWithdrawn { .. }
        ) {
            self.refresh_cities();
        }
    }

    /// The plan the run started from.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan's time zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Everyone on the run's roster: the plan's, then those added since, in order.
    pub fn participants(&self) -> &[Participant] {
        &self.folded.participants
    }

    /// The sequence number of the last event applied (0 before any).
    pub fn applied(&self) -> u64 {
        self.applied
    }

    /// The participant with this id.
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.folded.participants.iter().find(|p| p.id == id)
    }

    /// Someone already on the roster with the same name, organisation and city, compared
    /// without regard to case or spacing.
    pub fn same_person(&self, name: &str, organisation: &str, city: &str) -> Option<&Participant> {
        let key = person_key(name, organisation, city);
        self.folded
            .participants
            .iter()
            .find(|p| person_key(&p.name, &p.organisation, &p.city) == key)
    }

    /// A participant id not used yet: `p01`, `p02` ... after the highest such id in use.
    pub fn next_participant_id(&self, taken: &[String]) -> String {
        let highest = taken
            .iter()
            .filter_map(|id| participant_number(id))
            .fold(self.next_participant_number() - 1, u32::max);
        format!("p{:02}", highest + 1)
    }

    /// The number after the highest `pNN` id on the roster (1 when there is none).
    pub fn next_participant_number(&self) -> u32 {
        self.folded
            .participants
            .iter()
            .filter_map(|p| participant_number(&p.id))
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }
}

/// The names the words for an event use.
impl crate::event::Names for State {
    fn item_title(&self, id: &str) -> Option<String> {
        self.find_item(id).map(|(_, item)| item.title.clone())
    }

    fn person_name(&self, id: &str) -> Option<String> {
        self.participant(id).map(|p| p.name.clone())
    }

    fn criterion_title(&self, id: &str) -> Option<String> {
        let framework = self.plan.framework();
        let criterion = framework.criteria.iter().find(|c| c.id == id)?;
        Some(criterion.title.clone())
    }

    fn group_name(&self, exercise: Option<&str>, group: &str) -> Option<String> {
        let groups = self.groups(exercise);
        groups
            .iter()
            .find(|g| g.id == group)
            .map(|g| g.name.clone())
    }

    fn rubric_title(&self, exercise: &str, criterion: &str) -> Option<String> {
        let exercise = self.plan.exercises.iter().find(|e| e.id == exercise)?;
        let criterion = exercise.rubric.iter().find(|c| c.id == criterion)?;
        Some(criterion.title.clone())
    }

    fn checklist_text(&self, exercise: &str, item: &str) -> Option<String> {
        let exercise = self.plan.exercises.iter().find(|e| e.id == exercise)?;
        let item = exercise.checklist.iter().find(|i| i.id == item)?;
        Some(item.text.clone())
    }
}

/// The number of an id of the form `pNN`, the form given to people added without one.
pub fn participant_number(id: &str) -> Option<u32> {
    id.strip_prefix('p').and_then(|n| n.parse().ok())
}

/// How two roster entries are compared when deciding if they are the same person.
pub fn person_key(name: &str, organisation: &str, city: &str) -> (String, String, String) {
    let squeeze = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    (squeeze(name), squeeze(organisation), squeeze(city))
}

#[cfg(test)]
mod tests;
