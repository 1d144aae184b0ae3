//! Every view drawn into a `TestBackend` with a fixed time, snapshot-tested with insta at
//! 80x24 and 120x40, in empty, typical and overflowing states; plus sizes down to 1x1.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::{draw, screen};

use chrono::{DateTime, Utc};
use insta::assert_snapshot;
use ratatui::style::Color;
use workshop::event::Recorded;
use workshop::plan::{Plan, load_plan};
use workshop::state::{AgendaCommand, Command, History, State};
use workshop::tui::ui::{AgendaInput, Input, InputPurpose, Mode, Status, Ui};

const STORE: &str = "~/.local/share/workshop/runs/cifal-jeju-2020-vca";

use common::jeju;

fn day1(hhmm: &str) -> DateTime<Utc> {
    jeju((2020, 3, 31), hhmm)
}

/// Folds `steps` (time, command) over `plan`.
fn story(plan: Plan, steps: &[(DateTime<Utc>, Command)]) -> History {
    let mut history = History::new(plan);
    for (seq, (at, command)) in steps.iter().enumerate() {
        let event = history
            .decide(command)
            .unwrap_or_else(|r| panic!("{command:?}: {r}"));
        history.apply(&Recorded {
            seq: seq as u64 + 1,
            at: *at,
            event,
        });
    }
    history
}

/// The first morning of 2020 at 10:20: registration and opening held, the orientation
/// running after a 10-minute pause, a note and an edited duration.
fn morning() -> State {
    morning_history().into_state()
}

/// [`morning`], with the events behind it.
fn morning_history() -> History {
    story(
        common::plan_2020(),
        &[
            (day1("08:32"), Command::Agenda(AgendaCommand::Next)),
            (day1("09:05"), Command::Agenda(AgendaCommand::Next)),
            (day1("09:50"), Command::Agenda(AgendaCommand::Next)),
            (day1("10:00"), Command::Agenda(AgendaCommand::TogglePause)),
            (day1("10:10"), Command::Agenda(AgendaCommand::TogglePause)),
            (
                day1("10:12"),
                Command::Agenda(AgendaCommand::AddNote {
                    item: "d1-opening".into(),
                    text: "Vice-Governor's speech ran long; ask for the text".into(),
                }),
            ),
            (
                day1("10:13"),
                Command::Agenda(AgendaCommand::SetDuration {
                    item: "m1-distinctions".into(),
                    minutes: 45,
                }),
            ),
            (
                day1("10:14"),
                Command::Agenda(AgendaCommand::ToggleSkip("d1-break-am".into())),
            ),
        ],
    )
}

fn ui(state: &State, now: DateTime<Utc>, mode: Mode) -> Ui {
    let mut ui = Ui::new(
        now,
        workshop::tui::views::agenda::selection_for(state),
        STORE.to_owned(),
    );
    ui.mode = mode;
    ui
}

#[test]
fn agenda_typical() {
    let state = morning();
    let ui = ui(&state, day1("10:20"), Mode::Normal);
    assert_snapshot!("agenda_80x24", screen(&state, &ui, 80, 24));
    assert_snapshot!("agenda_120x40", screen(&state, &ui, 120, 40));
}

#[test]
fn a_long_error_is_shown_whole_on_the_status_line() {
    let state = morning();
    let mut ui = Ui::new(day1("10:20"), 2, STORE.into());
    ui.status = Some(Status {
        text: "export failed: /home/ana/.local/share/workshop/runs/cifal-jeju-2020-vca/exports/\
               2020-03-31_10-20/cifal-jeju-2020-vca-report.html: No space left on device (os \
               error 28)"
            .into(),
        is_error: true,
    });
    let small = screen(&state, &ui, 80, 24);
    assert!(small.contains("(os error 28)"), "{small}");
    assert_snapshot!("status_long_error_80x24", small);
    assert_snapshot!("status_long_error_120x40", screen(&state, &ui, 120, 40));
}

#[test]
fn agenda_empty() {
    let state = State::new(common::plan_2020());
    let ui = ui(&state, day1("08:15"), Mode::Normal);
    assert_snapshot!("agenda_empty_80x24", screen(&state, &ui, 80, 24));
    assert_snapshot!("agenda_empty_120x40", screen(&state, &ui, 120, 40));
}

#[test]
fn agenda_overflowing_fourteen_days() {
    let plan = load_plan(&common::session("cifal-jeju-2012-human-security"))
        .unwrap()
        .plan;
    let date = (2012, 6, 19);
    let state = story(
        plan,
        &[
            (
                jeju(date, "09:02"),
                Command::Agenda(AgendaCommand::Start("d11-am1".into())),
            ),
            (jeju(date, "10:30"), Command::Agenda(AgendaCommand::Next)),
        ],
    )
    .into_state();
    let mut ui = ui(&state, jeju(date, "11:50"), Mode::Normal);
    assert_snapshot!("agenda_overflow_80x24", screen(&state, &ui, 80, 24));
    ui.agenda.selected = state.agenda_order().count() - 1;
    assert_snapshot!("agenda_overflow_end_120x40", screen(&state, &ui, 120, 40));
}

/// Titles, presenters and notes in many scripts: measured, cut whole, marked with "…".
fn wide_plan() -> Plan {
    let mut plan = common::plan_2020();
    let titles = [
        "피해자 중심 접근법: 인신매매 피해자 식별, 지원 및 보호에 관한 강의",
        "การระบุตัวผู้เสียหายจากการค้ามนุษย์และการส่งต่อความช่วยเหลือ",
        "ការកំណត់អត្តសញ្ញាណជនរងគ្រោះនៃការជួញដូរមនុស្ស",
        "मानव तस्करी के पीड़ितों की पहचान और सहायता",
        "以受害者为中心的方法：识别、援助和保护人口贩运受害者",
        "Group work 👩‍👩‍👧 with emoji 🎉 and Vietnamese: Nguyễn Thị Lan",
    ];
    for (item, title) in plan.days[0].items.iter_mut().skip(1).zip(titles) {
        title.clone_into(&mut item.title);
        item.presenter = Some("김서연 (Jeju) · สมศักดิ์ ใจดี".to_owned());
    }
    plan
}

#[test]
fn agenda_in_many_scripts() {
    let state = story(
        wide_plan(),
        &[(
            day1("09:00"),
            Command::Agenda(AgendaCommand::Start("d1-opening".into())),
        )],
    )
    .into_state();
    let ui = ui(&state, day1("09:30"), Mode::Normal);
    let text = screen(&state, &ui, 80, 24);
    assert!(text.contains('…'), "long titles are cut with an ellipsis");
    assert_snapshot!("agenda_scripts_80x24", text);
    assert_snapshot!("agenda_scripts_120x40", screen(&state, &ui, 120, 40));
    let detail = self::ui(&state, day1("09:30"), Mode::Detail);
    assert_snapshot!("detail_scripts_80x24", screen(&state, &detail, 80, 24));
}

#[test]
fn detail_popup() {
    let state = morning();
    let mut ui = ui(&state, day1("10:20"), Mode::Detail);
    ui.agenda.selected = state
        .agenda_order()
        .position(|(_, i)| i.id == "d1-opening")
        .unwrap();
    assert_snapshot!("detail_80x24", screen(&state, &ui, 80, 24));
    ui.agenda.selected = state
        .agenda_order()
        .position(|(_, i)| i.id == "m3-awareness")
        .unwrap();
    assert_snapshot!("detail_120x40", screen(&state, &ui, 120, 40));
}

#[test]
fn help_overlay() {
    let state = morning();
    let ui = ui(&state, day1("10:20"), Mode::Help(Box::new(Mode::Normal)));
    assert_snapshot!("help_80x24", screen(&state, &ui, 80, 24));
    assert_snapshot!("help_120x40", screen(&state, &ui, 120, 40));
    let projector_help = self::ui(
        &state,
        day1("10:20"),
        Mode::Help(Box::new(Mode::Projector { blank: false })),
    );
    assert_snapshot!(
        "help_projector_80x24",
        screen(&state, &projector_help, 80, 24)
    );
}

#[test]
fn input_field() {
    let state = morning();
    let position = state
        .agenda_order()
        .position(|(_, i)| i.id == "d1-orientation")
        .unwrap();
    let input = Input {
        purpose: InputPurpose::Agenda(AgendaInput::Note(position)),
        text: "참가자 질문: 귀환 절차 ✓".into(),
        back: Box::new(Mode::Normal),
        problem: None,
    };
    let ui = ui(&state, day1("10:20"), Mode::Input(input));
    assert_snapshot!("input_note_80x24", screen(&state, &ui, 80, 24));
    let input = Input {
        purpose: InputPurpose::Agenda(AgendaInput::Duration(position)),
        text: "forty".into(),
        back: Box::new(Mode::Normal),
        problem: Some("`forty` is not a number of minutes".into()),
    };
    let ui = self::ui(&state, day1("10:20"), Mode::Input(input));
    assert_snapshot!(
        "input_duration_refused_120x40",
        screen(&state, &ui, 120, 40)
    );
}

#[test]
fn projector_mode() {
    let mut history = morning_history();
    let steps = [(
        day1("10:16"),
        Command::Agenda(AgendaCommand::SetMessage(Some(
            "Back at 10:45 for Module 1".into(),
        ))),
    )];
    let event = history.decide(&steps[0].1).unwrap();
    history.apply(&Recorded {
        seq: 100,
        at: steps[0].0,
        event,
    });
    let state = history.into_state();
    let ui = ui(&state, day1("10:20"), Mode::Projector { blank: false });
    let wall = screen(&state, &ui, 80, 24);
    for name in &state.plan().roster {
        assert!(
            !wall.contains(&name.name),
            "no participant's name on the projector"
        );
    }
    assert_snapshot!("projector_80x24", wall);
    assert_snapshot!("projector_120x40", screen(&state, &ui, 120, 40));
    // Below the size where big digits read, the time is plain text, and so is the rest.
    let small = screen(&state, &ui, 40, 10);
    assert!(
        small.lines().next().unwrap().contains("10:20"),
        "the time in plain text on the top line: {small}"
    );
    assert_snapshot!("projector_40x10", small);
    // Without a message, a short title is large and the clock grows into what is left.
    let mut lunch = morning_history();
    let event = lunch
        .decide(&Command::Agenda(AgendaCommand::Start("d1-lunch".into())))
        .unwrap();
    lunch.apply(&Recorded {
        seq: 101,
        at: day1("12:30"),
        event,
    });
    let lunch = lunch.into_state();
    let ui = self::ui(&lunch, day1("12:40"), Mode::Projector { blank: false });
    assert_snapshot!("projector_lunch_80x24", screen(&lunch, &ui, 80, 24));
    assert_snapshot!("projector_lunch_120x40", screen(&lunch, &ui, 120, 40));
    let blank = self::ui(&state, day1("10:20"), Mode::Projector { blank: true });
    assert_eq!(
        screen(&state, &blank, 80, 24).replace(['"', ' ', '\n'], ""),
        "",
        "blank means blank"
    );
}

#[test]
fn a_window_too_small_says_what_it_needs() {
    let state = morning();
    let ui = ui(&state, day1("10:20"), Mode::Normal);
    assert_snapshot!("too_small_30x8", screen(&state, &ui, 30, 8));
}

#[test]
fn every_size_down_to_one_by_one_draws_without_panic() {
    let state = story(
        wide_plan(),
        &[(
            day1("09:00"),
            Command::Agenda(AgendaCommand::Start("d1-opening".into())),
        )],
    )
    .into_state();
    let modes = [
        Mode::Normal,
        Mode::Detail,
        Mode::Help(Box::new(Mode::Normal)),
        Mode::Projector { blank: false },
        Mode::Input(Input {
            purpose: InputPurpose::Agenda(AgendaInput::Message),
            text: "Back at 14:00".into(),
            back: Box::new(Mode::Normal),
            problem: Some("x".into()),
        }),
    ];
    for mode in modes {
        let ui = ui(&state, day1("09:30"), mode);
        for width in (1..=130).step_by(3).chain([1, 2, 39, 40, 41, 80, 120]) {
            for height in [1, 2, 3, 5, 8, 9, 10, 11, 13, 17, 24, 31, 40] {
                draw(&state, &ui, width, height);
            }
        }
    }
}

#[test]
fn colour_says_how_the_running_item_stands_and_words_say_it_too() {
    let state = story(
        common::plan_2020(),
        &[(
            day1("09:00"),
            Command::Agenda(AgendaCommand::Start("d1-opening".into())),
        )],
    )
    .into_state();
    let colour_at = |now: &str| {
        let ui = ui(&state, day1(now), Mode::Normal);
        let terminal = draw(&state, &ui, 100, 24);
        let buffer = terminal.backend().buffer().clone();
        // Row 2 is NOW; its last cell is the end of the running clock.
        let cell = &buffer[(98, 2)];
        let text: String = (0..100)
            .map(|x| buffer[(x, 2)].symbol().to_owned())
            .collect();
        (cell.fg, text)
    };
    let (fine, text) = colour_at("09:10");
    assert_eq!(fine, Color::Green, "{text}");
    assert!(
        text.contains("10 min 00 s of 40 min · 30 min left"),
        "{text}"
    );
    let (near, text) = colour_at("09:37");
    assert_eq!(near, Color::Yellow, "{text}");
    assert!(text.contains("3 min left"), "{text}");
    let (over, text) = colour_at("09:47");
    assert_eq!(over, Color::Red, "{text}");
    assert!(text.contains("7 min over"), "{text}");
}

#[test]
fn a_note_of_several_lines_with_the_cursor_inside() {
    let state = morning();
    let input = Input {
        purpose: InputPurpose::Agenda(AgendaInput::Note(2)),
        text: "Ask for the slides\nand the attendance list".into(),
        back: Box::new(Mode::Normal),
        problem: None,
    };
    let mut ui = ui(&state, day1("10:20"), Mode::Input(input));
    // On the second line, before "attendance".
    ui.cursor = "Ask for the slides\nand the ".chars().count();
    let small = screen(&state, &ui, 80, 24);
    assert!(small.contains("Ask for the slides"), "{small}");
    assert!(small.contains("and the attendance list"), "{small}");
    assert_snapshot!("input_note_lines_80x24", small);
    assert_snapshot!("input_note_lines_120x40", screen(&state, &ui, 120, 40));
}

#[test]
fn the_projector_counts_down_to_the_message_time_and_not_past_it() {
    // At 60x12 the message is plain text (large where there is room: `projector_mode`).
    let mut history = morning_history();
    let event = history
        .decide(&Command::Agenda(AgendaCommand::SetMessage(Some(
            "Back at 10:45".into(),
        ))))
        .unwrap();
    history.apply(&Recorded {
        seq: 100,
        at: day1("10:16"),
        event,
    });
    let state = history.into_state();
    let before = screen(
        &state,
        &ui(&state, day1("10:20"), Mode::Projector { blank: false }),
        60,
        12,
    );
    assert!(before.contains("Back at 10:45 · in 25:00"), "{before}");
    let after = screen(
        &state,
        &ui(&state, day1("10:50"), Mode::Projector { blank: false }),
        60,
        12,
    );
    assert!(after.contains("Back at 10:45"), "{after}");
    assert!(
        !after.contains(" · in "),
        "no countdown once the time is past:\n{after}"
    );
}

#[test]
fn a_day_hours_behind_reads_the_same_on_the_agenda_and_the_projector() {
    // The orientation (09:40, 35 minutes) is still running at 14:40.
    let state = story(
        common::plan_2020(),
        &[
            (day1("08:30"), Command::Agenda(AgendaCommand::Next)),
            (day1("09:00"), Command::Agenda(AgendaCommand::Next)),
            (day1("09:40"), Command::Agenda(AgendaCommand::Next)),
        ],
    )
    .into_state();
    let agenda = screen(&state, &ui(&state, day1("14:40"), Mode::Normal), 120, 40);
    assert!(
        agenda.contains("NEXT 14:40 (planned 10:15) Coffee break"),
        "{agenda}"
    );
    assert!(
        agenda.contains("day 265 min behind · ends 21:40"),
        "{agenda}"
    );
    assert!(
        agenda.contains("\"Lunch\", fixed at 12:30, would start at 16:55"),
        "the warning is the drift at lunch: {agenda}"
    );
    assert!(
        agenda.contains("now ~16:55"),
        "the outline's lunch: {agenda}"
    );
    let projector = Mode::Projector { blank: false };
    let wall = screen(&state, &ui(&state, day1("14:40"), projector), 120, 40);
    assert!(
        wall.contains("Next: 14:40 (planned 10:15) Coffee break"),
        "{wall}"
    );
    assert!(
        wall.contains("5 h 00 min of 35 min · 265 min over"),
        "{wall}"
    );
}

#[test]
fn every_letter_on_the_projector_stands_out_from_what_it_sits_on() {
    let state = morning();
    let ui = ui(&state, day1("10:20"), Mode::Projector { blank: false });
    let light = |c: Color| {
        matches!(
            c,
            Color::White | Color::Gray | Color::Yellow | Color::Cyan | Color::Green | Color::Red
        )
    };
    for (w, h) in [(80, 24), (120, 40), (40, 10)] {
        let terminal = draw(&state, &ui, w, h);
        let buffer = terminal.backend().buffer();
        for y in 0..h {
            for x in 0..w {
                let cell = &buffer[(x, y)];
                if !cell.symbol().chars().any(char::is_alphanumeric) {
                    continue;
                }
                let readable = (light(cell.fg) && cell.bg == Color::Black)
                    || (cell.fg == Color::Black && light(cell.bg));
                assert!(
                    readable,
                    "{w}x{h}: {:?} at ({x}, {y}) is {:?} on {:?}",
                    cell.symbol(),
                    cell.fg,
                    cell.bg
                );
            }
        }
    }
}
