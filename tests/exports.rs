//! `workshop export`: CSV tables, the Markdown report, redaction and the files on disk,
//! for one fixed, busy run.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]
// File names here are the ones the exporter writes, in lower case.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

mod common;

use std::path::Path;

use common::{busy, output, session, stderr, stdout, workshop};
use workshop::export::{self, Format, Privacy};
use workshop::state::History;

fn files(history: &History, privacy: Privacy) -> Vec<export::OutFile> {
    export::render(history, &Format::ALL, privacy, busy::at(4, "18:00")).unwrap()
}

fn text(files: &[export::OutFile], suffix: &str) -> String {
    let file = files.iter().find(|f| f.name.ends_with(suffix)).unwrap();
    String::from_utf8(file.bytes.clone()).unwrap()
}

/// Exports and backups run on a copy made for reading, which leaves out only what undo
/// needs: every part of the state must be in it.
#[test]
fn the_copy_an_export_reads_is_the_whole_state() {
    let history = busy::history();
    let copy = history.copy_to_read();
    assert!(
        copy == history,
        "the reader's copy differs from the history"
    );
    assert_eq!(copy.applied(), history.applied());
    assert_eq!(copy.log().len(), history.log().len());
}

#[test]
fn every_csv_matches_its_snapshot_and_parses_back() {
    let files = files(&busy::history(), Privacy::ConsentedNamed);
    let csvs: Vec<_> = files.iter().filter(|f| f.name.ends_with(".csv")).collect();
    assert_eq!(
        csvs.len(),
        11,
        "{:?}",
        files.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    for file in csvs {
        assert!(
            file.bytes.starts_with(b"\xEF\xBB\xBF"),
            "{} has a BOM",
            file.name
        );
        let text = String::from_utf8(file.bytes.clone()).unwrap();
        let mut reader = csv::Reader::from_reader(&file.bytes[3..]);
        let width = reader.headers().unwrap().len();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(
            rows.iter().all(|r| r.len() == width),
            "{}: every row has {width} cells",
            file.name
        );
        let name = file
            .name
            .trim_start_matches("cifal-jeju-2020-vca-")
            .trim_end_matches(".csv");
        insta::assert_snapshot!(format!("csv_{name}"), text.trim_start_matches('\u{feff}'));
    }
}

#[test]
fn a_due_date_is_an_iso_date_in_the_csv_and_words_in_the_report() {
    let mut history = busy::history();
    common::record(
        &mut history,
        busy::at(4, "11:00"),
        &workshop::state::Command::Plans(workshop::state::PlansCommand::PlanAction {
            city: "Kunming".into(),
            action: workshop::event::PlannedAction {
                what: "Open a hotline".into(),
                who: "City hall".into(),
                due: workshop::event::Due::Date(
                    chrono::NaiveDate::from_ymd_opt(2020, 6, 30).unwrap(),
                ),
                criterion: "referral".into(),
                indicator: "Hotline staffed".into(),
            },
        }),
    );
    let files = files(&history, Privacy::ConsentedNamed);
    let csv = text(&files, "-action-plans.csv");
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let dues: Vec<String> = rows.records().map(|r| r.unwrap()[4].to_owned()).collect();
    assert_eq!(dues, ["short term", "2020-06-30"], "{csv}");
    assert!(text(&files, "-report.md").contains("30 Jun 2020"));
}

#[test]
fn the_report_says_forms_and_tallies_side_by_side() {
    let mut history = busy::history();
    common::record(
        &mut history,
        busy::at(4, "16:00"),
        &workshop::state::Command::Feedback(workshop::state::FeedbackCommand::TallyFeedback {
            question: workshop::event::Question::Usefulness {
                module: "m1".into(),
            },
            counts: [0, 1, 3, 6, 1],
        }),
    );
    let files = files(&history, Privacy::ConsentedNamed);
    let said = "3 forms entered one by one, and 1 tally of 11 answers counted from paper: \
                each n below counts both.";
    assert!(
        text(&files, "-report.md").contains(said),
        "the Markdown report"
    );
    assert!(
        text(&files, "-report.html").contains(said),
        "the HTML report"
    );
    assert!(
        text(&files, "-report.md").contains("(n=14)"),
        "3 forms and 11 tallied"
    );
}

#[test]
fn the_markdown_report_matches_its_snapshot() {
    let files = files(&busy::history(), Privacy::ConsentedNamed);
    insta::assert_snapshot!("report_md", text(&files, "report.md"));
}

/// Puts `history`'s events into a real store at `dir`, as the app would have recorded them.
fn store_of(history: &History, dir: &Path) {
    let mut run = workshop::run::Run::open(history.state().plan().clone(), dir).unwrap();
    for recorded in history.log() {
        run.record(recorded.at, recorded.event.clone()).unwrap();
    }
}

fn export_cli(home: &Path, store: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    output(
        workshop(home)
            .arg("--store")
            .arg(store)
            .arg("export")
            .arg(session("cifal-jeju-2020-vca"))
            .arg("--out")
            .arg(out)
            .args(extra),
    )
}

/// Every file in `dir` as text, by name.
fn read_all(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_command_line_writes_every_format_owner_only_and_each_parses_back() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let history = busy::history();
    store_of(&history, &store);
    let out_dir = home.path().join("out");
    let out = export_cli(home.path(), &store, &out_dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Wrote 14 files"), "{}", stdout(&out));
    let files = read_all(&out_dir);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 14, "{names:?}");
    for (name, text) in &files {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out_dir.join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
        if name.ends_with(".csv") {
            let mut reader =
                csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            let width = reader.headers().unwrap().len();
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), width, "{name}");
            }
        } else if name.ends_with(".json") {
            let export: workshop::export::json::RunExport = serde_json::from_str(text).unwrap();
            assert_eq!(export.events.len(), history.log().len());
            assert!(!export.redacted);
            let tables = export.results.as_array().unwrap();
            assert_eq!(tables.len(), 11, "every results table is in the JSON too");
            assert!(
                !text.contains("Vannak Chea") && !text.contains("vannak.chea@example.org"),
                "without --full, the JSON does not name who did not consent either"
            );
        }
    }
    let attendance = &files
        .iter()
        .find(|(n, _)| n.ends_with("-attendance.csv"))
        .unwrap()
        .1;
    assert!(
        attendance.contains("p02,Choi Min-ho,Jeju Provincial Police Agency"),
        "{attendance}"
    );
    assert!(
        attendance.contains("P08,P08,withheld,Phnom Penh"),
        "no consent, so a pseudonym: {attendance}"
    );
    let report = &files
        .iter()
        .find(|(n, _)| n.ends_with("report.html"))
        .unwrap()
        .1;
    assert!(report.contains("Choi Min-ho") && !report.contains("Vannak Chea"));
}

#[test]
fn a_full_backup_names_everyone_in_the_json_only() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    store_of(&busy::history(), &store);
    let out_dir = home.path().join("out");
    let out = export_cli(home.path(), &store, &out_dir, &["--full"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("keep it as safe as the store"),
        "{}",
        stdout(&out)
    );
    for (name, text) in read_all(&out_dir) {
        assert_eq!(
            text.contains("Vannak Chea"),
            name.ends_with("-run.json"),
            "{name}: only the backup names who did not consent"
        );
    }
    let out = export_cli(home.path(), &store, &out_dir, &["--full", "--redact"]);
    assert_eq!(out.status.code(), Some(2), "the two cannot go together");
}

#[test]
fn a_redacted_export_names_nobody_from_the_roster_anywhere() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let history = busy::history();
    store_of(&history, &store);
    let out_dir = home.path().join("out");
    let out = export_cli(home.path(), &store, &out_dir, &["--redact"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = read_all(&out_dir);
    assert_eq!(files.len(), 14);
    let mut secrets: Vec<&str> = Vec::new();
    for p in &history.state().plan().roster {
        secrets.push(&p.name);
        secrets.extend(p.email.as_deref());
    }
    assert!(secrets.len() > 30, "{}", secrets.len());
    for (name, text) in &files {
        for secret in &secrets {
            assert!(!text.contains(secret), "{name} names {secret}");
        }
        if name.ends_with(".md") || name.ends_with(".html") {
            assert!(text.contains("this report is redacted"), "{name} says so");
        }
    }
    // City-level results stay, and pseudonyms agree from file to file.
    let text = |suffix: &str| &files.iter().find(|(n, _)| n.ends_with(suffix)).unwrap().1;
    assert!(
        text("-comparison.csv")
            .contains("Jeju,policy,\"Policy, governance and coordination\",4,2.50,2,1.50")
    );
    assert!(
        text("-attendance.csv").contains("P02,P02,withheld,Jeju,Korea,government,no,late (09:20)")
    );
    assert!(text("-group-scores.csv").contains("P02"));
    assert!(text("-run.json").contains("\"redacted\": true"));
    // The typed note about a participant keeps its sense but not the name.
    assert!(text("-agenda.csv").contains("Ambassador's remarks ran long; P02 translated"));
    assert!(text("-action-plans.csv").contains("Provincial police with P01"));
    // And the redacted run can still be imported, say for a report made elsewhere.
    let out = output(
        workshop(home.path())
            .arg("--store")
            .arg(home.path().join("elsewhere"))
            .arg("import")
            .arg(out_dir.join("cifal-jeju-2020-vca-run.json")),
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn exporting_does_not_change_the_run() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    store_of(&busy::history(), &store);
    let before = workshop::run::Run::open(common::plan_2020(), &store)
        .unwrap()
        .store()
        .events()
        .unwrap();
    for extra in [&[][..], &["--redact"][..]] {
        let out = export_cli(home.path(), &store, &home.path().join("out"), extra);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let after = workshop::run::Run::open(common::plan_2020(), &store)
        .unwrap()
        .store()
        .events()
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_file_that_cannot_be_written_is_named_and_nothing_is_left_half_written() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    store_of(&busy::history(), &store);
    let out_dir = home.path().join("out");
    // A folder where the report should go: renaming onto it fails, for root too.
    std::fs::create_dir_all(out_dir.join("cifal-jeju-2020-vca-report.md")).unwrap();
    let out = export_cli(home.path(), &store, &out_dir, &["--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cifal-jeju-2020-vca-report.md: ")
            && stderr(&out).contains("directory"),
        "{}",
        stderr(&out)
    );
    let left: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["cifal-jeju-2020-vca-report.md"],
        "no temporary file is left"
    );
}

mod browser;

/// Opens the HTML report in headless Chromium: it loads with no console error and no
/// request but its own file, draws its charts, and prints on A4. The screenshot and PDF
/// are left in `target/html-report/` to look at.
#[test]
fn the_html_report_opens_in_a_real_browser_offline_and_cleanly() {
    let Some(chromium) = browser::chromium() else {
        assert!(
            std::env::var_os("WORKSHOP_REQUIRE_CHROMIUM").is_none(),
            "WORKSHOP_REQUIRE_CHROMIUM is set but Chromium is not installed"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let files = files(&busy::history(), Privacy::ConsentedNamed);
    let page = dir.path().join("report.html");
    std::fs::write(&page, text(&files, "report.html")).unwrap();
    let url = format!("file://{}", page.display());

    let mut browser = browser::Browser::start(&chromium);
    let visit = browser.visit(
        &url,
        "({svgs: document.querySelectorAll('svg').length, \
          sections: [...document.querySelectorAll('h2')].map(h => h.textContent), \
          wide: document.documentElement.scrollWidth > window.innerWidth + 1})",
    );
    assert_eq!(visit.errors, Vec::<String>::new(), "console errors");
    assert_eq!(
        visit.requests,
        std::slice::from_ref(&url),
        "the page fetched nothing but itself"
    );
    assert_eq!(
        visit.probe["sections"],
        serde_json::json!([
            "Agenda as run",
            "Attendance",
            "CityShare comparison",
            "Key challenges, good practices and action plans",
            "Group exercises",
            "Feedback"
        ])
    );
    // Four day timelines, attendance, the heat map, three city profiles (Bangkok's level is
    // "unknown"), one scoreboard, feedback.
    assert_eq!(visit.probe["svgs"], 11, "{}", visit.probe);
    assert_eq!(
        visit.probe["wide"], false,
        "nothing overflows the page sideways"
    );
    assert!(visit.screenshot.starts_with(b"\x89PNG"));
    assert!(visit.pdf.starts_with(b"%PDF"));
    let pages = visit
        .pdf
        .windows(b"/Type /Page\n".len())
        .filter(|w| w.starts_with(b"/Type /Page") && !w.starts_with(b"/Type /Pages"))
        .count();
    assert!(
        pages >= 3,
        "the report prints on several A4 pages, not {pages}"
    );

    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&keep).unwrap();
    std::fs::write(keep.join("report.png"), &visit.screenshot).unwrap();
    std::fs::write(keep.join("report.pdf"), &visit.pdf).unwrap();
    if which("pdftotext") {
        headings_keep_their_content(&keep.join("report.pdf"));
    } else {
        assert!(
            std::env::var_os("WORKSHOP_REQUIRE_CHROMIUM").is_none(),
            "WORKSHOP_REQUIRE_CHROMIUM is set but pdftotext (poppler-utils) is not installed"
        );
        eprintln!(
            "page breaks not checked: pdftotext is not installed (apt-get install poppler-utils)"
        );
    }
}

fn which(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("-v")
        .output()
        .is_ok()
}

/// The printed report's pages as text (poppler's `pdftotext`, which `.ci/run` installs).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

/// No heading sits at the foot of a page with what it heads on the next: each is followed,
/// on its own page, by what it introduces (a profile heading by the first profile).
fn headings_keep_their_content(pdf: &Path) {
    let pages = pdf_pages(pdf);
    for (heading, first) in [
        ("City profiles: own level against peers", "Jeju"),
        ("Certificates", "A certificate needs"),
        ("Group exercises", "Awareness-Raising Campaign Checklist"),
    ] {
        let page = pages
            .iter()
            .find(|p| p.lines().any(|l| l.trim() == heading))
            .unwrap_or_else(|| panic!("no page has the heading {heading}"));
        let after: Vec<&str> = page
            .lines()
            .skip_while(|l| l.trim() != heading)
            .skip(1)
            .collect();
        assert!(
            after.iter().any(|l| l.trim_start().starts_with(first)),
            "\"{heading}\" is left at the foot of its page, without \"{first}\":\n{page}"
        );
    }
}
