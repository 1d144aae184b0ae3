//! The events behind a run's state, owned by the run: the log held in memory, which events
//! were undone, and what makes an undo cheap (copies of earlier states, the marks recent
//! ones replaced). The state itself only applies events; taking one back is done here.

use std::collections::BTreeSet;

use crate::event::{Event, Recorded};
use crate::plan::Plan;

use super::State;
use super::checkpoint::{self, Checkpoints, Snapshot};
use super::reversal::Reversals;

/// A run's state with the events behind it.
#[derive(Debug, Clone)]
pub struct History {
    pub(super) state: State,
    pub(super) events: Events,
    /// What only undo needs: left out of a copy made for a reader.
    pub(super) aids: UndoAids,
}

/// The events held in memory, and what undo needs to know of all of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Events {
    /// The events held in memory: those after `base`.
    pub(super) log: Vec<Recorded>,
    /// 0 when the log is held whole; else the event it starts after, which a snapshot
    /// took the place of.
    pub(super) base: u64,
    pub(super) undone: BTreeSet<u64>,
    /// Every event an undo could take back, in order, so that `u` needs no log.
    pub(super) undoable: Vec<u64>,
}

/// Caches that make an undo cost a few thousand events, not the whole log.
#[derive(Debug, Clone, Default)]
pub(super) struct UndoAids {
    pub(super) checkpoints: Checkpoints,
    /// How to take back recent marks without refolding.
    pub(super) reversals: Reversals,
}

/// Two histories are equal when they have folded the same events to the same result,
/// however much of the log each holds in memory.
impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.events.undone == other.events.undone
            && self.events.undoable == other.events.undoable
    }
}

impl History {
    /// A run before anything has happened.
    pub fn new(plan: Plan) -> Self {
        Self {
            state: State::new(plan),
            events: Events::default(),
            aids: UndoAids::default(),
        }
    }

    /// Folds `events` over `plan`. Every undo in the log is known before the fold starts, so
    /// each event takes effect once or not at all: replay time grows with the log, not with
    /// the log times its undos.
    pub fn replay<'a>(plan: Plan, events: impl IntoIterator<Item = &'a Recorded>) -> Self {
        Self::from_log(plan, events.into_iter().cloned().collect())
    }

    /// [`History::replay`] of a log it may keep, so it is not copied (a run's log is the
    /// largest thing in memory).
    pub fn from_log(plan: Plan, log: Vec<Recorded>) -> Self {
        let mut history = Self::new(plan);
        history.events.log = log;
        history.fold_held_log(0);
        history
    }

    /// The history from a snapshot saved by [`History::snapshot`] and the events recorded
    /// after it, in order. `None` when the snapshot cannot be used: damaged, written by
    /// another version, or reached into by a later undo; the caller then folds the log.
    pub fn resume(plan: Plan, snapshot: &[u8], after: Vec<Recorded>) -> Option<Self> {
        let snapshot = Snapshot::decode(snapshot)?;
        let base = snapshot.checkpoint.seq;
        let contiguous = after
            .iter()
            .zip(base + 1..)
            .all(|(recorded, seq)| recorded.seq == seq);
        let reaches_in = after
            .iter()
            .any(|r| matches!(r.event, Event::Undone { target } if target <= base));
        if !contiguous || reaches_in {
            return None;
        }
        let mut history = Self::new(plan);
        history.events.undone = snapshot.undone;
        history.events.undoable = snapshot.undoable;
        history.events.base = base;
        // Not kept as a copy for undo (a copy costs as much as the reading): the first undo
        // reads it again, through `prepend_older`.
        checkpoint::restore(&mut history.state, snapshot.checkpoint);
        history.state.refresh_cities();
        history.state.applied = base;
        history.events.log = after;
        history.fold_held_log(base);
        Some(history)
    }

    /// The state these events made.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The state alone, for a caller that will not undo.
    #[must_use]
    pub fn into_state(self) -> State {
        self.state
    }

    /// The sequence number of the newest event (0 before any).
    pub fn applied(&self) -> u64 {
        self.state.applied
    }

    /// The events held in memory, undone ones and the undos themselves included: every
    /// event recorded so far when [`History::base`] is 0, else those after it.
    pub fn log(&self) -> &[Recorded] {
        &self.events.log
    }

    /// 0 when the whole log is held; else the last event not held (a snapshot took its
    /// place). Exports read the rest from the store.
    pub fn base(&self) -> u64 {
        self.events.base
    }

    /// The most recent event an undo would take back.
    pub fn last_undoable(&self) -> Option<u64> {
        self.events
            .undoable
            .iter()
            .rev()
            .find(|seq| !self.events.undone.contains(seq))
            .copied()
    }

    /// Whether the event with sequence number `seq` has been undone.
    pub fn is_undone(&self, seq: u64) -> bool {
        self.events.undone.contains(&seq)
    }

    /// The state as it stands, saved, to be given back to [`History::resume`] with the
    /// events after it. `None` if it could not be written out.
    pub fn snapshot(&self) -> Option<Vec<u8>> {
        checkpoint::encode(self)
    }

    /// Whether undoing `target` needs more than is held (a copy of the state before
    /// `target` to refold from, and the events after that copy): they must be given with
    /// [`History::prepend_older`] first.
    pub fn needs_older(&self, target: u64) -> bool {
        self.events.base > 0
            && !self.aids.checkpoints.any_before(target)
            && !self.can_take_back(target)
    }

    /// Gives a snapshot to refold from and the events after it that are not held (or,
    /// without a snapshot, every event before those held), so that an undo can reach back:
    /// `older` must be every event after the snapshot up to [`History::base`] (none for the
    /// snapshot at the base itself). Returns false, changing nothing, when the snapshot
    /// cannot be used or `older` is not that segment.
    pub fn prepend_older(&mut self, snapshot: Option<&[u8]>, older: Vec<Recorded>) -> bool {
        let snapshot = match snapshot.map(Snapshot::decode) {
            Some(Some(snapshot)) if snapshot.holds_under(&self.events.undone) => Some(snapshot),
            Some(_) => return false,
            None => None,
        };
        let base = self.events.base;
        let from = snapshot.as_ref().map_or(0, |s| s.checkpoint.seq);
        let segment = older
            .iter()
            .zip(from + 1..)
            .all(|(recorded, seq)| recorded.seq == seq)
            && from + older.len() as u64 == base;
        if !segment || from > base || (from == base && snapshot.is_none()) {
            return false;
        }
        let mut log = older;
        log.append(&mut self.events.log);
        self.events.log = log;
        self.events.base = from;
        if let Some(snapshot) = snapshot {
            self.aids.checkpoints.keep_oldest(snapshot.checkpoint);
        }
        true
    }

    /// Lets go of the events older than the oldest copy kept for undo: a long run need not
    /// hold its whole log, which [`History::prepend_older`] gives back when an undo needs it.
    pub fn forget_older(&mut self) {
        let Some(oldest) = self
            .aids
            .checkpoints
            .oldest_of_full_set()
            .filter(|&seq| seq > self.events.base)
        else {
            return;
        };
        let keep_from = self.events.log.partition_point(|r| r.seq <= oldest);
        self.events.log.drain(..keep_from);
        self.events.base = oldest;
    }

    /// A copy for a thread that only reads it (an export, a backup): all of it but what
    /// undo keeps (copies of earlier states, the marks recent ones replaced), which can be
    /// as large as the rest. It can be read and exported, not undone into.
    #[must_use]
    pub fn copy_to_read(&self) -> Self {
        Self {
            state: self.state.clone(),
            events: self.events.clone(),
            aids: UndoAids::default(),
        }
    }

    /// Applies one recorded event, an undo included.
    pub fn apply(&mut self, recorded: &Recorded) {
        self.events.log.push(recorded.clone());
        if recorded.event.is_undoable() {
            self.events.undoable.push(recorded.seq);
        }
        if let Event::Undone { target } = recorded.event {
            self.events.undone.insert(target);
            self.state.applied = recorded.seq;
            if !self.take_back(target, recorded.at) {
                self.rebuild(target);
            }
        } else if self.events.undone.contains(&recorded.seq) {
            self.state.applied = recorded.seq;
        } else {
            self.remember_reversal(recorded);
            self.state.apply(recorded);
            if recorded.seq.is_multiple_of(checkpoint::EVERY) {
                Checkpoints::take(self, recorded.seq);
            }
        }
    }

    /// Folds the events held, which follow event `from` (the state stands as it did after
    /// it). Every undo among them is known before the fold starts, so each event takes
    /// effect once or not at all, and no undo refolds from a copy.
    fn fold_held_log(&mut self, from: u64) {
        for recorded in &self.events.log {
            match recorded.event {
                Event::Undone { target } => {
                    self.events.undone.insert(target);
                }
                ref event if event.is_undoable() => self.events.undoable.push(recorded.seq),
                _ => {}
            }
        }
        self.state.applied = self.events.log.last().map_or(from, |r| r.seq);
        self.refold(from, self.state.applied + 1);
    }

    /// Recomputes the state after `target` was undone: from the newest checkpoint before
    /// it, or from the plan when there is none.
    fn rebuild(&mut self, target: u64) {
        self.aids.reversals.forget_from(target);
        let from = if let Some(from) = Checkpoints::restore_before(self, target) {
            self.state.refresh_cities();
            from
        } else {
            debug_assert_eq!(self.events.base, 0, "an undo reached past the events held");
            self.state.reset_folded();
            0
        };
        self.refold(from, target);
    }

    /// Applies the logged events after `from` that are not undone, keeping checkpoints in
    /// the segment just before `horizon`, where the next undo will look for one.
    fn refold(&mut self, from: u64, horizon: u64) {
        let start = self.events.log.partition_point(|r| r.seq <= from);
        let keep_after = horizon.saturating_sub(checkpoint::EVERY * 2);
        let log = std::mem::take(&mut self.events.log);
        for recorded in &log[start..] {
            if self.events.undone.contains(&recorded.seq) {
                continue;
            }
            self.state.effect(recorded);
            let seq = recorded.seq;
            if seq.is_multiple_of(checkpoint::EVERY) && seq >= keep_after && seq < horizon {
                Checkpoints::take(self, seq);
            }
        }
        self.events.log = log;
    }
}
