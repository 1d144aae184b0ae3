//! The synthetic run the benchmarks measure (`benches/synthetic`), checked at a size a test
//! can afford: its log is one the app could have written, and folding it in one pass (as a
//! run opens) gives the state the app built one event at a time, undos and all.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use chrono::TimeDelta;
use workshop::event::{Event, Recorded};
use workshop::state::{Command, History};

#[test]
fn the_generated_run_has_the_size_and_mix_asked_for() {
    let run = synthetic::run(6_000, 1);
    assert_eq!(run.events.len(), 6_000);
    assert_eq!(
        run.replayed.state().participants().len(),
        synthetic::PARTICIPANTS
    );
    assert_eq!(run.replayed.state().plan().days.len(), 14);
    let cities: std::collections::BTreeSet<&str> = run
        .replayed
        .state()
        .participants()
        .iter()
        .map(|p| p.city.as_str())
        .collect();
    assert_eq!(cities.len(), synthetic::CITIES);
    let kinds = synthetic::kinds(&run.events);
    // Every agenda item was started, and the everyday kinds are all there.
    assert_eq!(kinds["item-started"], 97, "{kinds:?}");
    for kind in ["marked", "assessed", "undone", "feedback", "scored", "note"] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) > 30,
            "{kind}: {kinds:?}"
        );
    }
    let seqs: Vec<u64> = run.events.iter().map(|r| r.seq).collect();
    assert!(seqs.iter().zip(1..).all(|(s, n)| *s == n), "seqs run 1..n");
}

#[test]
fn one_fold_equals_the_state_built_event_by_event() {
    for seed in [1, 2, 3] {
        let run = synthetic::run(5_000, seed);
        assert!(
            run.live == run.replayed,
            "seed {seed}: live and replayed states differ"
        );
    }
}

#[test]
fn undoing_far_back_past_every_checkpoint_equals_a_fresh_fold() {
    let run = synthetic::run(5_000, 4);
    let mut live = run.live;
    let mut at = run.events.last().unwrap().at;
    let mut undone = 0;
    while undone < 3_500 {
        let Ok(event) = live.decide(&Command::Undo) else {
            break;
        };
        at += TimeDelta::seconds(1);
        let recorded = Recorded {
            seq: live.applied() + 1,
            at,
            event,
        };
        live.apply(&recorded);
        undone += 1;
        // Every few hundred undos, the live state must be what a fresh fold of its log gives.
        if undone % 500 == 0 {
            let fresh = History::replay(run.plan.clone(), live.log());
            assert!(live == fresh, "after {undone} undos");
        }
    }
    assert_eq!(undone, 3_500, "there was that much to undo");
    let last = live.log().last().unwrap();
    assert!(matches!(last.event, Event::Undone { .. }));
}
