//! Reading the event log back. A [`LogReader`] can be handed to another thread (an export,
//! a backup) and reads while the store goes on appending.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{StoreError, sled_error};
use crate::event::{Event, Recorded};

/// Below twice this many events, reading on a second thread is not worth starting it.
const SPLIT_AT_LEAST: u64 = 10_000;

/// Reads a store's events; cheap to clone.
#[derive(Debug, Clone)]
pub struct LogReader {
    pub(super) dir: PathBuf,
    pub(super) events: sled::Tree,
}

impl LogReader {
    /// The events after `after` up to and including `through`, in order. A long stretch is
    /// read in two halves on two threads: reading and decoding is most of what opening a
    /// run without a fold, or exporting a long one, costs.
    pub fn events_between(&self, after: u64, through: u64) -> Result<Vec<Recorded>, StoreError> {
        let through = through.min(self.last_seq()?);
        if through.saturating_sub(after) < 2 * SPLIT_AT_LEAST {
            return self.read_between(after, through);
        }
        let middle = after + (through - after) / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = std::thread::Builder::new()
                .name("log".into())
                .spawn_scoped(scope, || self.read_between(middle, through));
            let first = self.read_between(after, middle);
            let second = match second {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|_| self.read_between(middle, through)),
                Err(_) => self.read_between(middle, through),
            };
            (first, second)
        });
        let mut out = first?;
        out.extend(second?);
        Ok(out)
    }

    /// The sequence number of the last event (0 if none).
    fn last_seq(&self) -> Result<u64, StoreError> {
        match self.events.last().map_err(|e| sled_error(&self.dir, e))? {
            Some((key, _)) => decode_seq(&self.dir, &key),
            None => Ok(0),
        }
    }

    /// [`LogReader::events_between`] on this thread.
    fn read_between(&self, after: u64, through: u64) -> Result<Vec<Recorded>, StoreError> {
        let Some(first) = after.checked_add(1).filter(|first| *first <= through) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in self
            .events
            .range(first.to_be_bytes()..=through.to_be_bytes())
        {
            let (key, value) = entry.map_err(|e| sled_error(&self.dir, e))?;
            let seq = decode_seq(&self.dir, &key)?;
            out.push(decode_event(&self.dir, seq, &value)?);
        }
        Ok(out)
    }

    /// Every event up to and including `through`, in order.
    pub fn events_through(&self, through: u64) -> Result<Vec<Recorded>, StoreError> {
        self.events_between(0, through)
    }

    /// The event numbered `seq`, if the log holds it.
    pub fn event(&self, seq: u64) -> Result<Option<Recorded>, StoreError> {
        let value = self
            .events
            .get(seq.to_be_bytes())
            .map_err(|e| sled_error(&self.dir, e))?;
        value
            .map(|value| decode_event(&self.dir, seq, &value))
            .transpose()
    }
}

/// The sequence number a record's key holds.
pub(super) fn decode_seq(dir: &Path, key: &[u8]) -> Result<u64, StoreError> {
    <[u8; 8]>::try_from(key)
        .map(u64::from_be_bytes)
        .map_err(|_| StoreError::Damaged {
            dir: dir.to_owned(),
            what: "event key".to_owned(),
            detail: format!("{} bytes instead of 8", key.len()),
        })
}

/// The event a record's value holds.
pub(super) fn decode_event(dir: &Path, seq: u64, value: &[u8]) -> Result<Recorded, StoreError> {
    let stored: StoredEventOwned =
        serde_json::from_slice(value).map_err(|e| StoreError::Damaged {
            dir: dir.to_owned(),
            what: format!("event {seq}"),
            detail: e.to_string(),
        })?;
    Ok(Recorded {
        seq,
        at: stored.at,
        event: stored.event,
    })
}

/// An event as its record holds it; the sequence number is the key.
#[derive(serde::Serialize)]
pub(super) struct StoredEvent<'a> {
    pub(super) at: DateTime<Utc>,
    pub(super) event: &'a Event,
}

#[derive(serde::Deserialize)]
struct StoredEventOwned {
    at: DateTime<Utc>,
    event: Event,
}
