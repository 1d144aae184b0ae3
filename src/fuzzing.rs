//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus.
//! Each takes arbitrary bytes down one input path the way the app does, then on through the
//! state and a screen or the results, and panics only on a bug: a refusal must say why.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::event::{Event, Recorded};
use crate::plan::{Plan, check_plan};
use crate::state::{History, State};
use crate::tui::ui::{Ui, View};

/// The 2020 plan, which the CSV importers read against.
fn shipped_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let text = include_bytes!("../sessions/cifal-jeju-2020-vca.json");
        match check_plan(text.to_vec()) {
            Ok(loaded) => loaded.plan,
            Err(errors) => panic!("the shipped plan is valid: {errors:?}"),
        }
    })
}

fn noon() -> DateTime<Utc> {
    DateTime::from_timestamp(1_585_627_200, 0).unwrap_or_default()
}

/// Draws every view of `state` at 80×24.
fn draw_every_view(state: &State) {
    let Ok(mut terminal) = Terminal::new(TestBackend::new(80, 24));
    let mut ui = Ui::new(noon(), 0, String::new());
    for view in View::ALL {
        ui.view = view;
        let _ = terminal.draw(|frame| crate::tui::views::draw(frame, state, &ui));
    }
}

fn assert_said(problems: &[String]) {
    assert!(!problems.is_empty(), "a refusal names at least one problem");
    assert!(
        problems.iter().all(|p| !p.trim().is_empty()),
        "every problem says something: {problems:?}"
    );
}

fn record(state: &mut State, event: Event) {
    let recorded = Recorded {
        seq: state.applied() + 1,
        at: noon(),
        event,
    };
    state.apply(&recorded);
}

/// A plan file: checked, then run and drawn when it passes.
pub fn plan(data: &[u8]) {
    match check_plan(data.to_vec()) {
        Ok(loaded) => {
            let state = State::new(loaded.plan);
            for day in 0..state.plan().days.len() {
                let _ = state.day_slots(day);
            }
            draw_every_view(&state);
        }
        Err(errors) => assert_said(&errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>()),
    }
}

/// A roster CSV against the 2020 plan: imported whole, then drawn, or refused with reasons.
pub fn roster_csv(data: &[u8]) {
    let mut state = State::new(shipped_plan().clone());
    match crate::roster::read_roster_csv(data, &state) {
        Ok(import) => {
            let before = state.participants().len();
            let added = import.added.len();
            record(
                &mut state,
                Event::ParticipantsAdded {
                    source: "fuzz.csv".into(),
                    participants: import.added,
                },
            );
            assert_eq!(state.participants().len(), before + added);
            draw_every_view(&state);
        }
        Err(errors) => assert_said(&errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>()),
    }
}

/// A scores CSV against the 2020 plan: imported whole, then drawn, or refused with reasons.
pub fn scores_csv(data: &[u8]) {
    let mut state = State::new(shipped_plan().clone());
    match crate::scores::read_scores_csv(data, &state) {
        Ok(scores) => {
            record(
                &mut state,
                Event::ScoresImported {
                    source: "fuzz.csv".into(),
                    scores,
                },
            );
            draw_every_view(&state);
        }
        Err(errors) => assert_said(&errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>()),
    }
}

/// An agenda spreadsheet, read as a workbook and as a CSV file: built into a plan with a
/// roster, checked, run and drawn, or refused with reasons.
pub fn agenda_sheet(data: &[u8]) {
    use crate::plan::{Given, plan_from_book, roster_from_book};
    for name in ["agenda.xlsx", "agenda.csv"] {
        let book = match crate::sheet::book_of(std::path::Path::new(name), data.to_vec()) {
            Ok(book) => book,
            Err(why) => {
                assert_said(&[why]);
                continue;
            }
        };
        let given = Given {
            start: chrono::NaiveDate::from_ymd_opt(2027, 3, 16),
            ..Given::default()
        };
        match plan_from_book(&book, &given) {
            Ok(built) => {
                let mut plan = built.plan;
                if let Ok(roster) = roster_from_book(&book, None, &plan) {
                    plan.roster = roster;
                }
                let Ok(bytes) = serde_json::to_vec(&plan) else {
                    continue;
                };
                if let Ok(loaded) = check_plan(bytes) {
                    draw_every_view(&State::new(loaded.plan));
                }
            }
            Err(problems) => assert_said(&problems),
        }
    }
}

/// A run export: read, then replayed, drawn and exported again, or refused with a reason.
pub fn run_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::export::json::read(text) {
        Ok(export) => {
            let history = History::replay(export.plan, export.events.iter());
            draw_every_view(history.state());
            let files = crate::export::render(
                &history,
                &crate::export::Format::ALL,
                crate::export::Privacy::Redacted,
                noon(),
            );
            assert!(files.is_ok(), "{files:?}");
        }
        Err(why) => assert_said(&[why]),
    }
}
