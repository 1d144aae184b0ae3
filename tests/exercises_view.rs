//! The exercises view with fixed groups, points and ticks: groups, the score matrix with a
//! tie, the checklist coverage and the scoreboard, at 80x24 and 120x40.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::screen;
use insta::assert_snapshot;
use workshop::plan::load_plan;
use workshop::state::{Command, ExercisesCommand, History, State};
use workshop::tui::ui::{Mode, Ui, View};
use workshop::tui::views::exercises::Panel;

/// The 2015 workshop's identification exercise: its three pre-formed groups scored (two tie)
/// and ticked against the ILO indicators.
fn scored() -> State {
    let mut history = History::new(
        load_plan(&common::session("cifal-rso-2015-vca"))
            .unwrap()
            .plan,
    );
    let ex = "ex-identification";
    let mut commands = vec![Command::Exercises(ExercisesCommand::RenameGroup {
        exercise: None,
        group: "g2".into(),
        name: "Team Mekong".into(),
    })];
    for (group, points) in [
        ("g1", [8, 4, 3, 4]),
        ("g2", [9, 3, 4, 3]),
        ("g3", [5, 2, 2, 3]),
    ] {
        for (criterion, p) in ["indicators", "usability", "interview", "next-steps"]
            .iter()
            .zip(points)
        {
            commands.push(Command::Exercises(ExercisesCommand::Score {
                exercise: ex.into(),
                group: group.into(),
                criterion: (*criterion).into(),
                points: p,
            }));
        }
    }
    for (group, items) in [
        (
            "g1",
            vec!["deception", "retention-of-documents", "debt-bondage"],
        ),
        ("g2", vec!["deception", "violence"]),
        ("g3", vec!["withholding-wages"]),
    ] {
        for item in items {
            commands.push(Command::Exercises(ExercisesCommand::ToggleReference {
                exercise: ex.into(),
                group: group.into(),
                item: item.into(),
            }));
        }
    }
    commands.push(Command::Exercises(ExercisesCommand::AddChecklistLine {
        exercise: ex.into(),
        group: "g1".into(),
        text: "Passport held by the employer".into(),
    }));
    for command in commands {
        common::record(
            &mut history,
            common::jeju((2015, 10, 21), "15:00"),
            &command,
        );
    }
    history.into_state()
}

fn ui(panel: Panel, mode: Mode) -> Ui {
    let mut ui = Ui::new(
        common::jeju((2015, 10, 21), "15:30"),
        0,
        "~/.local/share/workshop/runs/test".into(),
    );
    ui.view = View::Exercises;
    ui.exercises.exercise = 1;
    ui.exercises.panel = panel;
    ui.mode = mode;
    ui
}

#[test]
fn groups_scores_checklist_and_scoreboard() {
    let state = scored();
    let board = state.scoreboard("ex-identification");
    assert_eq!(
        (board[0].rank, board[1].rank, board[2].rank),
        (Some(1), Some(1), Some(3)),
        "19 and 19 tie"
    );
    for (panel, name) in [
        (Panel::Groups, "groups"),
        (Panel::Scores, "scores"),
        (Panel::Checklist, "checklist"),
    ] {
        assert_snapshot!(
            format!("exercise_{name}_80x24"),
            screen(&state, &ui(panel, Mode::Normal), 80, 24)
        );
        assert_snapshot!(
            format!("exercise_{name}_120x40"),
            screen(&state, &ui(panel, Mode::Normal), 120, 40)
        );
    }
    let scores = screen(&state, &ui(Panel::Scores, Mode::Normal), 120, 40);
    assert!(scores.contains("19 1="), "ties are shown as ties: {scores}");
    let checklist = screen(&state, &ui(Panel::Checklist, Mode::Normal), 120, 40);
    assert!(
        checklist.contains("No group found: Abuse of vulnerability"),
        "{checklist}"
    );
    for size in [(80, 24), (120, 40)] {
        let checklist = screen(&state, &ui(Panel::Checklist, Mode::Normal), size.0, size.1);
        assert!(
            checklist.contains("Group A     Team Mekong Group C"),
            "{size:?}: every group's whole name heads its column: {checklist}"
        );
    }
    // The awareness exercise's five criteria at 80 columns: no heading cut with an
    // ellipsis, and a legend giving each criterion's title and points.
    let mut awareness = ui(Panel::Scores, Mode::Normal);
    awareness.exercises.exercise = 0;
    let scores = screen(&state, &awareness, 80, 24);
    let header = scores.lines().find(|l| l.contains(" GROUP")).unwrap();
    assert!(!header.contains('…'), "{header}");
    assert!(header.contains("measureme"), "{header}");
    assert!(scores.contains("(up to 5)"), "the legend: {scores}");
    // Too narrow for whole names: initials, and a legend to read them.
    let narrow = screen(&state, &ui(Panel::Checklist, Mode::Normal), 60, 24);
    assert!(narrow.contains("GA    TM    GC"), "{narrow}");
    assert!(
        narrow.contains("GA Group A · TM Team Mekong · GC Group C"),
        "{narrow}"
    );
    let wall = screen(&state, &ui(Panel::Scores, Mode::Scoreboard), 80, 24);
    assert!(
        wall.contains(" 1= ") && wall.contains("  3 Group C"),
        "{wall}"
    );
    for p in state.participants() {
        assert!(
            !wall.contains(&p.name),
            "no participant's name on the scoreboard"
        );
    }
    assert_snapshot!("exercise_scoreboard_80x24", wall);
    assert_snapshot!(
        "exercise_scoreboard_120x40",
        screen(&state, &ui(Panel::Scores, Mode::Scoreboard), 120, 40)
    );
}
