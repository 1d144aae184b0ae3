//! The in-memory picture of a run: the plan with every recorded event applied. Pure: no
//! terminal, no disk, no clock (the time comes in as an argument).

mod admit;
mod agenda;
mod assessment;
mod attendance;
mod checkpoint;
mod command;
mod exercises;
mod grouping;
pub(crate) mod history;
mod plans;
mod projection;
mod reversal;
mod tallies;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, TimeDelta, Utc};

use crate::event::{Event, Recorded};
use crate::plan::{Day, Item, Participant, Plan, Zone, plan_day_with};

pub use agenda::{AgendaRun, Note, Pause, Stint};
pub use assessment::{Assessment, Completion, Lens};
pub use attendance::{Attendance, Certificate, CertificateCounts, DayTotals};
pub use command::{
    AgendaCommand, AssessmentCommand, AttendanceCommand, Command, ExercisesCommand,
    FeedbackCommand, PlansCommand, Refusal,
};
pub use exercises::{Exercises, Standing};
pub use grouping::propose_groups;
pub use history::History;
pub use plans::{ActionItem, Plans, Takeaway};
pub use projection::{Clash, DayProjection};

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
}

/// What the run looks like after the events so far.
#[derive(Debug, Clone)]
pub struct State {
    plan: Plan,
    zone: Zone,
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
        let order: Vec<ItemRef> = plan
            .days
            .iter()
            .enumerate()
            .flat_map(|(day, d)| (0..d.items.len()).map(move |index| ItemRef { day, index }))
            .collect();
        let position = order
            .iter()
            .enumerate()
            .map(|(i, r)| (plan.days[r.day].items[r.index].id.clone(), i))
            .collect();
        let mut state = Self {
            plan,
            zone,
            order,
            position,
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
            Event::ItemStarted { item } => self.folded.agenda.start(item, at),
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
            Event::Marked { .. }
            | Event::ParticipantEdited { .. }
            | Event::ParticipantWithdrawn { .. }
            | Event::HeadCounted { .. }
            | Event::ItemAttended { .. } => self.attendance_effect(&recorded.event),
            Event::Assessed { .. }
            | Event::EvidenceNoted { .. }
            | Event::Flagged { .. }
            | Event::ScoresImported { .. } => self.assessment_effect(&recorded.event),
            Event::Distilled { .. }
            | Event::DistillationRemoved { .. }
            | Event::ActionPlanned { .. }
            | Event::ActionStatusSet { .. } => self.plans_effect(recorded.seq, &recorded.event),
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

    /// What has happened to the agenda.
    pub fn agenda(&self) -> &AgendaRun {
        &self.folded.agenda
    }

    /// Every agenda item in order, with where it sits.
    pub fn agenda_order(&self) -> impl Iterator<Item = (ItemRef, &Item)> {
        self.order
            .iter()
            .map(|r| (*r, &self.plan.days[r.day].items[r.index]))
    }

    /// The item with this id and where it sits.
    pub fn find_item(&self, id: &str) -> Option<(ItemRef, &Item)> {
        let r = *self.order.get(*self.position.get(id)?)?;
        Some((r, &self.plan.days[r.day].items[r.index]))
    }

    /// The running item, if any.
    pub fn current(&self) -> Option<&Item> {
        self.folded
            .agenda
            .running()
            .and_then(|s| self.find_item(&s.item))
            .map(|(_, item)| item)
    }

    /// The day the agenda stands in: the running item's, else the next item's, else the last.
    pub fn current_day(&self) -> Option<usize> {
        self.current()
            .or_else(|| self.next_item())
            .and_then(|item| self.find_item(&item.id))
            .map(|(r, _)| r.day)
            .or_else(|| self.plan.days.len().checked_sub(1))
    }

    /// Whether the running item's clock is paused.
    pub fn is_paused(&self) -> bool {
        self.folded.agenda.running().is_some_and(Stint::is_paused)
    }

    /// Where the agenda stands: the running item, or the last one that ran.
    fn anchor(&self) -> Option<usize> {
        self.folded
            .agenda
            .stints
            .last()
            .and_then(|s| self.position.get(&s.item))
            .copied()
    }

    /// The first item after `id` in agenda order that is not skipped.
    fn following(&self, id: &str) -> Option<&Item> {
        let from = *self.position.get(id)?;
        self.order[from + 1..]
            .iter()
            .map(|r| &self.plan.days[r.day].items[r.index])
            .find(|item| !self.folded.agenda.skipped.contains(&item.id))
    }

    /// The item `n` would start: after the running (or last run) item, skipping skipped ones.
    pub fn next_item(&self) -> Option<&Item> {
        match self.anchor() {
            Some(at) => {
                self.following(&self.plan.days[self.order[at].day].items[self.order[at].index].id)
            }
            None => self
                .agenda_order()
                .map(|(_, i)| i)
                .find(|i| !self.folded.agenda.skipped.contains(&i.id)),
        }
    }

    /// The item `p` would start: before the running (or last run) item, skipping skipped ones.
    pub fn previous_item(&self) -> Option<&Item> {
        let at = self.anchor()?;
        self.order[..at]
            .iter()
            .rev()
            .map(|r| &self.plan.days[r.day].items[r.index])
            .find(|item| !self.folded.agenda.skipped.contains(&item.id))
    }

    /// How `id` stands now.
    pub fn status(&self, id: &str) -> ItemStatus {
        if let Some(running) = self.folded.agenda.running().filter(|s| s.item == id) {
            return if running.is_paused() {
                ItemStatus::Paused
            } else {
                ItemStatus::Running
            };
        }
        if self.folded.agenda.skipped.contains(id) {
            ItemStatus::Skipped
        } else if self.folded.agenda.stints.iter().any(|s| s.item == id) {
            ItemStatus::Done
        } else {
            ItemStatus::Upcoming
        }
    }

    /// Total running time of `id` over all its stints, pauses excluded.
    pub fn elapsed(&self, id: &str, now: DateTime<Utc>) -> TimeDelta {
        self.folded
            .agenda
            .stints
            .iter()
            .filter(|s| s.item == id)
            .map(|s| s.elapsed(now))
            .sum()
    }

    /// When `id` first started, if it has.
    pub fn started_at(&self, id: &str) -> Option<DateTime<Utc>> {
        self.folded
            .agenda
            .stints
            .iter()
            .find(|s| s.item == id)
            .map(|s| s.start)
    }

    /// When `id` last stopped, unless it is running or never ran.
    pub fn ended_at(&self, id: &str) -> Option<DateTime<Utc>> {
        self.folded
            .agenda
            .stints
            .iter()
            .rev()
            .find(|s| s.item == id)
            .and_then(|s| s.end)
    }

    /// The planned length of `id` in minutes, as edited during the run.
    pub fn planned_minutes(&self, id: &str) -> u32 {
        let Some((r, _)) = self.find_item(id) else {
            return 0;
        };
        self.day_slots(r.day)
            .get(r.index)
            .map_or(0, |slot| slot.minutes())
    }

    /// The planned timetable of a day, with the durations edited during the run.
    pub fn day_slots(&self, day: usize) -> Vec<crate::plan::Slot> {
        let Some(day) = self.plan.days.get(day) else {
            return Vec::new();
        };
        plan_day_with(day, |item| {
            self.folded
                .agenda
                .durations
                .get(&item.id)
                .copied()
                .or(item.duration)
        })
        .0
    }

    /// The notes taken on `id`, oldest first.
    pub fn notes(&self, id: &str) -> &[Note] {
        self.folded.agenda.notes.get(id).map_or(&[], Vec::as_slice)
    }

    /// The message on the projector, if any.
    pub fn message(&self) -> Option<&str> {
        self.folded.agenda.message.as_deref()
    }

    /// The day at `index`.
    pub fn day(&self, index: usize) -> Option<&Day> {
        self.plan.days.get(index)
    }
}

/// The names the words for an event use.
impl crate::event::Names for State {
    fn item_title(&self, id: &str) -> Option<&str> {
        self.find_item(id).map(|(_, item)| item.title.as_str())
    }

    fn person_name(&self, id: &str) -> Option<&str> {
        self.participant(id).map(|p| p.name.as_str())
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
mod tests {
    use super::*;
    use crate::plan::Sector;
    use chrono::{TimeZone, Utc};

    fn plan() -> Plan {
        serde_json::from_value(serde_json::json!({
            "id": "t", "title": "T", "organisers": ["O"], "venue": "V", "time_zone": "+09:00",
            "modules": [], "days": [],
            "roster": [{"id": "p07", "name": "김민준", "organisation": "Jeju Police", "country": "Korea",
                        "city": "Jeju", "sector": "government"}]
        }))
        .unwrap()
    }

    fn person(id: &str, name: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: "NGO".into(),
            country: "Nepal".into(),
            city: "Kathmandu".into(),
            sector: Sector::Ngo,
            email: None,
            consent: true,
        }
    }

    #[test]
    fn added_participants_follow_the_plan_roster() {
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        let events = [Recorded {
            seq: 1,
            at,
            event: Event::ParticipantsAdded {
                source: "walk-in".into(),
                participants: vec![person("p08", "सीता")],
            },
        }];
        let state = History::replay(plan(), &events).into_state();
        let names: Vec<&str> = state
            .participants()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["김민준", "सीता"]);
        assert_eq!(state.applied(), 1);
        assert_eq!(
            state.participant("p08").map(|p| p.city.as_str()),
            Some("Kathmandu")
        );
    }

    #[test]
    fn same_person_ignores_case_and_spacing() {
        let state = State::new(plan());
        assert!(
            state
                .same_person("김민준", " jeju  POLICE ", "jeju")
                .is_some()
        );
        assert!(
            state
                .same_person("김민준", "Jeju Police", "Seoul")
                .is_none()
        );
    }

    #[test]
    fn new_ids_follow_the_highest_in_use() {
        let state = State::new(plan());
        assert_eq!(state.next_participant_id(&[]), "p08");
        assert_eq!(
            state.next_participant_id(&["p08".into(), "p11".into()]),
            "p12"
        );
    }
}
