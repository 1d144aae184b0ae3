//! The app's rolling backups: at each change of the agenda's day, every half hour of work,
//! and when it quits; each one the whole run, readable back as an import.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use workshop::backup;
use workshop::run::Run;
use workshop::state::{AgendaCommand, Command};
use workshop::tui::app::App;

fn ten_past_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 3, 31, 0, 10, 0).unwrap()
}

fn open(dir: &Path, clock: workshop::tui::app::Clock) -> App {
    let run = Run::open(common::plan_2020(), dir).unwrap();
    App::new(run, "store".into(), clock)
}

/// Ticks the app until the store holds `count` backups; the worker writes them.
fn wait_for_backups(app: &mut App, dir: &Path, count: usize) -> Vec<backup::Backup> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        app.tick(ten_past_nine());
        let found = backup::list(dir).unwrap();
        if found.len() >= count {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{} backups, not {count}",
            found.len()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The newest backup holds exactly the run's log, and its plan.
fn assert_newest_is_the_run(app: &App, dir: &Path) {
    let newest = backup::newest(dir).unwrap().unwrap();
    let read = backup::read(&newest.path).unwrap();
    assert_eq!(read.events, app.run().store().events().unwrap());
    assert_eq!(&read.plan, app.state().plan());
    assert_eq!(newest.events, app.state().applied());
}

#[test]
fn a_new_day_on_the_agenda_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), ten_past_nine);
    assert!(app.execute(&Command::Agenda(AgendaCommand::Start(
        "d1-registration".into()
    ))));
    assert!(app.execute(&Command::Agenda(AgendaCommand::Start("d1-opening".into()))));
    app.tick(ten_past_nine());
    assert!(
        backup::list(dir.path()).unwrap().is_empty(),
        "no new day yet"
    );
    assert!(app.execute(&Command::Agenda(AgendaCommand::Start("d2-recap".into()))));
    wait_for_backups(&mut app, dir.path(), 1);
    assert_newest_is_the_run(&app, dir.path());
    assert!(app.ui.status.as_ref().is_none_or(|s| !s.is_error));
}

#[test]
fn quitting_backs_up_what_is_new_and_only_that() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), ten_past_nine);
    assert_eq!(app.final_backup().unwrap(), None, "nothing happened yet");
    assert!(app.execute(&Command::Agenda(AgendaCommand::Start(
        "d1-registration".into()
    ))));
    let written = app.final_backup().unwrap().unwrap();
    assert_eq!(backup::newest(dir.path()).unwrap().unwrap().path, written);
    assert_newest_is_the_run(&app, dir.path());
    assert_eq!(app.final_backup().unwrap(), None);
    drop(app);
    // Opened again, the app knows the run is backed up.
    let mut again = open(dir.path(), ten_past_nine);
    assert_eq!(again.final_backup().unwrap(), None);
}

static MINUTES_PAST: AtomicI64 = AtomicI64::new(0);

fn moving_clock() -> DateTime<Utc> {
    ten_past_nine() + TimeDelta::minutes(MINUTES_PAST.load(Ordering::SeqCst))
}

#[test]
fn every_half_hour_of_work_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), moving_clock);
    MINUTES_PAST.store(10, Ordering::SeqCst);
    assert!(app.execute(&Command::Agenda(AgendaCommand::Start(
        "d1-registration".into()
    ))));
    app.tick(moving_clock());
    assert!(
        backup::list(dir.path()).unwrap().is_empty(),
        "not yet half an hour"
    );
    MINUTES_PAST.store(backup::EVERY_MINUTES, Ordering::SeqCst);
    wait_for_backups(&mut app, dir.path(), 1);
    assert_newest_is_the_run(&app, dir.path());
    // Another half hour without events makes no backup.
    MINUTES_PAST.store(3 * backup::EVERY_MINUTES, Ordering::SeqCst);
    app.tick(moving_clock());
    assert_eq!(app.final_backup().unwrap(), None);
    assert_eq!(backup::list(dir.path()).unwrap().len(), 1);
}
