//! The app without a terminal: key and mouse events go through the keymap to commands, and
//! every change is in the store before the screen shows it.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use workshop::run::Run;
use workshop::store::Store;
use workshop::tui::app::App;
use workshop::tui::ui::Mode;

fn ten_past_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 3, 31, 0, 10, 0).unwrap()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle(&key(KeyCode::Char(c)));
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    app.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

fn open(dir: &std::path::Path) -> App {
    let run = Run::open(common::plan_2020(), dir).unwrap();
    let mut app = App::new(run, "store".into(), ten_past_nine);
    app.handle(&Event::Resize(100, 30));
    app
}

#[test]
fn the_status_line_names_the_keys_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let keys = "[agenda]\ntoggle-pause b\nnext . (n)\n";
    app.ui.keys =
        std::sync::Arc::new(workshop::tui::keymap::Keymap::parse(Some(("keys", keys))).unwrap());
    press(&mut app, ".b");
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        "clock paused (b resumes)"
    );
    press(&mut app, "bx");
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        "ended the running item; . starts \"Opening ceremony and group photo\""
    );
}

#[test]
fn below_the_smallest_size_keys_do_nothing_but_quit_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "n");
    let running = app.state().current().unwrap().id.clone();
    app.handle(&Event::Resize(30, 8));
    let applied = app.state().applied();
    press(&mut app, " nxsA");
    app.handle(&key(KeyCode::Tab));
    assert_eq!(app.state().applied(), applied, "nothing recorded unseen");
    assert!(!app.state().is_paused());
    assert_eq!(app.state().current().unwrap().id, running);
    assert_eq!(app.ui.view, workshop::tui::ui::View::Agenda);
    press(&mut app, "?");
    assert!(matches!(app.ui.mode, workshop::tui::ui::Mode::Help(_)));
    app.handle(&key(KeyCode::Esc));
    press(&mut app, "q");
    assert!(app.quit);
    // Back at a usable size, the keys work again.
    drop(app);
    let mut app = open(dir.path());
    press(&mut app, " ");
    assert!(app.state().is_paused());
}

#[test]
fn keys_become_durable_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "nn");
    assert_eq!(app.state().current().unwrap().id, "d1-opening");
    press(&mut app, " ");
    assert!(app.state().is_paused());
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        "clock paused (space resumes)"
    );
    press(&mut app, "u");
    assert!(!app.state().is_paused());
    press(&mut app, "+");
    assert_eq!(app.state().planned_minutes("d1-opening"), 45);
    app.handle(&key(KeyCode::PageDown));
    assert_eq!(
        app.state().current().unwrap().id,
        "d1-orientation",
        "a clicker's PgDn is next"
    );
    app.handle(&key(KeyCode::PageUp));
    assert_eq!(app.state().current().unwrap().id, "d1-opening");
    drop(app);
    let events = Store::open(dir.path()).unwrap().events().unwrap();
    assert_eq!(events.len(), 7, "n n space u + PgDn PgUp");
    assert!(
        events.iter().all(|e| e.at == ten_past_nine()),
        "stamped with the app's clock"
    );
}

#[test]
fn a_note_in_hangul_is_typed_edited_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "a");
    assert!(matches!(app.ui.mode, Mode::Input(_)));
    press(&mut app, "질문 있음 👩‍👩‍👧");
    app.handle(&key(KeyCode::Backspace));
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Normal);
    assert_eq!(
        app.state().notes("d1-registration")[0].text,
        "질문 있음",
        "backspace removes the whole emoji"
    );
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The text of the field that has the keyboard.
fn field(app: &App) -> String {
    match &app.ui.mode {
        Mode::Input(input) => input.text.clone(),
        other => panic!("no field open: {other:?}"),
    }
}

#[test]
fn a_field_edits_like_a_line_editor_by_grapheme() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "a");
    press(&mut app, "back after lunch");
    app.handle(&key(KeyCode::Left));
    app.handle(&key(KeyCode::Left));
    press(&mut app, "X");
    assert_eq!(field(&app), "back after lunXch");
    app.handle(&key(KeyCode::Home));
    press(&mut app, ">");
    assert_eq!(field(&app), ">back after lunXch");
    app.handle(&key(KeyCode::Delete));
    assert_eq!(field(&app), ">ack after lunXch");
    app.handle(&ctrl('e'));
    app.handle(&ctrl('w'));
    assert_eq!(
        field(&app),
        ">ack after ",
        "Ctrl-W takes the word before, types no w"
    );
    app.handle(&ctrl('a'));
    app.handle(&key(KeyCode::Right));
    app.handle(&ctrl('u'));
    assert_eq!(
        field(&app),
        "ack after ",
        "Ctrl-U takes all before the cursor"
    );
    // A cluster is one step and one deletion: the family emoji, the Devanagari syllable.
    app.handle(&key(KeyCode::End));
    press(&mut app, "👩‍👩‍👧क्षि");
    app.handle(&key(KeyCode::Left));
    app.handle(&key(KeyCode::Backspace));
    assert_eq!(field(&app), "ack after क्षि");
    // Pasted text goes in at the cursor.
    app.handle(&key(KeyCode::Home));
    assert!(app.paste("Came back "));
    assert_eq!(field(&app), "Came back ack after क्षि");
    // The cursor shows where it is, the letter under it reversed.
    let screen = common::screen(app.state(), &app.ui, 100, 30);
    assert!(screen.contains("Came back ack after क्षि"), "{screen}");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(
        app.state().notes("d1-registration")[0].text,
        "Came back ack after क्षि"
    );
}

#[test]
fn a_note_may_hold_several_lines_and_other_fields_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "a");
    press(&mut app, "Ask for");
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::ALT,
    )));
    press(&mut app, "the slides");
    assert!(app.paste("\r\nand the list"));
    let screen = common::screen(app.state(), &app.ui, 100, 30);
    for line in ["Ask for", "the slides", "and the list█"] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    app.handle(&key(KeyCode::Enter));
    assert_eq!(
        app.state().notes("d1-registration")[0].text,
        "Ask for\nthe slides\nand the list"
    );
    app.handle(&key(KeyCode::Enter));
    let detail = common::screen(app.state(), &app.ui, 100, 30);
    assert!(
        detail.contains("  the slides") && detail.contains("  and the list"),
        "each line of the note under its time:\n{detail}"
    );
    app.handle(&key(KeyCode::Esc));
    // A duration is one line: Alt-Enter does nothing there, a pasted break is a space.
    press(&mut app, "e");
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::ALT,
    )));
    assert!(app.paste("\n"));
    assert!(!field(&app).contains('\n'), "{:?}", field(&app));
}

#[test]
fn a_bad_duration_is_refused_in_the_field_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "j");
    press(&mut app, "e");
    let Mode::Input(input) = &app.ui.mode else {
        panic!("the field opens")
    };
    assert_eq!(input.text, "40", "prefilled with the planned minutes");
    app.handle(&key(KeyCode::Backspace));
    app.handle(&key(KeyCode::Backspace));
    press(&mut app, "forty");
    app.handle(&key(KeyCode::Enter));
    let Mode::Input(input) = &app.ui.mode else {
        panic!("the field stays open")
    };
    assert_eq!(
        input.problem.as_deref(),
        Some("`forty` is not a number of minutes")
    );
    app.handle(&key(KeyCode::Esc));
    assert_eq!(app.ui.mode, Mode::Normal);
    assert_eq!(app.state().applied(), 0, "nothing recorded");
}

#[test]
fn enter_opens_the_item_and_enter_again_starts_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "jjjj");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Detail);
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Normal);
    assert_eq!(app.state().current().unwrap().id, "m1-vca");
}

#[test]
fn clicks_select_items_and_open_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.area = Rect::new(0, 0, 100, 30);
    // Rows: header, tabs, NOW, NEXT, rule, "Day 1", then the items from row 6.
    click(&mut app, 20, 8);
    assert_eq!(app.ui.agenda.selected, 2, "the third item of day 1");
    click(&mut app, 20, 8);
    assert_eq!(app.ui.mode, Mode::Detail, "a second click opens it");
    app.handle(&key(KeyCode::Esc));
    click(&mut app, 4, 1);
    assert_eq!(app.ui.mode, Mode::Normal, "the Agenda tab");
}

#[test]
fn refusals_are_said_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, " ");
    let status = app.ui.status.clone().unwrap();
    assert!(status.is_error);
    assert_eq!(status.text, "nothing is running to pause");
    assert_eq!(app.state().applied(), 0);
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn a_walk_in_is_added_through_the_form_and_consent_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "+");
    for (i, value) in [
        "Ana Reyes",
        "Cebu Youth Network",
        "Philippines",
        "Cebu City",
        "NGO",
        "",
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            app.handle(&key(KeyCode::Tab));
        }
        press(&mut app, value);
    }
    app.handle(&key(KeyCode::Enter));
    let Mode::Form(form) = &app.ui.mode else {
        panic!("the form stays open")
    };
    assert_eq!(
        form.problems,
        vec![(Some(6), "ask the person, then type yes or no".to_owned())]
    );
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "no");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Normal);
    let added = app.state().participant("p25").unwrap();
    assert_eq!((added.name.as_str(), added.consent), ("Ana Reyes", false));
    assert_eq!(app.ui.attendance.person, 24, "the new person is selected");
}

#[test]
fn the_form_offers_the_rosters_city_and_saves_it_in_that_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "+");
    for value in ["Park Min-seo", "Jeju Police", "korea"] {
        press(&mut app, value);
        app.handle(&key(KeyCode::Tab));
    }
    press(&mut app, "je");
    let screen = common::screen(app.state(), &app.ui, 100, 30);
    assert!(screen.contains("on the roster: Jeju"), "{screen}");
    press(&mut app, "ju");
    let screen = common::screen(app.state(), &app.ui, 100, 30);
    assert!(
        screen.contains("saved as Jeju, as the roster has it"),
        "{screen}"
    );
    for value in ["government", "", "yes"] {
        app.handle(&key(KeyCode::Tab));
        press(&mut app, value);
    }
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Normal, "{:?}", app.ui.status);
    let added = app.state().participant("p25").unwrap();
    assert_eq!(
        (added.country.as_str(), added.city.as_str()),
        ("Korea", "Jeju")
    );
    assert_eq!(app.state().cities().len(), 12, "still twelve delegations");
}

#[test]
fn everyone_present_then_one_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "A");
    assert_eq!(app.state().day_totals(0).present, 24);
    press(&mut app, "j ");
    assert_eq!(
        app.state().day_totals(0).absent,
        1,
        "space on someone present marks them absent"
    );
    press(&mut app, "uu");
    assert_eq!(app.state().day_totals(0).unmarked, 24);
}

#[test]
fn the_comparison_switches_its_lens_sort_and_chart_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    for _ in 0..3 {
        app.handle(&key(KeyCode::Tab));
    }
    assert_eq!(app.ui.view, workshop::tui::ui::View::Comparison);
    press(&mut app, "c");
    assert!(
        app.ui.comparison.city_profile,
        "c charts the city's profile"
    );
    press(&mut app, "vs");
    assert_eq!(app.ui.comparison.lens, workshop::state::Lens::Peers);
    assert!(app.ui.comparison.sort_by_criterion);
    // The city and criterion keys still move the selection the CityShare views share.
    press(&mut app, "j");
    assert_eq!(app.ui.cityshare.city, 1);
    press(&mut app, "c");
    assert!(
        !app.ui.comparison.city_profile,
        "c again charts the criterion"
    );
}

#[test]
fn a_delegation_enters_its_levels_as_a_run_of_digits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    app.handle(&key(KeyCode::Tab));
    press(&mut app, "345120");
    let state = app.state();
    let levels: Vec<Option<u8>> = [
        "policy",
        "prevention",
        "identification",
        "referral",
        "assistance",
        "reintegration",
        "prosecution",
    ]
    .iter()
    .map(|c| state.self_level("Jeju", c))
    .collect();
    assert_eq!(
        levels,
        [Some(3), Some(4), Some(5), Some(1), Some(2), Some(0), None]
    );
    press(&mut app, "7");
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        "level 7 is not on the scale (1, 2, 3, 4, 5, or 0 for unknown)"
    );
    assert_eq!(
        app.state().self_level("Jeju", "prosecution"),
        None,
        "nothing saved"
    );
    // Peer mode: Jeju rates the next city from its first criterion; it cannot rate itself.
    press(&mut app, "r");
    assert_eq!(app.ui.cityshare.rater.as_deref(), Some("Jeju"));
    press(&mut app, "4");
    assert_eq!(
        app.state().level(Some("Jeju"), "Kunming", "policy"),
        Some(4)
    );
    app.handle(&key(KeyCode::Left));
    press(&mut app, "4");
    assert!(
        app.ui
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("cannot rate itself")
    );
}

#[test]
fn the_exercises_view_opens_on_the_exercise_the_agenda_runs() {
    let dir = tempfile::tempdir().unwrap();
    let run = Run::open(common::plan_2020(), dir.path()).unwrap();
    let mut app = App::new(run, "store".into(), ten_past_nine);
    app.handle(&Event::Resize(100, 30));
    assert!(app.execute(&workshop::state::Command::Agenda(
        workshop::state::AgendaCommand::Start("m3-id-checklist".into(),)
    )));
    for _ in 0..5 {
        app.handle(&key(KeyCode::Tab));
    }
    assert_eq!(app.ui.view, workshop::tui::ui::View::Exercises);
    assert_eq!(
        app.ui.exercises.exercise, 1,
        "ex-identification, the exercise running now"
    );
}

#[test]
fn exercise_messages_name_people_groups_criteria_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    for _ in 0..5 {
        app.handle(&key(KeyCode::Tab));
    }
    let said = |app: &App| app.ui.status.as_ref().unwrap().text.clone();
    // Four groups of the people here; the first group's first member moves on.
    press(&mut app, "G4");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(said(&app), "4 groups formed");
    let groups = app.state().groups(Some("ex-awareness")).to_vec();
    let first = &groups[0];
    let member = app
        .state()
        .participant(&first.members[0])
        .unwrap()
        .name
        .clone();
    press(&mut app, "]");
    assert_eq!(said(&app), format!("{member} moved to {}", groups[1].name));
    // Scores: one point on the first rubric criterion, by its title.
    press(&mut app, "v1");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(
        said(&app),
        format!(
            "{}: 1 point on Target audience identified from evidence",
            first.name
        )
    );
    assert!(!said(&app).contains("audience:"), "no ids: {}", said(&app));
}

#[test]
fn challenges_practices_and_actions_are_typed_in_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    for _ in 0..4 {
        app.handle(&key(KeyCode::Tab));
    }
    press(&mut app, "c");
    press(&mut app, "Too few interpreters #assistance #identification");
    app.handle(&key(KeyCode::Enter));
    let entries = app
        .state()
        .takeaways("Jeju", workshop::event::TakeawayKind::Challenge);
    assert_eq!(entries[0].text, "Too few interpreters");
    assert_eq!(entries[0].criteria, ["assistance", "identification"]);
    press(&mut app, "a");
    press(
        &mut app,
        "Hire interpreters | City hall | someday | assistance | 3 hired",
    );
    app.handle(&key(KeyCode::Enter));
    let Mode::Input(input) = &app.ui.mode else {
        panic!("the field stays open")
    };
    assert_eq!(
        input.problem.as_deref(),
        Some("when: `someday` is not a date (YYYY-MM-DD), short or medium")
    );
    app.handle(&key(KeyCode::Esc));
    press(&mut app, "a");
    press(
        &mut app,
        "Hire interpreters | City hall | short | assistance | 3 hired",
    );
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.state().action_plan("Jeju").len(), 1);
    press(&mut app, "js");
    assert_eq!(
        app.state().action_plan("Jeju")[0].status,
        workshop::event::ActionStatus::Started
    );
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Presentation);
    app.handle(&key(KeyCode::Right));
    assert_eq!(app.ui.cityshare.city, 1, "the next city's plan");
    app.handle(&key(KeyCode::Esc));
    assert_eq!(app.ui.mode, Mode::Normal);
}

#[test]
fn paper_forms_are_typed_as_digits_one_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    // Feedback is the last view.
    app.handle(&key(KeyCode::BackTab));
    press(&mut app, "f");
    press(&mut app, "54 3");
    app.handle(&key(KeyCode::Enter));
    press(&mut app, "4");
    app.handle(&key(KeyCode::Backspace));
    press(&mut app, "2");
    app.handle(&key(KeyCode::Enter));
    app.handle(&key(KeyCode::Enter));
    assert!(
        app.ui.status.as_ref().unwrap().is_error,
        "an empty form is not saved"
    );
    app.handle(&key(KeyCode::Esc));
    let state = app.state();
    assert_eq!(state.feedback_forms(), 2);
    let useful = |m: &str| workshop::event::Question::Usefulness { module: m.into() };
    assert_eq!(
        state.distribution(&useful("m1")),
        [0, 1, 0, 0, 1],
        "5 on the first form, 2 (after a correction) on the second"
    );
    assert_eq!(
        state.distribution(&useful("m2")),
        [0; 5],
        "the blank was skipped"
    );
    assert_eq!(
        state.distribution(&workshop::event::Question::Interest {
            module: "m2".into()
        }),
        [0, 0, 1, 0, 0]
    );
    press(&mut app, "t");
    press(&mut app, "0 1 3 5 2");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(
        app.state().distribution(&useful("m1")),
        [0, 2, 3, 5, 3],
        "the tally adds to the forms"
    );
}

/// Ticks until the export under way is written, or fails the test after a deadline.
fn wait_for_export(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.is_exporting() {
        assert!(
            std::time::Instant::now() < deadline,
            "the export did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.tick(ten_past_nine());
    }
}

#[test]
fn x_exports_every_format_in_the_background_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    press(&mut app, "nn");
    let events = app.state().applied();
    app.handle(&key(KeyCode::Tab));
    // What an export killed mid-way leaves: a temporary folder, never a final name.
    let cut_short = dir
        .path()
        .join("exports")
        .join(".2020-03-30_170000.4242.partial");
    std::fs::create_dir_all(&cut_short).unwrap();
    std::fs::write(cut_short.join("cifal-jeju-2020-vca-run.json"), "{").unwrap();
    press(&mut app, "X");
    assert!(app.is_exporting());
    press(&mut app, "X");
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        "an export is already under way"
    );
    wait_for_export(&mut app);
    let folder = dir.path().join("exports").join("2020-03-31_091000");
    assert_eq!(
        app.ui.status.as_ref().unwrap().text,
        format!("exported 14 files to {}", folder.display())
    );
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 14, "{names:?}");
    assert!(names.contains(&"cifal-jeju-2020-vca-report.html".to_owned()));
    assert_eq!(app.state().applied(), events, "exporting records nothing");

    assert!(!cut_short.exists(), "the export cut short was cleared away");

    // Quitting during an export waits for it. Made in the same second, it gets a folder of
    // its own.
    press(&mut app, "X");
    press(&mut app, "q");
    assert!(!app.quit);
    wait_for_export(&mut app);
    assert!(app.quit);
    let mut folders: Vec<String> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders, ["2020-03-31_091000", "2020-03-31_091000-2"]);
    let second = dir.path().join("exports").join(&folders[1]);
    assert_eq!(std::fs::read_dir(second).unwrap().count(), 14);
}

#[test]
fn ctrl_c_in_a_field_cancels_the_field_and_quits_only_from_a_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    press(&mut app, "a");
    assert!(matches!(app.ui.mode, Mode::Input(_)), "{:?}", app.ui.mode);
    press(&mut app, "lunch moved");
    app.handle(&ctrl_c);
    assert!(!app.quit, "Ctrl-C in a note quit the app");
    assert!(matches!(app.ui.mode, Mode::Normal), "{:?}", app.ui.mode);
    app.handle(&ctrl_c);
    assert!(app.quit);
}

/// A clock a test can set back, as a time server's correction would.
static SET_CLOCK: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

fn settable_clock() -> DateTime<Utc> {
    DateTime::from_timestamp(SET_CLOCK.load(std::sync::atomic::Ordering::SeqCst), 0).unwrap()
}

#[test]
fn a_clock_that_jumps_back_never_ends_an_item_before_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let set =
        |t: DateTime<Utc>| SET_CLOCK.store(t.timestamp(), std::sync::atomic::Ordering::SeqCst);
    set(ten_past_nine());
    let run = Run::open(common::plan_2020(), dir.path()).unwrap();
    let mut app = App::new(run, "store".into(), settable_clock);
    app.handle(&Event::Resize(100, 30));
    press(&mut app, "n");
    let first = app.state().current().unwrap().id.clone();
    set(ten_past_nine() - chrono::TimeDelta::hours(2));
    press(&mut app, "n");
    let started = app.state().started_at(&first).unwrap();
    let ended = app.state().ended_at(&first).unwrap();
    assert!(
        ended >= started,
        "{first} ended at {ended}, before it started at {started}"
    );
    let status = &app.ui.status.as_ref().unwrap().text;
    assert!(
        status.contains("the computer's clock went back 120 min"),
        "{status}"
    );
}

/// The export thread wakes the app when it has something to say, so the event loop shows
/// "exported ..." at once rather than at its next tick.
#[test]
fn an_export_wakes_the_app_as_it_goes_and_when_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.act(workshop::tui::keymap::Action::Export);
    let reports = app.reports();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    while app.is_exporting() {
        let woken = runtime.block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(30), reports.notified()).await
        });
        assert!(woken.is_ok(), "the export thread never woke the app");
        app.take_reports();
    }
    let said = &app.ui.status.as_ref().unwrap().text;
    assert!(said.starts_with("exported 14 files to"), "{said}");
}

#[test]
fn the_help_scrolls_to_its_last_line_and_no_further_and_keys_under_it_wait() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&Event::Resize(80, 24));
    press(&mut app, "?");
    let top = drawn(&app, 80, 24);
    assert!(top.contains("Keys 1-22 of 30"), "{top}");
    assert!(!top.contains("Esc closes this help"), "{top}");
    for _ in 0..40 {
        app.handle(&key(KeyCode::Down));
    }
    assert_eq!(app.ui.help_scroll, 8, "the scroll stops at the last page");
    let bottom = drawn(&app, 80, 24);
    assert!(bottom.contains("Keys 9-30 of 30"), "{bottom}");
    assert!(bottom.contains("Esc closes this help"), "{bottom}");
    assert_eq!(
        app.ui.agenda.selected, 0,
        "↓ scrolled the help, not the agenda"
    );
    app.handle(&key(KeyCode::PageUp));
    assert_eq!(app.ui.help_scroll, 0);
    app.handle(&key(KeyCode::Esc));
    assert!(matches!(app.ui.mode, Mode::Normal));
}

#[test]
fn digits_for_another_city_or_group_start_at_its_first_missing_criterion() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    app.handle(&key(KeyCode::Tab));
    // Jeju gives all nine levels; the selection rests on the last criterion.
    press(&mut app, "123451234");
    assert_eq!(app.state().self_level("Jeju", "data"), Some(4));
    app.handle(&key(KeyCode::Right));
    let next = app.state().cities()[1].clone();
    press(&mut app, "543");
    assert_eq!(
        ["policy", "prevention", "identification"].map(|c| app.state().self_level(&next, c)),
        [Some(5), Some(4), Some(3)],
        "the run starts at {next}'s first criterion"
    );
    // Back to Jeju, which has every level: its first criterion is selected.
    app.handle(&key(KeyCode::Left));
    assert_eq!(app.ui.cityshare.criterion, 0);
    // Forward again: the first of the six levels the next city still lacks.
    app.handle(&key(KeyCode::Right));
    assert_eq!(app.ui.cityshare.criterion, 3);

    // The scores grid: groups down, criteria across, and the arrows follow it.
    for _ in 0..3 {
        app.handle(&key(KeyCode::Tab));
    }
    assert_eq!(app.ui.view, workshop::tui::ui::View::Exercises);
    press(&mut app, "G");
    press(&mut app, "3");
    app.handle(&key(KeyCode::Enter));
    press(&mut app, "v");
    app.handle(&key(KeyCode::Right));
    assert_eq!(
        (app.ui.exercises.group, app.ui.exercises.row),
        (0, 1),
        "→ is the next criterion"
    );
    app.handle(&key(KeyCode::Down));
    assert_eq!(app.ui.exercises.group, 1, "↓ is the next group");
    assert_eq!(
        app.ui.exercises.row, 0,
        "its first criterion without points"
    );
    // Points typed one after another move along the group's criteria.
    for points in ["4", "3"] {
        press(&mut app, points);
        app.handle(&key(KeyCode::Enter));
    }
    assert_eq!(app.ui.exercises.row, 2, "{:?}", app.ui.status);
    app.handle(&key(KeyCode::Up));
    app.handle(&key(KeyCode::Down));
    assert_eq!(
        app.ui.exercises.row, 2,
        "back on group B: its first criterion without points"
    );
}

#[test]
fn a_roll_call_is_one_key_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    assert_eq!(app.ui.view, workshop::tui::ui::View::Attendance);
    // Present, present, absent, then late with the time the field offers.
    press(&mut app, "  a");
    press(&mut app, "l");
    app.handle(&key(KeyCode::Enter));
    let state = app.state();
    let marks: Vec<_> = state.participants()[..4]
        .iter()
        .map(|p| state.mark(&p.id, 0).cloned())
        .collect();
    assert!(
        matches!(
            marks.as_slice(),
            [
                Some(workshop::event::Mark::Present),
                Some(workshop::event::Mark::Present),
                Some(workshop::event::Mark::Absent),
                Some(workshop::event::Mark::Late { .. })
            ]
        ),
        "{marks:?}"
    );
    assert_eq!(
        app.ui.attendance.person, 4,
        "on the fifth person, next to mark"
    );
}

#[test]
fn a_begun_form_is_not_dropped_by_one_esc_and_a_six_is_refused_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::BackTab));
    press(&mut app, "f");
    press(&mut app, "54");
    press(&mut app, "6");
    let status = app.ui.status.clone().unwrap();
    assert!(
        status.text.contains("6 is not an answer"),
        "{}",
        status.text
    );
    assert!(matches!(&app.ui.mode, Mode::FeedbackEntry(a) if a.len() == 2));
    app.handle(&key(KeyCode::Esc));
    assert!(
        matches!(&app.ui.mode, Mode::FeedbackEntry(a) if a.len() == 2),
        "one Esc keeps the form"
    );
    assert!(
        app.ui
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("2 answers typed"),
        "{:?}",
        app.ui.status
    );
    // Any other key, and Esc asks again; then Enter saves the form.
    press(&mut app, "3");
    app.handle(&key(KeyCode::Esc));
    assert!(matches!(&app.ui.mode, Mode::FeedbackEntry(a) if a.len() == 3));
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.state().feedback_forms(), 1);
    // An empty form leaves at once; a begun one on the second Esc, unsaved.
    press(&mut app, "4");
    app.handle(&key(KeyCode::Esc));
    app.handle(&key(KeyCode::Esc));
    assert!(matches!(app.ui.mode, Mode::Normal));
    assert_eq!(app.state().feedback_forms(), 1);
    press(&mut app, "f");
    app.handle(&key(KeyCode::Esc));
    assert!(matches!(app.ui.mode, Mode::Normal));
}

#[test]
fn undo_from_another_view_says_what_and_where_before_it_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    press(&mut app, " ");
    let first = app.state().participants()[0].id.clone();
    assert!(app.state().mark(&first, 0).is_some());
    // In Feedback, the first u only says what it would undo, and where.
    app.handle(&key(KeyCode::BackTab));
    app.handle(&key(KeyCode::BackTab));
    assert_eq!(app.ui.view, workshop::tui::ui::View::Feedback);
    press(&mut app, "u");
    let said = app.ui.status.clone().unwrap().text;
    assert!(
        said.starts_with("the newest action was in Attendance:")
            && said.ends_with("u again undoes it"),
        "{said}"
    );
    assert!(app.state().mark(&first, 0).is_some(), "nothing undone yet");
    // Another key in between, and u asks again; two in a row undo.
    app.handle(&key(KeyCode::Down));
    press(&mut app, "u");
    assert!(app.state().mark(&first, 0).is_some());
    press(&mut app, "u");
    assert!(
        app.state().mark(&first, 0).is_none(),
        "the second u undoes it"
    );
    // In the view the action was taken in, one u is enough.
    app.handle(&key(KeyCode::Tab));
    app.handle(&key(KeyCode::Tab));
    assert_eq!(app.ui.view, workshop::tui::ui::View::Attendance);
    app.handle(&key(KeyCode::Up));
    press(&mut app, " ");
    press(&mut app, "u");
    assert!(app.state().mark(&first, 0).is_none());
}

#[test]
fn plans_lines_are_corrected_in_place_and_removed_and_a_refusal_shows_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&Event::Resize(80, 24));
    for _ in 0..4 {
        app.handle(&key(KeyCode::Tab));
    }
    // A challenge without a tag is fine.
    press(&mut app, "c");
    press(&mut app, "Staff turnover");
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Normal, "{:?}", app.ui.status);
    // A wrong tag: the refusal lists every criterion, none cut off.
    press(&mut app, "c");
    press(&mut app, "Interpreters #shelters");
    app.handle(&key(KeyCode::Enter));
    let screen = drawn(&app, 80, 24);
    for id in common::criterion_ids(app.state()) {
        assert!(screen.contains(&id), "{id} is in the refusal: {screen}");
    }
    app.handle(&key(KeyCode::Esc));
    // E opens the selected line as it stands; saving corrects it in place.
    press(&mut app, "E");
    let Mode::Input(input) = &app.ui.mode else {
        panic!("E opens the line")
    };
    assert_eq!(input.text, "Staff turnover");
    press(&mut app, " in shelters #assistance");
    app.handle(&key(KeyCode::Enter));
    let challenges = app
        .state()
        .takeaways("Jeju", workshop::event::TakeawayKind::Challenge);
    assert_eq!(challenges.len(), 1);
    assert_eq!(challenges[0].text, "Staff turnover in shelters");
    assert_eq!(challenges[0].criteria, ["assistance"]);
    // An action: corrected, then removed (not merely dropped).
    press(&mut app, "a");
    press(
        &mut app,
        "Hire interpreters | City hall | short | assistance | 3 hired",
    );
    app.handle(&key(KeyCode::Enter));
    app.handle(&key(KeyCode::Down));
    press(&mut app, "E");
    let Mode::Input(input) = &app.ui.mode else {
        panic!("E opens the action")
    };
    assert_eq!(
        input.text,
        "Hire interpreters | City hall | short | assistance | 3 hired"
    );
    app.handle(&Event::Paste(" and translators".into()));
    app.handle(&key(KeyCode::Enter));
    assert_eq!(
        app.state().action_plan("Jeju")[0].action.indicator,
        "3 hired and translators"
    );
    press(&mut app, "x");
    assert!(app.state().action_plan("Jeju").is_empty());
}

fn drawn(app: &App, w: u16, h: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| workshop::tui::views::draw(frame, app.state(), &app.ui))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn enter_on_a_person_shows_every_day_check_ins_groups_and_earlier_details() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    app.handle(&key(KeyCode::Tab));
    // Late at 09:40 on day 1, then a corrected organisation.
    press(&mut app, "l");
    let Mode::Input(_) = &app.ui.mode else {
        panic!("the time field")
    };
    app.handle(&Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    press(&mut app, "09:40");
    app.handle(&key(KeyCode::Enter));
    app.handle(&key(KeyCode::Up));
    let first = app.state().participants()[0].clone();
    let mut corrected = first.clone();
    corrected.organisation = "Jeju Women's Centre".into();
    assert!(app.execute(&workshop::state::Command::Attendance(
        workshop::state::AttendanceCommand::EditParticipant(corrected)
    )));
    app.handle(&key(KeyCode::Enter));
    assert_eq!(app.ui.mode, Mode::Person);
    let screen = drawn(&app, 100, 30);
    assert!(
        screen.contains("Day 1 · Tue 31 Mar: late, arrived 09:40"),
        "{screen}"
    );
    assert!(screen.contains("Day 2 · Wed 1 Apr: no mark"), "{screen}");
    assert!(screen.contains("In no group"), "{screen}");
    assert!(screen.contains("Before corrections"), "{screen}");
    let earlier: String = first.organisation.chars().take(20).collect();
    assert!(
        screen.contains(&earlier),
        "the earlier organisation: {screen}"
    );
    // ↓ moves to the next person with the detail open; Esc closes it.
    app.handle(&key(KeyCode::Down));
    let second = &app.state().participants()[1].name;
    assert!(drawn(&app, 100, 30).contains(second.as_str()));
    app.handle(&key(KeyCode::Esc));
    assert_eq!(app.ui.mode, Mode::Normal);
}

#[test]
fn the_groups_panel_says_who_is_away_and_places_walk_ins() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    for _ in 0..5 {
        app.handle(&key(KeyCode::Tab));
    }
    press(&mut app, "G");
    press(&mut app, "3");
    app.handle(&key(KeyCode::Enter));
    let grouped = app.state().groups(Some("ex-awareness")).to_vec();
    let member = grouped[0].members[0].clone();
    assert!(app.execute(&workshop::state::Command::Attendance(
        workshop::state::AttendanceCommand::Mark {
            participant: member.clone(),
            day: 0,
            mark: Some(workshop::event::Mark::Absent),
        }
    )));
    let mut walk_in = common::person("", "Ana Walk-in");
    walk_in.city = "Jeju".into();
    walk_in.country = "Korea".into();
    assert!(app.execute(&workshop::state::Command::Attendance(
        workshop::state::AttendanceCommand::AddParticipant(walk_in)
    )));
    let walk_in = app.state().participants().last().unwrap().id.clone();
    let screen = drawn(&app, 100, 40);
    assert!(screen.contains("absent today"), "{screen}");
    assert!(
        screen.contains("In no group: 1 person · p places Ana Walk-in (Jeju) in"),
        "{screen}"
    );
    press(&mut app, "p");
    let groups = app.state().groups(Some("ex-awareness"));
    assert!(groups[0].members.contains(&walk_in), "{groups:?}");
    assert!(!drawn(&app, 100, 40).contains("In no group"));
}

#[test]
fn a_long_plan_scrolls_to_the_selected_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    for n in 1..=30 {
        assert!(app.execute(&workshop::state::Command::Plans(
            workshop::state::PlansCommand::AddTakeaway {
                city: "Jeju".into(),
                takeaway: workshop::event::TakeawayKind::Challenge,
                text: format!("Challenge number {n}"),
                criteria: vec![],
            }
        )));
    }
    for _ in 0..4 {
        app.handle(&key(KeyCode::Tab));
    }
    for _ in 0..29 {
        app.handle(&key(KeyCode::Down));
    }
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("Challenge number 30"), "{screen}");
    assert!(
        screen.contains(" Jeju · ← → other cities"),
        "the city line stays: {screen}"
    );
    assert!(!screen.contains("Challenge number 1 "), "{screen}");
}
