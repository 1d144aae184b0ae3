//! A run: one plan being conducted, its store, and the state folded from the store's events.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::backup;
use crate::event::{Event, Recorded};
use crate::plan::Plan;
use crate::state::State;
use crate::store::{Store, StoreError};

/// Why a run could not be opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store at {} holds the run of plan `{found}`, not `{wanted}`: give another --store", dir.display())]
    OtherPlan {
        dir: PathBuf,
        found: String,
        wanted: String,
    },
    #[error("no platform data folder is known for this user (is HOME set?): give --store DIR")]
    NoDataDir,
    #[error(
        "the store at {} holds {held} events, but its backup {} holds {backed_up}: the store \
         has lost events (a damaged disk?). Nothing was changed. `workshop doctor --repair` \
         on this plan rebuilds the run from the store and the backup",
        dir.display(),
        backup.display()
    )]
    BehindBackup {
        dir: PathBuf,
        held: u64,
        backup: PathBuf,
        backed_up: u64,
    },
    #[error("{}: cannot read the backups: {source}", dir.display())]
    Backups {
        dir: PathBuf,
        source: std::io::Error,
    },
}

/// An open run. Changes go through [`Run::record`], which makes them durable before the state
/// reflects them.
#[derive(Debug)]
pub struct Run {
    store: Store,
    state: State,
    plan_changed: bool,
    backed_up: u64,
}

impl Run {
    /// Opens the run of `plan` in `dir`, starting it (saving the plan snapshot) the first time.
    /// A run keeps the plan it started from; [`Run::plan_changed`] tells if the file differs.
    pub fn open(plan: Plan, dir: &Path) -> Result<Self, RunError> {
        let mut store = Store::open(dir)?;
        let backed_up = refuse_if_behind_backup(&store)?;
        let (snapshot, plan_changed) = match store.plan_snapshot()? {
            Some(snapshot) if snapshot.id != plan.id => {
                return Err(RunError::OtherPlan {
                    dir: dir.to_owned(),
                    found: snapshot.id,
                    wanted: plan.id,
                });
            }
            Some(snapshot) => {
                let changed = snapshot != plan;
                (snapshot, changed)
            }
            None => {
                store.save_plan_snapshot(&plan)?;
                (plan, false)
            }
        };
        let events = store.events()?;
        let state = State::from_log(snapshot, events);
        Ok(Self {
            store,
            state,
            plan_changed,
            backed_up,
        })
    }

    /// Appends `event` durably, then applies it to the state.
    pub fn record(&mut self, at: DateTime<Utc>, event: Event) -> Result<Recorded, RunError> {
        let recorded = self.store.append(at, event)?;
        self.state.apply(&recorded);
        Ok(recorded)
    }

    /// The state after every recorded event.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The store behind the run.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many events the newest backup held when the run opened (0 if none).
    pub fn backed_up(&self) -> u64 {
        self.backed_up
    }

    /// Whether the plan file now differs from the snapshot the run started from.
    pub fn plan_changed(&self) -> bool {
        self.plan_changed
    }
}

/// sled opens a store whose data file was damaged by dropping everything from the damage on,
/// without a word; the newest backup says how many events there were. Writing to such a
/// store would give the lost events' numbers to new ones, so it is refused. Returns how many
/// events the newest backup holds.
fn refuse_if_behind_backup(store: &Store) -> Result<u64, RunError> {
    let dir = store.dir();
    let newest = backup::newest(dir).map_err(|source| RunError::Backups {
        dir: dir.to_owned(),
        source,
    })?;
    match newest {
        Some(newest) if newest.events > store.event_count() => Err(RunError::BehindBackup {
            dir: dir.to_owned(),
            held: store.event_count(),
            backup: newest.path,
            backed_up: newest.events,
        }),
        newest => Ok(newest.map_or(0, |b| b.events)),
    }
}

/// Where a plan's run lives unless `--store` says otherwise: the platform data folder
/// (`~/.local/share/workshop/runs/<plan id>` on Linux).
pub fn default_store_dir(plan_id: &str) -> Result<PathBuf, RunError> {
    let dirs = directories::ProjectDirs::from("", "", "workshop").ok_or(RunError::NoDataDir)?;
    Ok(dirs.data_dir().join("runs").join(plan_id))
}
