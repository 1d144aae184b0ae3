//! A run's whole log as an export reads it: the events a history no longer holds (those up
//! to its base, which a snapshot took the place of) read back from the store a batch at a
//! time, then those it holds. A two-week log is never in memory whole.

use crate::event::Recorded;
use crate::state::History;
use crate::store::LogReader;

/// Why an export or a backup was refused: the history it was given no longer holds its older
/// events, and no store to read them from was given with it (a bug in the caller).
pub const PARTIAL_LOG: &str = "the run's older events were not read back for this export";

/// Every event of the run a history tells.
pub struct WholeLog<'a> {
    history: &'a History,
    stored: Option<&'a LogReader>,
}

impl<'a> WholeLog<'a> {
    /// The log of the run `history` tells; the events it no longer holds are read through
    /// `stored`, which must then be given.
    pub fn new(history: &'a History, stored: Option<&'a LogReader>) -> Result<Self, String> {
        if history.base() > 0 && stored.is_none() {
            return Err(PARTIAL_LOG.to_owned());
        }
        Ok(Self { history, stored })
    }

    /// Gives `each` every event in order; stops at the first error, its own or the store's.
    /// A log the store cannot give back whole (an event missing or out of place) is an
    /// error, never a shorter export.
    pub fn for_each(
        &self,
        mut each: impl FnMut(&Recorded) -> Result<(), String>,
    ) -> Result<(), String> {
        let base = self.history.base();
        let mut expected = 1;
        let mut next = |recorded: &Recorded| {
            if recorded.seq != expected {
                return Err(format!(
                    "event {expected} could not be read back from the store"
                ));
            }
            expected += 1;
            each(recorded)
        };
        if let Some(stored) = self.stored.filter(|_| base > 0) {
            stored.stream(
                0,
                base,
                |batch| batch.iter().try_for_each(&mut next),
                |e| e.to_string(),
            )?;
        }
        self.history.log().iter().try_for_each(&mut next)?;
        if expected <= self.history.applied() {
            return Err(format!(
                "event {expected} could not be read back from the store"
            ));
        }
        Ok(())
    }

    /// The events that add or edit participants, undone ones too.
    pub fn participant_events(&self) -> Result<Vec<Recorded>, String> {
        let base = self.history.base();
        let mut events = match self.stored.filter(|_| base > 0) {
            Some(stored) => stored.participant_events(base).map_err(|e| e.to_string())?,
            None => Vec::new(),
        };
        events.extend(
            self.history
                .log()
                .iter()
                .filter(|r| r.event.records_participants())
                .cloned(),
        );
        Ok(events)
    }
}
