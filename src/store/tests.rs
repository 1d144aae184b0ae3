//! The store's own tests: what only code inside it can reach (its trees, a failed sync).

use super::*;
use chrono::{TimeZone, Utc};

use crate::event::Event;

use crate::event::message as event;

/// The log's tree itself, to damage or rewrite it under the store.
fn events_tree(store: &Store) -> &sled::Tree {
    &store.sled.as_ref().unwrap().log.events
}

fn packed_tree(store: &Store) -> &sled::Tree {
    &store.sled.as_ref().unwrap().log.packed
}

#[cfg(unix)]
#[test]
fn a_link_at_the_lock_is_not_followed_and_a_folder_others_control_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("run");
    std::fs::create_dir(&dir).unwrap();
    let target = home.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("lock")).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let err = Store::open(&dir).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "the link's target was changed");

    let open = home.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let err = Store::open(&open).unwrap_err();
    assert!(err.to_string().contains("others may write in it"), "{err}");
    assert!(!open.join("sled").exists(), "nothing is written in it");

    let theirs = home.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o700)).unwrap();
    let chowned = std::process::Command::new("chown")
        .args(["4321"])
        .arg(&theirs)
        .status()
        .unwrap();
    assert!(chowned.success(), "the tests run as root");
    let err = Store::open(&theirs).unwrap_err();
    assert!(
        err.to_string()
            .contains("belongs to another user (uid 4321"),
        "{err}"
    );
}

#[test]
fn a_snapshot_is_given_back_only_while_the_log_holds_its_very_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
    for text in ["one", "two"] {
        store.append(at, event(text)).unwrap();
    }
    assert!(
        store.save_snapshot(3, b"snapshot").is_err(),
        "no event 3 yet"
    );
    store.save_snapshot(2, b"snapshot").unwrap();
    assert_eq!(store.snapshot(2).as_deref(), Some(&b"snapshot"[..]));
    assert_eq!(store.snapshot(1), None);

    // The same number, another event: a log rebuilt or rewritten under the snapshot.
    let other = serde_json::to_vec(&StoredEvent {
        at,
        event: &event("deux"),
    })
    .unwrap();
    events_tree(&store)
        .insert(2u64.to_be_bytes(), other)
        .unwrap();
    assert_eq!(store.snapshot(2), None);
    events_tree(&store).remove(2u64.to_be_bytes()).unwrap();
    assert_eq!(store.snapshot(2), None, "the event is gone");
}

#[test]
fn a_long_log_read_on_two_threads_is_the_log_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
    let events: Vec<Event> = (0..25_000).map(|i| event(&i.to_string())).collect();
    store.append_all(events.iter().map(|e| (at, e))).unwrap();
    let one_by_one = store.read_log().events;
    assert_eq!(one_by_one.len(), 25_000);
    assert_eq!(store.events().unwrap(), one_by_one);
    let reader = store.reader().unwrap();
    assert_eq!(
        reader.events_between(3, 24_990).unwrap(),
        one_by_one[3..24_990]
    );
    assert_eq!(reader.events_through(30_000).unwrap().len(), 25_000);
    assert!(reader.events_between(25_000, u64::MAX).unwrap().is_empty());
}

#[test]
fn whole_segments_are_read_packed_while_the_log_still_holds_them() {
    use segments::SEGMENT;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
    let count = 3 * SEGMENT + 5;
    let events: Vec<Event> = (0..count).map(|i| event(&i.to_string())).collect();
    store.append_all(events.iter().map(|e| (at, e))).unwrap();
    let log = store.read_log().events;
    store.pack_segments_through(2 * SEGMENT + 1).unwrap();
    assert_eq!(
        packed_tree(&store).len(),
        2,
        "only whole segments are packed"
    );
    store.pack_segments_through(u64::MAX).unwrap();
    assert_eq!(packed_tree(&store).len(), 3, "as far as the log goes");
    let reader = store.reader().unwrap();
    let slice = |after: u64, through: u64| {
        log[usize::try_from(after).unwrap()..usize::try_from(through).unwrap()].to_vec()
    };
    for (after, through) in [
        (0, count),
        (5, 17),
        (SEGMENT - 3, 2 * SEGMENT + 9),
        (3 * SEGMENT, count),
    ] {
        assert_eq!(
            reader.events_between(after, through).unwrap(),
            slice(after, through)
        );
    }
    let mut streamed = Vec::new();
    reader
        .stream(
            7,
            count,
            |part| {
                streamed.extend(part);
                Ok::<_, StoreError>(())
            },
            |e| e,
        )
        .unwrap();
    assert_eq!(streamed, slice(7, count));

    // An event gone from the middle of the first segment is still read: from its packed copy.
    events_tree(&store).remove(10u64.to_be_bytes()).unwrap();
    assert_eq!(
        reader.events_between(0, SEGMENT).unwrap(),
        slice(0, SEGMENT)
    );

    // The segment's last event rewritten: the log is the truth, the packed copy is passed over.
    let other = serde_json::to_vec(&StoredEvent {
        at,
        event: &event("rewritten"),
    })
    .unwrap();
    events_tree(&store)
        .insert(SEGMENT.to_be_bytes(), other)
        .unwrap();
    let read = reader.events_between(0, SEGMENT).unwrap();
    assert_eq!(
        read.len(),
        usize::try_from(SEGMENT).unwrap() - 1,
        "event 10 is gone"
    );
    assert_eq!(read.last().map(|r| &r.event), Some(&event("rewritten")));

    // A damaged packed copy counts as none.
    packed_tree(&store)
        .insert((SEGMENT + 1).to_be_bytes(), b"damaged".to_vec())
        .unwrap();
    events_tree(&store)
        .remove((SEGMENT + 20).to_be_bytes())
        .unwrap();
    let read = reader.events_between(SEGMENT, 2 * SEGMENT).unwrap();
    assert_eq!(read.len(), usize::try_from(SEGMENT).unwrap() - 1);
}

#[test]
fn the_newest_snapshots_are_kept_and_an_undo_drops_those_it_reaches_into() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = Utc.with_ymd_and_hms(2020, 3, 31, 0, 0, 0).unwrap();
    for seq in 1..=6 {
        store.append(at, event(&seq.to_string())).unwrap();
        store
            .save_snapshot(seq, &[u8::try_from(seq).unwrap()])
            .unwrap();
    }
    assert_eq!(store.snapshot_seqs(), [6, 5, 4]);
    store.drop_snapshots_from(5).unwrap();
    assert_eq!(store.snapshot_seqs(), [4]);
    assert_eq!(store.snapshot(4).as_deref(), Some(&[4u8][..]));
}
