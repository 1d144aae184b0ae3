//! The events behind the state: folding them in, holding the recent ones for undo, taking
//! one back, and the copies made of the state for a reader or a saved fold.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::event::{Event, Recorded};
use crate::plan::Plan;

use super::checkpoint::{self, Checkpoints, Fold};
use super::{State, reversal};

/// The events behind the state: those held in memory, and what undo needs to know.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct History {
    /// The events held in memory: those after `base`.
    pub(super) log: Vec<Recorded>,
    /// 0 when the state holds its whole log; else the event its log starts after, which
    /// a saved fold took the place of.
    pub(super) base: u64,
    pub(super) undone: BTreeSet<u64>,
    /// Every event an undo could take back, in order, so that `u` needs no log.
    pub(super) undoable: Vec<u64>,
    /// The newest event folded.
    pub(super) applied: u64,
}

impl State {
    /// Folds `events` over `plan`. Every undo in the log is known before the fold starts, so
    /// each event takes effect once or not at all: replay time grows with the log, not with
    /// the log times its undos.
    pub fn replay<'a>(plan: Plan, events: impl IntoIterator<Item = &'a Recorded>) -> Self {
        Self::from_log(plan, events.into_iter().cloned().collect())
    }

    /// [`State::replay`] of a log the state may keep, so it is not copied (a run's log is the
    /// largest thing in memory).
    pub fn from_log(plan: Plan, log: Vec<Recorded>) -> Self {
        let mut state = Self::new(plan);
        state.history.log = log;
        state.fold_held_log(0);
        state
    }

    /// Folds the events held, which follow event `from` (the state stands as it did after
    /// it). Every undo among them is known before the fold starts, so each event takes
    /// effect once or not at all, and no undo refolds from a copy.
    pub(super) fn fold_held_log(&mut self, from: u64) {
        for recorded in &self.history.log {
            match recorded.event {
                Event::Undone { target } => {
                    self.history.undone.insert(target);
                }
                ref event if event.is_undoable() => self.history.undoable.push(recorded.seq),
                _ => {}
            }
        }
        self.history.applied = self.history.log.last().map_or(from, |r| r.seq);
        self.refold(from, self.history.applied + 1);
    }

    /// The state from a fold saved by [`State::saved_fold`] and the events recorded after
    /// it, in order. `None` when the fold cannot be used: damaged, written by another
    /// version, or reached into by a later undo; the caller then folds the whole log.
    pub fn resume(plan: Plan, fold: &[u8], after: Vec<Recorded>) -> Option<Self> {
        let fold = Fold::decode(fold)?;
        let base = fold.checkpoint.seq;
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
        let mut state = Self::new(plan);
        state.history.undone = fold.undone;
        state.history.undoable = fold.undoable;
        state.history.base = base;
        // Not kept as a copy for undo (a copy costs as much as the reading): the first undo
        // reads it again, through `extend_history`.
        checkpoint::restore(&mut state, fold.checkpoint);
        state.refresh_cities();
        state.history.log = after;
        state.fold_held_log(base);
        Some(state)
    }

    /// The state saved, to be given back to [`State::resume`] with the events after it.
    /// `None` if it could not be written out.
    pub fn saved_fold(&self) -> Option<Vec<u8>> {
        checkpoint::encode(self)
    }

    /// 0 when the state holds every event; else the last event it does not hold (a fold
    /// took its place). Exports read the rest from the store.
    pub fn base(&self) -> u64 {
        self.history.base
    }

    /// Whether undoing `target` needs more than this state holds (a copy of the state before
    /// `target` to refold from, and the events after that copy): it must be given them with
    /// [`State::extend_history`] first.
    pub fn needs_history(&self, target: u64) -> bool {
        self.history.base > 0 && !self.checkpoints.any_before(target) && !self.can_take_back(target)
    }

    /// Gives the state a saved fold to refold from and the events after it that it does not
    /// hold (or, without a fold, every event before those it holds), so that an undo can
    /// reach back: `older` must be every event after the fold up to [`State::base`] (none
    /// for the fold at the base itself). Returns false, changing nothing, when the fold
    /// cannot be used or `older` is not that stretch.
    pub fn extend_history(&mut self, fold: Option<&[u8]>, older: Vec<Recorded>) -> bool {
        let fold = match fold.map(Fold::decode) {
            Some(Some(fold)) if fold.holds_under(&self.history.undone) => Some(fold),
            Some(_) => return false,
            None => None,
        };
        let from = fold.as_ref().map_or(0, |f| f.checkpoint.seq);
        let stretch = older
            .iter()
            .zip(from + 1..)
            .all(|(recorded, seq)| recorded.seq == seq)
            && from + older.len() as u64 == self.history.base;
        if !stretch || from > self.history.base || (from == self.history.base && fold.is_none()) {
            return false;
        }
        let mut log = older;
        log.append(&mut self.history.log);
        self.history.log = log;
        self.history.base = from;
        if let Some(fold) = fold {
            self.checkpoints.keep_oldest(fold.checkpoint);
        }
        true
    }

    /// Lets go of the events older than the oldest copy kept for undo: a long run need not
    /// hold its whole log, which [`State::extend_history`] gives back when an undo needs it.
    pub fn forget_older(&mut self) {
        let Some(oldest) = self
            .checkpoints
            .oldest_of_full_set()
            .filter(|&seq| seq > self.history.base)
        else {
            return;
        };
        let keep_from = self.history.log.partition_point(|r| r.seq <= oldest);
        self.history.log.drain(..keep_from);
        self.history.base = oldest;
    }

    /// A copy of the state for a thread that only reads it (an export, a backup): all of
    /// it but what undo keeps (copies of earlier states, the marks recent ones replaced),
    /// which can be as large as the rest. It can be read and exported, not undone into.
    #[must_use]
    pub fn copy_to_read(&self) -> Self {
        Self {
            plan: self.plan.clone(),
            zone: self.zone,
            order: self.order.clone(),
            position: self.position.clone(),
            folded: self.folded.clone(),
            cities: self.cities.clone(),
            history: self.history.clone(),
            // What only undo needs is left out.
            checkpoints: Checkpoints::default(),
            reversals: reversal::Reversals::default(),
            tallies: OnceLock::new(),
        }
    }

    /// An empty state for a fold of the same run as `like` seen another way (redacted, for
    /// an export), whose undos are therefore known beforehand. Events are given to
    /// [`State::fold_next`] in order and kept nowhere, nor copies for undo: the state can be
    /// read, not undone into or exported again.
    pub fn folding_like(plan: Plan, like: &State) -> Self {
        let mut state = Self::new(plan);
        state.history.undone.clone_from(&like.history.undone);
        state
    }

    /// Folds the next event into a state made by [`State::folding_like`].
    pub fn fold_next(&mut self, recorded: &Recorded) {
        self.history.applied = recorded.seq;
        // It holds none of its events.
        self.history.base = recorded.seq;
        if !self.history.undone.contains(&recorded.seq) {
            self.effect(recorded);
        }
    }

    /// Applies one recorded event.
    pub fn apply(&mut self, recorded: &Recorded) {
        self.history.log.push(recorded.clone());
        self.history.applied = recorded.seq;
        if recorded.event.is_undoable() {
            self.history.undoable.push(recorded.seq);
        }
        if let Event::Undone { target } = recorded.event {
            self.history.undone.insert(target);
            if !self.take_back(target, recorded.at) {
                self.rebuild(target);
            }
        } else if !self.history.undone.contains(&recorded.seq) {
            self.remember_reversal(recorded);
            self.effect(recorded);
            if recorded.seq.is_multiple_of(checkpoint::EVERY) {
                Checkpoints::take(self, recorded.seq);
            }
        }
    }

    /// Recomputes the folded parts after `target` was undone: from the newest checkpoint
    /// before it, or from the plan when there is none.
    pub(super) fn rebuild(&mut self, target: u64) {
        self.reversals.forget_from(target);
        let from = if let Some(from) = Checkpoints::restore_before(self, target) {
            self.refresh_cities();
            from
        } else {
            debug_assert_eq!(self.history.base, 0, "an undo reached past the events held");
            self.reset_folded();
            0
        };
        self.refold(from, target);
    }

    /// Applies the logged events after `from` that are not undone, keeping checkpoints in
    /// the stretch just before `horizon`, where the next undo will look for one.
    pub(super) fn refold(&mut self, from: u64, horizon: u64) {
        let start = self.history.log.partition_point(|r| r.seq <= from);
        let keep_after = horizon.saturating_sub(checkpoint::EVERY * 2);
        let log = std::mem::take(&mut self.history.log);
        for recorded in &log[start..] {
            if self.history.undone.contains(&recorded.seq) {
                continue;
            }
            self.effect(recorded);
            let seq = recorded.seq;
            if seq.is_multiple_of(checkpoint::EVERY) && seq >= keep_after && seq < horizon {
                Checkpoints::take(self, seq);
            }
        }
        self.history.log = log;
    }
}
