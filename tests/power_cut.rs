//! The power-cut filesystem (`tests/powercut/`) catches what a kill cannot: a write or a new
//! name not yet made durable is gone after a cut. A writer that skips the folder's fsync
//! after a rename loses the file; the run's store loses no acknowledged event, even in a run
//! created on the spot.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;
mod powercut;

use std::fs::File;
use std::io::Write;
use std::path::Path;

use chrono::Utc;
use powercut::{Cut, PowerCut};
use workshop::event::Event;
use workshop::run::Run;

/// A backing folder and a mount point in a temporary folder.
fn disk() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let backing = home.path().join("backing");
    let mount = home.path().join("mount");
    std::fs::create_dir(&backing).unwrap();
    std::fs::create_dir(&mount).unwrap();
    (home, backing, mount)
}

fn sync_dir(dir: &Path) {
    File::open(dir).unwrap().sync_all().unwrap();
}

/// Writes `name` in `dir` as a careful writer does: a temporary file, synced, renamed;
/// then the folder synced, if `sync_folder`.
fn write_renamed(dir: &Path, name: &str, text: &str, sync_folder: bool) {
    let temporary = dir.join(format!(".{name}.partial"));
    let mut file = File::create(&temporary).unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file.sync_all().unwrap();
    std::fs::rename(&temporary, dir.join(name)).unwrap();
    if sync_folder {
        sync_dir(dir);
    }
}

#[test]
fn a_rename_is_lost_at_a_cut_unless_its_folder_was_synced() {
    let (_home, backing, mount) = disk();
    let fs = PowerCut::mount(&backing, &mount);
    std::fs::create_dir(mount.join("exports")).unwrap();
    std::fs::create_dir(mount.join("backups")).unwrap();
    sync_dir(&mount);
    write_renamed(&mount.join("backups"), "careless.json", "lost", false);
    write_renamed(&mount.join("exports"), "careful.csv", "kept", true);
    // Written after the last folder sync: its name, and its bytes, are not durable.
    std::fs::write(mount.join("exports/never-synced.csv"), "gone").unwrap();
    let mut unsynced = File::create(mount.join("exports/careful.csv")).unwrap();
    unsynced.write_all(b"overwritten, not synced").unwrap();
    drop(unsynced);
    assert!(fs.syncs() >= 4);
    fs.cut(Cut::DropAll);

    let mut names: Vec<String> = std::fs::read_dir(backing.join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["careful.csv"],
        "only the renamed file whose folder was synced"
    );
    assert_eq!(
        std::fs::read_dir(backing.join("backups")).unwrap().count(),
        0,
        "a rename whose folder was never synced is lost"
    );
    assert_eq!(
        std::fs::read_to_string(backing.join("exports/careful.csv")).unwrap(),
        "kept",
        "bytes written after the last fsync are lost"
    );
}

#[test]
fn a_torn_cut_keeps_a_prefix_of_the_writes_since_the_last_sync() {
    let (_home, backing, mount) = disk();
    let fs = PowerCut::mount(&backing, &mount);
    let mut file = File::create(mount.join("log")).unwrap();
    file.write_all(b"durable;").unwrap();
    file.sync_all().unwrap();
    sync_dir(&mount);
    for part in [&b"one;"[..], b"two;", b"three;"] {
        file.write_all(part).unwrap();
    }
    drop(file);
    fs.cut(Cut::Torn(7));
    let text = std::fs::read_to_string(backing.join("log")).unwrap();
    assert!(
        [
            "durable;",
            "durable;one;",
            "durable;one;two;",
            "durable;one;two;three;"
        ]
        .contains(&text.as_str()),
        "{text}"
    );
}

#[test]
fn a_run_created_on_the_spot_loses_no_acknowledged_event_at_a_cut() {
    let (_home, backing, mount) = disk();
    let fs = PowerCut::mount(&backing, &mount);
    // Folders the run creates on the way, as the platform data folder on a new laptop.
    let dir = mount.join("data/workshop/runs/cifal-jeju-2020-vca");
    let mut acknowledged = Vec::new();
    {
        let mut run = Run::open(common::plan_2020(), &dir).unwrap();
        for n in 0..20 {
            acknowledged.push(
                run.record(
                    Utc::now(),
                    Event::MessageSet {
                        text: Some(n.to_string()),
                    },
                )
                .unwrap(),
            );
        }
    }
    fs.cut(Cut::DropAll);

    let again = PowerCut::mount(&backing, &mount);
    let run = Run::open(common::plan_2020(), &dir).unwrap();
    assert_eq!(run.store().events().unwrap(), acknowledged);
    drop(run);
    drop(again);
}
