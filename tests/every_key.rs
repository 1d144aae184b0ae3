//! Every key does something. Each key the `?` help lists for a main view (every key of its
//! keymap table, the hidden ones too) is pressed in a real app on a run where it has
//! something to act on, and must change the screen's state, the run, or say why not; and
//! every key of the README's keys tables is one the keymap binds in that view.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
use workshop::event::{PlannedAction, TakeawayKind};
use workshop::run::Run;
use workshop::state::{AgendaCommand, Command, ExercisesCommand, PlansCommand};
use workshop::tui::app::App;
use workshop::tui::keymap::{Keymap, key_named};
use workshop::tui::ui::{Mode, View};

fn ten_past_nine() -> DateTime<Utc> {
    common::jeju((2020, 3, 31), "09:10")
}

/// An app on a run where every key of `view` has something to act on: an item running
/// with one before it, takeaways and an action for the first city, groups formed, and the
/// selections away from the first and last lines.
fn prepared(dir: &std::path::Path, view: View) -> App {
    let run = Run::open(common::plan_2020(), dir).unwrap();
    let mut app = App::new(run, "store".into(), ten_past_nine);
    app.handle(&Event::Resize(120, 40));
    let city = app.state().cities()[1].clone();
    let everyone: Vec<String> = app
        .state()
        .participants()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    for command in [
        Command::Agenda(AgendaCommand::Start("d1-opening".into())),
        Command::Plans(PlansCommand::AddTakeaway {
            city: city.clone(),
            takeaway: TakeawayKind::Challenge,
            text: "Too few interpreters".into(),
            criteria: vec!["assistance".into()],
        }),
        Command::Plans(PlansCommand::AddTakeaway {
            city: city.clone(),
            takeaway: TakeawayKind::GoodPractice,
            text: "Shelters run by women's groups".into(),
            criteria: vec!["assistance".into()],
        }),
        Command::Plans(PlansCommand::PlanAction {
            city,
            action: PlannedAction {
                what: "Train interpreters".into(),
                who: "Ministry".into(),
                due: workshop::event::Due::ShortTerm,
                criterion: "assistance".into(),
                indicator: "20 trained".into(),
            },
        }),
        Command::Exercises(ExercisesCommand::FormGroups {
            exercise: Some("ex-awareness".into()),
            count: 4,
            present: everyone,
        }),
    ] {
        assert!(app.execute(&command), "{command:?}: {:?}", app.ui.status);
    }
    app.ui.status = None;
    app.ui.view = view;
    app.ui.agenda.selected = 3;
    app.ui.attendance.person = 2;
    app.ui.attendance.day = 1;
    app.ui.attendance.filter = "a".into();
    app.ui.cityshare.city = 1;
    app.ui.cityshare.criterion = 1;
    app.ui.plans.line = 1;
    app.ui.exercises.group = 1;
    app.ui.exercises.row = 1;
    app.ui.feedback.module = 1;
    app
}

#[test]
fn every_key_of_every_main_view_does_something() {
    let keymap = Keymap::built_in();
    let mut dead = Vec::new();
    let mut pressed = 0;
    for view in View::ALL {
        for binding in keymap.table(view, &Mode::Normal) {
            for &code in &binding.keys {
                let dir = tempfile::tempdir().unwrap();
                let mut app = prepared(dir.path(), view);
                let (ui, applied) = (app.ui.clone(), app.state().applied());
                app.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
                pressed += 1;
                let did = app.ui != ui || app.state().applied() != applied || app.quit;
                if !did {
                    dead.push(format!("{view:?}: {code:?} ({:?})", binding.action));
                }
            }
        }
    }
    assert!(pressed > 150, "only {pressed} keys pressed");
    assert!(
        dead.is_empty(),
        "keys that did nothing:\n{}",
        dead.join("\n")
    );
}

/// The keys a README keys-table cell names: each backticked word, as the keymap names it.
fn readme_keys(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(str::split_whitespace)
        .map(|word| {
            match word {
                "↑" => "Up",
                "↓" => "Down",
                "←" => "Left",
                "→" => "Right",
                "space" => "Space",
                other => other,
            }
            .to_owned()
        })
        .collect()
}

#[test]
fn every_key_in_the_readme_tables_is_bound_in_its_view() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let keymap = Keymap::built_in();
    let mut checked = 0;
    // Each keys table names its view in its header: `| key | agenda |`.
    let tables: Vec<(View, Vec<&str>)> = readme
        .split("\n\n")
        .filter_map(|block| {
            let view = block.strip_prefix("| key | ")?.split(' ').next()?;
            let view = [View::Agenda, View::Attendance, View::Room]
                .into_iter()
                .find(|v| v.title().eq_ignore_ascii_case(view))?;
            Some((view, block.lines().skip(2).collect()))
        })
        .collect();
    assert!(
        tables.len() >= 3,
        "the README's keys tables: agenda, attendance, room"
    );
    for (view, rows) in &tables {
        let view = *view;
        for row in rows {
            let cell = row.split('|').nth(1).unwrap();
            for name in readme_keys(cell) {
                if name == "Ctrl-C" {
                    continue; // Read by the terminal loop, not the keymap.
                }
                let code = key_named(&name)
                    .unwrap_or_else(|| panic!("`{name}` in the README is not a key name"));
                let key = KeyEvent::new(code, KeyModifiers::NONE);
                assert!(
                    keymap.action(view, &Mode::Normal, key).is_some(),
                    "the README's {view:?} table names `{name}`, which the keymap does not bind there"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} keys read from the README");
}
