//! Copies of the folded state at recent places in the log. An undo refolds from the newest
//! copy before its target rather than from the plan, so it costs a few thousand events
//! however long the run has been going.

use crate::plan::Participant;

use super::{AgendaRun, Assessment, Attendance, Exercises, Plans, State};

/// How many events apart the copies are taken.
pub(super) const EVERY: u64 = 1024;
/// How many copies are kept; older ones are dropped.
const KEPT: usize = 4;

/// The state's folded parts as they stood after event `seq`.
#[derive(Debug, Clone)]
struct Checkpoint {
    seq: u64,
    participants: Vec<Participant>,
    agenda: AgendaRun,
    attendance: Attendance,
    assessment: Assessment,
    plans: Plans,
    exercises: Exercises,
}

/// The copies kept, oldest first. A cache: two states that differ only here are equal.
#[derive(Debug, Clone, Default)]
pub(super) struct Checkpoints(Vec<Checkpoint>);

impl PartialEq for Checkpoints {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Checkpoints {
    /// Keeps a copy of `state` as it stands after event `seq`.
    pub(super) fn take(state: &mut State, seq: u64) {
        let checkpoint = Checkpoint {
            seq,
            participants: state.participants.clone(),
            agenda: state.agenda.clone(),
            attendance: state.attendance.clone(),
            assessment: state.assessment.clone(),
            plans: state.plans.clone(),
            exercises: state.exercises.clone(),
        };
        let kept = &mut state.checkpoints.0;
        kept.push(checkpoint);
        if kept.len() > KEPT {
            kept.remove(0);
        }
    }

    /// Drops the copies that include event `target` or later (it has just been undone),
    /// puts the folded parts back as the newest remaining copy has them, and returns the
    /// sequence number that copy was taken after (`None` when none is left: refold from
    /// the plan). The copy is cloned, not moved: undos come several in a row, and each would
    /// otherwise use up a copy and soon refold the whole log.
    pub(super) fn restore_before(state: &mut State, target: u64) -> Option<u64> {
        state.checkpoints.0.retain(|c| c.seq < target);
        let newest = state.checkpoints.0.last()?.clone();
        state.participants = newest.participants;
        state.agenda = newest.agenda;
        state.attendance = newest.attendance;
        state.assessment = newest.assessment;
        state.plans = newest.plans;
        state.exercises = newest.exercises;
        Some(newest.seq)
    }
}
