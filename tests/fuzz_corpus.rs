//! Replays the fuzzers' corpus (`fuzz/corpus/<target>/`) through the same entry points the
//! fuzz targets use, so every input a fuzzer ever kept, and every crash it found and we
//! fixed, is checked by an ordinary `cargo test`.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} panicked", path.display());
        count += 1;
    }
    assert!(count >= 2, "{target}: the corpus has {count} inputs");
}

#[test]
fn plan_corpus() {
    replay("plan", workshop::fuzzing::plan);
}

#[test]
fn roster_csv_corpus() {
    replay("roster_csv", workshop::fuzzing::roster_csv);
}

#[test]
fn scores_csv_corpus() {
    replay("scores_csv", workshop::fuzzing::scores_csv);
}

#[test]
fn run_import_corpus() {
    replay("run_import", workshop::fuzzing::run_import);
}

#[test]
fn agenda_sheet_corpus() {
    replay("agenda_sheet", workshop::fuzzing::agenda_sheet);
}
