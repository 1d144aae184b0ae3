//! A store damaged the ways sled fails: bytes flipped in its data file, a truncated data file,
//! a leftover or refused snapshot, a damaged configuration, a lost data file, a backup that does
//! not read. Either the run opens whole, or it refuses to open and `workshop doctor --repair`
//! rebuilds it, with nothing acknowledged lost beyond the newest backup; the check itself
//! changes nothing, and a repair deletes nothing.
//!
//! sled meets a damaged record by keeping what comes before it and zeroing the rest of its
//! data file, silently; the newest backup is how the loss is seen at all.
//! `WORKSHOP_DAMAGE_ROUNDS` sets how many random flips and truncations are tried.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use workshop::backup;
use workshop::doctor::{self, Verdict};
use workshop::event::Recorded;
use workshop::plan::Plan;
use workshop::run::{Run, RunError};
use workshop::store::{Opened, StoreError};

/// Events acknowledged before the backup, and after it.
const BACKED_UP: usize = 4000;
const AFTER: usize = 1000;

/// A store written event by event as the app writes it, backed up after [`BACKED_UP`]
/// events, then [`AFTER`] more; kept whole, to be copied and damaged.
struct Pristine {
    _home: tempfile::TempDir,
    dir: PathBuf,
    plan: Plan,
    acknowledged: Vec<Recorded>,
}

fn pristine(seed: u64) -> Pristine {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("pristine");
    let made = synthetic::run(BACKED_UP + AFTER, seed);
    let mut run = Run::open(made.plan.clone(), &dir).unwrap();
    let mut acknowledged = Vec::new();
    for (i, recorded) in made.events.iter().enumerate() {
        if i == BACKED_UP {
            backup::write(
                &dir,
                run.history(),
                Some(&run.store().reader().unwrap()),
                recorded.at,
            )
            .unwrap();
        }
        acknowledged.push(run.record(recorded.at, recorded.event.clone()).unwrap());
    }
    // As the app leaves a store when it quits: the folded state saved beside the log.
    run.save_snapshot_for_next_time();
    Pristine {
        _home: home,
        dir,
        plan: made.plan,
        acknowledged,
    }
}

impl Pristine {
    /// A copy of the store, to damage.
    fn copy(&self, name: &str) -> PathBuf {
        let to = self.dir.with_file_name(name);
        copy_dir(&self.dir, &to);
        to
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for (sub, bytes) in files(&path) {
                out.insert(Path::new(path.file_name().unwrap()).join(sub), bytes);
            }
        } else {
            out.insert(
                path.file_name().unwrap().into(),
                std::fs::read(&path).unwrap(),
            );
        }
    }
    out
}

/// How a damaged store came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// The run opened with every acknowledged event.
    Whole,
    /// The run opened, short of some events made after the newest backup.
    LostAfterBackup,
    /// The run refused to open; the doctor rebuilt it whole.
    RepairedWhole,
    /// The run refused to open; the doctor rebuilt it with at least the backup's events.
    RepairedToBackup,
}

/// Checks the run in `dir` as a facilitator would meet it: first the doctor's check (which
/// must change nothing), then opening the run, then a repair if the run refused.
fn come_through(pristine: &Pristine, dir: &Path) -> Outcome {
    let sled = dir.join("sled");
    let before_check = sled.exists().then(|| files(&sled));
    let verdict = doctor::diagnose(dir, pristine.plan.clone())
        .unwrap()
        .verdict();
    assert_eq!(
        sled.exists().then(|| files(&sled)),
        before_check,
        "the check changed the store"
    );
    let opened = Run::open(pristine.plan.clone(), dir);
    match opened {
        Ok(run) => {
            let log = run.store().events().unwrap();
            let held = log.len();
            assert_eq!(
                log,
                &pristine.acknowledged[..held],
                "the run opened with events that were never acknowledged"
            );
            assert!(
                held >= BACKED_UP,
                "the run opened with {held} events, fewer than its backup's {BACKED_UP}"
            );
            if held == pristine.acknowledged.len() {
                assert!(
                    matches!(verdict, Verdict::Healthy | Verdict::Repairable),
                    "{verdict:?}"
                );
                Outcome::Whole
            } else {
                Outcome::LostAfterBackup
            }
        }
        Err(
            RunError::BehindBackup { .. }
            | RunError::Store(StoreError::Sled { .. } | StoreError::Unreadable { .. }),
        ) => repair(pristine, dir),
        Err(other) => panic!("the run neither opened nor said the store is damaged: {other}"),
    }
}

/// `workshop doctor --repair`, then the run must open with the acknowledged events up to at
/// least the backup's, and the old files must be in `aside/`, byte for byte.
fn repair(pristine: &Pristine, dir: &Path) -> Outcome {
    let diagnosis = doctor::diagnose(dir, pristine.plan.clone()).unwrap();
    assert_eq!(
        diagnosis.verdict(),
        Verdict::Repairable,
        "{:?}",
        diagnosis.report()
    );
    let damaged = files(&dir.join("sled"));
    let done = diagnosis.repair().unwrap();
    let aside = done
        .store_aside
        .expect("the damaged files were moved aside");
    assert_eq!(
        files(&aside),
        damaged,
        "the damaged files were not kept as they were"
    );
    let run = Run::open(pristine.plan.clone(), dir).unwrap();
    let log = run.store().events().unwrap();
    let held = log.len();
    assert!(held >= BACKED_UP, "repaired to {held} events");
    assert_eq!(log, &pristine.acknowledged[..held]);
    drop(run);
    let again = doctor::diagnose(dir, pristine.plan.clone()).unwrap();
    assert_eq!(again.verdict(), Verdict::Healthy, "{:?}", again.report());
    if held == pristine.acknowledged.len() {
        Outcome::RepairedWhole
    } else {
        Outcome::RepairedToBackup
    }
}

fn rounds() -> usize {
    std::env::var("WORKSHOP_DAMAGE_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

/// Damages copies of one store `rounds()` times with `damage` (given the data file's bytes
/// and a random source) and tallies how they came through.
fn damage_at_random(
    name: &str,
    damage: impl Fn(&mut Vec<u8>, &mut fastrand::Rng) -> String,
) -> BTreeMap<Outcome, usize> {
    let seed = common::seed(name);
    let mut rng = fastrand::Rng::with_seed(seed);
    let pristine = pristine(seed % 7);
    let mut tally = BTreeMap::new();
    for round in 0..rounds() {
        let dir = pristine.copy(&format!("{name}-{round}"));
        let data = dir.join("sled/db");
        let mut bytes = std::fs::read(&data).unwrap();
        let what = damage(&mut bytes, &mut rng);
        std::fs::write(&data, &bytes).unwrap();
        let outcome = std::panic::catch_unwind(|| come_through(&pristine, &dir))
            .unwrap_or_else(|_| panic!("seed {seed}, round {round}: {what}"));
        *tally.entry(outcome).or_insert(0) += 1;
    }
    eprintln!("{name} (seed {seed}): {tally:?}");
    tally
}

#[test]
fn bytes_flipped_in_the_data_file_lose_nothing_before_the_backup() {
    let tally = damage_at_random("flipped", |bytes, rng| {
        let at = rng.usize(..bytes.len());
        let count = rng.usize(1..=8).min(bytes.len() - at);
        for byte in &mut bytes[at..at + count] {
            *byte ^= rng.u8(1..);
        }
        format!("{count} bytes flipped at {at}")
    });
    assert_eq!(tally.values().sum::<usize>(), rounds());
}

#[test]
fn a_single_bit_flipped_anywhere_loses_nothing_before_the_backup() {
    // Anywhere: the file's header, a segment's header, a record's header or its value.
    let tally = damage_at_random("bit", |bytes, rng| {
        let at = rng.usize(..bytes.len());
        let bit = rng.u8(0..8);
        bytes[at] ^= 1 << bit;
        format!("bit {bit} of byte {at} flipped")
    });
    assert_eq!(tally.values().sum::<usize>(), rounds());
}

#[test]
fn a_zeroed_page_loses_nothing_before_the_backup() {
    const PAGE: usize = 4096;
    let tally = damage_at_random("zeroed", |bytes, rng| {
        let page = rng.usize(..bytes.len().div_ceil(PAGE));
        let end = ((page + 1) * PAGE).min(bytes.len());
        bytes[page * PAGE..end].fill(0);
        format!("page {page} (bytes {}..{end}) zeroed", page * PAGE)
    });
    assert_eq!(tally.values().sum::<usize>(), rounds());
}

#[test]
fn a_truncated_data_file_loses_nothing_before_the_backup() {
    let tally = damage_at_random("truncated", |bytes, rng| {
        let at = rng.usize(..bytes.len());
        bytes.truncate(at);
        format!("cut to {at} bytes")
    });
    assert_eq!(tally.values().sum::<usize>(), rounds());
}

#[test]
fn a_data_file_cut_early_is_rebuilt_from_the_backup() {
    let pristine = pristine(3);
    let dir = pristine.copy("cut-early");
    let data = dir.join("sled/db");
    let bytes = std::fs::read(&data).unwrap();
    std::fs::write(&data, &bytes[..bytes.len() / 3]).unwrap();
    assert_eq!(come_through(&pristine, &dir), Outcome::RepairedToBackup);
}

#[test]
fn a_half_written_snapshot_is_moved_aside_and_the_run_opens_whole() {
    let pristine = pristine(4);
    let dir = pristine.copy("half-snapshot");
    let half = dir.join("sled/snap.0000000000001000.generating");
    std::fs::write(&half, b"cut short by a kill").unwrap();
    let diagnosis = doctor::diagnose(&dir, pristine.plan.clone()).unwrap();
    assert_eq!(diagnosis.verdict(), Verdict::Repairable);
    assert!(!diagnosis.needs_rebuild());
    let report = diagnosis.report().join("\n");
    assert!(
        report.contains(
            "snap.0000000000001000.generating is a snapshot sled was killed while writing"
        ),
        "{report}"
    );
    drop(diagnosis);
    assert_eq!(come_through(&pristine, &dir), Outcome::Whole);
    assert!(!half.exists());
    let moved = std::fs::read_dir(dir.join("aside")).unwrap().count();
    assert_eq!(moved, 1, "the half snapshot is kept aside");
}

/// Damage done to sled's folder.
type Damage = fn(&Path);

#[test]
fn a_snapshot_or_configuration_sled_refuses_is_set_aside_and_nothing_is_lost() {
    let pristine = pristine(5);
    let damages: [(&str, Damage); 2] = [
        ("bad-snapshot", |sled| {
            std::fs::write(sled.join("snap.0000000000001000"), b"not a snapshot").unwrap();
        }),
        ("bad-conf", |sled| {
            let conf = sled.join("conf");
            let mut bytes = std::fs::read(&conf).unwrap();
            bytes[3] ^= 0x20;
            std::fs::write(&conf, bytes).unwrap();
        }),
    ];
    for (name, damage) in damages {
        let dir = pristine.copy(name);
        damage(&dir.join("sled"));
        let diagnosis = doctor::diagnose(&dir, pristine.plan.clone()).unwrap();
        assert_eq!(
            diagnosis.inspection.opened,
            Opened::WithoutConfAndSnapshots,
            "{name}"
        );
        drop(diagnosis);
        assert_eq!(
            come_through(&pristine, &dir),
            Outcome::RepairedWhole,
            "{name}"
        );
    }
}

#[test]
fn a_lost_data_folder_is_rebuilt_from_the_backup() {
    let pristine = pristine(6);
    let dir = pristine.copy("lost");
    std::fs::remove_dir_all(dir.join("sled")).unwrap();
    let diagnosis = doctor::diagnose(&dir, pristine.plan.clone()).unwrap();
    assert_eq!(diagnosis.inspection.opened, Opened::Missing);
    assert_eq!(diagnosis.merged.restored.len(), BACKED_UP);
    let report = diagnosis.report().join("\n");
    assert!(
        report.contains(&format!(
            "The store lacks events 1-{BACKED_UP} that the backup holds."
        )),
        "{report}"
    );
    let done = diagnosis.repair().unwrap();
    assert_eq!(done.store_aside, None, "there was nothing to move aside");
    let run = Run::open(pristine.plan.clone(), &dir).unwrap();
    assert_eq!(
        run.store().events().unwrap(),
        &pristine.acknowledged[..BACKED_UP]
    );
}

#[test]
fn a_backup_that_does_not_read_is_set_aside_and_an_older_one_used() {
    let pristine = pristine(7);
    let dir = pristine.copy("bad-backup");
    let good = backup::newest(&dir).unwrap().unwrap();
    // A newer backup, cut short: its name says more events than the store holds.
    let bad = good
        .path
        .with_file_name("run-00099999-20991231T000000Z.json");
    let bytes = std::fs::read(&good.path).unwrap();
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    match Run::open(pristine.plan.clone(), &dir) {
        Err(RunError::BehindBackup {
            backed_up: 99_999, ..
        }) => {}
        other => panic!("{other:?}"),
    }
    let diagnosis = doctor::diagnose(&dir, pristine.plan.clone()).unwrap();
    assert_eq!(diagnosis.newest.as_ref().unwrap().backup, good);
    assert_eq!(diagnosis.unreadable.len(), 1);
    assert!(!diagnosis.needs_rebuild());
    let done = diagnosis.repair().unwrap();
    assert_eq!(done.backups_aside.len(), 1);
    assert_eq!(
        std::fs::read(&done.backups_aside[0]).unwrap(),
        &bytes[..bytes.len() / 2]
    );
    let run = Run::open(pristine.plan.clone(), &dir).unwrap();
    assert_eq!(run.store().events().unwrap(), &pristine.acknowledged[..]);
}

#[test]
fn two_histories_are_left_to_a_person() {
    let pristine = pristine(8);
    let dir = pristine.copy("two-histories");
    let mut other = backup::read(&backup::newest(&dir).unwrap().unwrap().path).unwrap();
    other.events.truncate(BACKED_UP);
    let last = other.events.last_mut().unwrap();
    last.at += chrono::TimeDelta::seconds(1);
    other.exported_at += chrono::TimeDelta::hours(1);
    backup::write_export(&dir, &other).unwrap();
    let before = files(&dir);
    let diagnosis = doctor::diagnose(&dir, pristine.plan.clone()).unwrap();
    let seq = u64::try_from(BACKED_UP).unwrap();
    assert_eq!(diagnosis.verdict(), Verdict::Conflict(seq));
    let why = diagnosis.repair().unwrap_err();
    assert!(
        why.contains(&format!("two different histories from event {seq}")),
        "{why}"
    );
    assert_eq!(files(&dir), before, "a refused repair changed something");
}

#[test]
fn the_doctor_waits_for_the_run_to_close() {
    let pristine = pristine(9);
    let run = Run::open(pristine.plan.clone(), &pristine.dir).unwrap();
    let err = doctor::diagnose(&pristine.dir, pristine.plan.clone()).unwrap_err();
    assert!(err.to_string().contains("open in another window"), "{err}");
    drop(run);
    let diagnosis = doctor::diagnose(&pristine.dir, pristine.plan.clone()).unwrap();
    assert_eq!(
        diagnosis.verdict(),
        Verdict::Healthy,
        "{:?}",
        diagnosis.report()
    );
}

#[test]
fn the_command_says_what_it_found_and_repairs() {
    let pristine = pristine(10);
    let home = tempfile::tempdir().unwrap();
    let dir = pristine.copy("command");
    let data = dir.join("sled/db");
    let bytes = std::fs::read(&data).unwrap();
    std::fs::write(&data, &bytes[..bytes.len() / 4]).unwrap();
    let plan = home.path().join("plan.json");
    std::fs::write(&plan, serde_json::to_vec_pretty(&pristine.plan).unwrap()).unwrap();
    let doctor = |repair: bool| {
        let mut command = common::workshop(home.path());
        command.arg("--store").arg(&dir).arg("doctor").arg(&plan);
        if repair {
            command.arg("--repair");
        }
        common::output(&mut command)
    };
    let mut run = common::workshop(home.path());
    let refused = common::output(run.arg("--store").arg(&dir).arg("run").arg(&plan));
    assert!(!refused.status.success());
    let why = common::stderr(&refused);
    // sled either opens what came before the cut (and the backup shows the loss) or stops
    // inside its own code: either way the words say what to do, and no panic shows.
    assert!(
        (why.contains("but its backup") && why.contains("has lost events"))
            || why.contains("sled cannot read the store"),
        "{why}"
    );
    assert!(why.contains("`workshop doctor --repair`"), "{why}");
    assert!(!why.contains("panicked"), "{why}");
    let checked = doctor(false);
    let said = common::stdout(&checked);
    assert!(!checked.status.success());
    assert!(said.contains("The store lacks events"), "{said}");
    assert!(said.contains("The run needs a repair"), "{said}");
    let hint = common::stderr(&checked);
    assert!(
        hint.contains("To repair: workshop doctor --repair"),
        "{hint}"
    );
    assert!(hint.contains("--store"), "{hint}");

    let repaired = doctor(true);
    let said = common::stdout(&repaired);
    assert!(
        repaired.status.success(),
        "{said}{}",
        common::stderr(&repaired)
    );
    assert!(said.contains("Moved the damaged sled files to"), "{said}");
    assert!(said.contains("The run opens again with"), "{said}");

    let healthy = doctor(false);
    let said = common::stdout(&healthy);
    assert!(healthy.status.success(), "{said}");
    assert!(said.ends_with("The run is healthy.\n"), "{said}");
}

#[test]
fn backups_keep_the_newest_owner_only_and_clear_cut_short_ones() {
    let pristine = pristine(11);
    let run = Run::open(pristine.plan.clone(), &pristine.dir).unwrap();
    let folder = pristine.dir.join(backup::FOLDER);
    let leftover = folder.join(".run-00000005-20200101T000000Z.json.1.partial");
    std::fs::write(&leftover, b"{\"format\":").unwrap();
    let mut at = pristine.acknowledged.last().unwrap().at;
    for _ in 0..backup::KEEP + 3 {
        at += chrono::TimeDelta::minutes(30);
        backup::write(
            &pristine.dir,
            run.history(),
            Some(&run.store().reader().unwrap()),
            at,
        )
        .unwrap();
    }
    let kept = backup::list(&pristine.dir).unwrap();
    assert_eq!(kept.len(), backup::KEEP);
    let newest = &kept[0].path;
    assert!(
        newest
            .to_string_lossy()
            .contains(&at.format("%Y%m%dT%H%M%SZ").to_string())
    );
    assert!(!leftover.exists(), "a cut-short backup was left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(newest).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let read = backup::read(newest).unwrap();
    assert_eq!(read.events, pristine.acknowledged);
    assert_eq!(read.plan, pristine.plan);
}
