//! `workshop doctor`: checks a run's store against its newest backup and, when asked,
//! repairs it.
//!
//! The check never changes the store: it reads a copy of sled's files (see
//! [`crate::store::inspect`]). A repair moves the damaged files aside, never deleting them,
//! and writes a new store from the events the old one still reads, completed from the newest
//! backup that reads whole.

mod merge;
mod words;

use std::path::{Path, PathBuf};

pub use merge::{Merged, merge, ranges};
pub use words::not_repairable;

use crate::backup::{self, Backup};
use crate::export::json::RunExport;
use crate::plan::Plan;
use crate::state::History;
use crate::store::{Inspection, Opened, StoreError, inspect, move_aside};

/// The newest backup that reads whole and belongs to the run.
#[derive(Debug)]
pub struct GoodBackup {
    pub backup: Backup,
    pub export: RunExport,
}

/// What a check found.
#[derive(Debug)]
pub struct Diagnosis {
    /// The store as read from a copy; its lock is held until the diagnosis is dropped.
    pub inspection: Inspection,
    /// How many backup files there are.
    pub backups: usize,
    /// The newest backup that reads whole.
    pub newest: Option<GoodBackup>,
    /// Backups newer than that one which do not read, and why.
    pub unreadable: Vec<(Backup, String)>,
    /// The log a repair would write.
    pub merged: Merged,
    /// The plan a repair would write: the store's snapshot, else the backup's, else the file's.
    pub plan: Plan,
    /// The store holds the run of a plan with this other id.
    pub other_plan: Option<String>,
}

/// The gist of a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No run was ever started in the folder, and no backup is there.
    NoRun,
    /// Nothing is wrong.
    Healthy,
    /// Something is wrong that a repair puts right.
    Repairable,
    /// The store and the backup hold different events under this number: two histories, and
    /// a person should choose.
    Conflict(u64),
    /// The folder holds the run of another plan (its id).
    OtherPlan(String),
}

/// What a repair did.
#[derive(Debug, Default)]
pub struct Repair {
    /// Where the damaged sled files went, if the run was rebuilt.
    pub store_aside: Option<PathBuf>,
    /// Where backups that do not read went.
    pub backups_aside: Vec<PathBuf>,
    /// Half-written snapshots moved aside.
    pub snapshots_aside: Vec<PathBuf>,
    /// How many events the run holds now.
    pub events: usize,
}

/// Checks the run in `dir`; `plan` (from the plan file) is used when neither the store nor a
/// backup still has the plan the run started from.
pub fn diagnose(dir: &Path, plan: Plan) -> Result<Diagnosis, StoreError> {
    let inspection = inspect(dir)?;
    let store_plan = inspection.plan.clone().ok().flatten();
    let other_plan = store_plan
        .as_ref()
        .filter(|p| p.id != plan.id)
        .map(|p| p.id.clone());
    let all = backup::list(dir).map_err(|source| StoreError::Io {
        path: dir.join(backup::FOLDER),
        source,
    })?;
    let mut unreadable = Vec::new();
    let mut newest = None;
    for candidate in &all {
        match backup::read(&candidate.path) {
            Ok(export) if export.plan.id != plan.id => unreadable.push((
                candidate.clone(),
                format!("it is a backup of another plan, `{}`", export.plan.id),
            )),
            Ok(export) => {
                newest = Some(GoodBackup {
                    backup: candidate.clone(),
                    export,
                });
                break;
            }
            Err(why) => unreadable.push((candidate.clone(), why)),
        }
    }
    let backed_up = newest.as_ref().map_or(&[][..], |b| &b.export.events[..]);
    let merged = merge(&inspection.log.events, backed_up);
    let plan = store_plan
        .or_else(|| newest.as_ref().map(|b| b.export.plan.clone()))
        .unwrap_or(plan);
    Ok(Diagnosis {
        inspection,
        backups: all.len(),
        newest,
        unreadable,
        merged,
        plan,
        other_plan,
    })
}

impl Diagnosis {
    /// The gist.
    pub fn verdict(&self) -> Verdict {
        if let Some(id) = &self.other_plan {
            return Verdict::OtherPlan(id.clone());
        }
        if let Some(seq) = self.merged.conflict {
            return Verdict::Conflict(seq);
        }
        if self.inspection.opened == Opened::Missing && self.newest.is_none() {
            return Verdict::NoRun;
        }
        let tidy = self.unreadable.is_empty() && self.inspection.half_snapshots.is_empty();
        if self.needs_rebuild() || !tidy {
            Verdict::Repairable
        } else {
            Verdict::Healthy
        }
    }

    /// Whether the store must be written anew: sled needed help to read it, records are
    /// damaged or missing, or the plan snapshot is.
    pub fn needs_rebuild(&self) -> bool {
        let inspection = &self.inspection;
        let plan_missing = match &inspection.plan {
            Ok(plan) => plan.is_none() && !self.merged.events.is_empty(),
            Err(_) => true,
        };
        inspection.opened != Opened::AsTheyAre
            || plan_missing
            || !inspection.log.damaged.is_empty()
            || !self.merged.restored.is_empty()
            || !self.merged.stranded.is_empty()
    }

    /// The run as a repair would leave it; when the store and the backup tell two
    /// histories, as the store tells it.
    pub fn fold(&self) -> History {
        let events = if self.merged.conflict.is_some() {
            &self.inspection.log.events
        } else {
            &self.merged.events
        };
        History::from_log(self.plan.clone(), events.clone())
    }

    /// What the check found, in plain words, one line each.
    pub fn report(&self) -> Vec<String> {
        words::report(self)
    }

    /// Puts right what [`Diagnosis::verdict`] calls repairable: moves backups that do not
    /// read and half-written snapshots aside, and rebuilds the store if it must be. Nothing
    /// is deleted.
    pub fn repair(self) -> Result<Repair, String> {
        match self.verdict() {
            Verdict::Repairable => {}
            Verdict::Healthy => {
                return Ok(Repair {
                    events: self.merged.events.len(),
                    ..Repair::default()
                });
            }
            other => return Err(words::not_repairable(&other)),
        }
        let dir = self.inspection.dir().to_owned();
        let aside = dir.join("aside");
        let mut repair = Repair {
            events: self.merged.events.len(),
            ..Repair::default()
        };
        for (bad, _) in &self.unreadable {
            let moved = move_aside(&bad.path, &aside)
                .map_err(|e| format!("{}: {e}", bad.path.display()))?;
            repair.backups_aside.push(moved);
        }
        if self.needs_rebuild() {
            let rebuilt = self
                .inspection
                .rebuild(&self.plan, &self.merged.events)
                .map_err(|e| e.to_string())?;
            repair.store_aside = rebuilt.aside;
        } else {
            let store = self.inspection.open().map_err(|e| e.to_string())?;
            repair.snapshots_aside = store.moved_aside().to_vec();
        }
        Ok(repair)
    }
}
