//! Plans and spreadsheets: `plan new --agenda --roster` reads a planner's sheets (.csv with
//! or without a byte-order mark, and .xlsx and .ods as `LibreOffice` saves them), every
//! problem named `FILE:SHEET:ROW: column: what`, nothing written while there is one; and
//! `plan export` writes a workbook that reads back into the same plan.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{output, session, stderr, stdout, workshop};
use workshop::plan::{Given, Plan, load_plan, plan_from_book, roster_from_book, workbook_bytes};
use workshop::sheet::{Cell, read_book};

const SHIPPED: [&str; 4] = [
    "cifal-jeju-2012-human-security",
    "cifal-jeju-2017-vca",
    "cifal-jeju-2020-vca",
    "cifal-rso-2015-vca",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/samples")
        .join(name)
}

/// The plan a workbook describes, its roster read from its Roster sheet.
fn plan_of(file: &Path, given: &Given) -> Result<Plan, Vec<String>> {
    let book = read_book(file).map_err(|e| vec![e])?;
    let mut plan = plan_from_book(&book, given)?.plan;
    if book.sheet("Roster").is_some() {
        plan.roster = roster_from_book(&book, None, &plan)?;
    }
    Ok(plan)
}

/// What the sample's planner would give on the command line.
fn planner() -> Given {
    Given {
        venue: Some("Jeju International Peace Center".into()),
        time_zone: Some("Asia/Seoul".into()),
        organisers: vec!["UNITAR CIFAL Jeju".into()],
        ..Given::default()
    }
}

#[test]
fn every_shipped_plan_survives_export_and_reimport_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for name in SHIPPED {
        let plan = load_plan(&session(name)).unwrap().plan;
        let file = dir.path().join(format!("{name}.xlsx"));
        std::fs::write(&file, workbook_bytes(&plan).unwrap()).unwrap();
        let back = plan_of(&file, &Given::default()).unwrap();
        assert!(back == plan, "{name} changed on the way:\n{back:#?}");
    }
}

#[test]
fn the_2020_plan_saved_again_by_libreoffice_reads_back_the_same() {
    let plan = common::plan_2020();
    for file in ["plan-2020.xlsx", "plan-2020.ods"] {
        let back = plan_of(&fixture(file), &Given::default()).unwrap();
        assert!(back == plan, "{file} differs");
    }
}

#[test]
fn a_planners_agenda_reads_the_same_from_csv_xlsx_and_ods() {
    let csv = plan_of(&sample("agenda-2027.csv"), &planner()).unwrap();
    // The spreadsheets hold dates and times as a spreadsheet's own cells, not text.
    for file in ["agenda-2027.xlsx", "agenda-2027.ods"] {
        let book = read_book(&fixture(file)).unwrap();
        let row = &book.sheets[0].rows[3];
        assert!(
            matches!(row.cells[0], Cell::Serial(_)) && matches!(row.cells[1], Cell::Serial(_)),
            "{file}: {row:?}"
        );
        assert!(
            plan_of(&fixture(file), &planner()).unwrap() == csv,
            "{file}"
        );
        let roster = read_book(&fixture(&file.replace("agenda", "roster"))).unwrap();
        let people = roster_from_book(&roster, None, &csv).unwrap();
        assert_eq!(people.len(), 6, "{file}");
        assert_eq!(people[1].name, "Nguyễn Thị Lan");
        assert!(!people[4].consent);
    }
    assert_eq!(
        csv.title,
        "Enhancing a Victim-Centred Approach: Identification, Assistance and Protection of Trafficking Victims",
        "the title is the line above the headings"
    );
    assert_eq!(csv.id, "enhancing-victim-centred-approach-2027");
    assert_eq!(
        csv.days.len(),
        3,
        "the merged day rows are headings, not items"
    );
    let day1 = &csv.days[0];
    assert_eq!(
        (day1.start.to_string(), day1.end.to_string()),
        ("08:30".into(), "16:00".into())
    );
    let opening = &day1.items[1];
    assert_eq!(opening.id, "d1-opening-ceremony-group");
    assert_eq!(opening.duration, Some(40), "from the start and end times");
    assert!(opening.fixed);
    assert_eq!(opening.organisation.as_deref(), Some("CIFAL Jeju"));
    let titles: Vec<&str> = csv.modules.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles[0], "Module 1: Understanding Human Trafficking");
    assert_eq!(csv.modules[2].id, "m3");
    let exercise = &csv.days[1].items[3];
    assert_eq!(
        exercise.kind,
        workshop::plan::ItemKind::Exercise,
        "\"group work\""
    );
    assert_eq!(exercise.module.as_deref(), Some("m3"));
}

#[test]
fn a_csv_with_a_byte_order_mark_reads_as_one_without() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(sample("agenda-2027.csv")).unwrap();
    let marked = dir.path().join("agenda-2027.csv");
    std::fs::write(&marked, [b"\xEF\xBB\xBF".as_slice(), &plain].concat()).unwrap();
    let with = plan_of(&marked, &planner()).unwrap();
    let without = plan_of(&sample("agenda-2027.csv"), &planner()).unwrap();
    assert!(with == without);
}

#[test]
fn a_broken_agenda_names_file_sheet_row_and_column_for_every_problem() {
    for (file, sheet) in [
        ("agenda-broken.csv", "agenda-broken"),
        ("agenda-broken.xlsx", "agenda-broken"),
    ] {
        let at = |row: u32| format!("{}:{sheet}:{row}", fixture(file).display());
        let problems = plan_of(&fixture(file), &Given::default()).unwrap_err();
        assert_eq!(
            problems,
            [
                format!(
                    "{}: Date: `2027-02-30` is not a date: write it as 2027-03-30",
                    at(2)
                ),
                format!(
                    "{}: Time: `9:75` is not a time of day: write it as 09:30",
                    at(3)
                ),
                format!("{}: Minutes: `an hour` is not a number of minutes", at(4)),
                format!(
                    "{}: Kind: `talk show` is not a kind: lecture, exercise, discussion, case-study, study-visit, action-plan, break, ceremony",
                    at(5)
                ),
                format!("{}: Fixed: `maybe` is not yes or no", at(6)),
                format!("{}: Title: an item needs a title", at(7)),
                format!("{}: ID: `open` is the id of row 3 too", at(8)),
                format!("{}: Time: 14:30 is not after the start, 15:00", at(9)),
            ],
            "{file}"
        );
    }
}

fn written(dir: &Path, name: &str, text: &str) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn numbered_days_need_the_first_date_and_a_sheet_without_headings_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let numbered = written(
        dir.path(),
        "numbered.csv",
        "Day,Start,Minutes,Title\n1,09:00,30,Welcome\n1,,60,Keynote\n2,09:00,45,Recap\n",
    );
    let problems = plan_of(&numbered, &Given::default()).unwrap_err();
    assert_eq!(
        problems,
        [format!(
            "{}:numbered:2: Day: the agenda numbers its days: give the first day's date with --start YYYY-MM-DD (or a Date column)",
            numbered.display()
        )]
    );
    let start = chrono::NaiveDate::from_ymd_opt(2027, 3, 16);
    let plan = plan_of(&numbered, &Given { start, ..planner() }).unwrap();
    let dates: Vec<String> = plan.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2027-03-16", "2027-03-17"]);
    assert_eq!(plan.days[0].items[1].start, None, "it follows the welcome");

    let bare = written(dir.path(), "bare.csv", "just,some,words\nand,more,words\n");
    assert_eq!(
        plan_of(&bare, &Given::default()).unwrap_err()[0],
        format!(
            "{}:bare: no header row: the agenda needs a row of headings with a title column (title, session or topic) and another (date, day, start, minutes ...)",
            bare.display()
        )
    );
}

#[test]
fn plan_new_from_sheets_writes_a_valid_plan_or_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("jeju-2027.json");
    let made = output(workshop(home.path()).args([
        "plan",
        "new",
        out.to_str().unwrap(),
        "--agenda",
        sample("agenda-2027.xlsx").to_str().unwrap(),
        "--roster",
        sample("roster-2027.csv").to_str().unwrap(),
        "--venue",
        "Jeju International Peace Center",
        "--organiser",
        "UNITAR CIFAL Jeju",
        "--organiser",
        "Bali Process Regional Support Office",
        "--time-zone",
        "Asia/Seoul",
    ]));
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(
        stdout(&made)
            .contains("3 days from 2027-03-16 to 2027-03-18, 23 agenda items, 6 participants"),
        "{}",
        stdout(&made)
    );
    let plan = load_plan(&out).unwrap();
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    assert_eq!(plan.plan.organisers.len(), 2);

    // A plan checked after it is built names the row: a zero-minute item.
    let zero = written(
        home.path(),
        "zero.csv",
        "Date,Start,Minutes,Title\n2027-03-16,09:00,30,Welcome\n2027-03-16,,0,Keynote\n",
    );
    let refused_out = home.path().join("zero.json");
    let refused = output(workshop(home.path()).args([
        "plan",
        "new",
        refused_out.to_str().unwrap(),
        "--agenda",
        zero.to_str().unwrap(),
    ]));
    assert!(!refused.status.success());
    assert_eq!(
        stderr(&refused).trim_end(),
        format!(
            "{}:zero:3: minutes: a duration is 1 to 1440 minutes\nnothing was written",
            zero.display()
        )
    );
    assert!(!refused_out.exists());

    // A broken roster row names its sheet row too, and nothing is written.
    let roster = home.path().join("roster.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Participants").unwrap();
    for (column, heading) in (0u16..).zip(["Name", "Organisation", "Country", "City", "Sector"]) {
        sheet.write_string(0, column, heading).unwrap();
    }
    for (column, value) in (0u16..).zip([
        "Ana Reyes",
        "Cebu Youth Network",
        "Philippines",
        "Cebu",
        "govt",
    ]) {
        sheet.write_string(2, column, value).unwrap();
    }
    book.save(&roster).unwrap();
    let bad_roster = output(workshop(home.path()).args([
        "plan",
        "new",
        refused_out.to_str().unwrap(),
        "--agenda",
        sample("agenda-2027.csv").to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
    ]));
    assert!(!bad_roster.status.success());
    assert!(
        stderr(&bad_roster).starts_with(&format!(
            "{}:Participants:3: sector: unknown sector `govt`",
            roster.display()
        )),
        "{}",
        stderr(&bad_roster)
    );
    assert!(!refused_out.exists());
}

#[test]
fn plan_export_writes_a_workbook_plan_new_reads_back() {
    let home = tempfile::tempdir().unwrap();
    let book = home.path().join("2015.xlsx");
    let exported = output(workshop(home.path()).args([
        "plan",
        "export",
        session("cifal-rso-2015-vca").to_str().unwrap(),
        "--out",
        book.to_str().unwrap(),
    ]));
    assert!(exported.status.success(), "{}", stderr(&exported));
    let again = output(workshop(home.path()).args([
        "plan",
        "export",
        session("cifal-rso-2015-vca").to_str().unwrap(),
        "--out",
        book.to_str().unwrap(),
    ]));
    assert!(!again.status.success(), "never over a file already there");
    let names: Vec<String> = read_book(&book)
        .unwrap()
        .sheets
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "Agenda",
            "Days",
            "Modules",
            "Workshop",
            "Exercises",
            "Rubric",
            "Checklist",
            "Roster",
            "Groups"
        ],
        "the 2015 plan keeps the built-in framework, so no Criteria or Scale sheet"
    );
    let out = home.path().join("2015.json");
    let back = output(workshop(home.path()).args([
        "plan",
        "new",
        out.to_str().unwrap(),
        "--agenda",
        book.to_str().unwrap(),
    ]));
    assert!(back.status.success(), "{}", stderr(&back));
    assert!(
        load_plan(&out).unwrap().plan == load_plan(&session("cifal-rso-2015-vca")).unwrap().plan
    );
}

/// A planner's programme made with the writer crate: the table starts at B3 under a title,
/// a day heading is merged across its row, and a date is merged down beside its items.
/// `lunch` is what the lunch's minutes cell holds, as text.
fn programme(dir: &Path, lunch: &str) -> PathBuf {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let file = dir.join(format!("programme-{}.xlsx", lunch.len()));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Programme").unwrap();
    let plain = Format::new();
    let clock = Format::new().set_num_format("hh:mm");
    let date = Format::new().set_num_format("d mmmm yyyy");
    sheet
        .write_string(0, 1, "Jeju 2027: the programme")
        .unwrap();
    for (column, heading) in (1u16..).zip(["Date", "Time", "Minutes", "Topic", "Speaker"]) {
        sheet.write_string(2, column, heading).unwrap();
    }
    sheet
        .merge_range(3, 1, 3, 5, "Day 1 – Tuesday 16 March 2027", &plain)
        .unwrap();
    let rows = [
        (9 * 60, 30, "Welcome and introductions", "Ms Kim"),
        (9 * 60 + 30, 60, "Who is a victim?", "Dr Lee"),
        (10 * 60 + 30, 15, "Coffee break", ""),
    ];
    for (row, (at, minutes, title, speaker)) in (4u32..).zip(rows) {
        let at = ExcelDateTime::from_hms(at / 60, u8::try_from(at % 60).unwrap(), 0).unwrap();
        sheet
            .write_datetime_with_format(row, 2, &at, &clock)
            .unwrap();
        sheet.write_number(row, 3, f64::from(minutes)).unwrap();
        sheet.write_string(row, 4, title).unwrap();
        if !speaker.is_empty() {
            sheet.write_string(row, 5, speaker).unwrap();
        }
    }
    sheet.merge_range(7, 1, 9, 1, "", &plain).unwrap();
    let day2 = ExcelDateTime::from_ymd(2027, 3, 17).unwrap();
    sheet
        .write_datetime_with_format(7, 1, &day2, &date)
        .unwrap();
    sheet.write_string(7, 2, "09:00").unwrap();
    sheet.write_number(7, 3, 45.0).unwrap();
    sheet.write_string(7, 4, "Recap").unwrap();
    sheet.write_number(8, 3, 90.0).unwrap();
    sheet
        .write_string(8, 4, "Exercise: identification checklist")
        .unwrap();
    sheet.write_string(9, 3, lunch).unwrap();
    sheet.write_string(9, 4, "Lunch").unwrap();
    book.save(&file).unwrap();
    file
}

#[test]
fn merged_day_cells_and_a_table_that_starts_lower_down_read_as_a_planner_means() {
    let dir = tempfile::tempdir().unwrap();
    // The one wrong cell is named by the row and heading the spreadsheet shows.
    let wrong = programme(dir.path(), "two hours");
    assert_eq!(
        plan_of(&wrong, &planner()).unwrap_err(),
        [format!(
            "{}:Programme:10: Minutes: `two hours` is not a number of minutes",
            wrong.display()
        )]
    );
    let plan = plan_of(&programme(dir.path(), "1h"), &planner()).unwrap();
    assert_eq!(plan.title, "Jeju 2027: the programme");
    let days: Vec<(String, usize)> = plan
        .days
        .iter()
        .map(|d| (d.date.to_string(), d.items.len()))
        .collect();
    assert_eq!(days, [("2027-03-16".into(), 3), ("2027-03-17".into(), 3)]);
    let second = &plan.days[1];
    assert_eq!(second.items[0].start.unwrap().to_string(), "09:00");
    assert_eq!(second.items[1].kind, workshop::plan::ItemKind::Exercise);
    assert_eq!(
        (second.items[2].kind, second.items[2].duration),
        (workshop::plan::ItemKind::Break, Some(60))
    );
    assert_eq!(plan.days[0].items[1].presenter.as_deref(), Some("Dr Lee"));
    assert_eq!(plan.days[0].items[1].start.unwrap().to_string(), "09:30");
    assert_eq!(plan.days[0].start.to_string(), "09:00");
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/workbook.xml", stored).unwrap();
        zip.write_all(b"<workbook/>").unwrap();
        zip.finish().unwrap();
    }
    // The central directory's entry claims 4 GB unpacked, as a zip bomb's does.
    let entry = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[entry + 24..entry + 28].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let file = dir.path().join("bomb.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(
        read_book(&file).unwrap_err(),
        format!(
            "{}: unpacks to more than 256 MB: not a workbook of an agenda or a roster",
            file.display()
        )
    );
}
