//! Copies of the folded state at recent places in the log (*checkpoints*). An undo refolds
//! from the newest copy before its target rather than from the plan, so it costs a few
//! thousand events however long the run has been going. A copy can also be saved (a
//! *snapshot*): opening a run then reads the newest snapshot and the events after it, not
//! the whole log.

use std::collections::BTreeSet;

mod saved;

use super::{Folded, History, State};

/// How many events apart the copies are taken.
pub(super) const EVERY: u64 = 1024;
/// How many copies are kept; older ones are dropped.
const KEPT: usize = 4;

/// The state's folded parts as they stood after event `seq`.
#[derive(Debug, Clone)]
pub(super) struct Checkpoint {
    pub(super) seq: u64,
    pub(super) folded: Folded,
}

/// A saved snapshot, read back.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    pub(super) undone: BTreeSet<u64>,
    pub(super) undoable: Vec<u64>,
    pub(super) checkpoint: Checkpoint,
}

impl Snapshot {
    /// Reads a saved snapshot; `None` when it is damaged, or was written by another version.
    pub(super) fn decode(bytes: &[u8]) -> Option<Self> {
        saved::decode(bytes)
    }

    /// Whether this snapshot still holds for a run whose undone events are `undone`: an
    /// event the snapshot includes must not have been undone since it was saved.
    pub(super) fn holds_under(&self, undone: &BTreeSet<u64>) -> bool {
        undone
            .range(..=self.checkpoint.seq)
            .all(|seq| self.undone.contains(seq))
    }
}

/// The copies kept, oldest first. A cache: two states that differ only here are equal.
#[derive(Debug, Clone, Default)]
pub(super) struct Checkpoints(Vec<Checkpoint>);

impl Checkpoints {
    /// Keeps a copy of the state as it stands after event `seq`.
    pub(super) fn take(history: &mut History, seq: u64) {
        let checkpoint = copy(&history.state, seq);
        history.aids.checkpoints.keep(checkpoint);
    }

    /// Keeps `checkpoint` as the newest copy, dropping the oldest beyond [`KEPT`].
    pub(super) fn keep(&mut self, checkpoint: Checkpoint) {
        self.0.push(checkpoint);
        if self.0.len() > KEPT {
            self.0.remove(0);
        }
    }

    /// Keeps `checkpoint` as the oldest copy: one read back from the store for an undo
    /// that reaches further back than the copies in memory.
    pub(super) fn keep_oldest(&mut self, checkpoint: Checkpoint) {
        self.0.insert(0, checkpoint);
    }

    /// Where the oldest copy was taken, once as many copies are kept as can be: the events
    /// up to it are not needed for an undo, which reaches that far back only rarely.
    pub(super) fn oldest_of_full_set(&self) -> Option<u64> {
        (self.0.len() == KEPT).then(|| self.0[0].seq)
    }

    /// Drops the copies that include event `target` or later.
    pub(super) fn forget_from(&mut self, target: u64) {
        self.0.retain(|c| c.seq < target);
    }

    /// Whether a copy older than `target` is at hand.
    pub(super) fn any_before(&self, target: u64) -> bool {
        self.0.first().is_some_and(|c| c.seq < target)
    }

    /// Drops the copies that include event `target` or later (it has just been undone),
    /// puts the folded parts back as the newest remaining copy has them, and returns the
    /// sequence number that copy was taken after (`None` when none is left: refold from
    /// the plan). The copy is cloned, not moved: undos come several in a row, and each would
    /// otherwise use up a copy and soon refold the whole log.
    pub(super) fn restore_before(history: &mut History, target: u64) -> Option<u64> {
        let checkpoints = &mut history.aids.checkpoints;
        checkpoints.forget_from(target);
        let newest = checkpoints.0.last()?.clone();
        let seq = newest.seq;
        restore(&mut history.state, newest);
        Some(seq)
    }
}

/// The folded parts of `state` after event `seq`.
fn copy(state: &State, seq: u64) -> Checkpoint {
    Checkpoint {
        seq,
        folded: state.folded.clone(),
    }
}

/// Puts the folded parts of `state` back as `checkpoint` has them.
pub(super) fn restore(state: &mut State, checkpoint: Checkpoint) {
    state.tallies.take();
    state.folded = checkpoint.folded;
    state.reshape();
}

/// The run as it stands, saved: the newest copy when it was taken just now, else a new one.
/// `None` if it could not be written out, which leaves the run to be folded from its events.
pub(super) fn encode(history: &History) -> Option<Vec<u8>> {
    let fresh;
    let applied = history.applied();
    let checkpoint = match history.aids.checkpoints.0.last() {
        Some(newest) if newest.seq == applied => newest,
        _ => {
            fresh = copy(&history.state, applied);
            &fresh
        }
    };
    saved::encode(&history.events, checkpoint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Recorded, message};
    use crate::plan::empty_plan;
    use chrono::{TimeZone, Utc};

    fn after_a_message() -> History {
        let mut history = History::new(empty_plan());
        history.apply(&Recorded {
            seq: 1,
            at: Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap(),
            event: message("Coffee until 10:30"),
        });
        history
    }

    #[test]
    fn a_snapshot_reads_back_as_the_state_it_was() {
        let history = after_a_message();
        let bytes = encode(&history).unwrap();
        let plan = history.state().plan().clone();
        let resumed = History::resume(plan, &bytes, Vec::new()).unwrap();
        assert!(resumed == history);
        assert_eq!(resumed.state().message(), Some("Coffee until 10:30"));
    }

    #[test]
    fn a_snapshot_from_another_version_or_damaged_is_not_used() {
        let history = after_a_message();
        let mut foreign = encode(&history).unwrap();
        let at = foreign
            .windows(env!("CARGO_PKG_VERSION").len())
            .position(|w| w == env!("CARGO_PKG_VERSION").as_bytes())
            .unwrap();
        foreign[at] = b'9';
        assert!(Snapshot::decode(&foreign).is_none());
        let ours = encode(&history).unwrap();
        assert!(Snapshot::decode(&ours).is_some());
        assert!(Snapshot::decode(&ours[..ours.len() / 2]).is_none());
    }
}
