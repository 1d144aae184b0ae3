//! A redacted export names nobody, however a name was typed: every free-text field holds
//! each hidden person's name in another case, another order, in part, as a two-character
//! Chinese name and as an email in capitals, and no redacted file holds any of them.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Utc;
use common::{output, person, plan_2020, session, stderr, workshop};
use workshop::event::{Due, Event, FormedGroup, Mark, PlannedAction, Score, TakeawayKind};
use workshop::run::Run;

/// How the facilitator typed them: never as the roster has them.
const TYPED: &str = "met KANYA SRISUK and kanya, Siobhán O'Brien, SIOBHAN O’BRIEN, \
                     Maria Clara, 李明 and SIOBHAN.OBRIEN@EXAMPLE.ORG";

/// What must not appear in any redacted file, compared in lower case.
const NEVER: [&str; 7] = [
    "kanya",
    "srisuk",
    "siobh",
    "brien",
    "maria clara",
    "李明",
    "siobhan.obrien",
];

#[test]
fn names_typed_any_way_in_any_field_survive_in_no_redacted_file() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let plan = plan_2020();
    assert!(plan.roster.iter().any(|p| p.name == "Kanya Srisuk"));
    {
        let mut run = Run::open(plan.clone(), &store).unwrap();
        let city = run.state().cities()[0].clone();
        let events = typed_everywhere(&plan, &city);
        for event in events {
            run.record(Utc::now(), event).unwrap();
        }
    }
    let out_dir = home.path().join("out");
    let out = output(
        workshop(home.path())
            .arg("--store")
            .arg(&store)
            .arg("export")
            .arg(session("cifal-jeju-2020-vca"))
            .arg("--redact")
            .arg("--out")
            .arg(&out_dir),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = 0;
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        for never in NEVER {
            assert!(
                !text.contains(never),
                "{} still holds {never:?}",
                path.display()
            );
        }
        files += 1;
    }
    assert_eq!(files, 14);
    let report = std::fs::read_to_string(out_dir.join("cifal-jeju-2020-vca-report.md")).unwrap();
    assert!(
        report.contains(
            "names and emails of theirs typed in notes and other free text were replaced"
        ),
        "the report does not count the replacements"
    );
}

/// An event for every free-text field, each holding [`TYPED`], after the people it names
/// joined as walk-ins.
fn typed_everywhere(plan: &workshop::plan::Plan, city: &str) -> Vec<Event> {
    let item = plan.days[0].items[0].id.clone();
    let day = plan.days[0].date;
    let exercise = plan.exercises[0].id.clone();
    let criterion = plan.framework().criteria[0].id.clone();
    let city = city.to_owned();
    let mut siobhan = person("p90", "O'Brien, Siobhán");
    siobhan.email = Some("siobhan.obrien@example.org".into());
    vec![
        Event::ParticipantsAdded {
            source: "walk-ins".into(),
            participants: vec![
                siobhan,
                person("p91", "Maria Clara Santos"),
                person("p92", "李明"),
            ],
        },
        Event::NoteAdded {
            item: item.clone(),
            text: TYPED.into(),
        },
        Event::MessageSet {
            text: Some(TYPED.into()),
        },
        Event::EvidenceNoted {
            city: city.clone(),
            criterion: criterion.clone(),
            text: TYPED.into(),
        },
        Event::Marked {
            day,
            participants: vec![plan.roster[0].id.clone()],
            mark: Some(Mark::Excused {
                reason: Some(TYPED.into()),
            }),
        },
        Event::GroupsFormed {
            exercise: None,
            groups: vec![FormedGroup {
                id: "g1".into(),
                name: TYPED.into(),
                members: vec!["p90".into()],
            }],
        },
        Event::GroupRenamed {
            exercise: None,
            group: "g1".into(),
            name: TYPED.into(),
        },
        Event::ChecklistLineAdded {
            exercise: exercise.clone(),
            group: "g1".into(),
            text: TYPED.into(),
        },
        Event::Distilled {
            city: city.clone(),
            takeaway: TakeawayKind::Challenge,
            text: TYPED.into(),
            criteria: vec![],
        },
        Event::Distilled {
            city: city.clone(),
            takeaway: TakeawayKind::GoodPractice,
            text: TYPED.into(),
            criteria: vec![],
        },
        Event::ActionPlanned {
            city: city.clone(),
            action: PlannedAction {
                what: TYPED.into(),
                who: TYPED.into(),
                due: Due::ShortTerm,
                criterion: String::new(),
                indicator: TYPED.into(),
            },
        },
        Event::ScoresImported {
            source: "scores.csv".into(),
            scores: vec![Score {
                rater: None,
                city,
                criterion,
                level: 2,
                note: Some(TYPED.into()),
            }],
        },
    ]
}
