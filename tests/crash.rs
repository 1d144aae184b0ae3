//! SIGKILL at random moments, including while the store opens: every event the writer
//! acknowledged must be there afterwards, whole, in order.
//!
//! The writer is this test binary run again as a child (`crash_writer`, ignored in normal
//! runs), so the test needs no extra program. A third of the kills fall at a random moment
//! within the time the last writer took to open the run; the rest fall a random 0-100 ms after
//! the writer has said it opened, while it appends. `WORKSHOP_CRASH_ROUNDS` sets the number of kills.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;
mod powercut;

use std::io::Write;
use std::time::Duration;

use common::kill::{self, KillAt};

use chrono::Utc;
use workshop::event::Event;
use workshop::run::Run;
use workshop::store::Store;

const CHILD_DIR: &str = "WORKSHOP_CRASH_CHILD_DIR";

fn participant_for(seq: u64) -> workshop::plan::Participant {
    common::person(&format!("c{seq}"), &format!("크래시 {seq} ✓"))
}

/// The child: opens the run, then appends events forever, printing `ack N` only after the
/// store has said event N is durable.
#[test]
#[ignore = "run by crash_at_random_moments_loses_nothing_acknowledged as its child process"]
fn crash_writer() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let mut run = Run::open(common::plan_2020(), std::path::Path::new(&dir)).expect("open");
    let mut out = std::io::stdout().lock();
    writeln!(out, "opened").expect("stdout");
    out.flush().expect("stdout");
    loop {
        let seq = run.store().event_count() + 1;
        let event = Event::ParticipantsAdded {
            source: "crash".into(),
            participants: vec![participant_for(seq)],
        };
        let recorded = run.record(Utc::now(), event).expect("append");
        assert_eq!(recorded.seq, seq);
        writeln!(out, "ack {seq}").expect("stdout");
        out.flush().expect("stdout");
    }
}

#[test]
fn crash_at_random_moments_loses_nothing_acknowledged() {
    harness(kill::rounds(40), false);
}

/// The same writer on the power-cut filesystem: each kill cuts the power, and only what was
/// made durable (or, every other time, also a torn prefix of later writes) comes back.
/// `WORKSHOP_POWER_CUTS` sets how many (default 50).
#[test]
fn power_cuts_at_random_moments_lose_nothing_acknowledged() {
    let cuts = kill::power_cuts(50);
    harness(cuts, true);
}

fn harness(rounds: usize, power_cuts: bool) {
    let seed = common::seed("crash");
    let mut rng = fastrand::Rng::with_seed(seed);
    let home = tempfile::tempdir().unwrap();
    let (backing, mount) = (home.path().join("backing"), home.path().join("mount"));
    let mut fs = power_cuts.then(|| {
        std::fs::create_dir(&backing).unwrap();
        std::fs::create_dir(&mount).unwrap();
        powercut::PowerCut::mount(&backing, &mount)
    });
    // On the power-cut filesystem, in folders the writer creates itself.
    let dir = if power_cuts {
        mount.join("data/runs/crash")
    } else {
        home.path().join("run")
    };
    let dir_text = dir.to_str().unwrap();
    let (mut acked_total, mut killed_during_open, mut highest_acked) = (0, 0, 0);
    let mut open_time = Duration::from_millis(30);
    for round in 0..rounds {
        if round > 0 && round % 100 == 0 {
            eprintln!("crash harness: {round} rounds, {highest_acked} events acknowledged");
        }
        // A third of the kills land while the writer starts and opens the run (within the time
        // that took last), the rest while it appends.
        let at = KillAt::random(&mut rng, open_time, Duration::from_millis(100));
        let killed = kill::run_and_kill("crash_writer", &[(CHILD_DIR, dir_text)], at);
        if let Some(mounted) = fs.take() {
            let cut = if rng.bool() {
                powercut::Cut::Torn(rng.u64(..))
            } else {
                powercut::Cut::DropAll
            };
            mounted.cut(cut);
            fs = Some(powercut::PowerCut::mount(&backing, &mount));
        }
        match killed.opened_after {
            Some(took) => open_time = took,
            None => killed_during_open += 1,
        }
        let acked = killed
            .lines
            .iter()
            .filter_map(|line| line.split_once("ack ")?.1.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        acked_total += acked.saturating_sub(highest_acked);
        highest_acked = highest_acked.max(acked);

        let store = Store::open(&dir)
            .unwrap_or_else(|e| panic!("seed {seed}, round {round}: reopen failed: {e}"));
        let events = store
            .events()
            .unwrap_or_else(|e| panic!("seed {seed}, round {round}: a damaged event: {e}"));
        assert!(
            events.len() as u64 >= highest_acked,
            "seed {seed}, round {round}: {} events stored but {highest_acked} were acknowledged",
            events.len()
        );
        for (i, recorded) in events.iter().enumerate() {
            let seq = i as u64 + 1;
            assert_eq!(
                recorded.seq, seq,
                "seed {seed}, round {round}: a gap in the log"
            );
            let expected = Event::ParticipantsAdded {
                source: "crash".into(),
                participants: vec![participant_for(seq)],
            };
            assert_eq!(
                recorded.event, expected,
                "seed {seed}, round {round}: event {seq} differs"
            );
        }
        if events.is_empty() {
            continue;
        }
        assert!(
            store.run_plan().unwrap().is_some(),
            "an event was written, so the plan snapshot was too"
        );
    }
    eprintln!(
        "crash harness{}: {rounds} kills ({killed_during_open} before the store had opened), {acked_total} acknowledged appends, {highest_acked} events in the final log, seed {seed}",
        if power_cuts { " with power cuts" } else { "" }
    );
    assert!(
        highest_acked > 0,
        "the writer never got going: is the child re-run broken?"
    );
}
