//! `X`: the export, made on a worker thread so the app stays responsive, with its progress
//! on the status line.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::App;
use crate::export::{self, Format, Privacy};

/// What the worker says.
enum Progress {
    Writing {
        index: usize,
        total: usize,
        name: String,
    },
    Done(Result<(PathBuf, usize), String>),
}

/// An export under way.
pub struct ExportJob {
    progress: Receiver<Progress>,
    /// `q` was pressed meanwhile: quit once the files are written.
    then_quit: bool,
}

impl App {
    /// The folder an export made now goes to: the run's `exports/`, one folder per export,
    /// which appears only once it holds every file.
    fn export_dir(&self) -> PathBuf {
        let local = self.state().zone().local((self.clock)());
        self.run
            .store()
            .dir()
            .join("exports")
            .join(local.format("%Y-%m-%d_%H%M%S").to_string())
    }

    /// Starts an export of every format, unless one is under way.
    pub(super) fn start_export(&mut self) {
        if self.export.is_some() {
            self.say_error("an export is already under way");
            return;
        }
        // The state shows a staged event before it is durable: an export must not hold
        // one the store could still lose.
        if !self.settle() {
            return;
        }
        let dir = self.export_dir();
        let history = self.run.history().copy_to_read();
        let reader = match self.run.store().reader() {
            Ok(reader) => reader,
            Err(err) => {
                self.say_error(&format!("export not started: {err}"));
                return;
            }
        };
        let at = (self.clock)();
        let (tell, progress) = channel();
        let reports = self.reports();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let total = export::file_count(&Format::ALL);
                let result = export::whole_folder(&dir, |folder| {
                    export::write(
                        &history,
                        Some(&reader),
                        &Format::ALL,
                        Privacy::ConsentedNamed,
                        at,
                        folder,
                        |index, name| {
                            let _ = tell.send(Progress::Writing {
                                index,
                                total,
                                name: name.to_owned(),
                            });
                            reports.notify_one();
                        },
                    )
                })
                .map(|(dir, written)| (dir, written.len()));
                let _ = tell.send(Progress::Done(result));
                reports.notify_one();
            });
        match spawned {
            Ok(_) => {
                self.export = Some(ExportJob {
                    progress,
                    then_quit: false,
                });
                self.say("exporting…");
            }
            Err(err) => self.say_error(&format!("export not started: {err}")),
        }
    }

    /// Takes in what the worker has said since the last look: when it wakes the event loop,
    /// and on every tick.
    pub(super) fn poll_export(&mut self) {
        let Some(job) = &self.export else {
            return;
        };
        let mut last = None;
        let finished = loop {
            match job.progress.try_recv() {
                Ok(Progress::Done(result)) => break Some(result),
                Ok(writing) => last = Some(writing),
                Err(TryRecvError::Empty) => break None,
                Err(TryRecvError::Disconnected) => {
                    break Some(Err("the export stopped unexpectedly".to_owned()));
                }
            }
        };
        if let Some(Progress::Writing { index, total, name }) = last {
            self.say(&format!("exporting {}/{total}: {name}", index + 1));
        }
        if let Some(result) = finished {
            self.quit = self.export.take().is_some_and(|job| job.then_quit);
            match result {
                Ok((dir, count)) => {
                    self.say(&format!(
                        "exported {} to {}",
                        crate::text::counted(count, "file", "files"),
                        dir.display()
                    ));
                }
                Err(why) => self.say_error(&format!("export failed: {why}")),
            }
        }
    }

    /// Quits once the export under way is written.
    pub(super) fn quit_after_export(&mut self) {
        if let Some(job) = &mut self.export {
            job.then_quit = true;
            self.say("quitting once the export is written");
        }
    }

    /// Whether an export is under way.
    pub fn is_exporting(&self) -> bool {
        self.export.is_some()
    }
}
