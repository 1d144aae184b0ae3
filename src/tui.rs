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

use crate::room::{Room, RoomConfig, RoomPlan, Submission};
use crate::run::Run;
use app::App;
use tokio::sync::mpsc;

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
pub fn run(
    run: Run,
    store: String,
    keys: std::sync::Arc<keymap::Keymap>,
    room: Option<RoomConfig>,
) -> io::Result<Closing> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // A test hook: with WORKSHOP_TEST_PANIC set, F12 panics, to prove the terminal comes back.
    let panic_key = std::env::var_os("WORKSHOP_TEST_PANIC").is_some();
    runtime.block_on(async {
        let mut app = App::new(run, store, Utc::now);
        // The room is served (or refused, with why) before the terminal is taken.
        let submissions = match room {
            Some(config) => Some(open_room(&mut app, config).await?),
            None => None,
        };
        let mut session = terminal::Session::enter()?;
        app.ui.keys = keys;
        app.overlap_syncs();
        let ended = event_loop(
            &mut session.terminal,
            &session.hold,
            &mut app,
            submissions,
            panic_key,
        )
        .await;
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

/// Serves the room on its addresses and gives it to the app; the submissions come back.
async fn open_room(app: &mut App, config: RoomConfig) -> io::Result<mpsc::Receiver<Submission>> {
    let (sender, submissions) = mpsc::channel(64);
    let today = app.state().zone().local(Utc::now()).date();
    let room = Room::new(RoomPlan::of(app.state()), sender, today);
    crate::room::bind(config, &room).await.map_err(|err| {
        io::Error::new(
            err.kind(),
            format!(
                "the room cannot listen on {}:{}: {err}",
                config
                    .bind
                    .map_or_else(|| "this laptop's addresses".to_owned(), |a| a.to_string()),
                config.port
            ),
        )
    })?;
    app.open_room(room);
    Ok(submissions)
}

/// The next submission from the room's phones; never, without a room.
async fn next_submission(
    submissions: &mut Option<mpsc::Receiver<Submission>>,
) -> Option<Submission> {
    match submissions {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}

/// Woken when a phone joins; never, without a room.
async fn room_changed(room: Option<std::sync::Arc<Room>>) {
    match room {
        Some(room) => room.changed.notified().await,
        None => std::future::pending().await,
    }
}

async fn event_loop(
    terminal: &mut Screen,
    hold: &FrameHold<Stdout>,
    app: &mut App,
    mut submissions: Option<mpsc::Receiver<Submission>>,
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
        let room = app.room().cloned();
        tokio::select! {
            _ = tick.tick() => app.tick(Utc::now()),
            Some(submission) = next_submission(&mut submissions) => {
                app.take_submission(submission);
                // The answer is written by the server's task: let it run before the next
                // submission is taken, so a phone hears back as soon as its form is saved.
                tokio::task::yield_now().await;
            }
            () = room_changed(room) => app.room_changed(),
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
