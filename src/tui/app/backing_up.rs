//! Rolling backups while the app runs: at each change of the agenda's day, every
//! [`backup::EVERY_MINUTES`] minutes while events come in, and when the app quits. They are
//! written on a worker thread from a copy of the log, so the room never waits for the disk.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use chrono::{DateTime, TimeDelta, Utc};

use super::App;
use crate::backup;

/// When the next backup is due, and the one being written.
pub struct Backups {
    /// How many events the newest backup holds.
    held: u64,
    /// When the newest backup was made, or the app started.
    since: DateTime<Utc>,
    /// The agenda's day at the last look.
    day: Option<usize>,
    /// A change of day asked for a backup while another was being written.
    due: bool,
    job: Option<BackupJob>,
}

/// A backup being written on its thread.
struct BackupJob {
    thread: JoinHandle<std::io::Result<PathBuf>>,
    /// Set by the thread as its last step, with the event loop woken, so that the loop
    /// takes the result in at once (the thread may not have ended a moment later).
    written: Arc<AtomicBool>,
}

impl Backups {
    /// The schedule for a run whose newest backup holds `held` events (0 if none).
    pub fn new(held: u64, now: DateTime<Utc>, day: Option<usize>) -> Self {
        Self {
            held,
            since: now,
            day,
            due: false,
            job: None,
        }
    }
}

impl App {
    /// After an event: a change of the agenda's day makes a backup due.
    pub(super) fn backup_on_new_day(&mut self) {
        let day = self.state().current_day();
        if day != self.backups.day {
            self.backups.day = day;
            self.backups.due = true;
            self.backup_if_due();
        }
    }

    /// On every tick, and when a backup thread reports: takes in a finished backup, and
    /// starts one if it is due.
    pub(super) fn backup_if_due(&mut self) {
        let ended =
            |job: &mut BackupJob| job.written.load(Ordering::Acquire) || job.thread.is_finished();
        if let Some(job) = self.backups.job.take_if(ended) {
            let outcome = job
                .thread
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the backup stopped unexpectedly")));
            if let Err(err) = outcome {
                self.say_error(&format!("backup failed: {err}"));
                // Nothing new is known to be backed up: quitting tries again.
                self.backups.held = 0;
            }
        }
        // The state shows a staged event before it is durable: a backup must not hold one
        // the store could still lose.
        if self.backups.job.is_some() || self.run.is_pending() || self.run.is_stale() {
            return;
        }
        let now = (self.clock)();
        let periodic = now - self.backups.since >= TimeDelta::minutes(backup::EVERY_MINUTES);
        if (self.backups.due || periodic) && self.unbacked() > 0 {
            let history = self.run.history().copy_to_read();
            let reader = match self.run.store().reader() {
                Ok(reader) => reader,
                Err(err) => {
                    self.say_error(&format!("backup not started: {err}"));
                    return;
                }
            };
            let dir = self.run.store().dir().to_owned();
            let reports = self.reports();
            let written = Arc::new(AtomicBool::new(false));
            let done = Arc::clone(&written);
            let spawned = std::thread::Builder::new()
                .name("backup".into())
                .spawn(move || {
                    let result = backup::write(&dir, &history, Some(&reader), now);
                    done.store(true, Ordering::Release);
                    reports.notify_one();
                    result
                });
            match spawned {
                Ok(thread) => {
                    self.backups.job = Some(BackupJob { thread, written });
                    self.backups.held = self.run.store().event_count();
                }
                Err(err) => self.say_error(&format!("backup not started: {err}")),
            }
            // Tried either way: a failure is said once, and tried again at the next due time.
            self.backups.since = now;
        }
        self.backups.due = false;
    }

    /// When the app quits: waits for the backup being written, then backs up what is newer.
    /// Returns the newest backup written, if one was.
    pub fn final_backup(&mut self) -> Result<Option<PathBuf>, String> {
        let mut newest = None;
        if let Some(job) = self.backups.job.take() {
            newest = Some(
                job.thread
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("it stopped unexpectedly")))
                    .map_err(|e| e.to_string())?,
            );
        }
        if self.unbacked() > 0 {
            // A stale state may hold an action the store lost: never back that up.
            if self.run.is_stale() {
                return Err("the store could not be read back after a failed write".to_owned());
            }
            let store = self.run.store();
            let reader = store.reader().map_err(|e| e.to_string())?;
            let written = backup::write(
                store.dir(),
                self.run.history(),
                Some(&reader),
                (self.clock)(),
            );
            newest = Some(written.map_err(|e| e.to_string())?);
            self.backups.held = self.run.store().event_count();
        }
        Ok(newest)
    }

    /// How many events no backup holds yet.
    fn unbacked(&self) -> u64 {
        self.run
            .store()
            .event_count()
            .saturating_sub(self.backups.held)
    }
}
