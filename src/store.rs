//! The run store: sled behind one door. An append-only event log keyed by a big-endian u64,
//! the plan snapshot the run started from, and a schema version. Every write is durable before
//! the caller hears it succeeded.

mod appending;
mod error;
mod files;
mod inspect;
mod lock;
mod log;
mod replace;
mod segments;
mod snapshots;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::event::Recorded;
use crate::plan::Plan;

pub use appending::{Committer, Staged};
pub(crate) use error::contain;
pub use error::{StoreError, is_sled_panic};
use error::{io_error, sled_error};
use files::{SyncTargets, move_aside_half_snapshots, not_private, restrict_tree};
pub use files::{create_private_dir, move_aside};
pub use inspect::{Inspection, LogReading, Opened, inspect};
use lock::RunLock;
pub use log::LogReader;
use log::{StoredEvent, decode_event, decode_seq};
pub use replace::{move_leftover, put_in_place};

/// The layout of the data this version writes. A store with a higher number was written by a
/// newer `workshop` and is not opened.
pub const SCHEMA_VERSION: u32 = 1;

/// sled defaults to a 1 GiB cache. A two-week log is some 50 MB in sled's file: at 16 MiB an
/// export, which reads it all, read most pages from the file again (1.14 s against 0.79 s
/// at 100,000 events). The cache fills only as pages are read, so opening a run (a snapshot and
/// the events after it) stays small.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// How many snapshots are kept; each is the whole folded state, and only the newest is
/// read when the run opens (older ones serve an undo reaching back past it).
const SNAPSHOTS_KEPT: usize = 3;

const SCHEMA_KEY: &[u8] = b"schema_version";
const PLAN_KEY: &[u8] = b"plan";

/// An open run store. Only one process holds it at a time.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// `None` once a failed write closed sled (whose first I/O error fails every later
    /// write) and opening it again failed too; [`Store::reopen`] tries again.
    sled: Option<Handles>,
    next_seq: u64,
    /// The first event of the segment [`Store::pack_segments_through`] packs next; [`UNKNOWN`] until
    /// the packed segments are first looked at.
    next_to_pack: AtomicU64,
    moved_aside: Vec<PathBuf>,
    _lock: RunLock,
}

/// The open sled database and its trees.
#[derive(Debug)]
struct Handles {
    committer: Committer,
    meta: sled::Tree,
    log: LogReader,
    snapshots: sled::Tree,
}

impl Handles {
    /// Opens sled in `dir/sled` and its trees.
    fn open(dir: &Path) -> Result<Self, StoreError> {
        let sled_dir = dir.join("sled");
        let sled_err = |source| sled_error(dir, source);
        let config = sled::Config::new()
            .path(&sled_dir)
            .cache_capacity(CACHE_BYTES);
        // sled's threads let go of its file lock a moment after the database was dropped
        // (sled's own tests wait for it): the run's lock is held, so the only holder can
        // be this process, just closing the store. Wait for it, up to two seconds.
        let mut tries = 0;
        let db = loop {
            match config.open() {
                Err(sled::Error::Io(err))
                    if tries < 100 && err.to_string().starts_with("could not acquire lock") =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                opened => break opened.map_err(sled_err)?,
            }
        };
        restrict_tree(dir).map_err(|e| io_error(dir, dir, e))?;
        let meta = db.open_tree("meta").map_err(sled_err)?;
        let events = db.open_tree("events").map_err(sled_err)?;
        // Stored names, kept from before the words were `snapshot` and `packed segment`.
        let snapshots = db.open_tree("folds").map_err(sled_err)?;
        let packed = db.open_tree("sealed").map_err(sled_err)?;
        let sync = SyncTargets::open(&sled_dir).map_err(|e| io_error(dir, &sled_dir, e))?;
        Ok(Self {
            committer: Committer {
                dir: dir.to_owned(),
                db,
                events: events.clone(),
                sync: Arc::new(sync),
                #[cfg(test)]
                fail_next: Arc::default(),
            },
            meta,
            log: LogReader {
                dir: dir.to_owned(),
                events,
                packed,
            },
            snapshots,
        })
    }

    /// The number the next event takes: one after the log's last.
    fn next_seq(&self, dir: &Path) -> Result<u64, StoreError> {
        match self.log.events.last().map_err(|e| sled_error(dir, e))? {
            Some((key, _)) => Ok(decode_seq(dir, &key)? + 1),
            None => Ok(1),
        }
    }
}

/// [`Store::next_to_pack`] before the packed copies are looked at.
const UNKNOWN: u64 = 0;

impl Store {
    /// Opens the store in `dir`, creating it (owner-only) if needed.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| StoreError::Io { path, source }
        };
        // A folder given that already exists is checked as it is, before it is made private.
        if dir.exists()
            && let Some(why) = not_private(dir).map_err(io(dir))?
        {
            return Err(StoreError::NotPrivate {
                dir: dir.to_owned(),
                why,
            });
        }
        create_private_dir(dir).map_err(io(dir))?;
        let lock = RunLock::acquire(dir)?;
        Self::open_locked(dir, lock)
    }

    /// Opens the store in `dir`, whose lock the caller already holds.
    fn open_locked(dir: &Path, lock: RunLock) -> Result<Self, StoreError> {
        let sled_dir = dir.join("sled");
        let moved_aside = move_aside_half_snapshots(&sled_dir, &dir.join("aside"))
            .map_err(|e| io_error(dir, &sled_dir, e))?;
        let handles = contain(dir, || Handles::open(dir))?;
        // sled created `sled/` (and the lock its name) inside the run's folder: durable
        // before the first event is.
        files::sync_dir(dir).map_err(|e| io_error(dir, dir, e))?;
        let next_seq = contain(dir, || handles.next_seq(dir))?;
        let mut store = Self {
            dir: dir.to_owned(),
            sled: Some(handles),
            next_seq,
            next_to_pack: AtomicU64::new(UNKNOWN),
            moved_aside,
            _lock: lock,
        };
        store.check_schema()?;
        Ok(store)
    }

    /// Closes sled and opens it again, keeping the lock: after a failed write sled fails
    /// every later one, and reading its files afresh is how it recovers. The log is then
    /// what sled made durable. Every reader and committer handed out must be dropped
    /// first, or sled finds its files still in use and this fails, to be tried again.
    pub fn reopen(&mut self) -> Result<(), StoreError> {
        self.sled = None;
        self.next_to_pack.store(UNKNOWN, Ordering::Relaxed);
        let handles = contain(&self.dir, || Handles::open(&self.dir)).map_err(|err| match err {
            full @ StoreError::DiskFull { .. } => full,
            other => StoreError::Closed {
                dir: self.dir.clone(),
                why: other.to_string(),
            },
        })?;
        self.next_seq = handles.next_seq(&self.dir)?;
        self.sled = Some(handles);
        Ok(())
    }

    /// Whether a failed write left sled closed: [`Store::reopen`] must succeed before the
    /// store is used again.
    pub fn is_closed(&self) -> bool {
        self.sled.is_none()
    }

    /// The open database, or why there is none.
    fn handles(&self) -> Result<&Handles, StoreError> {
        self.sled.as_ref().ok_or_else(|| StoreError::Closed {
            dir: self.dir.clone(),
            why: "a write failed".to_owned(),
        })
    }

    /// Records this version's schema in a new store; refuses a store from a newer version.
    fn check_schema(&mut self) -> Result<(), StoreError> {
        let meta = &self.handles()?.meta;
        let Some(bytes) = meta.get(SCHEMA_KEY).map_err(|e| self.sled_error(e))? else {
            meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())
                .map_err(|e| self.sled_error(e))?;
            return self.commit();
        };
        let found = <[u8; 4]>::try_from(bytes.as_ref())
            .map(u32::from_be_bytes)
            .map_err(|_| self.damaged("schema version", "not a 4-byte number"))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                dir: self.dir.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// The folder this store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Half-written snapshot files that were moved aside when the store was opened.
    pub fn moved_aside(&self) -> &[PathBuf] {
        &self.moved_aside
    }

    /// The plan the run started from, if the run has started.
    pub fn run_plan(&self) -> Result<Option<Plan>, StoreError> {
        let Some(bytes) = self
            .handles()?
            .meta
            .get(PLAN_KEY)
            .map_err(|e| self.sled_error(e))?
        else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| self.damaged("plan snapshot", e))
    }

    /// Records the plan the run starts from; durable on return.
    pub fn save_run_plan(&mut self, plan: &Plan) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(plan).map_err(|e| self.damaged("plan snapshot", e))?;
        self.handles()?
            .meta
            .insert(PLAN_KEY, bytes)
            .map_err(|e| self.sled_error(e))?;
        self.commit()
    }

    /// Every recorded event, in order.
    pub fn events(&self) -> Result<Vec<Recorded>, StoreError> {
        self.handles()?.log.events_through(u64::MAX)
    }

    /// A reader of the log, for another thread.
    pub fn reader(&self) -> Result<LogReader, StoreError> {
        Ok(self.handles()?.log.clone())
    }

    /// Makes what was saved so far durable, snapshots included.
    pub fn sync(&self) -> Result<(), StoreError> {
        self.commit()
    }

    /// Every event that can be read, in order, and what could not be: unlike
    /// [`Store::events`], a damaged record does not stop the reading.
    pub fn read_log(&self) -> LogReading {
        let mut reading = LogReading::default();
        let handles = match self.handles() {
            Ok(handles) => handles,
            Err(err) => {
                reading.damaged.push(err.to_string());
                return reading;
            }
        };
        for entry in &handles.log.events {
            let (key, value) = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    reading.damaged.push(format!("sled stopped reading: {err}"));
                    break;
                }
            };
            let Ok(seq) = decode_seq(&self.dir, &key) else {
                reading
                    .damaged
                    .push(format!("a record with a {}-byte key", key.len()));
                continue;
            };
            match decode_event(&self.dir, seq, &value) {
                Ok(recorded) => reading.events.push(recorded),
                Err(StoreError::Damaged { what, detail, .. }) => {
                    reading.damaged.push(format!("{what}: {detail}"));
                }
                Err(err) => reading.damaged.push(err.to_string()),
            }
        }
        reading
    }

    /// How many events the log holds.
    pub fn event_count(&self) -> u64 {
        self.next_seq - 1
    }

    fn commit(&self) -> Result<(), StoreError> {
        self.handles()?.committer.commit()
    }

    fn sled_error(&self, source: sled::Error) -> StoreError {
        sled_error(&self.dir, source)
    }

    fn damaged(&self, what: &str, detail: impl std::fmt::Display) -> StoreError {
        StoreError::Damaged {
            dir: self.dir.clone(),
            what: what.to_owned(),
            detail: detail.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
