//! The terminal app: one async loop over terminal input, a clock tick and signals, drawing
//! the views from the run's state.

pub mod app;
mod frame_hold;
pub mod host;
pub mod keymap;
mod placing_backend;
mod terminal;
pub mod theme;
pub mod ui;
pub mod views;

use std::io::{self, Stdout};
use std::time::Duration;

use chrono::Utc;
use frame_hold::FrameHold;
use futures::StreamExt;
use ratatui::crossterm::event::{Event as TermEvent, EventStream, KeyCode};
use terminal::Screen;

use crate::run::Run;
use app::App;

/// How often the clock ticks. The screen is redrawn only when the shown second changes.
const TICK_HZ: u32 = 4;

/// How the backup made as the app quit went: the file written, if there was anything new.
pub type FinalBackup = Result<Option<std::path::PathBuf>, String>;

/// How the app ended: its closing backup, and what could not be saved.
#[derive(Debug)]
pub struct Closing {
    pub backup: FinalBackup,
    /// How many actions could not be saved during the session (never shown as done).
    pub unsaved: u32,
    /// Why the store could not be read back after a failed write, if it still could not be
    /// when the app quit.
    pub stale: Option<String>,
}

/// Runs the app on an open run until the facilitator quits or a signal arrives, then backs
/// the run up.
pub fn run(run: Run, store: String, keys: std::sync::Arc<keymap::Keymap>) -> io::Result<Closing> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // A test hook: with WORKSHOP_TEST_PANIC set, F12 panics, to prove the terminal comes back.
    let panic_key = std::env::var_os("WORKSHOP_TEST_PANIC").is_some();
    runtime.block_on(async {
        let mut session = terminal::Session::enter()?;
        let mut app = App::new(run, store, Utc::now);
        app.ui.keys = keys;
        app.overlap_syncs();
        let ended = event_loop(&mut session.terminal, &session.hold, &mut app, panic_key).await;
        app.settle();
        let backup = app.final_backup();
        let stale = app.run().is_stale().then(|| {
            app.ui
                .status
                .as_ref()
                .map_or_else(|| "a write failed".to_owned(), |s| s.text.clone())
        });
        if stale.is_none() {
            app.run().save_snapshot_for_next_time();
        }
        ended.map(|()| Closing {
            backup,
            unsaved: app.unsaved,
            stale,
        })
    })
}

async fn event_loop(
    terminal: &mut Screen,
    hold: &FrameHold<Stdout>,
    app: &mut App,
    panic_key: bool,
) -> io::Result<()> {
    let mut input = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1) / TICK_HZ);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;
    let reports = app.reports();
    loop {
        if app.take_clear() {
            terminal.clear()?;
            app.dirty = true;
        }
        // An action's frame is drawn while its disk sync runs, and shown once it is durable.
        let pending = app.is_pending();
        if app.dirty || pending {
            if pending {
                hold.hold();
            }
            let frame = terminal.draw(|frame| {
                if app.run().is_stale() {
                    views::draw_unsaved(frame, &app.ui);
                } else {
                    views::draw(frame, app.state(), &app.ui);
                }
            })?;
            app.area = frame.area;
            app.dirty = false;
        }
        if pending {
            if app.settle() {
                hold.release()?;
            } else {
                // The frame showed what was not saved: never shown, and redrawn whole.
                hold.drop_held();
                terminal.clear()?;
                app.dirty = true;
                continue;
            }
        }
        tokio::select! {
            _ = tick.tick() => app.tick(Utc::now()),
            () = reports.notified() => app.take_reports(),
            event = input.next() => match event {
                Some(Ok(event)) => {
                    assert!(!(panic_key && matches!(&event, TermEvent::Key(k) if k.code == KeyCode::F(12))), "WORKSHOP_TEST_PANIC: F12 pressed");
                    app.handle(&event);
                }
                Some(Err(err)) => return Err(err),
                None => break,
            },
            () = signals.next() => break,
        }
        if app.quit {
            break;
        }
    }
    Ok(())
}

/// SIGTERM, SIGHUP and SIGINT end the app cleanly, so the terminal is restored.
struct Signals {
    #[cfg(unix)]
    all: [tokio::signal::unix::Signal; 3],
}

impl Signals {
    fn new() -> io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                all: [
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                    signal(SignalKind::interrupt())?,
                ],
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    async fn next(&mut self) {
        #[cfg(unix)]
        {
            let [term, hup, int] = &mut self.all;
            tokio::select! {
                _ = term.recv() => {},
                _ = hup.recv() => {},
                _ = int.recv() => {},
            }
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await;
    }
}
