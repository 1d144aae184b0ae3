//! The agenda as it actually ran: stints of each item with their pauses, skips, edited
//! durations, notes and the projector message.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};

use super::{ItemRef, ItemStatus, State};
use crate::plan::{Day, Item, plan_day_with};

/// Less running time than this before going back to an earlier item is a false start: the
/// item left did not run, and returns to not started.
pub const FALSE_START: TimeDelta = TimeDelta::minutes(1);

/// One uninterrupted run of an item, from its start to its end, with the pauses inside it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stint {
    pub item: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub pauses: Vec<Pause>,
}

/// A pause: the time a running item's clock stood still.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pause {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

impl Stint {
    /// Running time up to `now` (or the stint's end), pauses excluded.
    pub fn elapsed(&self, now: DateTime<Utc>) -> TimeDelta {
        let end = self.end.unwrap_or(now).max(self.start);
        let paused: TimeDelta = self
            .pauses
            .iter()
            .map(|p| (p.end.unwrap_or(end).min(end) - p.start.min(end)).max(TimeDelta::zero()))
            .sum();
        (end - self.start - paused).max(TimeDelta::zero())
    }

    /// Whether the clock is stopped right now.
    pub fn is_paused(&self) -> bool {
        self.end.is_none() && self.pauses.last().is_some_and(|p| p.end.is_none())
    }

    fn close(&mut self, at: DateTime<Utc>) {
        if let Some(pause) = self.pauses.last_mut().filter(|p| p.end.is_none()) {
            pause.end = Some(at);
        }
        self.end.get_or_insert(at);
    }
}

/// A facilitator's note on an item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// What has happened to the agenda so far.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct AgendaRun {
    pub(super) stints: Vec<Stint>,
    pub(super) skipped: HashSet<String>,
    pub(super) durations: HashMap<String, u32>,
    pub(super) notes: HashMap<String, Vec<Note>>,
    pub(super) message: Option<String>,
    /// Items added, moved and edited in the room.
    #[serde(default)]
    pub(super) reshaped: super::Reshaped,
}

impl AgendaRun {
    /// The open stint, if an item is running.
    pub fn running(&self) -> Option<&Stint> {
        self.stints.last().filter(|s| s.end.is_none())
    }

    /// Every stint, in the order they started.
    pub fn stints(&self) -> &[Stint] {
        &self.stints
    }

    pub(super) fn start(&mut self, item: &str, at: DateTime<Utc>) {
        self.stop(at);
        self.skipped.remove(item);
        self.stints.push(Stint {
            item: item.to_owned(),
            start: at,
            end: None,
            pauses: Vec::new(),
        });
    }

    pub(super) fn stop(&mut self, at: DateTime<Utc>) {
        if let Some(stint) = self.stints.last_mut() {
            stint.close(at);
        }
    }

    pub(super) fn pause(&mut self, at: DateTime<Utc>) {
        if let Some(stint) = self
            .stints
            .last_mut()
            .filter(|s| s.end.is_none() && !s.is_paused())
        {
            stint.pauses.push(Pause {
                start: at,
                end: None,
            });
        }
    }

    pub(super) fn resume(&mut self, at: DateTime<Utc>) {
        if let Some(pause) = self
            .stints
            .last_mut()
            .filter(|s| s.end.is_none())
            .and_then(|s| s.pauses.last_mut())
            .filter(|p| p.end.is_none())
        {
            pause.end = Some(at);
        }
    }
}

impl State {
    /// What has happened to the agenda.
    pub fn agenda(&self) -> &AgendaRun {
        &self.folded.agenda
    }

    /// Every agenda item in order, with where it sits.
    pub fn agenda_order(&self) -> impl Iterator<Item = (ItemRef, &Item)> {
        self.order
            .iter()
            .map(|r| (*r, &self.days[r.day].items[r.index]))
    }

    /// The item with this id and where it sits.
    pub fn find_item(&self, id: &str) -> Option<(ItemRef, &Item)> {
        let r = *self.order.get(*self.position.get(id)?)?;
        Some((r, &self.days[r.day].items[r.index]))
    }

    /// Starts `item` at `at`, ending the running one. Going back to an earlier item within
    /// [`FALSE_START`] of the running one's start takes that start back: the item left was
    /// not held, so it shows as not started and the projection counts it again.
    pub(super) fn start_item(&mut self, item: &str, at: DateTime<Utc>) {
        let agenda = &mut self.folded.agenda;
        let false_start = agenda.running().is_some_and(|stint| {
            stint.elapsed(at) < FALSE_START
                && self
                    .position
                    .get(item)
                    .zip(self.position.get(&stint.item))
                    .is_some_and(|(to, from)| to < from)
        });
        if false_start {
            agenda.stints.pop();
        }
        agenda.start(item, at);
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
            .or_else(|| self.days.len().checked_sub(1))
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
    pub(super) fn following(&self, id: &str) -> Option<&Item> {
        let from = *self.position.get(id)?;
        self.order[from + 1..]
            .iter()
            .map(|r| &self.days[r.day].items[r.index])
            .find(|item| !self.folded.agenda.skipped.contains(&item.id))
    }

    /// The item `n` would start: after the running (or last run) item, skipping skipped ones.
    pub fn next_item(&self) -> Option<&Item> {
        match self.anchor() {
            Some(at) => {
                self.following(&self.days[self.order[at].day].items[self.order[at].index].id)
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
            .map(|r| &self.days[r.day].items[r.index])
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
        } else if self
            .anchor()
            .zip(self.position.get(id))
            .is_some_and(|(anchor, at)| *at < anchor)
        {
            ItemStatus::PassedOver
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
        let Some(day) = self.days.get(day) else {
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
        self.days.get(index)
    }
}
