//! Undoing a recent mark by putting back what it replaced. An undo otherwise refolds from
//! a copy of the state taken before its target, and copying the state is most of what it
//! costs; a mark is the action undone most often in the room, and the marks it replaced are
//! known when it is applied.
//!
//! This holds only while no live event after the mark could have built on it: undo takes
//! back the newest event that is not yet undone, so every undoable event after the mark is
//! undone by then, and the events that cannot be undone (participants added, undos) do not
//! touch marks.

use std::collections::{BTreeSet, VecDeque};

use super::History;
use crate::event::{Event, Mark, Recorded};

/// How many recent marks can be taken back directly; older ones refold.
const KEPT: usize = 1024;

/// For recent marks applied live, the events that put back what each replaced.
#[derive(Debug, Clone, Default)]
pub(super) struct Reversals(VecDeque<(u64, Vec<Event>)>);

impl Reversals {
    /// Forgets what would take back event `seq` or later: after an undo that refolded, or
    /// a restored copy.
    pub(super) fn forget_from(&mut self, seq: u64) {
        while self.0.back().is_some_and(|(s, _)| *s >= seq) {
            self.0.pop_back();
        }
    }

    fn holds(&self, target: u64) -> bool {
        self.0.iter().rev().any(|(seq, _)| *seq == target)
    }

    /// What takes back `target`, forgetting it and what would take back later events.
    fn take(&mut self, target: u64) -> Vec<Event> {
        self.forget_from(target + 1);
        match self.0.back() {
            Some((seq, _)) if *seq == target => {
                self.0.pop_back().map(|(_, e)| e).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }
}

impl History {
    /// Before a live event takes effect: remembers how to take it back, if it is a mark.
    pub(super) fn remember_reversal(&mut self, recorded: &Recorded) {
        let Event::Marked {
            day, participants, ..
        } = &recorded.event
        else {
            return;
        };
        // Grouped by the mark each had, one event a group; each person once.
        let mut groups: Vec<(Option<Mark>, Vec<String>)> = Vec::new();
        let mut seen = BTreeSet::new();
        for p in participants.iter().filter(|p| seen.insert(p.as_str())) {
            let had = self
                .state
                .folded
                .attendance
                .marks
                .get(p)
                .and_then(|days| days.get(day))
                .cloned();
            match groups.iter_mut().find(|(mark, _)| *mark == had) {
                Some((_, group)) => group.push(p.clone()),
                None => groups.push((had, vec![p.clone()])),
            }
        }
        let events = groups
            .into_iter()
            .map(|(mark, participants)| Event::Marked {
                day: *day,
                participants,
                mark,
            })
            .collect();
        let reversals = &mut self.aids.reversals.0;
        reversals.push_back((recorded.seq, events));
        if reversals.len() > KEPT {
            reversals.pop_front();
        }
    }

    /// Whether undoing `target` can put back what it replaced: it is a remembered mark and
    /// every undoable event after it is undone.
    pub(super) fn can_take_back(&self, target: u64) -> bool {
        self.aids.reversals.holds(target)
            && self
                .events
                .undoable
                .iter()
                .rev()
                .take_while(|seq| **seq > target)
                .all(|seq| self.events.undone.contains(seq))
    }

    /// Undoes `target` by putting back what it replaced, when [`History::can_take_back`];
    /// returns false, changing nothing, otherwise.
    pub(super) fn take_back(&mut self, target: u64, at: chrono::DateTime<chrono::Utc>) -> bool {
        if !self.can_take_back(target) {
            return false;
        }
        let events = self.aids.reversals.take(target);
        // Copies taken since hold the mark.
        self.aids.checkpoints.forget_from(target);
        for event in events {
            self.state.effect(&Recorded {
                seq: target,
                at,
                event,
            });
        }
        true
    }
}
