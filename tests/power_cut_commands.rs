//! The commands that write, under power cuts: `roster import`, `scores import`, `export
//! --out`, `import --force` and `doctor --repair`, each run as the real binary on the
//! power-cut filesystem, left to finish (half the time) or killed at a random moment, and
//! then the power is cut (every unsynced write dropped, or a torn prefix of them kept) and
//! the filesystem mounted afresh. Checked after each cut, against the log as the last round left it:
//! - the run opens (or `doctor --repair` rebuilds it, counted);
//! - a command that said it was done is there whole: the imported people or levels as the
//!   log's one new event, the imported run's log in place of the old one (which is kept
//!   aside), every file of an export, whole and of the run as it stands;
//! - a command cut short left all or nothing: the log as it was or as the command would
//!   have left it, never another; every export file that shows is whole.
//!
//! `WORKSHOP_POWER_CUTS` sets the number of rounds (default 60); `WORKSHOP_SEED` replays one.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;
mod powercut;

use std::collections::HashSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use workshop::event::{Event, Recorded};
use workshop::export::{self, Format, json};
use workshop::run::Run;
use workshop::store::Store;

const PLAN: &str = "cifal-jeju-2020-vca";

/// What a round runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Writer {
    Roster,
    Scores,
    Export,
    Import,
    Repair,
}

impl Writer {
    const ALL: [Writer; 5] = [
        Writer::Roster,
        Writer::Scores,
        Writer::Export,
        Writer::Import,
        Writer::Repair,
    ];

    fn index(self) -> usize {
        Self::ALL.iter().position(|w| *w == self).unwrap()
    }

    fn pick(rng: &mut fastrand::Rng) -> Self {
        match rng.u8(..100) {
            0..=29 => Writer::Roster,
            30..=54 => Writer::Scores,
            55..=74 => Writer::Export,
            75..=91 => Writer::Import,
            _ => Writer::Repair,
        }
    }
}

/// The machine: a backing folder mounted through the power-cut filesystem, and the files a
/// person brings (CSV files, a run to import) on another disk.
struct Machine {
    home: tempfile::TempDir,
    fs: Option<powercut::PowerCut>,
}

impl Machine {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        for folder in ["backing", "mount", "inputs"] {
            std::fs::create_dir(home.path().join(folder)).unwrap();
        }
        let fs = Some(Self::mount(home.path()));
        Self { home, fs }
    }

    fn mount(home: &Path) -> powercut::PowerCut {
        powercut::PowerCut::mount(&home.join("backing"), &home.join("mount"))
    }

    fn mounted(&self) -> PathBuf {
        self.home.path().join("mount")
    }

    /// The run's folder, inside folders the first command creates.
    fn run_dir(&self) -> PathBuf {
        self.mounted().join("data/workshop/run")
    }

    /// One of the few folders exports go to (so later exports replace earlier ones).
    fn out_dir(&self, n: usize) -> PathBuf {
        self.mounted().join(format!("exports-{n}"))
    }

    fn input(&self, name: &str) -> PathBuf {
        self.home.path().join("inputs").join(name)
    }

    fn cut(&mut self, rng: &mut fastrand::Rng, cuts: &mut (usize, usize)) {
        let cut = if rng.bool() {
            cuts.1 += 1;
            powercut::Cut::Torn(rng.u64(..))
        } else {
            cuts.0 += 1;
            powercut::Cut::DropAll
        };
        self.fs.take().unwrap().cut(cut);
        self.fs = Some(Self::mount(self.home.path()));
    }
}

/// How a command ended: done (it exited saying so), or killed first.
struct Ended {
    done: bool,
    stdout: String,
    took: Duration,
}

/// Runs the binary with `args` on the run's store, killing it after `limit` unless it has
/// exited by then.
fn run_until(machine: &Machine, args: &[&std::ffi::OsStr], limit: Duration) -> Ended {
    let started = Instant::now();
    let mut child: Child = common::workshop(&machine.mounted())
        .arg("--store")
        .arg(machine.run_dir())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the workshop binary runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() >= limit {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let done = match status {
        Some(status) => {
            assert!(
                status.success(),
                "{args:?} failed on a whole run: {}{}",
                stdout,
                String::from_utf8_lossy(&output.stderr)
            );
            true
        }
        None => false,
    };
    Ended {
        done,
        stdout,
        took: started.elapsed(),
    }
}

/// The export folder's files of this plan, each checked whole; returns their count and the
/// log its JSON file holds, if it has one.
fn check_export_folder(dir: &Path, context: &str) -> (usize, Option<Vec<Recorded>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, None);
    };
    let (mut files, mut log) = (0, None);
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with(PLAN) {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{context}: {} does not read: {e}", path.display()));
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                let read = json::read(&text)
                    .unwrap_or_else(|e| panic!("{context}: {} is not whole: {e}", path.display()));
                log = Some(read.events);
            }
            Some("html") => assert!(
                text.trim_end().ends_with("</html>"),
                "{context}: {} is not whole",
                path.display()
            ),
            _ => assert!(!text.is_empty(), "{context}: {} is empty", path.display()),
        }
    }
    (files, log)
}

/// Whether an export into `dir` was cut short and waits for the next one to finish it.
fn export_pending(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".export.")
        })
    })
}

/// The run's log as the store holds it, opening it as the app would; a run that does not
/// open is repaired with `workshop doctor --repair` (counted in `repairs`).
fn read_log(machine: &Machine, context: &str, repairs: &mut usize) -> Vec<Recorded> {
    let dir = machine.run_dir();
    if !dir.join("sled").exists() {
        return Vec::new();
    }
    let run = match Run::open(common::plan_2020(), &dir) {
        Ok(run) => run,
        Err(why) => {
            *repairs += 1;
            let out = common::output(
                common::workshop(&machine.mounted())
                    .arg("--store")
                    .arg(&dir)
                    .args(["doctor", "--repair"])
                    .arg(common::session(PLAN)),
            );
            assert!(
                out.status.success(),
                "{context}: the run does not open ({why}) and doctor --repair fails: {}{}",
                common::stdout(&out),
                common::stderr(&out)
            );
            Run::open(common::plan_2020(), &dir)
                .unwrap_or_else(|e| panic!("{context}: the repaired run does not open: {e}"))
        }
    };
    run.store().events().unwrap()
}

/// A roster CSV of a few new people, named for the round so no one is already there.
fn roster_csv(rng: &mut fastrand::Rng, round: usize) -> (String, Vec<String>) {
    const CITIES: [(&str, &str); 4] = [
        ("Jeju", "Korea"),
        ("Bangkok", "Thailand"),
        ("Phnom Penh", "Cambodia"),
        ("Cebu City", "Philippines"),
    ];
    let mut csv = "name,organisation,country,city,sector,email\n".to_owned();
    let mut names = Vec::new();
    for i in 0..rng.usize(1..=6) {
        let name = format!("전원 {round}-{i} Power");
        let (city, country) = CITIES[rng.usize(..CITIES.len())];
        writeln!(csv, "{name},Shelter {i},{country},{city},ngo,").unwrap();
        names.push(name);
    }
    (csv, names)
}

/// A scores CSV of distinct (rater, city, criterion) rows among the run's cities.
fn scores_csv(rng: &mut fastrand::Rng, cities: &[String], criteria: &[String]) -> (String, usize) {
    let mut csv = "rater_city,rated_city,criterion,level,note\n".to_owned();
    let mut seen = HashSet::new();
    for _ in 0..rng.usize(1..=12) {
        let city = &cities[rng.usize(..cities.len())];
        let rater = &cities[rng.usize(..cities.len())];
        let rater = if rng.bool() && rater != city {
            rater.as_str()
        } else {
            ""
        };
        let criterion = &criteria[rng.usize(..criteria.len())];
        if seen.insert((rater.to_owned(), city.clone(), criterion.clone())) {
            writeln!(
                csv,
                "{rater},{city},{criterion},{},\"note, {}\"",
                rng.u8(0..=4),
                rng.u16(..)
            )
            .unwrap();
        }
    }
    (csv, seen.len())
}

/// What the log may be after a round, beside the log before it.
enum Expect {
    /// As it was (an export, a check of a whole run).
    Same,
    /// One new event (these people, or this many levels) if done; as it was or with that
    /// event if cut short.
    Appended(NewEvent),
    /// The imported log if done; that or as it was if cut short.
    Replaced(Vec<Recorded>),
}

enum NewEvent {
    People(Vec<String>),
    Levels(usize),
}

impl Expect {
    fn holds(&self, previous: &[Recorded], log: &[Recorded], done: bool) -> bool {
        match self {
            Expect::Same => log == previous,
            Expect::Appended(new) => {
                let appended = log.len() == previous.len() + 1
                    && log.starts_with(previous)
                    && match (&new, &log[log.len() - 1].event) {
                        (
                            NewEvent::People(names),
                            Event::ParticipantsAdded { participants, .. },
                        ) => participants.iter().map(|p| &p.name).eq(names.iter()),
                        (NewEvent::Levels(count), Event::ScoresImported { scores, .. }) => {
                            scores.len() == *count
                        }
                        _ => false,
                    };
                appended || (!done && log == previous)
            }
            Expect::Replaced(imported) => log == imported || (!done && log == previous),
        }
    }
}

/// The first export's JSON file found in the export folders, whole, and its log.
fn an_exported_run(machine: &Machine, context: &str) -> Option<(PathBuf, Vec<Recorded>)> {
    (0..3).find_map(|n| {
        let dir = machine.out_dir(n);
        let log = check_export_folder(&dir, context).1?;
        let file = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with(PLAN) && name.ends_with("-run.json")
            })?;
        Some((file, log))
    })
}

/// Runs `writer` (killed after `limit` unless it is done by then) and says what the log
/// may be afterwards.
fn run_writer(
    machine: &Machine,
    writer: Writer,
    rng: &mut fastrand::Rng,
    round: usize,
    limit: Duration,
    out: &Path,
) -> (Ended, Expect) {
    let plan = common::session(PLAN);
    let plan = plan.as_os_str();
    let roster_or_scores = |kind: &str, file: &Path| {
        let args = [kind.as_ref(), "import".as_ref(), plan, file.as_os_str()];
        run_until(machine, &args, limit)
    };
    match writer {
        Writer::Roster => {
            let (csv, names) = roster_csv(rng, round);
            let file = machine.input("people.csv");
            std::fs::write(&file, csv).unwrap();
            let ended = roster_or_scores("roster", &file);
            (ended, Expect::Appended(NewEvent::People(names)))
        }
        Writer::Scores => {
            let run = Run::open(common::plan_2020(), &machine.run_dir()).unwrap();
            let cities = run.state().cities().to_vec();
            let criteria = common::criterion_ids(run.state());
            drop(run);
            let (csv, count) = scores_csv(rng, &cities, &criteria);
            let file = machine.input("levels.csv");
            std::fs::write(&file, csv).unwrap();
            let ended = roster_or_scores("scores", &file);
            (ended, Expect::Appended(NewEvent::Levels(count)))
        }
        Writer::Export => {
            let args = [
                "export".as_ref(),
                plan,
                "--full".as_ref(),
                "--out".as_ref(),
                out.as_os_str(),
            ];
            (run_until(machine, &args, limit), Expect::Same)
        }
        Writer::Import => {
            let (exported, log) = an_exported_run(machine, "before an import").unwrap();
            let file = machine.input("run.json");
            std::fs::copy(exported, &file).unwrap();
            let args = ["import".as_ref(), file.as_os_str(), "--force".as_ref()];
            (run_until(machine, &args, limit), Expect::Replaced(log))
        }
        Writer::Repair => {
            let args = ["doctor".as_ref(), "--repair".as_ref(), plan];
            (run_until(machine, &args, limit), Expect::Same)
        }
    }
}

/// What a round checks beyond the log: where an import put the old run, and the export.
fn check_after(
    writer: Writer,
    ended: &Ended,
    out: &Path,
    previous: &[Recorded],
    log: &[Recorded],
    context: &str,
) -> usize {
    match writer {
        Writer::Import if ended.done => {
            let aside = ended
                .stdout
                .lines()
                .find_map(|l| l.strip_prefix("Moved the run that was there to "))
                .and_then(|rest| rest.strip_suffix('.'))
                .unwrap_or_else(|| panic!("{context}: the import tells where the old run went"));
            let kept = Store::open(Path::new(aside)).unwrap().events().unwrap();
            assert_eq!(kept, previous, "{context}: the run moved aside is whole");
            0
        }
        Writer::Export => {
            let (files, exported) = check_export_folder(out, context);
            let all = export::file_count(&Format::ALL);
            if ended.done {
                assert!(
                    !export_pending(out),
                    "{context}: the export left no leftovers"
                );
                assert_eq!(files, all, "{context}: the export holds every file");
                assert_eq!(exported.as_deref(), Some(log), "{context}: of the run");
            } else if !export_pending(out) {
                assert!(
                    files == 0 || files == all,
                    "{context}: an export cut short left {files} files"
                );
            }
            files
        }
        _ => 0,
    }
}

#[test]
fn the_commands_with_the_power_cut_at_random_leave_all_or_nothing() {
    let rounds = common::kill::power_cuts(60);
    let seed = common::seed("power_cut_commands");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut machine = Machine::new();
    let mut previous: Vec<Recorded> = Vec::new();
    let mut typical = [Duration::from_millis(300); 5];
    let (mut done, mut cut_short) = ([0usize; 5], [0usize; 5]);
    let (mut cuts, mut repairs, mut files_checked) = ((0, 0), 0, 0);
    for round in 0..rounds {
        let context = format!("seed {seed}, round {round}");
        let writer = match Writer::pick(&mut rng) {
            _ if previous.is_empty() => Writer::Roster,
            Writer::Import if an_exported_run(&machine, &context).is_none() => Writer::Export,
            writer => writer,
        };
        // Half the commands are left to finish, half killed within the time one takes.
        let limit = if rng.bool() {
            Duration::from_secs(60)
        } else {
            typical[writer.index()].mul_f64(rng.f64())
        };
        let out = machine.out_dir(rng.usize(..3));
        let (ended, expect) = run_writer(&machine, writer, &mut rng, round, limit, &out);
        if ended.done {
            done[writer.index()] += 1;
            typical[writer.index()] = ended.took;
        } else {
            cut_short[writer.index()] += 1;
        }
        machine.cut(&mut rng, &mut cuts);

        let log = read_log(&machine, &context, &mut repairs);
        assert!(
            expect.holds(&previous, &log, ended.done),
            "{context}: {writer:?} ({}) left a log of {} events after {}:\n{}",
            if ended.done { "done" } else { "cut short" },
            log.len(),
            previous.len(),
            ended.stdout
        );
        files_checked += check_after(writer, &ended, &out, &previous, &log, &context);
        previous = log;
    }
    let say = |counts: [usize; 5]| {
        Writer::ALL
            .iter()
            .map(|w| format!("{w:?} {}", counts[w.index()]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    eprintln!(
        "commands under power cuts ({} dropping every unsynced write, {} tearing them): done: {}; cut short: {}; {repairs} runs repaired by doctor, {files_checked} export files whole, {} events in the final log, seed {seed}",
        cuts.0,
        cuts.1,
        say(done),
        say(cut_short),
        previous.len()
    );
    assert!(done.iter().sum::<usize>() > 0, "no command ever finished");
}
