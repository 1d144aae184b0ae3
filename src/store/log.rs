//! Reading the event log back. A [`LogReader`] can be handed to another thread (an export,
//! a backup) and reads while the store goes on appending.

use std::convert::identity;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::segments::{self, Segment};
use super::{StoreError, sled_error};
use crate::event::{Event, Recorded};

/// Below twice this many events, reading on a second thread is not worth starting it.
const SPLIT_AT_LEAST: u64 = 10_000;

/// How many decoded events [`LogReader::stream`] hands on at a time: a few hundred
/// kilobytes.
const BATCH: usize = 256;

/// Reads a store's events; cheap to clone.
#[derive(Debug, Clone)]
pub struct LogReader {
    pub(super) dir: PathBuf,
    pub(super) events: sled::Tree,
    /// Whole segments of the log, compressed: see [`segments`].
    pub(super) packed: sled::Tree,
}

impl LogReader {
    /// The events after `after` up to and including `through`, in order. A long range is
    /// read in two halves on two threads: reading and decoding is most of what opening a
    /// run without a snapshot, or exporting a long one, costs.
    pub fn events_between(&self, after: u64, through: u64) -> Result<Vec<Recorded>, StoreError> {
        self.in_halves(after, through, Self::read_between)
    }

    /// What `read` gives for the events after `after` up to `through`, a long range read
    /// in two halves on two threads.
    fn in_halves(
        &self,
        after: u64,
        through: u64,
        read: impl Fn(&Self, u64, u64) -> Result<Vec<Recorded>, StoreError> + Sync,
    ) -> Result<Vec<Recorded>, StoreError> {
        let through = through.min(self.last_seq()?);
        if through.saturating_sub(after) < 2 * SPLIT_AT_LEAST {
            return read(self, after, through);
        }
        let middle = after + (through - after) / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = std::thread::Builder::new()
                .name("log".into())
                .spawn_scoped(scope, || read(self, middle, through));
            let first = read(self, after, middle);
            let second = match second {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|_| read(self, middle, through)),
                Err(_) => read(self, middle, through),
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
        let mut out = Vec::new();
        self.for_each_record(
            after,
            through,
            |seq, value| {
                out.push(decode_event(&self.dir, seq, value)?);
                Ok(())
            },
            identity,
        )?;
        Ok(out)
    }

    /// Gives `each` the records after `after` up to and including `through`, in order,
    /// with their numbers: a segment at a time, from its packed copy where it has one that holds,
    /// else from the log.
    fn for_each_record<E>(
        &self,
        after: u64,
        through: u64,
        mut each: impl FnMut(u64, &[u8]) -> Result<(), E>,
        lift: impl Fn(StoreError) -> E,
    ) -> Result<(), E> {
        let held = self.last_seq().map_err(&lift)?;
        let through = through.min(held);
        let mut next = after.saturating_add(1);
        while next <= through {
            let first = segments::first_of(next);
            let last = segments::last_of(first);
            let upto = last.min(through);
            // A segment the log holds only part of has no packed copy: none is looked for, since
            // looking brings a page of packed copies into memory.
            if let Some(segment) = (last <= held).then(|| self.packed_segment(first)).flatten() {
                let skipped = usize::try_from(next - first).unwrap_or(usize::MAX);
                for (seq, record) in (next..=upto).zip(segment.records().skip(skipped)) {
                    each(seq, record)?;
                }
            } else {
                for entry in self.events.range(next.to_be_bytes()..=upto.to_be_bytes()) {
                    let (key, value) = entry.map_err(|e| lift(sled_error(&self.dir, e)))?;
                    each(decode_seq(&self.dir, &key).map_err(&lift)?, &value)?;
                }
            }
            next = upto + 1;
        }
        Ok(())
    }

    /// The packed segment that begins at event `first`, if there is one that opens and the
    /// log still holds its very last event.
    fn packed_segment(&self, first: u64) -> Option<Segment> {
        let value = self.packed.get(first.to_be_bytes()).ok()??;
        let segment = Segment::open(&value)?;
        let last = self
            .events
            .get(segments::last_of(first).to_be_bytes())
            .ok()??;
        (segment.last() == last.as_ref()).then_some(segment)
    }

    /// Gives `each` the events after `after` up to and including `through`, in order,
    /// [`BATCH`] at a time, so that a long log is never held whole: a second thread reads
    /// and decodes the next batch while `each` works on this one. Stops at the first error,
    /// `each`'s own or the store's (made an `E` by `lift`).
    pub fn stream<E>(
        &self,
        after: u64,
        through: u64,
        mut each: impl FnMut(Vec<Recorded>) -> Result<(), E>,
        lift: impl Fn(StoreError) -> E,
    ) -> Result<(), E> {
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            let reading =
                std::thread::Builder::new()
                    .name("log".into())
                    .spawn_scoped(scope, move || {
                        // `None`: refused, because `each` stopped early and nothing more is wanted.
                        let read = self.in_batches(
                            after,
                            through,
                            |batch| send.send(Ok(batch)).map_err(|_| None),
                            Some,
                        );
                        if let Err(Some(err)) = read {
                            let _ = send.send(Err(err));
                        }
                    });
            if reading.is_err() {
                return self.in_batches(after, through, &mut each, &lift);
            }
            // Should the reading thread panic, the scope passes the panic on.
            for read in receive {
                each(read.map_err(&lift)?)?;
            }
            Ok(())
        })
    }

    /// Gives `each` the events after `after` up to and including `through`, decoded,
    /// [`BATCH`] at a time.
    fn in_batches<E>(
        &self,
        after: u64,
        through: u64,
        mut each: impl FnMut(Vec<Recorded>) -> Result<(), E>,
        lift: impl Fn(StoreError) -> E,
    ) -> Result<(), E> {
        let mut batch = Vec::with_capacity(BATCH);
        self.for_each_record(
            after,
            through,
            |seq, value| {
                batch.push(decode_event(&self.dir, seq, value).map_err(&lift)?);
                if batch.len() == BATCH {
                    each(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))?;
                }
                Ok(())
            },
            &lift,
        )?;
        if batch.is_empty() {
            Ok(())
        } else {
            each(batch)
        }
    }

    /// The events up to and including `through` that add or edit participants, undone
    /// ones too: where every name a participant ever had is written. Only those are
    /// decoded; the others are told by the few bytes that name their kind, so that this
    /// costs little more than reading the log.
    pub fn participant_events(&self, through: u64) -> Result<Vec<Recorded>, StoreError> {
        self.in_halves(0, through, Self::participant_events_between)
    }

    /// [`LogReader::participant_events`] after `after` up to `through`, on this thread.
    fn participant_events_between(
        &self,
        after: u64,
        through: u64,
    ) -> Result<Vec<Recorded>, StoreError> {
        const KINDS: [&str; 2] = ["participants-added", "participant-edited"];
        let mut out = Vec::new();
        self.for_each_record(
            after,
            through,
            |seq, value| {
                if kind_of(value).is_none_or(|kind| KINDS.contains(&kind)) {
                    let recorded = decode_event(&self.dir, seq, value)?;
                    if recorded.event.records_participants() {
                        out.push(recorded);
                    }
                }
                Ok(())
            },
            identity,
        )?;
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

/// The kind an event's record names near its start, read without decoding it; `None` when
/// the record is not laid out as [`StoredEvent`] writes it.
fn kind_of(value: &[u8]) -> Option<&str> {
    const BEFORE_TIME: &[u8] = br#"{"at":""#;
    const BEFORE_KIND: &[u8] = br#"","event":{"kind":""#;
    let rest = value.strip_prefix(BEFORE_TIME)?;
    // The time holds no quote.
    let time = rest.iter().position(|&b| b == b'"')?;
    let rest = rest[time..].strip_prefix(BEFORE_KIND)?;
    let end = rest.iter().position(|&b| b == b'"')?;
    std::str::from_utf8(&rest[..end]).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn stored(event: &Event) -> Vec<u8> {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
            .single()
            .unwrap_or_default();
        serde_json::to_vec(&StoredEvent { at, event }).unwrap_or_default()
    }

    #[test]
    fn the_kind_is_read_from_a_record_as_the_store_writes_it() {
        let participant: crate::plan::Participant = serde_json::from_str(
            r#"{"id": "p1", "name": "Ana", "organisation": "NGO", "country": "Fiji",
                "city": "Suva", "sector": "ngo"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let cases = [
            (
                Event::ParticipantEdited {
                    participant: participant.clone(),
                },
                "participant-edited",
            ),
            (
                Event::ParticipantsAdded {
                    source: "walk-ins.csv".to_owned(),
                    participants: vec![participant],
                },
                "participants-added",
            ),
            (Event::ItemStopped, "item-stopped"),
            (Event::Undone { target: 3 }, "undone"),
        ];
        for (event, kind) in cases {
            assert_eq!(kind_of(&stored(&event)), Some(kind), "{event:?}");
        }
        assert_eq!(kind_of(br#"{"event":"#), None);
        assert_eq!(kind_of(b""), None);
    }
}
