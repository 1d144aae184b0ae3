//! How long one frame takes to draw: the Agenda and Attendance views and projector mode of the
//! largest shipped plan (14 days, 97 items, 28 people) at 120x40, halfway through the workshop. Drawn into ratatui's
//! `TestBackend`, so this is the app's own work, without the terminal's output.

use std::path::Path;

use chrono::{TimeDelta, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use workshop::event::Recorded;
use workshop::plan::load_plan;
use workshop::state::{AgendaCommand, AttendanceCommand, Command, History};
use workshop::tui::ui::{Mode, Ui, View};
use workshop::tui::views;
use workshop::tui::views::agenda::selection_for;

/// The 2012 plan with every item of its first nine days held, a note on each, and day ten
/// under way.
fn halfway() -> History {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/cifal-jeju-2012-human-security.json");
    let plan = load_plan(&file).expect("the shipped plan loads").plan;
    let mut history = History::new(plan);
    let mut at = Utc
        .with_ymd_and_hms(2012, 6, 7, 0, 0, 0)
        .single()
        .expect("a valid time");
    let held: Vec<String> = history
        .state()
        .agenda_order()
        .take_while(|(r, _)| r.day < 9)
        .map(|(_, i)| i.id.clone())
        .collect();
    for id in held {
        record(
            &mut history,
            at,
            &Command::Agenda(AgendaCommand::Start(id.clone())),
        );
        record(
            &mut history,
            at,
            &Command::Agenda(AgendaCommand::AddNote {
                item: id,
                text: "Follow up with the presenter".into(),
            }),
        );
        at += TimeDelta::minutes(50);
    }
    // The first `n` ends day nine; the second starts day ten.
    record(&mut history, at, &Command::Agenda(AgendaCommand::Next));
    record(&mut history, at, &Command::Agenda(AgendaCommand::Next));
    assert!(history.state().current().is_some(), "day ten is under way");
    history
}

fn record(history: &mut History, at: chrono::DateTime<Utc>, command: &Command) {
    let event = history.decide(command).expect("the command is allowed");
    let seq = history.applied() + 1;
    history.apply(&Recorded { seq, at, event });
}

fn render(c: &mut Criterion) {
    let history = halfway();
    let state = history.state();
    let now = Utc
        .with_ymd_and_hms(2012, 6, 19, 1, 30, 0)
        .single()
        .expect("a valid time");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut ui = Ui::new(
        now,
        selection_for(state),
        "~/.local/share/workshop/runs/cifal-jeju-2012-human-security".into(),
    );
    c.bench_function("agenda_2012_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| views::draw(frame, state, &ui))
                .expect("draws");
        });
    });
    let mut marked = history.clone();
    for day in 0..9 {
        record(
            &mut marked,
            now,
            &Command::Attendance(AttendanceCommand::MarkAllPresent { day }),
        );
    }
    let mut attendance = ui.clone();
    attendance.view = View::Attendance;
    attendance.attendance.day = 9;
    c.bench_function("attendance_2012_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| views::draw(frame, marked.state(), &attendance))
                .expect("draws");
        });
    });
    ui.mode = Mode::Projector { blank: false };
    c.bench_function("projector_2012_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| views::draw(frame, state, &ui))
                .expect("draws");
        });
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
