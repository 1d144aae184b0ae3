//! The attendance view drawn into a `TestBackend`: shipped rosters, 60 people, names in
//! eight scripts, the filter and the form, and columns that line up whatever the script.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
#![allow(clippy::needless_pass_by_value)]

mod common;

use common::{draw, screen};

use chrono::{DateTime, Utc};
use insta::assert_snapshot;
use workshop::event::Mark;
use workshop::plan::{ClockTime, Participant, Plan, Sector, load_plan};
use workshop::state::{AttendanceCommand, Command, History, State};
use workshop::tui::ui::{Form, FormPurpose, Mode, Ui, View};

fn ten_am() -> DateTime<Utc> {
    common::jeju((2020, 4, 1), "10:00")
}

fn apply(history: &mut History, command: Command) {
    common::record(history, ten_am(), &command);
}

/// Day one fully marked, day two under way: a few late, one excused, one left early, one
/// absent, one withdrawn.
fn marked(plan: Plan) -> State {
    let mut history = History::new(plan);
    apply(
        &mut history,
        Command::Attendance(AttendanceCommand::MarkAllPresent { day: 0 }),
    );
    let ids: Vec<String> = history
        .state()
        .participants()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let at = |t: &str| t.parse::<ClockTime>().unwrap();
    let marks = [
        (1, Mark::Late { at: at("09:25") }),
        (
            2,
            Mark::Excused {
                reason: Some("visa office".into()),
            },
        ),
        (3, Mark::LeftEarly { at: at("15:30") }),
        (4, Mark::Absent),
        (5, Mark::Late { at: at("09:05") }),
    ];
    for (i, mark) in marks {
        apply(
            &mut history,
            Command::Attendance(AttendanceCommand::Mark {
                participant: ids[i].clone(),
                day: 1,
                mark: Some(mark),
            }),
        );
    }
    apply(
        &mut history,
        Command::Attendance(AttendanceCommand::MarkAllPresent { day: 1 }),
    );
    apply(
        &mut history,
        Command::Attendance(AttendanceCommand::ToggleWithdrawn(ids[6].clone())),
    );
    history.into_state()
}

fn ui(mode: Mode) -> Ui {
    let mut ui = Ui::new(ten_am(), 0, "~/.local/share/workshop/runs/test".into());
    ui.view = View::Attendance;
    ui.attendance.day = 1;
    ui.attendance.person = 2;
    ui.mode = mode;
    ui
}

fn person(n: usize, name: &str, country: &str, city: &str) -> Participant {
    Participant {
        id: format!("p{n:02}"),
        name: name.into(),
        organisation: format!("{city} Anti-Trafficking Network"),
        country: country.into(),
        city: city.into(),
        sector: if n.is_multiple_of(3) {
            Sector::Ngo
        } else {
            Sector::Government
        },
        email: None,
        consent: !n.is_multiple_of(7),
    }
}

/// Names in eight scripts, and an emoji.
fn eight_scripts() -> Plan {
    let mut plan = common::plan_2020();
    let people = [
        ("김서연", "Korea", "Jeju"),
        ("李明华", "China", "Kunming"),
        ("สมศักดิ์ ใจดี", "Thailand", "Bangkok"),
        ("សុខ ចាន់ធី", "Cambodia", "Phnom Penh"),
        ("রহিম উদ্দিন", "Bangladesh", "Dhaka"),
        ("सीता गुरुङ", "Nepal", "Kathmandu"),
        ("Батбаярын Оюунчимэг", "Mongolia", "Ulaanbaatar"),
        ("Nguyễn Thị Lan", "Viet Nam", "Hanoi"),
        ("Maya 🌏 Santos", "Philippines", "Cebu City"),
        ("ချစ်ချစ် ဝင်း", "Myanmar", "Yangon"),
    ];
    plan.roster = people
        .iter()
        .enumerate()
        .map(|(i, (name, country, city))| person(i + 1, name, country, city))
        .collect();
    plan
}

/// Sixty people from twelve cities.
fn sixty() -> Plan {
    let mut plan = common::plan_2020();
    let cities = [
        ("Korea", "Jeju"),
        ("Thailand", "Bangkok"),
        ("Nepal", "Kathmandu"),
        ("Philippines", "Cebu City"),
        ("Indonesia", "Batam"),
        ("Cambodia", "Phnom Penh"),
    ];
    plan.roster = (1..=60)
        .map(|n| {
            let (country, city) = cities[n % cities.len()];
            person(
                n,
                &format!("Participant number {n} with a long name"),
                country,
                city,
            )
        })
        .collect();
    plan
}

#[test]
fn shipped_roster() {
    let state = marked(common::plan_2020());
    assert_snapshot!(
        "attendance_80x24",
        screen(&state, &ui(Mode::Normal), 80, 24)
    );
    assert_snapshot!(
        "attendance_120x40",
        screen(&state, &ui(Mode::Normal), 120, 40)
    );
    // The selected person (excused on day 2, with the reason) in detail.
    let detail = screen(&state, &ui(Mode::Person), 80, 24);
    assert!(detail.contains("excused: visa office"), "{detail}");
    assert_snapshot!("attendance_person_80x24", detail);
    assert_snapshot!(
        "attendance_person_120x40",
        screen(&state, &ui(Mode::Person), 120, 40)
    );
}

#[test]
fn sixty_participants_scroll_with_the_selection() {
    let state = marked(sixty());
    let mut ui = ui(Mode::Normal);
    ui.attendance.person = 45;
    let text = screen(&state, &ui, 120, 40);
    assert!(
        text.contains("Participant number 46 "),
        "the selection is in view"
    );
    assert_snapshot!("attendance_sixty_120x40", text);
    assert_snapshot!("attendance_sixty_80x24", screen(&state, &ui, 80, 24));
}

#[test]
fn eight_scripts_line_up() {
    let state = marked(eight_scripts());
    assert_snapshot!(
        "attendance_scripts_80x24",
        screen(&state, &ui(Mode::Normal), 80, 24)
    );
    assert_snapshot!(
        "attendance_scripts_120x40",
        screen(&state, &ui(Mode::Normal), 120, 40)
    );
    for (width, height) in [(80, 24), (120, 40), (100, 30)] {
        let terminal = draw(&state, &ui(Mode::Normal), width, height);
        let buffer = terminal.backend().buffer();
        let mut starts = Vec::new();
        for y in 0..height {
            // The row as text, with the screen column each piece of text starts at; a wide
            // character's second cell is skipped.
            let (mut text, mut column_of) = (String::new(), Vec::new());
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                column_of.extend(std::iter::repeat_n(x, symbol.len()));
                text.push_str(symbol);
                x += u16::try_from(workshop::text::width(symbol).max(1)).unwrap();
            }
            // Each organisation starts with its city's name, and no name holds one; the
            // organisation is the leftmost such text on its row (city and country come after).
            let found = state
                .participants()
                .iter()
                .filter_map(|p| {
                    text.find(&p.organisation.chars().take(4).collect::<String>())
                        .map(|at| (at, p.name.clone()))
                })
                .min();
            if let Some((at, name)) = found {
                starts.push((name, column_of[at]));
            }
        }
        assert!(starts.len() >= 8, "{width}x{height}: only {starts:?}");
        assert!(
            starts.iter().all(|(_, x)| *x == starts[0].1),
            "{width}x{height}: the column after the name moves: {starts:?}"
        );
    }
}

#[test]
fn fourteen_days_show_a_window_around_the_selected_day() {
    let plan = load_plan(&common::session("cifal-jeju-2012-human-security"))
        .unwrap()
        .plan;
    let state = marked(plan);
    let mut ui = ui(Mode::Normal);
    ui.attendance.day = 10;
    let wide = screen(&state, &ui, 80, 24);
    assert!(
        wide.contains(" 1  2  3 ") && wide.contains("13 14 "),
        "all fourteen days fit at 80 columns: {wide}"
    );
    assert_snapshot!("attendance_fourteen_days_80x24", wide);
    let narrow = screen(&state, &ui, 56, 20);
    assert!(
        narrow.contains("11 ") && !narrow.contains(" 1  2 "),
        "a window around day 11: {narrow}"
    );
    assert_snapshot!("attendance_fourteen_days_56x20", narrow);
}

#[test]
fn the_filter_finds_across_scripts_and_accents() {
    let state = marked(common::plan_2020());
    let mut ui = ui(Mode::Filter);
    ui.attendance.filter = "nguyen".into();
    ui.attendance.person = 0;
    let text = screen(&state, &ui, 80, 24);
    assert!(
        text.contains("Nguyễn Thị Lan") && !text.contains("Trần"),
        "{text}"
    );
    assert_snapshot!("attendance_filter_80x24", text);
}

#[test]
fn the_walk_in_form_says_what_is_wrong_where() {
    let state = marked(common::plan_2020());
    let form = Form {
        purpose: FormPurpose::Person(None),
        values: vec!["Ana Reyes".into(), "Cebu Youth Network".into(), "Philippines".into(), String::new(), "govt".into(), "ana@".into(), String::new()],
        focus: 3,
        problems: vec![
            (Some(3), "every participant needs a city".into()),
            (Some(4), "unknown sector `govt`: expected one of government, ngo, international organisation, academia, other".into()),
            (Some(5), "`ana@` is not an email address".into()),
            (Some(6), "ask the person, then type yes or no".into()),
        ],
    };
    assert_snapshot!(
        "attendance_form_80x24",
        screen(&state, &ui(Mode::Form(form.clone())), 80, 24)
    );
    assert_snapshot!(
        "attendance_form_120x40",
        screen(&state, &ui(Mode::Form(form)), 120, 40)
    );
}

#[test]
fn the_form_shows_the_rosters_spelling_of_a_city_as_it_is_typed() {
    let state = marked(common::plan_2020());
    let form = Form {
        purpose: FormPurpose::Person(None),
        values: vec![
            "Park Min-seo".into(),
            "Jeju Police".into(),
            "Korea".into(),
            "je".into(),
            String::new(),
            String::new(),
            String::new(),
        ],
        focus: 3,
        problems: Vec::new(),
    };
    let small = screen(&state, &ui(Mode::Form(form.clone())), 80, 24);
    assert!(small.contains("on the roster: Jeju"), "{small}");
    assert_snapshot!("attendance_form_city_hint_80x24", small);
    assert_snapshot!(
        "attendance_form_city_hint_120x40",
        screen(&state, &ui(Mode::Form(form)), 120, 40)
    );
}
