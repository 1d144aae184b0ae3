//! Events: the facilitator's actions as they are recorded, one at a time, in the run's log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::plan::Participant;

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
}

/// An event as the store keeps it: its place in the log and when it was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// Position in the log, from 1, without gaps.
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub event: Event,
}
