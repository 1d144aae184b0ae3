//! A facilitator's first morning of the 2020 workshop, told as commands folded over the plan:
//! the actual times, pauses, skips, edits, undo and the day's drift are checked at each step.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
// A morning is a long story, and commands read better passed whole.
#![allow(clippy::too_many_lines, clippy::needless_pass_by_value)]

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use workshop::event::{Event, Recorded};
use workshop::state::{AgendaCommand, Command, History, ItemStatus};

/// 31 March 2020 at `hhmm` in Jeju, as UTC.
fn at(hhmm: &str) -> DateTime<Utc> {
    common::jeju((2020, 3, 31), hhmm)
}

struct Room {
    history: History,
    seq: u64,
}

impl Room {
    fn new() -> Self {
        Self {
            history: History::new(common::plan_2020()),
            seq: 0,
        }
    }

    /// Decides and applies `command` at `time`; panics with the refusal if there is one.
    fn does(&mut self, time: &str, command: Command) -> Event {
        self.does_at(at(time), command)
    }

    /// As `does`, at an exact instant.
    fn does_at(&mut self, time: DateTime<Utc>, command: Command) -> Event {
        let event = self
            .history
            .decide(&command)
            .unwrap_or_else(|r| panic!("{command:?} refused: {r}"));
        self.seq += 1;
        self.history.apply(&Recorded {
            seq: self.seq,
            at: time,
            event: event.clone(),
        });
        event
    }

    fn refused(&self, command: Command) -> String {
        self.history.decide(&command).unwrap_err().0
    }

    fn current(&self) -> &str {
        self.history
            .state()
            .current()
            .map_or("(nothing)", |i| i.id.as_str())
    }

    fn minutes(&self, item: &str, time: &str) -> i64 {
        self.history.state().elapsed(item, at(time)).num_minutes()
    }

    fn drift(&self, time: &str) -> i64 {
        self.history.state().projection(at(time)).unwrap().drift()
    }
}

fn status(room: &Room, item: &str) -> ItemStatus {
    room.history.state().status(item)
}

fn start(item: &str) -> Command {
    Command::Agenda(AgendaCommand::Start(item.to_owned()))
}

#[test]
fn a_morning_in_jeju() {
    let mut room = Room::new();
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::TogglePause)),
        "nothing is running to pause"
    );
    assert_eq!(room.refused(Command::Undo), "nothing to undo");

    // 08:32: registration opens, two minutes late.
    assert_eq!(
        room.does("08:32", Command::Agenda(AgendaCommand::Next)),
        Event::ItemStarted {
            item: "d1-registration".into()
        }
    );
    assert_eq!(
        room.history.state().status("d1-registration"),
        ItemStatus::Running
    );

    // 09:05: the opening ceremony starts five minutes late; registration took 33 minutes.
    room.does("09:05", Command::Agenda(AgendaCommand::Next));
    assert_eq!(room.current(), "d1-opening");
    assert_eq!(
        room.history.state().status("d1-registration"),
        ItemStatus::Done
    );
    assert_eq!(room.minutes("d1-registration", "09:05"), 33);
    let projection = room.history.state().projection(at("09:05")).unwrap();
    assert_eq!(
        projection.drift(),
        5,
        "five minutes behind, carried to the end of the day"
    );
    let clash = projection.clash.expect("the drift reaches lunch");
    assert_eq!((clash.item.as_str(), clash.minutes), ("d1-lunch", 5));
    assert_eq!((projection.items_covered, projection.items_total), (1, 12));

    // 09:50: the opening ran 45 minutes; the orientation starts.
    room.does("09:50", Command::Agenda(AgendaCommand::Next));
    assert_eq!(room.minutes("d1-opening", "09:50"), 45);

    // 10:00-10:10: a fire alarm. The clock stops and the pause is kept.
    room.does("10:00", Command::Agenda(AgendaCommand::TogglePause));
    assert_eq!(
        room.history.state().status("d1-orientation"),
        ItemStatus::Paused
    );
    assert_eq!(
        room.minutes("d1-orientation", "10:08"),
        10,
        "the clock stood still"
    );
    room.does("10:10", Command::Agenda(AgendaCommand::TogglePause));
    assert_eq!(
        room.minutes("d1-orientation", "10:30"),
        30,
        "40 minutes less the 10 of the alarm"
    );

    // The coffee break is dropped to catch up; `n` then goes past it.
    room.does(
        "10:30",
        Command::Agenda(AgendaCommand::ToggleSkip("d1-break-am".into())),
    );
    assert_eq!(
        room.history.state().status("d1-break-am"),
        ItemStatus::Skipped
    );
    room.does("10:31", Command::Agenda(AgendaCommand::Next));
    assert_eq!(room.current(), "m1-vca");
    assert_eq!(
        room.drift("10:31"),
        1,
        "lunch is still one minute away from being hit"
    );
    assert_eq!(
        room.history
            .state()
            .projection(at("10:31"))
            .unwrap()
            .clash
            .map(|c| c.minutes),
        Some(1)
    );

    // Shortening the discussion lets lunch absorb the rest.
    room.does(
        "10:32",
        Command::Agenda(AgendaCommand::SetDuration {
            item: "m1-distinctions".into(),
            minutes: 45,
        }),
    );
    assert_eq!(room.history.state().planned_minutes("m1-distinctions"), 45);
    let projection = room.history.state().projection(at("10:32")).unwrap();
    assert_eq!((projection.drift(), projection.clash), (0, None));

    // Five more minutes for the lecture, a note, then both taken back.
    room.does("11:00", Command::Agenda(AgendaCommand::Nudge(5)));
    assert_eq!(room.history.state().planned_minutes("m1-vca"), 65);
    room.does(
        "11:01",
        Command::Agenda(AgendaCommand::AddNote {
            item: "m1-vca".into(),
            text: "  Ask IOM for the slides  ".into(),
        }),
    );
    assert_eq!(
        room.history.state().notes("m1-vca")[0].text,
        "Ask IOM for the slides"
    );
    assert_eq!(
        room.does("11:02", Command::Undo),
        Event::Undone { target: 10 }
    );
    assert!(room.history.state().notes("m1-vca").is_empty());
    room.does("11:02", Command::Undo);
    assert_eq!(
        room.history.state().planned_minutes("m1-vca"),
        60,
        "undo is repeatable"
    );

    // 11:40: the room jumps ahead to the trends lecture; the speaker has to leave early.
    room.does("11:40", start("m1-trends"));
    assert_eq!(room.current(), "m1-trends");
    assert_eq!(room.history.state().status("m1-vca"), ItemStatus::Done);
    assert_eq!(room.minutes("m1-vca", "12:00"), 69);
    assert_eq!(
        room.history.state().status("m1-distinctions"),
        ItemStatus::PassedOver,
        "passed over: not held unless the room comes back to it"
    );
    assert_eq!(
        room.refused(start("m1-trends")),
        "\"Global and Asia-Pacific trends in trafficking in persons\" is already running"
    );

    // `p` goes back to the item before it, and undo brings the lecture back, clock running.
    room.does("11:45", Command::Agenda(AgendaCommand::Previous));
    assert_eq!(room.current(), "d1-lunch");
    room.does("11:46", Command::Undo);
    assert_eq!(room.current(), "m1-trends");
    assert_eq!(
        room.minutes("m1-trends", "11:50"),
        10,
        "as if lunch had never been started"
    );

    // Skipping the running item ends it and starts the next one.
    room.does(
        "11:55",
        Command::Agenda(AgendaCommand::ToggleSkip("m1-trends".into())),
    );
    assert_eq!(
        room.history.state().status("m1-trends"),
        ItemStatus::Skipped
    );
    assert_eq!(room.current(), "m2-instruments");
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::ToggleSkip(
            "d1-opening".into()
        ))),
        "\"Opening ceremony and group photo\" has already been held"
    );
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::SetDuration {
            item: "d1-opening".into(),
            minutes: 10
        })),
        "\"Opening ceremony and group photo\" is no longer upcoming"
    );
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::Nudge(-600))),
        "\"International legal instruments and their domestic implementation\" cannot be shorter than 1 minute"
    );

    // Resuming: the same events replayed over the plan give the same state.
    let replayed = History::replay(common::plan_2020(), room.history.log());
    assert_eq!(replayed, room.history);
}

#[test]
fn the_day_runs_ahead_when_items_end_early() {
    let mut room = Room::new();
    room.does("08:30", Command::Agenda(AgendaCommand::Next));
    room.does("08:50", Command::Agenda(AgendaCommand::Next));
    // Registration ended 10 minutes early, but the opening is fixed at 09:00: the wait absorbs it.
    assert_eq!(room.drift("08:50"), 0);
    room.does("09:00", Command::Agenda(AgendaCommand::Stop));
    assert_eq!(room.current(), "(nothing)");
    // Nothing runs after 09:00. The orientation is planned for 09:40, so at 09:30 the day is
    // still on time; at 09:50 it has not started and the day is ten minutes behind.
    assert_eq!(room.drift("09:30"), 0);
    assert_eq!(room.drift("09:50"), 10);
    assert_eq!(
        room.history.state().next_item().map(|i| i.id.as_str()),
        Some("d1-orientation")
    );
}

#[test]
fn the_projector_message_is_set_and_cleared() {
    let mut room = Room::new();
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::SetMessage(None))),
        "there is no message to clear"
    );
    room.does(
        "12:30",
        Command::Agenda(AgendaCommand::SetMessage(Some("Back at 13:30".into()))),
    );
    assert_eq!(room.history.state().message(), Some("Back at 13:30"));
    room.does("13:30", Command::Agenda(AgendaCommand::SetMessage(None)));
    assert_eq!(room.history.state().message(), None);
    room.does("13:31", Command::Undo);
    assert_eq!(room.history.state().message(), Some("Back at 13:30"));
}

#[test]
fn the_last_item_has_no_next() {
    let mut room = Room::new();
    room.does("16:00", start("d4-closing"));
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::Next)),
        "this is the last item of the workshop"
    );
}

#[test]
fn next_at_the_end_of_a_day_ends_it_and_the_next_day_starts_with_the_next_press() {
    let mut room = Room::new();
    room.does("17:00", start("d1-wrap"));
    assert_eq!(
        room.does("17:20", Command::Agenda(AgendaCommand::Next)),
        Event::ItemStopped,
        "day 2 does not start overnight"
    );
    assert_eq!(room.current(), "(nothing)");
    assert_eq!(
        room.minutes("d1-wrap", "23:00"),
        20,
        "the day's last item stopped at 17:20"
    );
    assert_eq!(
        room.history.state().next_item().map(|i| i.id.as_str()),
        Some("d2-recap")
    );
    assert_eq!(
        room.does("23:00", Command::Agenda(AgendaCommand::Next)),
        Event::ItemStarted {
            item: "d2-recap".into()
        }
    );
}

#[test]
fn going_back_within_a_minute_reopens_the_previous_item_and_the_one_left_was_not_held() {
    let mut room = Room::new();
    room.does("08:30", Command::Agenda(AgendaCommand::Next));
    room.does("09:00", Command::Agenda(AgendaCommand::Next));
    // Twenty seconds into the opening, the facilitator sees registration is not done.
    room.does_at(
        at("09:00") + TimeDelta::seconds(20),
        Command::Agenda(AgendaCommand::Previous),
    );
    assert_eq!(room.current(), "d1-registration");
    assert_eq!(status(&room, "d1-opening"), ItemStatus::Upcoming);
    assert_eq!(
        room.history.state().next_item().map(|i| i.id.as_str()),
        Some("d1-opening"),
        "NEXT is the item left, which has not been held"
    );
    // Registration's clock runs on from its 30 minutes; the opening's 40 still count.
    let projection = room.history.state().projection(at("09:01")).unwrap();
    assert_eq!(projection.drift(), 1);
    let clash = projection
        .clash
        .clone()
        .expect("the opening is fixed at 09:00");
    assert_eq!((clash.item.as_str(), clash.minutes), ("d1-opening", 1));
    assert_eq!(projection.start_of(1), Some(9 * 60 + 1));
}

#[test]
fn going_back_after_an_item_ran_keeps_what_it_held_and_counts_what_it_has_left() {
    let mut room = Room::new();
    room.does("08:30", Command::Agenda(AgendaCommand::Next));
    room.does("09:00", Command::Agenda(AgendaCommand::Next));
    room.does("09:05", Command::Agenda(AgendaCommand::Previous));
    assert_eq!(room.current(), "d1-registration");
    assert_eq!(status(&room, "d1-opening"), ItemStatus::Done);
    assert_eq!(room.minutes("d1-opening", "09:05"), 5);
    assert_eq!(
        room.history.state().next_item().map(|i| i.id.as_str()),
        Some("d1-opening")
    );
    // The opening has 35 of its 40 minutes left and goes on at once: the day is on time.
    let projection = room.history.state().projection(at("09:05")).unwrap();
    assert_eq!(projection.start_of(1), Some(9 * 60 + 5));
    assert_eq!(projection.start_of(2), Some(9 * 60 + 40));
    assert_eq!(projection.drift(), 0);
}

#[test]
fn items_passed_over_are_not_held_and_never_count_as_time_gained() {
    let mut room = Room::new();
    room.does("08:30", Command::Agenda(AgendaCommand::Next));
    // At 09:00 the facilitator jumps from registration to the day's wrap-up.
    room.does("09:00", start("d1-wrap"));
    for item in ["d1-opening", "m1-vca", "d1-lunch", "m2-cases"] {
        assert_eq!(status(&room, item), ItemStatus::PassedOver, "{item}");
    }
    // Measured against the plan without what was passed over, the day is on time: the
    // wrap-up was planned to follow registration at 09:00 and ends at 09:15.
    let projection = room.history.state().projection(at("09:00")).unwrap();
    assert_eq!(projection.passed_over, 10);
    assert_eq!(
        (projection.planned_end, projection.projected_end),
        (555, 555)
    );
    assert_eq!(projection.drift(), 0, "jumping ahead is not time gained");
    // Registration ran 5 minutes long; that still shows.
    let mut late = Room::new();
    late.does("08:30", Command::Agenda(AgendaCommand::Next));
    late.does("09:05", start("d1-wrap"));
    let projection = late.history.state().projection(at("09:05")).unwrap();
    assert_eq!(projection.drift(), 5);
    // Skipping it would change nothing: it is already not held.
    assert_eq!(
        room.refused(Command::Agenda(AgendaCommand::ToggleSkip(
            "d1-break-am".into()
        ))),
        "\"Coffee break\" was passed over: it is already not held (Enter starts it)"
    );
    // Once the day ends, what it passed over stays not held; day 2 is untouched.
    room.does("09:15", Command::Agenda(AgendaCommand::Next));
    assert_eq!(status(&room, "m1-vca"), ItemStatus::PassedOver);
    assert_eq!(status(&room, "d2-recap"), ItemStatus::Upcoming);
    // Held after all: the item is held, not passed over.
    room.does("09:20", start("m1-vca"));
    assert_eq!(status(&room, "m1-vca"), ItemStatus::Running);
}
