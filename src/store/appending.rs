//! Appending to the log: an event numbered and encoded (staged), written and made durable
//! by a [`Committer`] (on another thread while the app draws), taken back if that fails;
//! and a batch of events in one durable write, for imports.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::files::SyncTargets;
use super::{Store, StoreError, StoredEvent, io_error, sled_error};
use crate::event::{Event, Recorded};

/// Writes a staged event and makes what a store wrote durable: sled's flush, then the
/// fsyncs it leaves out. Cheap to clone and sendable, so that an action's write can run
/// while its frame is drawn.
#[derive(Debug, Clone)]
pub struct Committer {
    pub(super) dir: PathBuf,
    pub(super) db: sled::Db,
    pub(super) events: sled::Tree,
    pub(super) sync: Arc<SyncTargets>,
    /// Set by a test to make the next commit fail, as a failing disk would.
    #[cfg(test)]
    pub(crate) fail_next: Arc<std::sync::atomic::AtomicBool>,
}

/// An event numbered and encoded by [`Store::stage`], for [`Committer::write`] to put in
/// the log.
#[derive(Debug)]
pub struct Staged {
    seq: u64,
    bytes: Vec<u8>,
}

impl Committer {
    /// Puts `staged` in the log and makes every write so far durable: the whole of sled's
    /// own durable write, so that it can run on another thread while the event's frame is
    /// drawn. On an error, [`Store::unstage`] takes the event back.
    pub fn write(&self, staged: Staged) -> Result<(), StoreError> {
        self.events
            .insert(staged.seq.to_be_bytes(), staged.bytes)
            .map_err(|e| sled_error(&self.dir, e))?;
        self.commit()
    }

    /// Makes every write so far durable; on `Ok` they survive a crash or a power cut.
    pub fn commit(&self) -> Result<(), StoreError> {
        #[cfg(test)]
        if self
            .fail_next
            .swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return Err(StoreError::Io {
                path: self.dir.join("sled"),
                source: std::io::Error::other("the disk failed (a test)"),
            });
        }
        self.db.flush().map_err(|e| sled_error(&self.dir, e))?;
        self.sync
            .sync()
            .map_err(|source| io_error(&self.dir, &self.dir.join("sled"), source))
    }
}

impl Store {
    /// Appends one event, stamped `at`. When this returns `Ok` the event is on disk and survives
    /// a crash or a power cut.
    pub fn append(&mut self, at: DateTime<Utc>, event: Event) -> Result<Recorded, StoreError> {
        let (recorded, staged) = self.stage(at, event)?;
        if let Err(err) = self.handles()?.committer.write(staged) {
            self.unstage(recorded.seq);
            return Err(err);
        }
        Ok(recorded)
    }

    /// Numbers and encodes one event, stamped `at`, for [`Committer::write`] to write: it
    /// is in the log once that returns `Ok`; if that fails, [`Store::unstage`] takes it back.
    pub fn stage(
        &mut self,
        at: DateTime<Utc>,
        event: Event,
    ) -> Result<(Recorded, Staged), StoreError> {
        let recorded = Recorded {
            seq: self.next_seq,
            at,
            event,
        };
        let bytes = serde_json::to_vec(&StoredEvent {
            at: recorded.at,
            event: &recorded.event,
        })
        .map_err(|e| self.damaged("new event", e))?;
        self.next_seq += 1;
        let seq = recorded.seq;
        Ok((recorded, Staged { seq, bytes }))
    }

    /// Takes back the event `seq` staged last, whose commit failed, so that its number goes
    /// to the next event. Removing it is itself made durable only by a later commit: until
    /// then a crash may keep it, as it may keep any write whose sync failed.
    pub fn unstage(&mut self, seq: u64) {
        if seq + 1 == self.next_seq {
            if let Some(handles) = &self.sled {
                let _ = handles.log.events.remove(seq.to_be_bytes());
            }
            self.next_seq = seq;
        }
    }

    /// What makes this store's writes durable, for another thread.
    pub fn committer(&self) -> Result<Committer, StoreError> {
        Ok(self.handles()?.committer.clone())
    }

    /// Appends `events` as one batch, with one durable write: all of them are on disk when
    /// this returns `Ok`, and after a crash either all of them are there or none. For
    /// imports, where one write per event would cost a disk sync each.
    pub fn append_all<'a>(
        &mut self,
        events: impl IntoIterator<Item = (DateTime<Utc>, &'a Event)>,
    ) -> Result<u64, StoreError> {
        let mut batch = sled::Batch::default();
        let mut seq = self.next_seq;
        for (at, event) in events {
            let bytes = serde_json::to_vec(&StoredEvent { at, event })
                .map_err(|e| self.damaged("new event", e))?;
            batch.insert(&seq.to_be_bytes(), bytes);
            seq += 1;
        }
        self.handles()?
            .log
            .events
            .apply_batch(batch)
            .map_err(|e| self.sled_error(e))?;
        self.commit()?;
        let added = seq - self.next_seq;
        self.next_seq = seq;
        Ok(added)
    }
}
