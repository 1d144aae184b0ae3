//! Every screen at every size: each view and mode draws without a panic from 1×1 to
//! 300×100, and the app survives a storm of resize events.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;
use workshop::state::State;
use workshop::tui::ui::{AgendaInput, Form, FormPurpose, Input, InputPurpose, Mode, Ui, View};
use workshop::tui::views::exercises::Panel;

const STORE: &str = "~/.local/share/workshop/runs/cifal-jeju-2020-vca";

fn now() -> DateTime<Utc> {
    common::busy::at(2, "09:10")
}

/// Every screen there is: each view as it opens, and each mode over the view it belongs to.
fn screens(state: &State) -> Vec<Ui> {
    let base = || {
        Ui::new(
            now(),
            workshop::tui::views::agenda::selection_for(state),
            STORE.into(),
        )
    };
    let with = |view: View, mode: Mode, change: &dyn Fn(&mut Ui)| {
        let mut ui = base();
        ui.view = view;
        ui.mode = mode;
        change(&mut ui);
        ui
    };
    let none = |_: &mut Ui| {};
    let mut screens: Vec<Ui> = View::ALL
        .iter()
        .map(|view| with(*view, Mode::Normal, &none))
        .collect();
    screens.extend([
        with(View::Agenda, Mode::Detail, &none),
        with(View::Agenda, Mode::Projector { blank: false }, &|ui| {
            ui.status = None;
        }),
        with(View::Attendance, Mode::Help(Box::new(Mode::Normal)), &none),
        with(
            View::Agenda,
            Mode::Input(Input {
                purpose: InputPurpose::Agenda(AgendaInput::Message),
                text: "Back at 14:00 — 다시 14시".into(),
                back: Box::new(Mode::Normal),
                problem: Some("a problem to show".into()),
            }),
            &none,
        ),
        with(View::Attendance, Mode::Filter, &|ui| {
            ui.attendance.filter = "ng".into();
        }),
        with(
            View::Attendance,
            Mode::Form(Form {
                purpose: FormPurpose::Person(None),
                values: vec![String::new(); 7],
                focus: 2,
                problems: vec![(Some(0), "a name is needed".into())],
            }),
            &none,
        ),
        with(View::Comparison, Mode::Normal, &|ui| {
            ui.comparison.city_profile = true;
        }),
        with(View::Plans, Mode::Normal, &|ui| ui.plans.room_wide = true),
        with(View::Plans, Mode::Presentation, &none),
        with(View::Exercises, Mode::Normal, &|ui| {
            ui.exercises.panel = Panel::Scores;
        }),
        with(View::Exercises, Mode::Normal, &|ui| {
            ui.exercises.panel = Panel::Checklist;
        }),
        with(View::Exercises, Mode::Scoreboard, &none),
        with(
            View::Feedback,
            Mode::FeedbackEntry(vec![Some(4), None, Some(5)]),
            &none,
        ),
    ]);
    screens
}

/// Draws `ui` at every size in `sizes` on one reused terminal.
fn draw_all(state: &State, ui: &Ui, sizes: &[(u16, u16)]) {
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for &(width, height) in sizes {
        terminal.backend_mut().resize(width, height);
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, width, height))
            .unwrap();
        terminal
            .draw(|frame| workshop::tui::views::draw(frame, state, ui))
            .unwrap_or_else(|e| panic!("{width}×{height}: {e}"));
    }
}

#[test]
fn every_screen_draws_at_every_width_and_every_height_up_to_300_by_100() {
    let state = common::busy::state();
    // Every width at several heights, and every height at several widths: the layouts switch
    // on one dimension at a time.
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for height in [1, 2, 3, 9, 10, 11, 24, 100] {
        sizes.extend((1..=300).map(|width| (width, height)));
    }
    for width in [1, 2, 39, 40, 41, 80, 173, 300] {
        sizes.extend((1..=100).map(|height| (width, height)));
    }
    let screens = screens(&state);
    assert_eq!(screens.len(), 20);
    // Two threads: the screens are independent and CI has two cores.
    std::thread::scope(|scope| {
        for half in screens.chunks(screens.len().div_ceil(2)) {
            let (state, sizes) = (&state, &sizes);
            scope.spawn(move || {
                for ui in half {
                    draw_all(state, ui, sizes);
                }
            });
        }
    });
}

#[test]
fn the_app_survives_a_storm_of_resizes_in_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let run = workshop::run::Run::open(common::plan_2020(), dir.path()).unwrap();
    let mut app = workshop::tui::app::App::new(run, STORE.into(), now);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut rng = fastrand::Rng::with_seed(8);
    for step in 0..3_000 {
        let (width, height) = (rng.u16(1..=300), rng.u16(1..=100));
        app.handle(&Event::Resize(width, height));
        if step % 150 == 0 {
            app.act(workshop::tui::keymap::Action::NextView);
        }
        // A storm sends many resizes between two draws; draw after some of them only.
        if rng.u8(0..4) == 0 {
            terminal.backend_mut().resize(width, height);
            terminal
                .resize(ratatui::layout::Rect::new(0, 0, width, height))
                .unwrap();
            app.take_clear();
            terminal
                .draw(|frame| workshop::tui::views::draw(frame, app.state(), &app.ui))
                .unwrap();
        }
    }
    // After the storm, a normal window shows a whole, working screen.
    app.handle(&Event::Resize(100, 30));
    terminal.backend_mut().resize(100, 30);
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, 100, 30))
        .unwrap();
    app.act(workshop::tui::keymap::Action::Next);
    terminal
        .draw(|frame| workshop::tui::views::draw(frame, app.state(), &app.ui))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("Attendance") && screen.contains("Feedback"),
        "{screen}"
    );
    assert_eq!(app.area, ratatui::layout::Rect::new(0, 0, 100, 30));
    assert!(!app.quit);
}
