//! The agenda as it actually ran: stints of each item with their pauses, skips, edited
//! durations, notes and the projector message.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};

/// One uninterrupted run of an item, from its start to its end, with the pauses inside it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stint {
    pub item: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub pauses: Vec<Pause>,
}

/// A stretch of time during which the clock of a running item stood still.
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
