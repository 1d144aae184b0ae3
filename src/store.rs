//! The run store: sled behind one door. An append-only event log keyed by a big-endian u64,
//! the plan snapshot the run started from, and a schema version. Every write is durable before
//! the caller hears it succeeded.

mod error;
mod files;
mod inspect;
mod lock;
mod log;
mod replace;
mod segments;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

use crate::event::{Event, Recorded};
use crate::plan::Plan;

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

/// Writes a staged event and makes what a store wrote durable: sled's flush, then the
/// fsyncs it leaves out. Cheap to clone and sendable, so that an action's write can run
/// while its frame is drawn.
#[derive(Debug, Clone)]
pub struct Committer {
    dir: PathBuf,
    db: sled::Db,
    events: sled::Tree,
    sync: Arc<SyncTargets>,
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

    /// Every recorded event, in order.
    pub fn events(&self) -> Result<Vec<Recorded>, StoreError> {
        self.handles()?.log.events_through(u64::MAX)
    }

    /// A reader of the log, for another thread.
    pub fn reader(&self) -> Result<LogReader, StoreError> {
        Ok(self.handles()?.log.clone())
    }

    /// Saves `snapshot`, the state folded through event `seq` (which the log must hold), and
    /// drops all but the newest few. Not synced by itself: a snapshot is a shortcut, made
    /// durable by the next commit; one lost costs only a slower opening.
    pub fn save_snapshot(&self, seq: u64, snapshot: &[u8]) -> Result<(), StoreError> {
        let handles = self.handles()?;
        let Some(event) = handles
            .log
            .events
            .get(seq.to_be_bytes())
            .map_err(|e| self.sled_error(e))?
        else {
            return Err(self.damaged("new snapshot", format!("the log holds no event {seq}")));
        };
        // The snapshot begins with its event's record, so that it is not taken for the snapshot of
        // another log (a store rebuilt, or cut short by damage).
        let mut value = Vec::with_capacity(8 + event.len() + snapshot.len());
        value.extend_from_slice(&(event.len() as u64).to_be_bytes());
        value.extend_from_slice(&event);
        value.extend_from_slice(snapshot);
        handles
            .snapshots
            .insert(seq.to_be_bytes(), value)
            .map_err(|e| self.sled_error(e))?;
        let seqs = self.snapshot_seqs();
        for old in seqs.iter().skip(SNAPSHOTS_KEPT) {
            handles
                .snapshots
                .remove(old.to_be_bytes())
                .map_err(|e| self.sled_error(e))?;
        }
        Ok(())
    }

    /// Packs each whole segment of the log through event `seq` that is not packed yet (see
    /// [`segments`]); every event through `seq` must be durable. Not synced by itself: like
    /// a snapshot, a packed segment is a copy, made durable by the next commit.
    pub fn pack_segments_through(&self, seq: u64) -> Result<(), StoreError> {
        let log = &self.handles()?.log;
        let seq = seq.min(self.event_count());
        let mut first = match self.next_to_pack.load(Ordering::Relaxed) {
            UNKNOWN => match log.packed.last().map_err(|e| self.sled_error(e))? {
                Some((key, _)) => decode_seq(&self.dir, &key)? + segments::SEGMENT,
                None => 1,
            },
            known => known,
        };
        let mut last = segments::last_of(first);
        while last <= seq {
            let records: Vec<sled::IVec> = log
                .events
                .range(first.to_be_bytes()..=last.to_be_bytes())
                .values()
                .collect::<Result<_, _>>()
                .map_err(|e| self.sled_error(e))?;
            // A segment the log does not hold whole stays unpacked, and is read from the log.
            if let Some(value) = segments::pack(records.iter().map(AsRef::as_ref)) {
                log.packed
                    .insert(first.to_be_bytes(), value)
                    .map_err(|e| self.sled_error(e))?;
            }
            first = last + 1;
            last = segments::last_of(first);
        }
        self.next_to_pack.store(first, Ordering::Relaxed);
        Ok(())
    }

    /// How many segments of the log are packed, whether or not each still holds.
    pub fn packed_segment_count(&self) -> usize {
        self.sled.as_ref().map_or(0, |h| h.log.packed.len())
    }

    /// Makes what was saved so far durable, snapshots included.
    pub fn sync(&self) -> Result<(), StoreError> {
        self.commit()
    }

    /// The events the snapshots were folded through, newest first.
    pub fn snapshot_seqs(&self) -> Vec<u64> {
        let Some(handles) = &self.sled else {
            return Vec::new();
        };
        handles
            .snapshots
            .iter()
            .keys()
            .rev()
            .filter_map(|key| decode_seq(&self.dir, &key.ok()?).ok())
            .collect()
    }

    /// The snapshot saved through event `seq`, if there is one and the log still holds the
    /// very event it was folded through. Anything unreadable counts as no snapshot.
    pub fn snapshot(&self, seq: u64) -> Option<Vec<u8>> {
        let value = self
            .sled
            .as_ref()?
            .snapshots
            .get(seq.to_be_bytes())
            .ok()??;
        self.verified(seq, &value)
    }

    /// The snapshots through events before `limit`, newest first, each with the event it
    /// was folded through; read one by one, as the caller goes on. Those [`Store::snapshot`]
    /// would not give are passed over.
    pub fn snapshots_before(&self, limit: u64) -> impl Iterator<Item = (u64, Vec<u8>)> + '_ {
        self.sled
            .iter()
            .flat_map(move |handles| handles.snapshots.range(..limit.to_be_bytes()).rev())
            .filter_map(move |entry| {
                let (key, value) = entry.ok()?;
                let seq = decode_seq(&self.dir, &key).ok()?;
                self.verified(seq, &value).map(|snapshot| (seq, snapshot))
            })
    }

    /// The snapshot in `value`, saved through event `seq`, if the log holds that very event.
    fn verified(&self, seq: u64, value: &[u8]) -> Option<Vec<u8>> {
        let event = self
            .sled
            .as_ref()?
            .log
            .events
            .get(seq.to_be_bytes())
            .ok()??;
        let (len, rest) = value.split_first_chunk::<8>()?;
        let (saved_event, snapshot) =
            rest.split_at_checked(usize::try_from(u64::from_be_bytes(*len)).ok()?)?;
        (saved_event == event.as_ref()).then(|| snapshot.to_vec())
    }

    /// Drops the snapshots through event `seq` or later: `seq` was undone, and they include it.
    /// Only the snapshots from `seq` on are read (an undo's target is recent, so usually none),
    /// not every snapshot: each is a blob file of the whole state.
    pub fn drop_snapshots_from(&self, seq: u64) -> Result<(), StoreError> {
        let snapshots = &self.handles()?.snapshots;
        let newer: Vec<sled::IVec> = snapshots
            .range(seq.to_be_bytes()..)
            .keys()
            .collect::<Result<_, _>>()
            .map_err(|e| self.sled_error(e))?;
        for key in newer {
            snapshots.remove(key).map_err(|e| self.sled_error(e))?;
        }
        Ok(())
    }

    /// Whether a snapshot through event `seq` is saved (whether or not it still holds).
    pub fn has_snapshot(&self, seq: u64) -> bool {
        self.sled
            .as_ref()
            .is_some_and(|h| h.snapshots.contains_key(seq.to_be_bytes()).unwrap_or(false))
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
mod tests {
    use super::*;
    use chrono::TimeZone;

    use crate::event::message as event;

    /// The log's tree itself, to damage or rewrite it under the store.
    fn events_tree(store: &Store) -> &sled::Tree {
        &store.sled.as_ref().unwrap().log.events
    }

    fn packed_tree(store: &Store) -> &sled::Tree {
        &store.sled.as_ref().unwrap().log.packed
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_lock_is_not_followed_and_a_folder_others_control_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("run");
        std::fs::create_dir(&dir).unwrap();
        let target = home.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::symlink(&target, dir.join("lock")).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let err = Store::open(&dir).unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "the link's target was changed");

        let open = home.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = Store::open(&open).unwrap_err();
        assert!(err.to_string().contains("others may write in it"), "{err}");
        assert!(!open.join("sled").exists(), "nothing is written in it");

        let theirs = home.path().join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o700)).unwrap();
        let chowned = std::process::Command::new("chown")
            .args(["4321"])
            .arg(&theirs)
            .status()
            .unwrap();
        assert!(chowned.success(), "the tests run as root");
        let err = Store::open(&theirs).unwrap_err();
        assert!(
            err.to_string()
                .contains("belongs to another user (uid 4321"),
            "{err}"
        );
    }

    #[test]
    fn a_snapshot_is_given_back_only_while_the_log_holds_its_very_event() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        for text in ["one", "two"] {
            store.append(at, event(text)).unwrap();
        }
        assert!(
            store.save_snapshot(3, b"snapshot").is_err(),
            "no event 3 yet"
        );
        store.save_snapshot(2, b"snapshot").unwrap();
        assert_eq!(store.snapshot(2).as_deref(), Some(&b"snapshot"[..]));
        assert_eq!(store.snapshot(1), None);

        // The same number, another event: a log rebuilt or rewritten under the snapshot.
        let other = serde_json::to_vec(&StoredEvent {
            at,
            event: &event("deux"),
        })
        .unwrap();
        events_tree(&store)
            .insert(2u64.to_be_bytes(), other)
            .unwrap();
        assert_eq!(store.snapshot(2), None);
        events_tree(&store).remove(2u64.to_be_bytes()).unwrap();
        assert_eq!(store.snapshot(2), None, "the event is gone");
    }

    #[test]
    fn a_long_log_read_on_two_threads_is_the_log_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        let events: Vec<Event> = (0..25_000).map(|i| event(&i.to_string())).collect();
        store.append_all(events.iter().map(|e| (at, e))).unwrap();
        let one_by_one = store.read_log().events;
        assert_eq!(one_by_one.len(), 25_000);
        assert_eq!(store.events().unwrap(), one_by_one);
        let reader = store.reader().unwrap();
        assert_eq!(
            reader.events_between(3, 24_990).unwrap(),
            one_by_one[3..24_990]
        );
        assert_eq!(reader.events_through(30_000).unwrap().len(), 25_000);
        assert!(reader.events_between(25_000, u64::MAX).unwrap().is_empty());
    }

    #[test]
    fn whole_segments_are_read_packed_while_the_log_still_holds_them() {
        use segments::SEGMENT;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        let count = 3 * SEGMENT + 5;
        let events: Vec<Event> = (0..count).map(|i| event(&i.to_string())).collect();
        store.append_all(events.iter().map(|e| (at, e))).unwrap();
        let log = store.read_log().events;
        store.pack_segments_through(2 * SEGMENT + 1).unwrap();
        assert_eq!(
            packed_tree(&store).len(),
            2,
            "only whole segments are packed"
        );
        store.pack_segments_through(u64::MAX).unwrap();
        assert_eq!(packed_tree(&store).len(), 3, "as far as the log goes");
        let reader = store.reader().unwrap();
        let slice = |after: u64, through: u64| {
            log[usize::try_from(after).unwrap()..usize::try_from(through).unwrap()].to_vec()
        };
        for (after, through) in [
            (0, count),
            (5, 17),
            (SEGMENT - 3, 2 * SEGMENT + 9),
            (3 * SEGMENT, count),
        ] {
            assert_eq!(
                reader.events_between(after, through).unwrap(),
                slice(after, through)
            );
        }
        let mut streamed = Vec::new();
        reader
            .stream(
                7,
                count,
                |part| {
                    streamed.extend(part);
                    Ok::<_, StoreError>(())
                },
                |e| e,
            )
            .unwrap();
        assert_eq!(streamed, slice(7, count));

        // An event gone from the middle of the first segment is still read: from its packed copy.
        events_tree(&store).remove(10u64.to_be_bytes()).unwrap();
        assert_eq!(
            reader.events_between(0, SEGMENT).unwrap(),
            slice(0, SEGMENT)
        );

        // The segment's last event rewritten: the log is the truth, the packed copy is passed over.
        let other = serde_json::to_vec(&StoredEvent {
            at,
            event: &event("rewritten"),
        })
        .unwrap();
        events_tree(&store)
            .insert(SEGMENT.to_be_bytes(), other)
            .unwrap();
        let read = reader.events_between(0, SEGMENT).unwrap();
        assert_eq!(
            read.len(),
            usize::try_from(SEGMENT).unwrap() - 1,
            "event 10 is gone"
        );
        assert_eq!(read.last().map(|r| &r.event), Some(&event("rewritten")));

        // A damaged packed copy counts as none.
        packed_tree(&store)
            .insert((SEGMENT + 1).to_be_bytes(), b"damaged".to_vec())
            .unwrap();
        events_tree(&store)
            .remove((SEGMENT + 20).to_be_bytes())
            .unwrap();
        let read = reader.events_between(SEGMENT, 2 * SEGMENT).unwrap();
        assert_eq!(read.len(), usize::try_from(SEGMENT).unwrap() - 1);
    }

    #[test]
    fn the_newest_snapshots_are_kept_and_an_undo_drops_those_it_reaches_into() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
        for seq in 1..=6 {
            store.append(at, event(&seq.to_string())).unwrap();
            store
                .save_snapshot(seq, &[u8::try_from(seq).unwrap()])
                .unwrap();
        }
        assert_eq!(store.snapshot_seqs(), [6, 5, 4]);
        store.drop_snapshots_from(5).unwrap();
        assert_eq!(store.snapshot_seqs(), [4]);
        assert_eq!(store.snapshot(4).as_deref(), Some(&[4u8][..]));
    }
}
