//! The run's own tests: a failed disk sync takes the action back.

use super::*;
use chrono::TimeZone;

use crate::event::message;
use crate::plan::empty_plan as plan;

#[test]
fn an_action_whose_disk_sync_fails_is_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
    let mut run = Run::open(plan(), dir.path()).unwrap();
    run.record(at, message("kept")).unwrap();
    let before = run.state().clone();

    run.store()
        .committer()
        .unwrap()
        .fail_next
        .store(true, std::sync::atomic::Ordering::SeqCst);
    run.stage(at, message("lost")).unwrap();
    assert!(run.is_pending());
    assert_eq!(
        run.state().message(),
        Some("lost"),
        "applied while it syncs"
    );
    assert!(run.settle().is_err());
    assert!(!run.is_pending());
    assert!(*run.state() == before, "the state is as before the action");
    assert_eq!(run.store().event_count(), 1);

    let next = run.record(at, message("next")).unwrap();
    assert_eq!(next.seq, 2, "the lost action's number goes to the next");
    drop(run);
    let run = Run::open(plan(), dir.path()).unwrap();
    let texts: Vec<Event> = run
        .store()
        .events()
        .unwrap()
        .into_iter()
        .map(|r| r.event)
        .collect();
    assert_eq!(texts, [message("kept"), message("next")]);
}
