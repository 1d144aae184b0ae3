//! The feedback view with a fixed set of forms and a tally, at 80x24 and 120x40, and while
//! forms are being typed.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::screen;
use insta::assert_snapshot;
use workshop::event::{FeedbackForm, Question};
use workshop::plan::load_plan;
use workshop::state::{Command, FeedbackCommand, History, State};
use workshop::tui::ui::{Mode, Ui, View};

fn answered() -> State {
    let mut history = History::new(
        load_plan(&common::session("cifal-jeju-2020-vca"))
            .unwrap()
            .plan,
    );
    let useful = |m: &str| Question::Usefulness { module: m.into() };
    let interest = |m: &str| Question::Interest { module: m.into() };
    let forms = [
        vec![
            (useful("m1"), 5),
            (interest("m1"), 5),
            (useful("m3"), 4),
            (useful("m5"), 5),
            (Question::Overall, 5),
        ],
        vec![
            (useful("m1"), 4),
            (interest("m1"), 3),
            (useful("m3"), 5),
            (useful("m5"), 3),
            (Question::Overall, 4),
        ],
        vec![
            (useful("m1"), 5),
            (useful("m2"), 2),
            (useful("m4"), 4),
            (Question::Overall, 3),
        ],
    ];
    let mut commands: Vec<Command> = forms
        .into_iter()
        .map(|answers| Command::Feedback(FeedbackCommand::GiveFeedback(FeedbackForm { answers })))
        .collect();
    commands.push(Command::Feedback(FeedbackCommand::TallyFeedback {
        question: useful("m4"),
        counts: [0, 1, 2, 4, 3],
    }));
    for command in commands {
        common::record(&mut history, common::jeju((2020, 4, 3), "15:20"), &command);
    }
    history.into_state()
}

fn ui(mode: Mode) -> Ui {
    let mut ui = Ui::new(
        common::jeju((2020, 4, 3), "15:30"),
        0,
        "~/.local/share/workshop/runs/test".into(),
    );
    ui.view = View::Feedback;
    ui.mode = mode;
    ui.feedback.module = 2;
    ui
}

#[test]
fn feedback_summary() {
    let state = answered();
    assert!((state.satisfied_share(&Question::Overall).unwrap() - 2.0 / 3.0).abs() < 1e-9);
    let text = screen(&state, &ui(Mode::Normal), 120, 40);
    assert!(text.contains("overall satisfaction 67%"), "{text}");
    assert_snapshot!("feedback_120x40", text);
    assert_snapshot!("feedback_80x24", screen(&state, &ui(Mode::Normal), 80, 24));
    let empty = State::new(
        load_plan(&common::session("cifal-jeju-2020-vca"))
            .unwrap()
            .plan,
    );
    assert_snapshot!(
        "feedback_empty_80x24",
        screen(&empty, &ui(Mode::Normal), 80, 24)
    );
}

#[test]
fn typing_a_form() {
    let state = answered();
    let entry = ui(Mode::FeedbackEntry(vec![Some(5), Some(4), None]));
    let text = screen(&state, &entry, 120, 40);
    assert!(text.contains("Form 4, question 4 of 11"), "{text}");
    assert_snapshot!("feedback_entry_120x40", text);
    assert_snapshot!("feedback_entry_80x24", screen(&state, &entry, 80, 24));
}
