//! Changing the agenda live from the keyboard: `i` adds an item through a form with the
//! plan's checks, `M` shows where the item would go and Enter moves it, `E` changes an item
//! still to come. Every change is in the store before the screen shows it, and `u` takes
//! each back.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use insta::assert_snapshot;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use workshop::run::Run;
use workshop::tui::app::App;
use workshop::tui::ui::Mode;

fn ten_past_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 3, 31, 0, 10, 0).unwrap()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle(&key(KeyCode::Char(c)));
    }
}

fn down(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle(&key(KeyCode::Down));
    }
}

fn open(dir: &std::path::Path) -> App {
    let run = Run::open(common::plan_2020(), dir).unwrap();
    let mut app = App::new(run, "store".into(), ten_past_nine);
    app.handle(&Event::Resize(100, 30));
    app
}

fn drawn(app: &App, w: u16, h: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| workshop::tui::views::draw(frame, app.state(), &app.ui))
        .unwrap();
    terminal.backend().to_string()
}

fn status(app: &App) -> String {
    app.ui
        .status
        .as_ref()
        .map_or(String::new(), |s| s.text.clone())
}

fn ids_of_day(app: &App, day: usize) -> Vec<String> {
    app.state().days()[day]
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

/// The store as a new app reads it: what was recorded, not what the screen holds.
fn reopened(dir: &std::path::Path, app: App) -> App {
    drop(app);
    open(dir)
}

#[test]
fn i_adds_a_guest_speaker_after_lunch_through_a_checked_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    down(&mut app, 6); // Lunch
    press(&mut app, "i");
    press(&mut app, "Guest speaker: a survivor advocate");
    app.handle(&key(KeyCode::Tab));
    app.handle(&ctrl('u'));
    press(&mut app, "2h");
    app.handle(&key(KeyCode::Tab));
    app.handle(&ctrl('u'));
    press(&mut app, "talk show");
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "Ms Kanya Srisuk");
    app.handle(&key(KeyCode::Enter));
    let Mode::Form(form) = &app.ui.mode else {
        panic!("the form closed on a bad minutes and kind");
    };
    assert_eq!(
        form.problems,
        vec![
            (Some(1), "`2h` is not a number of minutes".to_owned()),
            (Some(2), "`talk show` is not a kind".to_owned()),
        ]
    );
    assert_snapshot!("agenda_insert_form_80x24", drawn(&app, 80, 24));
    assert_snapshot!("agenda_insert_form_120x40", drawn(&app, 120, 40));
    app.handle(&key(KeyCode::BackTab));
    app.handle(&ctrl('u'));
    press(&mut app, "lecture");
    app.handle(&key(KeyCode::BackTab));
    app.handle(&ctrl('u'));
    press(&mut app, "30");
    app.handle(&key(KeyCode::Enter));
    assert!(matches!(app.ui.mode, Mode::Normal), "{:?}", app.ui.mode);
    let id = "added-guest-speaker-a-survivor-advocate";
    assert_eq!(ids_of_day(&app, 0)[7], id);
    assert_eq!(
        app.ui.agenda.selected, 7,
        "the selection is on the item added"
    );
    let screen = drawn(&app, 120, 40);
    assert!(
        screen.contains("13:30  30'  Guest speaker: a survivor advocate [added]"),
        "{screen}"
    );
    let app = reopened(dir.path(), app);
    assert_eq!(ids_of_day(&app, 0)[7], id, "the item is in the store");
}

#[test]
fn m_shows_where_the_item_goes_and_enter_moves_it_to_the_next_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    down(&mut app, 8); // International legal instruments
    press(&mut app, "M");
    assert!(matches!(app.ui.mode, Mode::Moving(_)));
    // Two places later, then over the day's end to the next day's first place, then one on.
    down(&mut app, 4);
    app.handle(&key(KeyCode::Down));
    let screen = drawn(&app, 120, 40);
    assert!(
        screen
            .contains("⇢ here: International legal instruments and their domestic implementation"),
        "{screen}"
    );
    assert_snapshot!("agenda_moving_120x40", screen);
    assert_snapshot!("agenda_moving_80x24", drawn(&app, 80, 24));
    assert_eq!(
        ids_of_day(&app, 0)[8],
        "m2-instruments",
        "nothing moved yet"
    );
    app.handle(&key(KeyCode::Enter));
    assert!(matches!(app.ui.mode, Mode::Normal));
    assert_eq!(ids_of_day(&app, 1)[..2], ["d2-recap", "m2-instruments"]);
    assert_eq!(app.ui.agenda.selected, 12, "the selection follows the item");
    let screen = drawn(&app, 120, 40);
    assert!(
        screen
            .contains("International legal instruments and their domestic implementation [moved]"),
        "{screen}"
    );
    // One undo takes the whole move back.
    press(&mut app, "u");
    assert_eq!(ids_of_day(&app, 0)[8], "m2-instruments", "{}", status(&app));
    // Esc leaves the item where it was, recording nothing.
    let applied = app.state().applied();
    press(&mut app, "M");
    app.handle(&key(KeyCode::Right));
    app.handle(&key(KeyCode::Esc));
    assert_eq!(app.state().applied(), applied);
    assert!(matches!(app.ui.mode, Mode::Normal));
}

#[test]
fn what_cannot_move_or_change_says_why_before_any_key_is_spent() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "n"); // registration runs
    press(&mut app, "M");
    assert!(matches!(app.ui.mode, Mode::Normal));
    assert_eq!(
        status(&app),
        "\"Registration and welcome coffee\" is running"
    );
    press(&mut app, "E");
    assert!(matches!(app.ui.mode, Mode::Normal));
    assert!(status(&app).contains("has begun"), "{}", status(&app));
    down(&mut app, 6); // Lunch, fixed at 12:30
    press(&mut app, "M");
    assert!(
        status(&app).contains("is fixed at its time"),
        "{}",
        status(&app)
    );
}

#[test]
fn e_changes_an_upcoming_items_title_kind_and_presenter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    down(&mut app, 7); // Global and Asia-Pacific trends
    press(&mut app, "E");
    let Mode::Form(form) = &app.ui.mode else {
        panic!("no form");
    };
    assert_eq!(
        form.values,
        [
            "Global and Asia-Pacific trends in trafficking in persons",
            "lecture",
            ""
        ]
    );
    app.handle(&ctrl('u'));
    press(&mut app, "Trends: a panel of three");
    app.handle(&key(KeyCode::Tab));
    app.handle(&ctrl('u'));
    press(&mut app, "discussion");
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "UNODC, IOM, RSO");
    app.handle(&key(KeyCode::Enter));
    assert!(matches!(app.ui.mode, Mode::Normal), "{:?}", app.ui.mode);
    let app = reopened(dir.path(), app);
    let (_, item) = app.state().find_item("m1-trends").unwrap();
    assert_eq!(item.title, "Trends: a panel of three");
    assert_eq!(item.presenter.as_deref(), Some("UNODC, IOM, RSO"));
    let screen = drawn(&app, 120, 40);
    assert!(
        screen.contains("Trends: a panel of three [changed]"),
        "{screen}"
    );
}

#[test]
fn an_item_added_after_the_running_one_is_next_on_the_projector_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "n"); // registration runs, selected
    press(&mut app, "i");
    press(&mut app, "A welcome video");
    app.handle(&key(KeyCode::Tab));
    app.handle(&ctrl('u'));
    press(&mut app, "10");
    app.handle(&key(KeyCode::Enter));
    app.handle(&key(KeyCode::F(5)));
    assert!(matches!(app.ui.mode, Mode::Projector { .. }));
    let wall = drawn(&app, 120, 40);
    assert!(wall.contains("A welcome video"), "{wall}");
    assert_eq!(app.state().next_item().unwrap().title, "A welcome video");
}
