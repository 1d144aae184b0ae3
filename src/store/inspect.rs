//! Reading a store that may be damaged, without changing it.
//!
//! sled recovers from a damaged record by zeroing its data file from that record on, in the
//! very file it opens. So a store under suspicion is copied into a private scratch folder and
//! the copy is opened; the originals stay as they were until a rebuild moves them aside.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{copy_tree, is_half_snapshot, move_aside};
use super::lock::RunLock;
use super::{Store, StoreError};
use crate::event::Recorded;
use crate::plan::Plan;

/// What a tolerant reading of the event log found.
#[derive(Debug, Default)]
pub struct LogReading {
    /// The events that could be read, in order; there may be gaps where records were damaged.
    pub events: Vec<Recorded>,
    /// What could not be read, in words.
    pub damaged: Vec<String>,
}

/// How sled took the store's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// As they are.
    AsTheyAre,
    /// sled refused its configuration or snapshot file, and read its data file without them.
    WithoutConfAndSnapshots,
    /// Not at all; sled's words.
    NotAtAll(String),
    /// There are no sled files in the folder.
    Missing,
}

/// A store read without being changed, with its lock held until this is dropped or rebuilt.
#[derive(Debug)]
pub struct Inspection {
    dir: PathBuf,
    lock: RunLock,
    /// How sled took the files.
    pub opened: Opened,
    /// The plan the run started from: none if the record is missing, an error if damaged.
    pub plan: Result<Option<Plan>, String>,
    /// The events that could be read.
    pub log: LogReading,
    /// Snapshot files sled was killed while writing (moved aside whenever the store opens).
    pub half_snapshots: Vec<PathBuf>,
}

/// A store rebuilt in place of damaged files.
#[derive(Debug)]
pub struct Rebuilt {
    /// The new store, open.
    pub store: Store,
    /// Where the old sled files went, if there were any.
    pub aside: Option<PathBuf>,
}

/// Reads the store in `dir` from a copy of its files, holding the store's lock so that no
/// run changes it meanwhile.
pub fn inspect(dir: &Path) -> Result<Inspection, StoreError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let lock = RunLock::acquire(dir)?;
    let sled_dir = dir.join("sled");
    let mut inspection = Inspection {
        dir: dir.to_owned(),
        lock,
        opened: Opened::Missing,
        plan: Ok(None),
        log: LogReading::default(),
        half_snapshots: half_snapshots(&sled_dir),
    };
    remove_stale_scratch(dir).map_err(io(dir))?;
    if !sled_dir.is_dir() {
        return Ok(inspection);
    }
    let scratch = Scratch(dir.join(format!(".doctor-{}", std::process::id())));
    let copy = scratch.0.join("sled");
    copy_tree(&sled_dir, &copy).map_err(io(&sled_dir))?;
    let store = match Store::open(&scratch.0) {
        Ok(store) => Some((Opened::AsTheyAre, store)),
        Err(
            StoreError::Sled { .. } | StoreError::Damaged { .. } | StoreError::Unreadable { .. },
        ) => {
            remove_conf_and_snapshots(&copy).map_err(io(&copy))?;
            match Store::open(&scratch.0) {
                Ok(store) => Some((Opened::WithoutConfAndSnapshots, store)),
                Err(
                    err @ (StoreError::Sled { .. }
                    | StoreError::Damaged { .. }
                    | StoreError::Unreadable { .. }),
                ) => {
                    inspection.opened = Opened::NotAtAll(sled_words(&err));
                    None
                }
                Err(other) => return Err(other),
            }
        }
        Err(other) => return Err(other),
    };
    if let Some((opened, store)) = store {
        inspection.opened = opened;
        inspection.plan =
            super::contain(&scratch.0, || store.run_plan()).map_err(|e| sled_words(&e));
        inspection.log =
            super::contain(&scratch.0, || Ok(store.read_log())).unwrap_or_else(|e| LogReading {
                events: Vec::new(),
                damaged: vec![sled_words(&e)],
            });
    }
    Ok(inspection)
}

impl Inspection {
    /// The folder of the inspected store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens the store itself (which moves half-written snapshots aside), keeping the lock.
    pub fn open(self) -> Result<Store, StoreError> {
        Store::open_locked(&self.dir, self.lock)
    }

    /// Moves the store's sled files aside, never deleting them, and writes `plan` and
    /// `events` (numbered from 1 without a gap) into a new store in their place, under the
    /// lock held since the inspection. The new store is read back before this returns.
    pub fn rebuild(self, plan: &Plan, events: &[Recorded]) -> Result<Rebuilt, StoreError> {
        let sled_dir = self.dir.join("sled");
        let aside = if sled_dir.exists() {
            let moved = move_aside(&sled_dir, &self.dir.join("aside")).map_err(|source| {
                StoreError::Io {
                    path: sled_dir.clone(),
                    source,
                }
            })?;
            Some(moved)
        } else {
            None
        };
        let mut store = Store::open_locked(&self.dir, self.lock)?;
        store.save_run_plan(plan)?;
        store.append_all(events.iter().map(|r| (r.at, &r.event)))?;
        if store.events()? != events || store.run_plan()?.as_ref() != Some(plan) {
            return Err(store.damaged(
                "rebuilt run",
                "it reads back differently from what was written",
            ));
        }
        Ok(Rebuilt { store, aside })
    }
}

/// The copy of a store's files a doctor reads; removed when done, since it holds personal
/// data. The originals are never in it.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Scratch copies left by a doctor that was killed: only copies, and personal data.
fn remove_stale_scratch(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(".doctor-") {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

fn half_snapshots(sled_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(sled_dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| is_half_snapshot(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// sled rebuilds its configuration and snapshots from the data file when they are missing.
fn remove_conf_and_snapshots(copy: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(copy)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == "conf" || name.starts_with("snap.") {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// What went wrong, without the scratch folder's path, which is gone by the time anyone reads it.
fn sled_words(err: &StoreError) -> String {
    match err {
        StoreError::Sled { source, .. } => match source {
            sled::Error::Corruption { .. } => "sled reports its files as corrupted".to_owned(),
            other => other.to_string(),
        },
        StoreError::Damaged { what, detail, .. } => format!("a damaged record ({what}): {detail}"),
        StoreError::Unreadable { why, .. } => format!("sled stopped reading it ({why})"),
        other => other.to_string(),
    }
}
