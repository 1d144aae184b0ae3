//! The agenda changed in the room: a guest speaker added after lunch, a session moved to the
//! next day, a title corrected. Each is one event: folded, refused where it cannot be, undone,
//! carried through a snapshot and a replay, and marked in the exports. The plan stays as it was.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Utc};
use common::record;
use workshop::event::{Event, ItemEdit};
use workshop::export::{self, Format, Privacy};
use workshop::plan::ItemKind;
use workshop::state::{AgendaCommand, Command, History, ItemStatus};

fn at(day: u32, hhmm: &str) -> DateTime<Utc> {
    common::jeju((2020, 3, 30 + day), hhmm)
}

fn ids_of_day(history: &History, day: usize) -> Vec<String> {
    history.state().days()[day]
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

fn guest() -> Command {
    Command::Agenda(AgendaCommand::Insert {
        after: "d1-lunch".into(),
        item: ItemEdit {
            title: "Guest speaker: a survivor advocate".into(),
            kind: ItemKind::Lecture,
            presenter: Some("  Ms Kanya Srisuk ".into()),
        },
        minutes: 30,
    })
}

fn move_to(item: &str, day: usize, index: usize) -> Command {
    Command::Agenda(AgendaCommand::Move {
        item: item.into(),
        day,
        index,
    })
}

fn refused(history: &History, command: &Command) -> String {
    history.decide(command).unwrap_err().0
}

#[test]
fn an_item_added_after_lunch_runs_in_the_day_and_pushes_what_follows() {
    let mut history = History::new(common::plan_2020());
    let before = history.state().projection(at(1, "13:00")).unwrap();
    let Event::ItemAdded { item, .. } = record(&mut history, at(1, "12:40"), &guest()) else {
        panic!("not an item added");
    };
    assert_eq!(item.id, "added-guest-speaker-a-survivor-advocate");
    assert_eq!(item.presenter.as_deref(), Some("Ms Kanya Srisuk"));
    assert_eq!(item.module, None, "lunch is in no module");
    let day = ids_of_day(&history, 0);
    let lunch = day.iter().position(|id| id == "d1-lunch").unwrap();
    assert_eq!(day[lunch + 1], item.id);
    let state = history.state();
    assert_eq!(state.planned_minutes(&item.id), 30);
    assert_eq!(state.status(&item.id), ItemStatus::Upcoming);
    assert!(state.change(&item.id).unwrap().added);
    // Half an hour more to hold: the day now ends 30 minutes later than planned.
    let after = state.projection(at(1, "13:00")).unwrap();
    assert_eq!(after.projected_end - before.projected_end, 30);
    // The plan itself is as it was.
    assert_eq!(state.plan(), &common::plan_2020());
    // A second guest of the same title gets an id of its own.
    let Event::ItemAdded { item: second, .. } = record(&mut history, at(1, "12:41"), &guest())
    else {
        panic!("not an item added");
    };
    assert_eq!(second.id, "added-guest-speaker-a-survivor-advocate-2");
    // It can be started, noted and skipped like any other.
    record(
        &mut history,
        at(1, "13:30"),
        &Command::Agenda(AgendaCommand::Start(item.id.clone())),
    );
    assert_eq!(history.state().current().unwrap().id, item.id);
}

#[test]
fn an_item_added_gets_the_checks_a_plan_gives_it() {
    let history = History::new(common::plan_2020());
    let with = |title: &str, minutes: u32, after: &str| {
        Command::Agenda(AgendaCommand::Insert {
            after: after.into(),
            item: ItemEdit {
                title: title.into(),
                kind: ItemKind::Discussion,
                presenter: None,
            },
            minutes,
        })
    };
    assert_eq!(
        refused(&history, &with("  ", 30, "d1-lunch")),
        "an item needs a title"
    );
    assert_eq!(
        refused(&history, &with("Extra", 0, "d1-lunch")),
        "a duration is 1 to 1440 minutes"
    );
    assert_eq!(
        refused(&history, &with("Extra", 1441, "d1-lunch")),
        "a duration is 1 to 1440 minutes"
    );
    assert_eq!(
        refused(&history, &with("Extra", 30, "nowhere")),
        "no item has the id `nowhere`"
    );
    assert!(refused(&history, &with("Extra\u{1b}[2J", 30, "d1-lunch")).contains("control"));
}

#[test]
fn a_session_moved_to_the_next_day_and_back_up_the_day() {
    let mut history = History::new(common::plan_2020());
    // Day 1's legal instruments lecture goes to day 2, after the recap.
    record(
        &mut history,
        at(1, "15:00"),
        &move_to("m2-instruments", 1, 1),
    );
    assert!(!ids_of_day(&history, 0).contains(&"m2-instruments".to_owned()));
    assert_eq!(ids_of_day(&history, 1)[..2], ["d2-recap", "m2-instruments"]);
    let state = history.state();
    let (place, item) = state.find_item("m2-instruments").unwrap();
    assert_eq!((place.day, place.index), (1, 1));
    assert_eq!(item.start, None, "it flows after the recap");
    assert_eq!(state.planned_minutes("m2-instruments"), 60);
    assert_eq!(state.change("m2-instruments").unwrap().moved_from, Some(0));
    assert_eq!(
        state.change("m2-instruments").unwrap().words(1),
        "moved in the room from day 1"
    );
    // The day after starts 60 minutes later than its plan would have it end.
    let day2 = state.day_slots(1);
    assert_eq!(day2[1].start, 9 * 60 + 15);
    // Moved up the day: from after the recap to before it.
    record(
        &mut history,
        at(1, "15:01"),
        &move_to("m2-instruments", 1, 0),
    );
    assert_eq!(ids_of_day(&history, 1)[..2], ["m2-instruments", "d2-recap"]);
}

#[test]
fn what_cannot_be_moved_says_why() {
    let mut history = History::new(common::plan_2020());
    assert!(refused(&history, &move_to("d1-lunch", 0, 2)).contains("fixed at its time"));
    assert_eq!(
        refused(&history, &move_to("m1-vca", 0, 4)),
        "\"Who is a victim? The victim-centred approach\" is already there"
    );
    assert_eq!(
        refused(&history, &move_to("m1-vca", 9, 0)),
        "the workshop has no day 10"
    );
    record(
        &mut history,
        at(1, "08:30"),
        &Command::Agenda(AgendaCommand::Next),
    );
    assert_eq!(
        refused(&history, &move_to("d1-registration", 0, 3)),
        "\"Registration and welcome coffee\" is running"
    );
    record(
        &mut history,
        at(1, "09:00"),
        &Command::Agenda(AgendaCommand::Next),
    );
    assert_eq!(
        refused(&history, &move_to("d1-registration", 0, 3)),
        "\"Registration and welcome coffee\" has already been held"
    );
}

#[test]
fn an_upcoming_item_is_edited_and_one_that_began_is_not() {
    let mut history = History::new(common::plan_2020());
    let edit = |title: &str| {
        Command::Agenda(AgendaCommand::Edit {
            item: "m1-trends".into(),
            edit: ItemEdit {
                title: title.into(),
                kind: ItemKind::Discussion,
                presenter: Some("Ms Lee".into()),
            },
        })
    };
    record(&mut history, at(1, "11:00"), &edit("Trends: a panel"));
    let state = history.state();
    let (_, item) = state.find_item("m1-trends").unwrap();
    assert_eq!(item.title, "Trends: a panel");
    assert_eq!(item.kind, ItemKind::Discussion);
    assert_eq!(item.presenter.as_deref(), Some("Ms Lee"));
    assert_eq!(
        state.change("m1-trends").unwrap().words(0),
        "changed in the room (planned as \"Global and Asia-Pacific trends in trafficking in persons\")"
    );
    assert_eq!(
        refused(&history, &edit("Trends: a panel")),
        "nothing is changed"
    );
    record(
        &mut history,
        at(1, "13:30"),
        &Command::Agenda(AgendaCommand::Start("m1-trends".into())),
    );
    assert!(refused(&history, &edit("Another")).contains("has begun"));
}

#[test]
fn each_change_is_undone_alone_and_the_agenda_is_as_planned_again() {
    let mut history = History::new(common::plan_2020());
    let planned: Vec<Vec<String>> = (0..3).map(|d| ids_of_day(&history, d)).collect();
    record(&mut history, at(1, "12:40"), &guest());
    record(&mut history, at(1, "12:41"), &move_to("m2-cases", 1, 0));
    record(
        &mut history,
        at(1, "12:42"),
        &Command::Agenda(AgendaCommand::Edit {
            item: "d2-recap".into(),
            edit: ItemEdit {
                title: "Recap and questions".into(),
                kind: ItemKind::Discussion,
                presenter: None,
            },
        }),
    );
    for _ in 0..3 {
        record(&mut history, at(1, "12:43"), &Command::Undo);
    }
    let state = history.state();
    for (day, ids) in planned.iter().enumerate() {
        assert_eq!(&ids_of_day(&history, day), ids, "day {}", day + 1);
    }
    assert!(state.change("d2-recap").is_none());
    assert_eq!(
        state.find_item("d2-recap").unwrap().1.title,
        "Recap of day 1"
    );
    assert_eq!(state.days(), state.plan().days.as_slice());
}

#[test]
fn changes_come_back_from_a_snapshot_and_from_the_log() {
    let mut history = History::new(common::plan_2020());
    record(&mut history, at(1, "12:40"), &guest());
    record(&mut history, at(1, "12:41"), &move_to("m2-cases", 1, 0));
    let snapshot = history.snapshot().unwrap();
    let resumed = History::resume(common::plan_2020(), &snapshot, Vec::new()).unwrap();
    assert!(resumed == history);
    assert_eq!(resumed.state().days(), history.state().days());
    let replayed = History::replay(common::plan_2020(), history.log());
    assert_eq!(replayed.state().days(), history.state().days());
    assert_eq!(ids_of_day(&replayed, 1)[0], "m2-cases");
}

#[test]
fn the_exports_mark_what_the_room_changed() {
    let mut history = History::new(common::plan_2020());
    record(&mut history, at(1, "12:40"), &guest());
    record(&mut history, at(1, "12:41"), &move_to("m2-cases", 1, 0));
    let files = export::render(
        &history,
        &Format::ALL,
        Privacy::ConsentedNamed,
        at(1, "18:00"),
    )
    .unwrap();
    let text = |suffix: &str| {
        let file = files.iter().find(|f| f.name.ends_with(suffix)).unwrap();
        String::from_utf8(file.bytes.clone()).unwrap()
    };
    let csv = text("agenda.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "Changed in the room")
        .unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let row = |id: &str| rows.iter().find(|r| &r[2] == id).unwrap().clone();
    assert_eq!(
        &row("added-guest-speaker-a-survivor-advocate")[column],
        "added in the room"
    );
    assert_eq!(&row("m2-cases")[column], "moved in the room from day 1");
    assert_eq!(&row("m2-cases")[0], "2", "listed on its new day");
    assert_eq!(&row("m1-vca")[column], "");
    let markdown = text(".md");
    assert!(
        markdown.contains("upcoming · added in the room"),
        "{markdown}"
    );
    assert!(markdown.contains("upcoming · moved in the room from day 1"));
    let html = text(".html");
    assert!(html.contains("upcoming · added in the room"));
}

#[test]
fn an_imported_change_is_admitted_only_when_it_could_have_been_made_here() {
    let mut history = History::new(common::plan_2020());
    let event = record(&mut history, at(1, "12:40"), &guest());
    let again = workshop::event::Recorded {
        seq: 2,
        at: at(1, "12:41"),
        event: event.clone(),
    };
    assert_eq!(
        history.admits(&again).unwrap_err(),
        "an item already has the id `added-guest-speaker-a-survivor-advocate`"
    );
    let fresh = History::new(common::plan_2020());
    assert!(fresh.admits(&again).is_ok());
    let moved = workshop::event::Recorded {
        seq: 2,
        at: at(1, "12:41"),
        event: Event::ItemMoved {
            item: "m1-vca".into(),
            day: chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
            index: 0,
        },
    };
    assert_eq!(
        history.admits(&moved).unwrap_err(),
        "the plan has no day 2021-01-01"
    );
}
