//! A long run opens from its newest snapshot and the events after it, not by folding its
//! whole log. Whatever the snapshot, the state must be the fold of the whole log: after undos
//! reaching back past it, after a snapshot that no longer holds, and in every export.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::path::PathBuf;

use chrono::TimeDelta;
use workshop::event::Event;
use workshop::export::{self, Format, Privacy};
use workshop::plan::{Participant, Plan};
use workshop::run::Run;
use workshop::state::{Command, History};

/// Events recorded one by one, as the app does: snapshots are saved along the way.
const EVENTS: usize = 3_500;

/// Enough for the store to pack two segments of its log (4,096 events each), which
/// exports then read instead of the log.
const SEALED_EVENTS: usize = 8_500;

struct Stored {
    _home: tempfile::TempDir,
    dir: PathBuf,
    plan: Plan,
}

fn stored(seed: u64) -> Stored {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    let made = synthetic::run(EVENTS, seed);
    let mut run = Run::open(made.plan.clone(), &dir).unwrap();
    for recorded in &made.events {
        run.record(recorded.at, recorded.event.clone()).unwrap();
    }
    Stored {
        _home: home,
        dir,
        plan: made.plan,
    }
}

/// The run reopened must be what a fold of its whole log gives.
fn assert_is_the_fold_of_its_log(run: &Run, plan: &Plan, context: &str) {
    let log = run.store().events().unwrap();
    assert_eq!(run.history().applied(), log.len() as u64, "{context}");
    assert!(
        *run.history() == History::replay(plan.clone(), &log),
        "{context}: the state differs from the fold of the log"
    );
}

fn open(stored: &Stored) -> Run {
    Run::open(stored.plan.clone(), &stored.dir).unwrap()
}

#[test]
fn a_run_reopens_from_its_newest_snapshot_and_reads_only_the_events_after_it() {
    let stored = stored(11);
    let run = open(&stored);
    // Folds were saved every 1024 events; the newest three are kept.
    assert_eq!(run.store().snapshot_seqs(), [3072, 2048, 1024]);
    assert_eq!(
        run.history().base(),
        3072,
        "opened from the newest snapshot"
    );
    assert_eq!(run.history().log().len(), EVENTS - 3072);
    assert_is_the_fold_of_its_log(&run, &stored.plan, "from the snapshot at 3072");
    drop(run);

    // An undo of an event after the snapshot refolds from the snapshot, read again for it.
    let mut run = open(&stored);
    let mut at = run.store().events().unwrap().last().unwrap().at;
    for _ in 0..3 {
        let undo = run.history().decide(&Command::Undo).unwrap();
        assert!(matches!(undo, Event::Undone { target } if target > 3072));
        at += TimeDelta::seconds(1);
        run.record(at, undo).unwrap();
    }
    assert_eq!(run.history().base(), 3072);
    assert_is_the_fold_of_its_log(&run, &stored.plan, "undos after the snapshot at 3072");

    // As on quitting: a snapshot of everything, so the next opening reads no event.
    run.save_snapshot_for_next_time();
    drop(run);
    let run = open(&stored);
    assert_eq!(run.history().base(), EVENTS as u64 + 3);
    assert!(run.history().log().is_empty());
    assert_is_the_fold_of_its_log(&run, &stored.plan, "from the snapshot at the end");
}

#[test]
fn undos_reach_back_past_every_snapshot_after_reopening() {
    let stored = stored(12);
    let run = open(&stored);
    run.save_snapshot_for_next_time();
    drop(run);
    let mut run = open(&stored);
    let mut at = run.store().events().unwrap().last().unwrap().at;
    let mut undone = 0;
    while undone < 2_500 {
        let Ok(event) = run.history().decide(&Command::Undo) else {
            break;
        };
        at += TimeDelta::seconds(1);
        run.record(at, event).unwrap();
        undone += 1;
        if undone % 500 == 0 {
            assert_is_the_fold_of_its_log(&run, &stored.plan, &format!("{undone} undos"));
        }
    }
    assert_eq!(undone, 2_500, "there was that much to undo");
    // The undos reached events before the oldest snapshot, so the run read back its log.
    assert_eq!(run.history().base(), 0);
    // Undone events are in no snapshot any more; a reopening folds the rest again rightly.
    assert!(run.store().snapshot_seqs().iter().all(|seq| {
        run.store()
            .events()
            .unwrap()
            .iter()
            .filter_map(|r| match r.event {
                Event::Undone { target } => Some(target),
                _ => None,
            })
            .all(|target| target > *seq)
    }));
    drop(run);
    let run = open(&stored);
    assert_is_the_fold_of_its_log(&run, &stored.plan, "reopened after the undos");
}

#[test]
fn a_snapshot_that_does_not_hold_is_not_used() {
    let stored = stored(13);
    let run = open(&stored);
    let applied = run.history().applied();

    // Not a snapshot at all.
    run.store()
        .save_snapshot(applied, b"not a snapshot")
        .unwrap();
    run.store().sync().unwrap();
    drop(run);
    let mut run = open(&stored);
    assert_is_the_fold_of_its_log(&run, &stored.plan, "after a damaged snapshot");

    // A snapshot an undo has since reached into, as if the app died before dropping it.
    let stale = run.history().snapshot().unwrap();
    let target = run.history().last_undoable().unwrap();
    let at = run.store().events().unwrap().last().unwrap().at + TimeDelta::seconds(1);
    run.record(at, Event::Undone { target }).unwrap();
    run.store().save_snapshot(target, &stale).unwrap();
    run.store().sync().unwrap();
    drop(run);
    let run = open(&stored);
    assert_is_the_fold_of_its_log(&run, &stored.plan, "after a stale snapshot");
}

#[test]
fn exports_of_a_run_opened_from_a_snapshot_hold_every_event() {
    let stored = stored(14);
    let run = open(&stored);
    assert!(run.history().base() > 0);
    let partial = export::render(run.history(), &[Format::Json], Privacy::FullBackup, now());
    assert_eq!(partial.err().as_deref(), Some(export::PARTIAL_LOG));

    let out = tempfile::tempdir().unwrap();
    let reader = run.store().reader().unwrap();
    let written = export::write(
        run.history(),
        Some(&reader),
        &[Format::Json],
        Privacy::FullBackup,
        now(),
        out.path(),
        |_, _| {},
    )
    .unwrap();
    let export = workshop::export::json::read_file(&written[0]).unwrap();
    assert_eq!(export.events, run.store().events().unwrap());
    assert_eq!(export.events.len(), EVENTS);
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A run whose first events rename a participant who did not consent and add one who did
/// not either, and note both names; the synthetic run follows, so that a reopening holds
/// none of these events (a snapshot took their place) and reads them from a packed segment.
fn stored_with_secrets(seed: u64) -> (Stored, [String; 2]) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    let made = synthetic::run(SEALED_EVENTS, seed);
    let mut run = Run::open(made.plan.clone(), &dir).unwrap();
    let first = made.events[0].at - TimeDelta::minutes(5);
    let hidden = made.plan.roster.iter().find(|p| !p.consent).unwrap();
    let old_name = hidden.name.clone();
    let renamed = Participant {
        name: "Renamed Delegate".to_owned(),
        ..hidden.clone()
    };
    let walk_in = Participant {
        id: "walk-in-1".to_owned(),
        name: "Zephyrine Okonkwo-Tan".to_owned(),
        consent: false,
        ..made.plan.roster[0].clone()
    };
    let item = made.plan.days[0].items[0].id.clone();
    let early = [
        Event::ParticipantEdited {
            participant: renamed,
        },
        Event::ParticipantsAdded {
            source: "walk-ins".to_owned(),
            participants: vec![walk_in.clone()],
        },
        Event::NoteAdded {
            item,
            text: format!("{old_name} and {} asked for the forms", walk_in.name),
        },
    ];
    for event in early {
        run.record(first, event).unwrap();
    }
    for recorded in &made.events {
        run.record(recorded.at, recorded.event.clone()).unwrap();
    }
    run.save_snapshot_for_next_time();
    let stored = Stored {
        _home: home,
        dir,
        plan: made.plan,
    };
    (stored, [old_name, walk_in.name])
}

#[test]
fn exports_streamed_from_the_store_are_those_of_the_whole_log_and_keep_secrets() {
    let (stored, secrets) = stored_with_secrets(15);
    let run = open(&stored);
    assert!(
        run.history().base() > 3,
        "the early events are behind the snapshot"
    );
    assert_eq!(run.store().packed_segment_count(), 2);
    let whole = History::replay(stored.plan.clone(), &run.store().events().unwrap());
    let reader = run.store().reader().unwrap();
    let at = now();
    for privacy in [
        Privacy::ConsentedNamed,
        Privacy::Redacted,
        Privacy::FullBackup,
    ] {
        let out = tempfile::tempdir().unwrap();
        let written = export::write(
            run.history(),
            Some(&reader),
            &Format::ALL,
            privacy,
            at,
            out.path(),
            |_, _| {},
        )
        .unwrap();
        let expected = export::render(&whole, &Format::ALL, privacy, at).unwrap();
        assert_eq!(written.len(), expected.len());
        assert_eq!(written.len(), export::file_count(&Format::ALL));
        for (path, file) in written.iter().zip(&expected) {
            assert_eq!(path.file_name().unwrap().to_str(), Some(file.name.as_str()));
            let bytes = std::fs::read(path).unwrap();
            assert!(bytes == file.bytes, "{privacy:?}: {} differs", file.name);
            let text = String::from_utf8(bytes).unwrap();
            let named = privacy == Privacy::FullBackup && file.name.ends_with("-run.json");
            for secret in &secrets {
                assert_eq!(
                    text.contains(secret.as_str()),
                    named,
                    "{privacy:?}: {secret} in {}",
                    file.name
                );
            }
        }
    }
}
