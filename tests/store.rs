//! The run store on a real sled store in a temporary folder: durability across reopen, the
//! one-process lock, schema versions, half-written snapshots and owner-only files.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::{person, plan_2020};
use workshop::event::Event;
use workshop::run::{Run, RunError};
use workshop::store::{SCHEMA_VERSION, Store, StoreError};

fn added(id: &str, name: &str) -> Event {
    Event::ParticipantsAdded {
        source: "test".into(),
        participants: vec![person(id, name)],
    }
}

#[test]
fn events_come_back_in_order_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 15, 0).unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for (i, name) in ["김서연", "สมศักดิ์ ใจดี", "Nguyễn Thị Lan"].iter().enumerate()
        {
            let recorded = store.append(at, added(&format!("w{i}"), name)).unwrap();
            assert_eq!(recorded.seq, i as u64 + 1);
        }
    }
    let mut store = Store::open(dir.path()).unwrap();
    let events = store.events().unwrap();
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(events[1].event, added("w1", "สมศักดิ์ ใจดี"));
    assert_eq!(events[2].at, at);
    assert_eq!(
        store.append(at, added("w3", "x")).unwrap().seq,
        4,
        "numbering continues"
    );
}

#[test]
fn a_batch_lands_whole_and_numbering_goes_on_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 15, 0).unwrap();
    let batch: Vec<Event> = (0..500).map(|i| added(&format!("b{i}"), "배치")).collect();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.append(at, added("first", "x")).unwrap();
        assert_eq!(
            store.append_all(batch.iter().map(|e| (at, e))).unwrap(),
            500
        );
        assert_eq!(store.event_count(), 501);
    }
    let mut store = Store::open(dir.path()).unwrap();
    let events = store.events().unwrap();
    assert_eq!(events.len(), 501);
    assert!(events.iter().zip(1..).all(|(e, seq)| e.seq == seq));
    assert_eq!(events[500].event, batch[499]);
    assert_eq!(store.append(at, added("last", "x")).unwrap().seq, 502);
}

#[test]
fn a_run_keeps_its_plan_and_replays_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_2020();
    let roster = plan.roster.len();
    {
        let mut run = Run::open(plan.clone(), dir.path()).unwrap();
        run.record(Utc::now(), added("p25", "Walk-in")).unwrap();
        assert_eq!(run.state().participants().len(), roster + 1);
    }
    let mut changed = plan.clone();
    changed.title.push_str(" (edited)");
    let run = Run::open(changed, dir.path()).unwrap();
    assert!(run.plan_changed());
    assert_eq!(
        run.state().plan().title,
        plan.title,
        "the run keeps the plan it started from"
    );
    assert_eq!(run.state().participants().len(), roster + 1);
    assert_eq!(run.state().participant("p25").unwrap().name, "Walk-in");
}

#[test]
fn a_store_of_another_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_2020();
    drop(Run::open(plan.clone(), dir.path()).unwrap());
    let mut other = plan;
    other.id = "another-plan".into();
    let err = Run::open(other, dir.path()).unwrap_err();
    assert!(matches!(err, RunError::OtherPlan { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("holds the run of plan `cifal-jeju-2020-vca`, not `another-plan`"),
        "{err}"
    );
}

#[test]
fn a_second_opener_is_told_the_run_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    let pid = std::process::id();
    assert!(
        matches!(err, StoreError::InUse { pid: Some(p), .. } if p == pid),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("this run is open in another window (pid {pid})")),
        "{err}"
    );
}

#[test]
fn the_lock_is_released_when_the_store_closes() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    Store::open(dir.path()).expect("reopens once the first is closed");
}

#[test]
fn a_store_from_a_newer_version_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    {
        let db = sled::open(dir.path().join("sled")).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &(SCHEMA_VERSION + 1).to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("written by a newer workshop"),
        "{err}"
    );
}

#[test]
fn a_half_written_snapshot_is_moved_aside_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let at = Utc::now();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.append(at, added("a", "Before the crash")).unwrap();
    }
    let leftover = dir
        .path()
        .join("sled")
        .join("snap.00000000000000FF.generating");
    std::fs::write(&leftover, b"half a snapshot").unwrap();
    // sled itself trips over the file: this is the failure being guarded against.
    assert!(
        sled::open(dir.path().join("sled")).is_err(),
        "sled 0.34 should refuse a half snapshot"
    );

    let store = Store::open(dir.path()).unwrap();
    assert!(!leftover.exists());
    assert_eq!(store.moved_aside().len(), 1);
    let moved = &store.moved_aside()[0];
    assert!(
        moved.starts_with(dir.path().join("aside")),
        "{}",
        moved.display()
    );
    assert_eq!(
        std::fs::read(moved).unwrap(),
        b"half a snapshot",
        "kept, never deleted"
    );
    assert_eq!(store.events().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn every_file_and_folder_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data").join("runs").join("plan");
    let mut run = Run::open(plan_2020(), &dir).unwrap();
    run.record(Utc::now(), added("p25", "Walk-in")).unwrap();
    let mut checked = 0;
    let mut pending = vec![dir.clone()];
    while let Some(folder) = pending.pop() {
        assert_eq!(
            std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777,
            0o700,
            "{}",
            folder.display()
        );
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "lock, sled's db and conf at least");
    for created in [
        parent.path().join("data"),
        parent.path().join("data").join("runs"),
    ] {
        let mode = std::fs::metadata(&created).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode,
            0o700,
            "folders created on the way are private too: {}",
            created.display()
        );
    }
}
