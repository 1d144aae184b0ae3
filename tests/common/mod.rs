//! Helpers shared by the integration tests.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
#![allow(dead_code)]

pub mod busy;
pub mod kill;
pub mod pane;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use workshop::plan::{Participant, Plan, Sector, load_plan};

/// A shipped plan file by name, e.g. `cifal-jeju-2020-vca`.
pub fn session(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(format!("{name}.json"))
}

/// The 2020 plan, loaded and validated.
pub fn plan_2020() -> Plan {
    load_plan(&session("cifal-jeju-2020-vca"))
        .expect("the shipped plan loads")
        .plan
}

/// The `workshop` binary with its data folder pointed into `home`, never at the real one.
pub fn workshop(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workshop"));
    command
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home);
    command
}

/// Runs a prepared command and returns its output.
pub fn output(command: &mut Command) -> Output {
    command.output().expect("the workshop binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A made-up participant for store tests.
pub fn person(id: &str, name: &str) -> Participant {
    Participant {
        id: id.to_owned(),
        name: name.to_owned(),
        organisation: "Test organisation".to_owned(),
        country: "Nepal".to_owned(),
        city: "Kathmandu".to_owned(),
        sector: Sector::Ngo,
        email: None,
        consent: true,
    }
}

/// `hhmm` on `date` in Jeju (UTC+9, no daylight saving), as UTC.
pub fn jeju(date: (i32, u32, u32), hhmm: &str) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let (h, m) = hhmm.split_once(':').unwrap();
    let local = chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(h.parse().unwrap(), m.parse().unwrap(), 0)
        .unwrap();
    chrono_tz::Asia::Seoul
        .from_local_datetime(&local)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// Draws the whole screen for `state` and `ui` into a `TestBackend` of the given size.
pub fn draw(
    state: &workshop::state::State,
    ui: &workshop::tui::ui::Ui,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| workshop::tui::views::draw(frame, state, ui))
        .unwrap();
    terminal
}

/// The screen as text, as insta stores it.
pub fn screen(
    state: &workshop::state::State,
    ui: &workshop::tui::ui::Ui,
    width: u16,
    height: u16,
) -> String {
    draw(state, ui, width, height).backend().to_string()
}

/// Decides `command` against `history` and applies the event at `at`, as the app would;
/// panics with the refusal if there is one.
pub fn record(
    history: &mut workshop::state::History,
    at: chrono::DateTime<chrono::Utc>,
    command: &workshop::state::Command,
) -> workshop::event::Event {
    let event = history
        .decide(command)
        .unwrap_or_else(|r| panic!("{command:?}: {r}"));
    let seq = history.applied() + 1;
    history.apply(&workshop::event::Recorded {
        seq,
        at,
        event: event.clone(),
    });
    event
}

/// The ids of the plan's assessment criteria (its framework's, or the default one's).
pub fn criterion_ids(state: &workshop::state::State) -> Vec<String> {
    state
        .plan()
        .framework()
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect()
}

/// The seed of a random sweep: `WORKSHOP_SEED` when set (to replay a failure), else a new
/// one. It is printed, so that a failing run's output says how to replay it.
pub fn seed(sweep: &str) -> u64 {
    let seed = match std::env::var("WORKSHOP_SEED") {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("WORKSHOP_SEED={text} is not a number")),
        Err(_) => fastrand::u64(..),
    };
    eprintln!("{sweep}: seed {seed} (replay with WORKSHOP_SEED={seed})");
    seed
}

/// `workshop --store STORE roster import` of `csv` into the 2020 plan's run.
pub fn roster_import(home: &Path, store: &Path, csv: &Path) -> Output {
    output(
        workshop(home)
            .arg("--store")
            .arg(store)
            .args(["roster", "import"])
            .arg(session("cifal-jeju-2020-vca"))
            .arg(csv),
    )
}
