//! Text typed to do harm: escape sequences that clear a screen or retitle a window, bells,
//! direction overrides, spreadsheet formulas. Refused where names and ids are entered (with
//! the row, column and why); neutralised wherever text already stored is printed or written.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Utc;
use common::{output, person, plan_2020, session, stderr, stdout, workshop};
use workshop::event::Event;
use workshop::run::Run;

const CLEAR_AND_RETITLE: &str = "Ana\u{1b}[2J\u{1b}]0;pwned\u{7} Reyes";
const OVERRIDE: &str = "Ana \u{202E}seyeR";

#[test]
fn names_with_escapes_or_overrides_are_refused_at_import_with_row_column_and_why() {
    let home = tempfile::tempdir().unwrap();
    let csv = home.path().join("roster.csv");
    std::fs::write(
        &csv,
        format!(
            "name,organisation,country,city,sector\n\
             {CLEAR_AND_RETITLE},Org,Nepal,Kathmandu,ngo\n\
             Bo,Org,Nepal,Kath\u{202E}mandu,ngo\n"
        ),
    )
    .unwrap();
    let store = home.path().join("store");
    let out = common::roster_import(home.path(), &store, &csv);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("roster.csv:2: name: the name holds U+001B, a control character"),
        "{err}"
    );
    assert!(
        err.contains("roster.csv:3: city: the city holds U+202E, a direction override"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "the error printed the escape raw: {err:?}"
    );
}

#[test]
fn stored_hostile_text_is_neutralised_in_every_listing_and_export() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    {
        // As a run written by an older version, or moved from elsewhere, may hold them.
        let mut run = Run::open(plan_2020(), &store).unwrap();
        let mut hostile = person("p90", CLEAR_AND_RETITLE);
        hostile.organisation = "=HYPERLINK(\"http://example.org\")".to_owned();
        let mut reversed = person("p91", OVERRIDE);
        reversed.city = "@SUM(1)".to_owned();
        run.record(
            Utc::now(),
            Event::ParticipantsAdded {
                source: "old".into(),
                participants: vec![hostile, reversed],
            },
        )
        .unwrap();
    }
    let roster = |extra: &[&str]| {
        let out = output(
            workshop(home.path())
                .arg("--store")
                .arg(&store)
                .args(["roster", "list"])
                .args(extra)
                .arg(session("cifal-jeju-2020-vca")),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    for listing in [roster(&[]), roster(&["--csv"])] {
        assert!(
            !listing.contains(['\u{1b}', '\u{7}', '\u{202E}']),
            "{listing:?}"
        );
        assert!(listing.contains("Ana\u{FFFD}[2J"), "{listing}");
    }
    let csv = roster(&["--csv"]);
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains("'@SUM(1)"), "{csv}");

    let out_dir = home.path().join("out");
    let out = output(
        workshop(home.path())
            .arg("--store")
            .arg(&store)
            .args(["export", "--format", "csv,md"])
            .arg(session("cifal-jeju-2020-vca"))
            .arg("--out")
            .arg(&out_dir),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{202E}']),
            "{} holds raw control text",
            path.display()
        );
    }
}
