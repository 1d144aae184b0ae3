//! A run: one plan being conducted, its store, and the history folded from the store's
//! events (the state, and what undo needs).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SendError, Sender, SyncSender, sync_channel};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};

use crate::backup;
use crate::event::{Event, Recorded};
use crate::plan::Plan;
use crate::state::{History, State};
use crate::store::{Staged, Store, StoreError};

/// A snapshot of the state is saved every this many events, so that opening the run reads
/// at most this many events besides the newest snapshot.
const SNAPSHOT_EVERY: u64 = 1024;

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
    #[error(
        "the store at {} cannot give back its events before {base} whole, which this undo \
         needs: `workshop doctor` on this plan says more",
        dir.display()
    )]
    History { dir: PathBuf, base: u64 },
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
    history: History,
    plan_changed: bool,
    backed_up: u64,
    pending: Option<Pending>,
    /// A write failed and the state could not be folded again from the store since.
    stale: bool,
    /// The thread that makes staged events durable, started with the first.
    commits: Option<CommitWorker>,
}

/// An event for the writer thread to write, and where to say how that went.
type WriteRequest = (Staged, SyncSender<Result<(), StoreError>>);

/// The thread that writes events and syncs them, and where to send it one.
#[derive(Debug)]
struct CommitWorker {
    requests: Sender<WriteRequest>,
    thread: JoinHandle<()>,
}

/// The worker holds the store's database open: it is stopped and waited for, so that the
/// store can be opened again as soon as the run is dropped.
impl Drop for Run {
    fn drop(&mut self) {
        self.stop_commit_worker();
    }
}

/// An event staged (applied) whose write and disk sync are under way.
#[derive(Debug)]
struct Pending {
    recorded: Recorded,
    done: Receiver<Result<(), StoreError>>,
}

impl Run {
    /// Opens the run of `plan` in `dir`, starting it (saving the plan as the run's) the
    /// first time. A run keeps the plan it started from; [`Run::plan_changed`] tells if the
    /// file differs.
    pub fn open(plan: Plan, dir: &Path) -> Result<Self, RunError> {
        let mut store = Store::open(dir)?;
        let backed_up = refuse_if_behind_backup(&store)?;
        let (run_plan, plan_changed) = match store.run_plan()? {
            Some(run_plan) if run_plan.id != plan.id => {
                return Err(RunError::OtherPlan {
                    dir: dir.to_owned(),
                    found: run_plan.id,
                    wanted: plan.id,
                });
            }
            Some(run_plan) => {
                let changed = run_plan != plan;
                (run_plan, changed)
            }
            None => {
                store.save_run_plan(&plan)?;
                (plan, false)
            }
        };
        let history = fold(&store, run_plan)?;
        Ok(Self {
            store,
            history,
            plan_changed,
            backed_up,
            pending: None,
            stale: false,
            commits: None,
        })
    }

    /// Appends `event` durably and applies it to the state.
    pub fn record(&mut self, at: DateTime<Utc>, event: Event) -> Result<Recorded, RunError> {
        self.stage(at, event)?;
        self.settle()?.ok_or_else(|| {
            RunError::Store(StoreError::Io {
                path: self.store.dir().to_owned(),
                source: std::io::Error::other("the event staged was lost"),
            })
        })
    }

    /// Applies `event` to the state at once, while another thread writes it to the log and
    /// syncs it (sled's whole durable write): the caller may draw the state meanwhile, but
    /// must not show it before [`Run::settle`] says the event is durable, nor read the log
    /// before then. One event is staged at a time: an event still pending is settled first.
    pub fn stage(&mut self, at: DateTime<Utc>, event: Event) -> Result<(), RunError> {
        self.settle()?;
        self.retry()?;
        if let Event::Undone { target } = event {
            self.read_older_events(target)?;
        }
        let (recorded, staged) = self.store.stage(at, event)?;
        // The write starts before the event is applied, so that the two overlap too.
        let (reply, done) = sync_channel(1);
        let unsent = match self.commit_worker() {
            Some(requests) => requests
                .send((staged, reply.clone()))
                .err()
                .map(|SendError((staged, _))| staged),
            None => Some(staged),
        };
        if let Some(staged) = unsent {
            // No thread to run it on: the write runs here.
            let _ = reply.send(
                self.store
                    .committer()
                    .and_then(|committer| committer.write(staged)),
            );
        }
        self.history.apply(&recorded);
        self.pending = Some(Pending { recorded, done });
        Ok(())
    }

    /// Whether an event is staged and not yet known to be durable.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Waits for the staged event's write and disk sync. `Ok(Some)` when it is durable (`Ok(None)` when
    /// nothing was staged). When the sync failed, the event is taken back, the state folded
    /// again without it, and the failure returned.
    pub fn settle(&mut self) -> Result<Option<Recorded>, RunError> {
        let Some(Pending { recorded, done }) = self.pending.take() else {
            return Ok(None);
        };
        let synced = done.recv().unwrap_or_else(|_| {
            Err(StoreError::Io {
                path: self.store.dir().to_owned(),
                source: std::io::Error::other("the disk writer stopped"),
            })
        });
        if let Err(err) = synced {
            self.store.unstage(recorded.seq);
            // The write's own failure is the one to tell; a recovery that fails too is
            // tried again at the next action, which then tells its reason.
            let _ = self.recover();
            return Err(err.into());
        }
        self.after_durable(&recorded);
        Ok(Some(recorded))
    }

    /// After a failed write: sled fails every write after its first I/O error, so it is
    /// closed and opened again (the writer thread, which holds it, is stopped first), and
    /// the state is folded afresh from what the log holds. If either fails, the run stays
    /// [`Run::is_stale`], the next action tries again, and the reason is returned.
    fn recover(&mut self) -> Result<(), RunError> {
        self.stop_commit_worker();
        self.stale = true;
        self.store.reopen()?;
        self.history = fold(&self.store, self.state().plan().clone())?;
        self.stale = false;
        Ok(())
    }

    /// Whether the state may show an action the store does not hold: a write failed and
    /// the store could not be read again since. Nothing may be shown or recorded until
    /// [`Run::retry`] succeeds.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Tries again to open the store and fold the state from it, after a failed write.
    pub fn retry(&mut self) -> Result<(), RunError> {
        if self.stale {
            self.recover()?;
        }
        Ok(())
    }

    /// Stops the writer thread and waits for it, so that it lets go of the database.
    fn stop_commit_worker(&mut self) {
        if let Some(CommitWorker { requests, thread }) = self.commits.take() {
            drop(requests);
            let _ = thread.join();
        }
    }

    /// The thread that writes and syncs events, started if need be; `None` if it cannot be.
    fn commit_worker(&mut self) -> Option<&Sender<WriteRequest>> {
        if self.commits.is_none() {
            let committer = self.store.committer().ok()?;
            let (requests, incoming) = std::sync::mpsc::channel::<WriteRequest>();
            let thread = std::thread::Builder::new()
                .name("commit".into())
                .spawn(move || {
                    for (staged, reply) in incoming {
                        let _ = reply.send(committer.write(staged));
                    }
                })
                .ok()?;
            self.commits = Some(CommitWorker { requests, thread });
        }
        self.commits.as_ref().map(|worker| &worker.requests)
    }

    /// What follows an event becoming durable: the snapshots it makes stale are dropped, a
    /// snapshot is saved every [`SNAPSHOT_EVERY`] events, and older events are let go.
    fn after_durable(&mut self, recorded: &Recorded) {
        // Snapshots are shortcuts: failing to save or drop one loses nothing, since the log
        // is the truth and a snapshot that does not match it is not used.
        if let Event::Undone { target } = recorded.event {
            let _ = self.store.drop_snapshots_from(target);
        }
        if recorded.seq.is_multiple_of(SNAPSHOT_EVERY) {
            self.save_snapshot();
        }
        self.history.forget_older();
    }

    /// Before an undo reaching past the events the history holds: reads them back from the
    /// store, from the newest snapshot before `target` on (from the start if none).
    fn read_older_events(&mut self, target: u64) -> Result<(), RunError> {
        if !self.history.needs_older(target) {
            return Ok(());
        }
        let base = self.history.base();
        let reader = self.store.reader()?;
        // The snapshot at `base` itself serves when the undo is of an event after it.
        for (seq, snapshot) in self.store.snapshots_before(target.min(base + 1)) {
            let older = reader.events_between(seq, base)?;
            if self.history.prepend_older(Some(&snapshot), older) {
                return Ok(());
            }
        }
        let older = reader.events_through(base)?;
        if self.history.prepend_older(None, older) {
            Ok(())
        } else {
            Err(RunError::History {
                dir: self.store.dir().to_owned(),
                base,
            })
        }
    }

    /// Saves the state as it stands as the newest snapshot, unless one is saved there
    /// already.
    fn save_snapshot(&self) {
        let applied = self.history.applied();
        // Like a snapshot, a packed segment is a copy: failing to make one loses nothing.
        let _ = self.store.pack_segments_through(applied);
        if applied == 0 || self.store.has_snapshot(applied) {
            return;
        }
        if let Some(snapshot) = self.history.snapshot() {
            let _ = self.store.save_snapshot(applied, &snapshot);
        }
    }

    /// Saves the state as it stands, durably, so that the next opening reads no events: on
    /// quitting. Failing loses nothing but time at the next opening.
    pub fn save_snapshot_for_next_time(&self) {
        self.save_snapshot();
        let _ = self.store.sync();
    }

    /// The recorded event numbered `seq`, from memory or else from the store.
    pub fn event(&self, seq: u64) -> Option<Recorded> {
        let log = self.history.log();
        match log.binary_search_by_key(&seq, |r| r.seq) {
            Ok(at) => Some(log[at].clone()),
            Err(_) => self.store.reader().ok()?.event(seq).ok().flatten(),
        }
    }

    /// The state after every recorded event.
    pub fn state(&self) -> &State {
        self.history.state()
    }

    /// The state with the events behind it: what decides a command (undo included), and
    /// what an export reads.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The store behind the run.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many events the newest backup held when the run opened (0 if none).
    pub fn backed_up(&self) -> u64 {
        self.backed_up
    }

    /// Whether the plan file now differs from the plan the run started from.
    pub fn plan_changed(&self) -> bool {
        self.plan_changed
    }
}

/// The history of the run in `store`: from the newest snapshot that still holds and the
/// events after it, else by folding every event (and then saving a snapshot for next time).
fn fold(store: &Store, plan: Plan) -> Result<History, RunError> {
    let reader = store.reader()?;
    for (seq, snapshot) in store.snapshots_before(u64::MAX) {
        let after = reader.events_between(seq, u64::MAX)?;
        if let Some(history) = History::resume(plan.clone(), &snapshot, after) {
            return Ok(history);
        }
    }
    let mut history = History::from_log(plan, store.events()?);
    let applied = history.applied();
    let _ = store.pack_segments_through(applied);
    if applied > 0
        && let Some(snapshot) = history.snapshot()
    {
        let _ = store.save_snapshot(applied, &snapshot);
    }
    history.forget_older();
    Ok(history)
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

#[cfg(test)]
mod tests;
