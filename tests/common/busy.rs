//! One busy run of the 2020 plan, shared by the export and terminal tests: day 1 run with
//! drift, a pause, a skip and notes; day 2 begun. Marks of every kind, CityShare levels
//! from three cities, takeaways, action plans, an exercise with scores and checklists, and
//! feedback. Participant p08 did not consent.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use workshop::event::{
    ActionStatus, Due, FeedbackForm, Flag, Mark, PlannedAction, Question, TakeawayKind,
};
use workshop::state::{
    AgendaCommand, AssessmentCommand, AttendanceCommand, Command, ExercisesCommand,
    FeedbackCommand, History, PlansCommand, State,
};

use super::{jeju, record};

/// `hhmm` on day `day` (from 1) of the 2020 workshop, which ran from 31 March.
pub fn at(day: u32, hhmm: &str) -> DateTime<Utc> {
    let date = [(2020, 3, 31), (2020, 4, 1), (2020, 4, 2), (2020, 4, 3)][day as usize - 1];
    jeju(date, hhmm)
}

fn late(hhmm: &str) -> Mark {
    Mark::Late {
        at: hhmm.parse().unwrap(),
    }
}

/// The busy run's state.
pub fn state() -> State {
    history().into_state()
}

/// The busy run, with the events behind it.
pub fn history() -> History {
    let mut history = History::new(super::plan_2020());
    let s = &mut history;
    for (when, command) in [
        (
            "09:00",
            Command::Agenda(AgendaCommand::Start("d1-registration".into())),
        ),
        ("09:35", Command::Agenda(AgendaCommand::Next)),
        (
            "09:50",
            Command::Agenda(AgendaCommand::AddNote {
                item: "d1-opening".into(),
                text: "Ambassador's remarks ran long; Choi Min-ho translated".into(),
            }),
        ),
        ("10:05", Command::Agenda(AgendaCommand::Next)),
        ("10:20", Command::Agenda(AgendaCommand::TogglePause)),
        ("10:25", Command::Agenda(AgendaCommand::TogglePause)),
        ("10:40", Command::Agenda(AgendaCommand::Next)),
        (
            "10:41",
            Command::Agenda(AgendaCommand::ToggleSkip("d1-break-am".into())),
        ),
        (
            "11:30",
            Command::Attendance(AttendanceCommand::HeadCount {
                item: "d1-registration".into(),
                count: 23,
            }),
        ),
    ] {
        record(s, at(1, when), &command);
    }
    record(s, at(1, "11:40"), &Command::Agenda(AgendaCommand::Stop));
    attendance(s);
    cityshare(s);
    exercise(s);
    for answers in [[5, 4, 5], [4, 4, 3], [3, 5, 4]] {
        let form = FeedbackForm {
            answers: vec![
                (
                    Question::Usefulness {
                        module: "m1".into(),
                    },
                    answers[0],
                ),
                (
                    Question::Interest {
                        module: "m1".into(),
                    },
                    answers[1],
                ),
                (Question::Overall, answers[2]),
            ],
        };
        record(
            s,
            at(2, "17:00"),
            &Command::Feedback(FeedbackCommand::GiveFeedback(form)),
        );
    }
    record(
        s,
        at(2, "09:00"),
        &Command::Agenda(AgendaCommand::Start("d2-recap".into())),
    );
    record(s, at(2, "09:20"), &Command::Agenda(AgendaCommand::Stop));
    history
}

fn attendance(s: &mut History) {
    record(
        s,
        at(1, "09:10"),
        &Command::Attendance(AttendanceCommand::MarkAllPresent { day: 0 }),
    );
    for (who, day, mark) in [
        ("p02", 0, Some(late("09:20"))),
        (
            "p05",
            0,
            Some(Mark::LeftEarly {
                at: "15:00".parse().unwrap(),
            }),
        ),
        (
            "p08",
            0,
            Some(Mark::Excused {
                reason: Some("visa appointment with Vannak Chea's embassy".into()),
            }),
        ),
        ("p24", 0, Some(Mark::Absent)),
    ] {
        record(
            s,
            at(1, "09:30"),
            &Command::Attendance(AttendanceCommand::Mark {
                participant: who.into(),
                day,
                mark,
            }),
        );
    }
    record(
        s,
        at(2, "09:05"),
        &Command::Attendance(AttendanceCommand::MarkAllPresent { day: 1 }),
    );
    record(
        s,
        at(2, "09:06"),
        &Command::Attendance(AttendanceCommand::Mark {
            participant: "p08".into(),
            day: 1,
            mark: Some(late("09:40")),
        }),
    );
}

fn cityshare(s: &mut History) {
    for (rater, city, criterion, level) in [
        (None, "Jeju", "policy", 4),
        (None, "Jeju", "identification", 3),
        (None, "Kunming", "policy", 2),
        (None, "Bangkok", "policy", 0),
        (Some("Kunming"), "Jeju", "policy", 3),
        (Some("Bangkok"), "Jeju", "policy", 2),
        (Some("Jeju"), "Kunming", "policy", 3),
    ] {
        record(
            s,
            at(3, "10:00"),
            &Command::Assessment(AssessmentCommand::Assess {
                rater: rater.map(str::to_owned),
                city: city.into(),
                criterion: criterion.into(),
                level,
            }),
        );
    }
    record(
        s,
        at(3, "10:05"),
        &Command::Assessment(AssessmentCommand::NoteEvidence {
            city: "Jeju".into(),
            criterion: "policy".into(),
            text: "Provincial ordinance, 2019".into(),
        }),
    );
    record(
        s,
        at(3, "10:06"),
        &Command::Assessment(AssessmentCommand::ToggleFlag {
            city: "Jeju".into(),
            criterion: "policy".into(),
            flag: Flag::GoodPractice,
        }),
    );
    for (city, takeaway, text) in [
        (
            "Jeju",
            TakeawayKind::Challenge,
            "Few interpreters for Khmer, \"on call\"",
        ),
        (
            "Jeju",
            TakeawayKind::GoodPractice,
            "=One-stop centre at the airport",
        ),
    ] {
        record(
            s,
            at(4, "10:00"),
            &Command::Plans(PlansCommand::AddTakeaway {
                city: city.into(),
                takeaway,
                text: text.into(),
                criteria: vec!["identification".into()],
            }),
        );
    }
    record(
        s,
        at(4, "11:00"),
        &Command::Plans(PlansCommand::PlanAction {
            city: "Jeju".into(),
            action: PlannedAction {
                what: "Train airport staff on indicators".into(),
                who: "Provincial police with 김서연".into(),
                due: Due::ShortTerm,
                criterion: "identification".into(),
                indicator: "40 staff trained".into(),
            },
        }),
    );
    let action = s.state().all_actions()[0].id;
    record(
        s,
        at(4, "11:05"),
        &Command::Plans(PlansCommand::SetActionStatus {
            action,
            status: ActionStatus::Started,
        }),
    );
}

fn exercise(s: &mut History) {
    let present: Vec<String> = s
        .state()
        .participants()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    record(
        s,
        at(2, "14:00"),
        &Command::Exercises(ExercisesCommand::FormGroups {
            exercise: None,
            count: 3,
            present,
        }),
    );
    let groups: Vec<String> = s
        .state()
        .groups(Some("ex-awareness"))
        .iter()
        .map(|g| g.id.clone())
        .collect();
    for (group, points) in groups
        .iter()
        .zip([[4, 3, 5, 2, 3], [5, 5, 4, 4, 4], [3, 3, 3, 3, 3]])
    {
        for (criterion, p) in ["audience", "message", "channels", "referral", "measurement"]
            .iter()
            .zip(points)
        {
            record(
                s,
                at(2, "16:00"),
                &Command::Exercises(ExercisesCommand::Score {
                    exercise: "ex-awareness".into(),
                    group: group.clone(),
                    criterion: (*criterion).into(),
                    points: p,
                }),
            );
        }
    }
    record(
        s,
        at(2, "16:10"),
        &Command::Exercises(ExercisesCommand::ToggleReference {
            exercise: "ex-awareness".into(),
            group: groups[0].clone(),
            item: "target-group".into(),
        }),
    );
    record(
        s,
        at(2, "16:11"),
        &Command::Exercises(ExercisesCommand::AddChecklistLine {
            exercise: "ex-awareness".into(),
            group: groups[0].clone(),
            text: "Posters in Khmer and Thai".into(),
        }),
    );
}
