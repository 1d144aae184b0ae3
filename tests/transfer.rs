//! `workshop export --format json` and `workshop import`: lossless, owner-only, never half
//! written, and a second import refused unless forced.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::path::Path;

use common::{output, session, stderr, stdout, workshop};
use workshop::event::Mark;
use workshop::run::Run;
use workshop::state::{AgendaCommand, AssessmentCommand, AttendanceCommand, Command};

/// A run with agenda steps, marks, levels, a note and an undo.
fn busy_run(dir: &Path) {
    let mut run = Run::open(common::plan_2020(), dir).unwrap();
    let at = common::jeju((2020, 3, 31), "10:00");
    for command in [
        Command::Agenda(AgendaCommand::Next),
        Command::Agenda(AgendaCommand::Next),
        Command::Attendance(AttendanceCommand::MarkAllPresent { day: 0 }),
        Command::Attendance(AttendanceCommand::Mark {
            participant: "p02".into(),
            day: 0,
            mark: Some(Mark::Late {
                at: "09:20".parse().unwrap(),
            }),
        }),
        Command::Assessment(AssessmentCommand::Assess {
            rater: None,
            city: "Jeju".into(),
            criterion: "policy".into(),
            level: 3,
        }),
        Command::Assessment(AssessmentCommand::Assess {
            rater: Some("Kunming".into()),
            city: "Jeju".into(),
            criterion: "policy".into(),
            level: 4,
        }),
        Command::Agenda(AgendaCommand::AddNote {
            item: "d1-opening".into(),
            text: "대사님 축사 — 감사".into(),
        }),
        Command::Undo,
        // Nothing left running, so the derived results do not depend on the export's time.
        Command::Agenda(AgendaCommand::Stop),
    ] {
        let event = run.history().decide(&command).unwrap();
        run.record(at, event).unwrap();
    }
}

fn export(home: &Path, store: &Path, out: &Path) -> std::process::Output {
    export_as(home, store, out, "json")
}

fn export_as(home: &Path, store: &Path, out: &Path, format: &str) -> std::process::Output {
    export_with(home, store, out, &["--format", format])
}

fn export_with(home: &Path, store: &Path, out: &Path, args: &[&str]) -> std::process::Output {
    output(
        workshop(home)
            .arg("--store")
            .arg(store)
            .arg("export")
            .arg(session("cifal-jeju-2020-vca"))
            .arg("--out")
            .arg(out)
            .args(args),
    )
}

/// `workshop import` of `file` into `store`, forced or not.
fn import(home: &Path, store: &Path, file: &Path, force: bool) -> std::process::Output {
    let mut command = workshop(home);
    command.arg("--store").arg(store).arg("import");
    if force {
        command.arg("--force");
    }
    output(command.arg(file))
}

fn without_timestamp(text: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

#[test]
fn export_then_import_then_export_gives_the_same_run() {
    let home = tempfile::tempdir().unwrap();
    let first = home.path().join("first");
    busy_run(&first);
    // --full: the backup names everyone, so the run comes back whole.
    let full = ["--format", "json,csv", "--full"];
    let out = export_with(home.path(), &first, &home.path().join("out1"), &full);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("(9 events)"), "{}", stdout(&out));
    let file = home.path().join("out1/cifal-jeju-2020-vca-run.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let parsed: workshop::export::json::RunExport = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (parsed.format.as_str(), parsed.version, parsed.events.len()),
        ("workshop-run", 1, 9)
    );
    assert_eq!(parsed.summary.participants, 24);

    let second = home.path().join("second");
    let out = import(home.path(), &second, &file, false);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = export_with(home.path(), &second, &home.path().join("out2"), &full);
    assert!(out.status.success(), "{}", stderr(&out));
    for entry in std::fs::read_dir(home.path().join("out1")).unwrap() {
        let name = entry.unwrap().file_name();
        if Path::new(&name).extension().is_some_and(|e| e == "csv") {
            assert_eq!(
                std::fs::read(home.path().join("out2").join(&name)).unwrap(),
                std::fs::read(home.path().join("out1").join(&name)).unwrap(),
                "{} is the same after the round trip",
                name.display()
            );
        }
    }
    let again =
        std::fs::read_to_string(home.path().join("out2/cifal-jeju-2020-vca-run.json")).unwrap();
    assert_eq!(
        without_timestamp(&again),
        without_timestamp(&text),
        "the same run, event for event, and the same results"
    );
    let log = |dir: &Path| {
        Run::open(common::plan_2020(), dir)
            .unwrap()
            .history()
            .log()
            .to_vec()
    };
    assert_eq!(
        log(&second),
        log(&first),
        "the imported store holds the same events"
    );
}

#[cfg(unix)]
#[test]
fn exports_are_owner_only_and_leave_no_partial_file() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    busy_run(&store);
    let out_dir = home.path().join("out");
    assert!(export(home.path(), &store, &out_dir).status.success());
    let file = out_dir.join("cifal-jeju-2020-vca-run.json");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(&out_dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["cifal-jeju-2020-vca-run.json"],
        "no temporary file is left"
    );
}

#[test]
fn a_store_with_a_run_is_not_overwritten_unless_forced() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    busy_run(&store);
    assert!(
        export(home.path(), &store, &home.path().join("out"))
            .status
            .success()
    );
    let file = home.path().join("out/cifal-jeju-2020-vca-run.json");
    let out = import(home.path(), &store, &file, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already holds a run") && stderr(&out).contains("--force"),
        "{}",
        stderr(&out)
    );
    let out = import(home.path(), &store, &file, true);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Moved the run that was there to"),
        "{}",
        stdout(&out)
    );
    let aside = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("store.before-import-")
        });
    assert!(aside, "the old run is kept");
}

#[test]
fn a_store_too_damaged_to_open_is_moved_aside_by_a_forced_import_unopened() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    busy_run(&store);
    let out = export_with(
        home.path(),
        &store,
        &home.path().join("out"),
        &["--format", "json", "--full"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Damaged past opening: sled refuses its configuration and its data file.
    std::fs::write(store.join("sled/conf"), b"\xff\xfe not a configuration").unwrap();
    std::fs::write(store.join("sled/db"), vec![0xA5; 64 * 1024]).unwrap();
    let file = home.path().join("out/cifal-jeju-2020-vca-run.json");
    let out = import(home.path(), &store, &file, true);
    assert!(out.status.success(), "{}", stderr(&out));
    let aside = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("store.before-import-")
        })
        .expect("the damaged store moved aside")
        .path();
    assert_eq!(
        std::fs::read(aside.join("sled/db")).unwrap(),
        vec![0xA5; 64 * 1024],
        "the damaged files are kept as they were"
    );
    assert_eq!(
        Run::open(common::plan_2020(), &store)
            .unwrap()
            .store()
            .event_count(),
        9
    );
}

#[test]
fn other_files_and_formats_are_refused_clearly() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let out = export_as(home.path(), &store, &home.path().join("x"), "json,pdf");
    assert!(
        stderr(&out).contains("unknown format `pdf`"),
        "{}",
        stderr(&out)
    );
    let out = export_as(home.path(), &store, &home.path().join("x"), " , ");
    assert!(stderr(&out).contains("no format given"), "{}", stderr(&out));
    for (name, text, expected) in [
        (
            "plan.json",
            std::fs::read_to_string(session("cifal-jeju-2020-vca")).unwrap(),
            "not a workshop run export",
        ),
        (
            "newer.json",
            r#"{"format": "workshop-run", "version": 9}"#.to_owned(),
            "written by a newer workshop (version 9",
        ),
        (
            "broken.json",
            r#"{"format": "workshop-run", "version": 1, "events": 3}"#.to_owned(),
            "damaged",
        ),
    ] {
        let file = home.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = import(home.path(), &store, &file, false);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(expected), "{name}: {}", stderr(&out));
    }
}

#[test]
fn empty_huge_and_non_utf8_imports_are_refused_and_change_nothing() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let huge = home.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let latin1 = home.path().join("latin1.json");
    std::fs::write(
        &latin1,
        b"{\"format\": \"workshop-run\", \"x\": \"Caf\xe9\"}",
    )
    .unwrap();
    let empty = home.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    for (file, expected) in [
        (&huge, "the file is 2147483648 bytes, more than the"),
        (&latin1, "not valid UTF-8 text (byte 37)"),
        (&empty, "not JSON: EOF while parsing"),
    ] {
        let out = import(home.path(), &store, file, false);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
    assert!(!store.exists(), "nothing was created");
}

#[test]
fn an_export_whose_plan_breaks_the_rules_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let first = home.path().join("first");
    busy_run(&first);
    assert!(
        export(home.path(), &first, &home.path().join("out"))
            .status
            .success()
    );
    let file = home.path().join("out/cifal-jeju-2020-vca-run.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    value["plan"]["days"][0]["items"][1]["module"] = "no-such-module".into();
    std::fs::write(&file, value.to_string()).unwrap();
    let out = import(home.path(), &home.path().join("second"), &file, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("damaged: its plan breaks a rule at days[0].items[1].module"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_imported_run_is_saved_folded_and_sealed_so_it_opens_fast() {
    let home = tempfile::tempdir().unwrap();
    let made = synthetic::run(5_000, 11);
    let first = home.path().join("first");
    {
        let mut store = workshop::store::Store::open(&first).unwrap();
        store.save_run_plan(&made.plan).unwrap();
        store
            .append_all(made.events.iter().map(|r| (r.at, &r.event)))
            .unwrap();
    }
    let run = Run::open(made.plan.clone(), &first).unwrap();
    let out = home.path().join("out");
    let written = workshop::export::write(
        run.history(),
        Some(&run.store().reader().unwrap()),
        &[workshop::export::Format::Json],
        workshop::export::Privacy::FullBackup,
        chrono::Utc::now(),
        &out,
        |_, _| {},
    )
    .unwrap();
    drop(run);
    let second = home.path().join("second");
    let imported = import(home.path(), &second, &written[0], false);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let store = workshop::store::Store::open(&second).unwrap();
    let held = store.event_count();
    assert_eq!(held, 5_000);
    assert_eq!(
        store.snapshot_seqs().first(),
        Some(&held),
        "no fold saved through the last event"
    );
    assert_eq!(
        store.packed_segment_count(),
        1,
        "the whole segment of 4,096 is not packed"
    );
}

#[test]
fn every_event_the_app_records_is_one_an_import_admits() {
    for seed in [1, 2, 3] {
        let made = synthetic::run(3_000, seed);
        let mut history = workshop::state::History::new(made.plan.clone());
        for recorded in &made.events {
            if let Err(why) = history.admits(recorded) {
                panic!(
                    "seed {seed}, event {}: {why}: {:?}",
                    recorded.seq, recorded.event
                );
            }
            history.apply(recorded);
        }
    }
}

#[test]
fn an_import_with_an_event_the_app_would_refuse_is_refused_whole_with_its_number() {
    let home = tempfile::tempdir().unwrap();
    let first = home.path().join("first");
    busy_run(&first);
    let out = export_with(
        home.path(),
        &first,
        &home.path().join("out"),
        &["--format", "json", "--full"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = home.path().join("out/cifal-jeju-2020-vca-run.json");
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let at = good["events"][0]["at"].clone();
    let cases = [
        (
            serde_json::json!({"kind": "participants-added", "source": "x", "participants": [
                {"id": "p01", "name": "Second p01", "organisation": "O", "country": "Nepal",
                 "city": "Kathmandu", "sector": "ngo"}]}),
            "`p01` already belongs to",
        ),
        (
            serde_json::json!({"kind": "item-started", "item": "no-such-item"}),
            "no agenda item has the id `no-such-item`",
        ),
        (
            serde_json::json!({"kind": "marked", "day": "2020-03-31", "participants": ["p99"], "mark": null}),
            "no participant has the id `p99`",
        ),
        (
            serde_json::json!({"kind": "feedback-tallied", "question": {"about": "overall"},
                               "counts": [u32::MAX, 1, 1, 1, 1]}),
            "a tally of 4294967295, more than 10000",
        ),
    ];
    for (n, (event, why)) in cases.into_iter().enumerate() {
        let mut bad = good.clone();
        let events = bad["events"].as_array_mut().unwrap();
        let seq = events.len() + 1;
        events.push(serde_json::json!({"seq": seq, "at": at, "event": event}));
        let path = home.path().join(format!("bad-{n}.json"));
        std::fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        let store = home.path().join(format!("store-{n}"));
        let out = import(home.path(), &store, &path, false);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(&format!("event {seq} (")), "{err}");
        assert!(err.contains(why), "{err}");
        assert!(err.contains("Nothing was imported"), "{err}");
        assert!(!store.exists(), "a refused import left a store");
    }
}
