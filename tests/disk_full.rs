//! A full disk, met in the real app: the screen shows only what is durable, the status line
//! says what happened and what to do, the next action after space is freed is saved, the
//! closing backup claims nothing the store lacks, and quitting says what was not saved.
//! The store lives on a small tmpfs mounted for the test (tests run as root; CI too).
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pane::{Pane, prompt_back};

/// A tmpfs of `size` mounted at a folder of its own, unmounted when dropped.
struct SmallDisk {
    at: PathBuf,
}

impl SmallDisk {
    fn mount(parent: &Path, size: &str) -> Self {
        let at = parent.join("small-disk");
        std::fs::create_dir_all(&at).unwrap();
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&at)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "mounting a tmpfs needs root (the tests and CI run as root)"
        );
        Self { at }
    }

    /// Writes a filler file until the disk refuses another byte.
    fn fill(&self) -> PathBuf {
        let path = self.at.join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        let block = vec![0u8; 4096];
        loop {
            if file.write_all(&block).is_err() {
                break;
            }
        }
        // What is left is less than a block: take it too.
        while file.write_all(&[0]).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.at).status();
    }
}

#[test]
fn a_full_disk_never_shows_an_unsaved_mark_and_the_next_mark_after_space_is_freed_is_saved() {
    let pane = Pane::new();
    let disk = SmallDisk::mount(pane.dir.path(), "4m");
    let store = disk.at.join("store");
    let plan = common::session("cifal-jeju-2020-vca");
    let start = format!(
        "{} --store {} run {}",
        env!("CARGO_BIN_EXE_workshop"),
        store.display(),
        plan.display()
    );
    pane.type_line(&start);
    pane.wait_for("the agenda", |s| {
        s.contains(" NOW ") && s.contains("Day 1 ·")
    });
    pane.keys(&["Tab"]);
    pane.wait_for("the attendance view", |s| s.contains("24 participants"));
    pane.keys(&["space"]);
    pane.wait_for("a first mark saved", |s| s.contains(": present"));

    let filler = disk.fill();
    let day = |s: &str| {
        s.lines()
            .find(|l| l.contains("Day 1 · Tue 31 Mar:"))
            .unwrap_or_default()
            .to_owned()
    };
    let present = |s: &str| format!("Day 1 · Tue 31 Mar: {s} present");
    // sled writes into pages it already has for a while: mark people one by one until the
    // disk refuses.
    let mut saved = 1;
    let screen = loop {
        assert!(saved < 20, "20 marks saved on a full disk");
        pane.keys(&["j", "space"]);
        let screen = pane.wait_for("the next mark saved, or refused", |s| {
            s.contains("ot saved: ") || s.contains(&present(&(saved + 1).to_string()))
        });
        if screen.contains("ot saved: ") {
            break screen;
        }
        saved += 1;
    };
    assert!(
        screen.contains("the disk holding")
            && screen.contains("is full; free some space and try again"),
        "{screen}"
    );
    assert!(
        !screen.contains("Os {"),
        "Rust's debug text shown: {screen}"
    );
    assert!(
        !screen.contains(&present(&(saved + 1).to_string())),
        "the unsaved mark is shown: {screen}"
    );

    std::fs::remove_file(&filler).unwrap();
    pane.keys(&["r"]);
    let screen = pane.wait_for("the store read again", |s| {
        s.contains("the store is open again")
    });
    assert!(
        day(&screen).contains(&present(&saved.to_string())),
        "the screen after space is back shows more than the store holds: {}",
        day(&screen)
    );
    pane.keys(&["space"]);
    let screen = pane.wait_for("the mark saved once space is back", |s| {
        s.contains(&present(&(saved + 1).to_string()))
    });
    assert!(!screen.contains("ot saved"), "{screen}");
    pane.keys(&["q"]);
    let screen = pane.wait_for("the shell", prompt_back);
    assert!(
        screen.contains("One action could not be saved during this session"),
        "{screen}"
    );

    assert_backups_claim_no_more_than_the_store(pane.dir.path(), &store, &plan);
}

/// The store reads whole, and its closing backup holds exactly its events, no more.
fn assert_backups_claim_no_more_than_the_store(home: &Path, store: &Path, plan: &Path) {
    let out = common::output(
        common::workshop(home)
            .arg("--store")
            .arg(store)
            .args(["doctor"])
            .arg(plan),
    );
    let said = common::stdout(&out);
    assert!(out.status.success(), "{said}{}", common::stderr(&out));
    let count = |text: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix("It reads events 1-"))
            .map(|n| n.trim_end_matches('.').parse::<u64>().unwrap())
    };
    let held = count(&said).unwrap_or_else(|| panic!("{said}"));
    let backups: Vec<String> = std::fs::read_dir(store.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &backups {
        let events: u64 = name[4..12].parse().unwrap();
        assert!(events <= held, "{name} claims more than the store's {held}");
    }
    assert!(
        backups
            .iter()
            .any(|n| n.starts_with(&format!("run-{held:08}"))),
        "{backups:?} / {held}"
    );
}

/// Every file under `dir` with its bytes, hidden ones included.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.file_type().unwrap().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                b"(a folder)".to_vec()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn an_export_that_runs_out_of_disk_leaves_the_earlier_export_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(home.path(), "2m");
    let store = home.path().join("store");
    let out = disk.at.join("out");
    let plan = common::session("cifal-jeju-2020-vca");
    let export_as = |formats: &str| {
        common::output(
            common::workshop(home.path())
                .arg("--store")
                .arg(&store)
                .arg("export")
                .arg(&plan)
                .arg("--out")
                .arg(&out)
                .args(["--format", formats]),
        )
    };
    let export = || export_as("json,csv,md,html");
    let first = export();
    assert!(first.status.success(), "{}", common::stderr(&first));
    let before = contents(&out);
    assert_eq!(
        before.len(),
        14,
        "{:?}",
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    // A walk-in arrives, so that every file of the next export differs from the first's.
    let csv = home.path().join("walk-in.csv");
    std::fs::write(
        &csv,
        "name,organisation,country,city,sector\nAna,Org,Nepal,Kathmandu,ngo\n",
    )
    .unwrap();
    let added = common::output(
        common::workshop(home.path())
            .arg("--store")
            .arg(&store)
            .args(["roster", "import"])
            .arg(&plan)
            .arg(&csv),
    );
    assert!(added.status.success(), "{}", common::stderr(&added));

    // Room for some of the next export's files, not for all of them.
    let filler = disk.fill();
    let room = 100 * 1024;
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len - room)
        .unwrap();
    let second = export();
    let err = common::stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(
        contents(&out),
        before,
        "the failed export changed the folder"
    );

    // With room again, a CSV-only export replaces the earlier one whole: no report or JSON
    // of the earlier run is left beside the new tables.
    std::fs::remove_file(&filler).unwrap();
    let tables = export_as("csv");
    assert!(tables.status.success(), "{}", common::stderr(&tables));
    let now = contents(&out);
    assert_eq!(
        now.len(),
        11,
        "{:?}",
        now.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        now.iter()
            .all(|(name, _)| Path::new(name).extension().is_some_and(|e| e == "csv"))
    );
}
