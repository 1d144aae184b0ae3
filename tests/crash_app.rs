//! The app under SIGKILL: a child drives `App` through the same path the keys take
//! (`App::execute` for every command, `Action::Export` for `X`) with a long random stream
//! of marks, agenda steps, notes, levels, scores, walk-ins, feedback and undos, starting an
//! export now and then, writing a backup as on quitting, and now and then quitting as the
//! app does and starting again. For each action the app acknowledged (the status line said it was
//! done) it prints the event and a fingerprint of the state the screen showed: every results
//! table as CSV. The parent kills it at random, during start-up, work and exports, reopens
//! the store and checks that every acknowledged event is there, that the fold of the log up
//! to each checked acknowledgement gives the same fingerprint, that every export file and
//! backup that exists under its final name is whole, and that the run reopens: a backup
//! never claims more than the store holds. The child restarts on the same store, so the
//! run grows across rounds, and each round's checks go on from the last one's fold.
//! `WORKSHOP_CRASH_ROUNDS` sets the number of kills.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;
mod powercut;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use common::kill::{self, KillAt};
use workshop::backup;
use workshop::event::{FeedbackForm, Mark, Question, Recorded};
use workshop::export::{self, Format, json, results};
use workshop::run::Run;
use workshop::state::{
    AgendaCommand, AssessmentCommand, AttendanceCommand, Command, ExercisesCommand,
    FeedbackCommand, History, State,
};
use workshop::tui::app::App;
use workshop::tui::keymap::Action;

const CHILD_DIR: &str = "WORKSHOP_CRASH_APP_DIR";
const CHILD_SEED: &str = "WORKSHOP_CRASH_APP_SEED";

/// What the screen showed, as a number two processes agree on: every results table.
fn fingerprint(state: &State) -> u64 {
    let at = Utc.with_ymd_and_hms(2020, 4, 4, 0, 0, 0).unwrap();
    // `DefaultHasher::new` has fixed keys, so parent and child hash alike.
    let mut hasher = std::hash::DefaultHasher::new();
    for table in results::tables(state, at) {
        table.to_csv().unwrap().hash(&mut hasher);
    }
    state.applied().hash(&mut hasher);
    hasher.finish()
}

/// A command of the kinds a facilitator gives, against the state as it is.
fn pick(rng: &mut fastrand::Rng, state: &State) -> Command {
    let people: Vec<String> = state.participants().iter().map(|p| p.id.clone()).collect();
    let person = people[rng.usize(..people.len())].clone();
    let day = state.current_day().unwrap_or(0);
    let cities = state.cities().to_vec();
    let criteria = common::criterion_ids(state);
    let item = state
        .current()
        .map_or_else(|| "d1-registration".to_owned(), |i| i.id.clone());
    match rng.u8(..100) {
        0..=29 => Command::Attendance(AttendanceCommand::Mark {
            participant: person,
            day,
            mark: Some(match rng.u8(..4) {
                0 => Mark::Absent,
                1 => Mark::Late {
                    at: "09:20".parse().unwrap(),
                },
                _ => Mark::Present,
            }),
        }),
        30..=41 => [
            Command::Agenda(AgendaCommand::Next),
            Command::Agenda(AgendaCommand::Next),
            Command::Agenda(AgendaCommand::Previous),
            Command::Agenda(AgendaCommand::TogglePause),
        ][rng.usize(..4)]
        .clone(),
        42..=49 => Command::Agenda(AgendaCommand::AddNote {
            item,
            text: format!("note {} — 메모", rng.u16(..)),
        }),
        50..=61 => {
            let city = cities[rng.usize(..cities.len())].clone();
            let rater = cities[rng.usize(..cities.len())].clone();
            Command::Assessment(AssessmentCommand::Assess {
                rater: (rng.bool() && rater != city).then_some(rater),
                city,
                criterion: criteria[rng.usize(..criteria.len())].clone(),
                level: rng.u8(0..=4),
            })
        }
        62..=71 => score(rng, state),
        72..=83 => Command::Undo,
        84..=87 => Command::Agenda(AgendaCommand::SetMessage(Some(format!(
            "Back at 1{}:00",
            rng.u8(..10)
        )))),
        88..=91 => Command::Attendance(AttendanceCommand::HeadCount {
            item,
            count: rng.u32(10..30),
        }),
        92..=95 => Command::Feedback(FeedbackCommand::GiveFeedback(FeedbackForm {
            answers: vec![(Question::Overall, rng.u8(1..=5))],
        })),
        _ => Command::Attendance(AttendanceCommand::AddParticipant(common::person(
            "p99",
            &format!("Walk-in {}", rng.u16(..)),
        ))),
    }
}

fn score(rng: &mut fastrand::Rng, state: &State) -> Command {
    let exercise = &state.plan().exercises[rng.usize(..state.plan().exercises.len())];
    let groups = state.groups(Some(&exercise.id));
    if groups.is_empty() {
        return Command::Exercises(ExercisesCommand::FormGroups {
            exercise: None,
            count: 4,
            present: state.participants().iter().map(|p| p.id.clone()).collect(),
        });
    }
    let criterion = &exercise.rubric[rng.usize(..exercise.rubric.len())];
    Command::Exercises(ExercisesCommand::Score {
        exercise: exercise.id.clone(),
        group: groups[rng.usize(..groups.len())].id.clone(),
        criterion: criterion.id.clone(),
        points: rng.u32(0..=criterion.max_points),
    })
}

/// The child: the app on the run in `CHILD_DIR`, given random commands until it is killed.
#[test]
#[ignore = "run by the app crash harness as its child process"]
fn app_under_kill() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let seed = std::env::var(CHILD_SEED).unwrap().parse().unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    let open = || {
        let run = Run::open(common::plan_2020(), Path::new(&dir)).expect("open");
        let mut app = App::new(run, dir.clone(), Utc::now);
        // As the event loop runs it: an action's disk sync overlaps its frame, and it counts
        // as acknowledged (shown) only once settled.
        app.overlap_syncs();
        app
    };
    let mut app = open();
    println!("opened");
    loop {
        if rng.u8(..200) == 0 && !app.is_exporting() {
            // Quitting as the app does (a backup, the state saved for the next opening), and
            // starting again, which opens from that saved state.
            app.settle();
            app.final_backup().expect("backup");
            app.run().save_snapshot_for_next_time();
            drop(app);
            println!("quit");
            app = open();
        }
        if rng.u8(..60) == 0 && !app.is_exporting() {
            app.act(Action::Export);
            println!("export started");
        }
        if rng.u8(..40) == 0 {
            // As on quitting: a backup written while the app waits, so kills land in it.
            app.final_backup().expect("backup");
        }
        let exporting = app.is_exporting();
        app.tick(Utc::now());
        if exporting && !app.is_exporting() {
            println!("export done");
        }
        let command = pick(&mut rng, app.state());
        if app.execute(&command) && app.settle() {
            let state = app.state();
            let recorded = app.run().event(state.applied()).unwrap();
            println!(
                "ack {} {} {}",
                recorded.seq,
                fingerprint(state),
                serde_json::to_string(&recorded).unwrap()
            );
        }
    }
}

/// One acknowledged action as the child printed it.
struct Ack {
    seq: u64,
    fingerprint: u64,
    recorded: Recorded,
}

fn acks(lines: &[String]) -> Vec<Ack> {
    lines
        .iter()
        .filter_map(|line| {
            let rest = line.split_once("ack ")?.1;
            let mut parts = rest.splitn(3, ' ');
            let seq = parts.next()?.parse().ok()?;
            let fingerprint = parts.next()?.parse().ok()?;
            // The last line may be cut off by the kill; a line that does not parse was not
            // read whole, and an ack not read was not given.
            let recorded = serde_json::from_str(parts.next()?).ok()?;
            Some(Ack {
                seq,
                fingerprint,
                recorded,
            })
        })
        .collect()
}

/// Every export folder under its final name holds every file, each whole; returns (whole
/// files, folders of exports cut short).
/// Files already checked (same path and time) are counted, not read again.
fn check_exports(
    dir: &Path,
    context: &str,
    checked: &mut HashSet<(PathBuf, SystemTime)>,
) -> (usize, usize) {
    let (mut whole, mut partial) = (0, 0);
    let Ok(folders) = std::fs::read_dir(dir.join("exports")) else {
        return (0, 0);
    };
    for folder in folders {
        let folder = folder.unwrap().path();
        let folder_name = folder.file_name().unwrap().to_string_lossy().into_owned();
        if folder_name.starts_with('.') && folder_name.ends_with(".partial") {
            // An export cut short: its folder never got a final name.
            partial += 1;
            continue;
        }
        let files = std::fs::read_dir(&folder).unwrap().count();
        assert_eq!(
            files,
            export::file_count(&Format::ALL),
            "{context}: {} holds every file of its export",
            folder.display()
        );
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            whole += 1;
            if !checked.insert((path.clone(), modified)) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let ok = match path.extension().and_then(|e| e.to_str()) {
                Some("json") => json::read(&text).is_ok(),
                Some("html") => text.trim_end().ends_with("</html>"),
                _ => !text.is_empty(),
            };
            assert!(ok, "{context}: {} is not whole", path.display());
        }
    }
    (whole, partial)
}

/// Removes all but the newest `keep` whole export folders, durably, as a facilitator who
/// moves them onto a stick would: the run's folder would otherwise grow by every export,
/// and each power cut copies all of it.
fn keep_newest_exports(dir: &Path, keep: usize) {
    let exports = dir.join("exports");
    let Ok(folders) = std::fs::read_dir(&exports) else {
        return;
    };
    let mut whole: Vec<PathBuf> = folders
        .map(|f| f.unwrap().path())
        .filter(|f| !f.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    whole.sort();
    for folder in &whole[..whole.len().saturating_sub(keep)] {
        std::fs::remove_dir_all(folder).unwrap();
    }
    std::fs::File::open(&exports).unwrap().sync_all().unwrap();
}

/// Every backup under its final name reads whole, and holds the start of the run's log;
/// returns how many backups, and leftovers under temporary names, were not seen before.
fn check_backups(
    dir: &Path,
    log: &[Recorded],
    context: &str,
    checked: &mut HashSet<PathBuf>,
) -> (usize, usize) {
    let Ok(files) = std::fs::read_dir(dir.join(backup::FOLDER)) else {
        return (0, 0);
    };
    let (mut new, mut partial) = (0, 0);
    for file in files {
        let path = file.unwrap().path();
        if !checked.insert(path.clone()) {
            continue;
        }
        if path.to_string_lossy().ends_with(".partial") {
            partial += 1;
            continue;
        }
        let read = backup::read(&path)
            .unwrap_or_else(|why| panic!("{context}: {} is not whole: {why}", path.display()));
        assert_eq!(
            *read.events,
            log[..read.events.len()],
            "{context}: {} is not the run's log",
            path.display()
        );
        new += 1;
    }
    (new, partial)
}

/// What happens to the machine when the child is killed.
enum Machine {
    /// Only the process dies: the kernel keeps what it was given.
    Killed { home: tempfile::TempDir },
    /// The power goes too: the run lives on the power-cut filesystem, and only what was
    /// durable is there when it comes back.
    PowerCut {
        home: tempfile::TempDir,
        fs: Option<powercut::PowerCut>,
        cuts: (usize, usize),
    },
}

impl Machine {
    fn power_cut() -> Self {
        let home = tempfile::tempdir().unwrap();
        for folder in ["backing", "mount"] {
            std::fs::create_dir(home.path().join(folder)).unwrap();
        }
        let fs = Self::mount(home.path());
        Machine::PowerCut {
            home,
            fs: Some(fs),
            cuts: (0, 0),
        }
    }

    fn mount(home: &Path) -> powercut::PowerCut {
        powercut::PowerCut::mount(&home.join("backing"), &home.join("mount"))
    }

    /// The run's folder: inside folders the run creates itself, as on a new laptop.
    fn run_dir(&self) -> PathBuf {
        match self {
            Machine::Killed { home } => home.path().join("run"),
            Machine::PowerCut { home, .. } => home.path().join("mount/data/workshop/run"),
        }
    }

    /// After the child was killed: with the power, every write not yet durable is lost
    /// (or, every other time, a random prefix of each file's later writes is kept).
    fn after_kill(&mut self, rng: &mut fastrand::Rng) {
        if let Machine::PowerCut { home, fs, cuts } = self {
            let torn = rng.bool();
            let cut = if torn {
                cuts.1 += 1;
                powercut::Cut::Torn(rng.u64(..))
            } else {
                cuts.0 += 1;
                powercut::Cut::DropAll
            };
            fs.take().unwrap().cut(cut);
            *fs = Some(Self::mount(home.path()));
        }
    }

    fn describe(&self) -> String {
        match self {
            Machine::Killed { .. } => "app crash harness".to_owned(),
            Machine::PowerCut { cuts, .. } => format!(
                "app power-cut harness ({} cuts dropping every unsynced write, {} tearing them)",
                cuts.0, cuts.1
            ),
        }
    }
}

#[test]
fn the_app_killed_at_random_loses_nothing_it_acknowledged() {
    harness(
        Machine::Killed {
            home: tempfile::tempdir().unwrap(),
        },
        kill::rounds(25),
    );
}

/// The run on the power-cut filesystem: each kill cuts the power too. `WORKSHOP_POWER_CUTS`
/// sets how many (default 50).
#[test]
fn the_app_with_its_power_cut_at_random_loses_nothing_it_acknowledged() {
    let cuts = kill::power_cuts(50);
    harness(Machine::power_cut(), cuts);
}

fn harness(mut machine: Machine, rounds: usize) {
    let seed = common::seed("crash_app");
    let mut rng = fastrand::Rng::with_seed(seed);
    let run_dir = machine.run_dir();
    let dir_text = run_dir.to_str().unwrap();
    let (mut acked, mut during_open, mut during_export, mut checked) = (0, 0, 0, 0);
    let mut open_time = Duration::from_millis(50);
    let mut exports_checked = HashSet::new();
    let (mut backups_checked, mut backups) = (HashSet::new(), (0, 0));
    let mut packed = 0;
    let mut quits = 0;
    // The log as the last round left it, and its fold, carried forward event by event.
    let mut previous: Vec<Recorded> = Vec::new();
    let mut folded = History::new(common::plan_2020());
    for round in 0..rounds {
        if round > 0 && round % 100 == 0 {
            eprintln!(
                "{}: {round} rounds, {acked} acknowledged",
                machine.describe()
            );
        }
        let context = format!("seed {seed}, round {round}");
        let child_seed = rng.u64(..).to_string();
        let at = KillAt::random(&mut rng, open_time, Duration::from_millis(400));
        let killed = kill::run_and_kill(
            "app_under_kill",
            &[(CHILD_DIR, dir_text), (CHILD_SEED, &child_seed)],
            at,
        );
        machine.after_kill(&mut rng);
        match killed.opened_after {
            Some(took) => open_time = took,
            None => during_open += 1,
        }
        quits += killed.lines.iter().filter(|l| *l == "quit").count();
        let export_lines: Vec<&String> = killed
            .lines
            .iter()
            .filter(|l| l.starts_with("export"))
            .collect();
        if export_lines.last().is_some_and(|l| *l == "export started") {
            during_export += 1;
        }
        let round_acks = acks(&killed.lines);
        acked += round_acks.len();

        let run = Run::open(common::plan_2020(), &run_dir)
            .unwrap_or_else(|e| panic!("{context}: the run does not reopen: {e}"));
        // Read from the packed segments where the log has them (every 4,096 events).
        let log = run.store().events().unwrap();
        packed = run.store().packed_segment_count();
        assert!(
            log.starts_with(&previous),
            "{context}: events stored before this round changed or went"
        );
        for ack in &round_acks {
            let stored = usize::try_from(ack.seq - 1)
                .ok()
                .and_then(|i| log.get(i))
                .unwrap_or_else(|| panic!("{context}: acknowledged event {} is missing", ack.seq));
            assert_eq!(
                *stored, ack.recorded,
                "{context}: event {} differs",
                ack.seq
            );
        }
        // The screen after the last acknowledgement, and after one chosen at random, is what
        // a fold of the log up to there gives; the fold goes on from the last round's.
        let mut to_check: Vec<&Ack> = round_acks.last().into_iter().collect();
        if !round_acks.is_empty() {
            to_check.push(&round_acks[rng.usize(..round_acks.len())]);
        }
        for recorded in &log[previous.len()..] {
            folded.apply(recorded);
            for ack in to_check.iter().filter(|a| a.seq == recorded.seq) {
                assert_eq!(
                    fingerprint(folded.state()),
                    ack.fingerprint,
                    "{context}: the state after event {} differs from the fold of the log",
                    ack.seq
                );
                checked += 1;
            }
        }
        folded.forget_older();
        // The reopened run (from a snapshot and the events after it, as a rule) is what
        // a fold of the whole log gives.
        assert!(
            *run.history() == folded,
            "{context}: the reopened state differs from the fold of its log"
        );
        let (new, partial) = check_backups(&run_dir, &log, &context, &mut backups_checked);
        backups = (backups.0 + new, backups.1 + partial);
        drop(run);
        check_exports(&run_dir, &context, &mut exports_checked);
        keep_newest_exports(&run_dir, 3);
        previous = log;
    }
    let (_, partial) = check_exports(&run_dir, "at the end", &mut exports_checked);
    let whole = exports_checked.len();
    eprintln!(
        "{}: {rounds} kills ({during_open} during start-up, {during_export} during an export, {quits} quits and restarts before them), {acked} acknowledged actions all present, {checked} states checked against the fold, {whole} whole export files, {partial} exports cut short (left under temporary names), {} whole backups ({} cut short), {packed} segments of the log packed, seed {seed}",
        machine.describe(),
        backups.0,
        backups.1
    );
    assert!(acked > 0, "the child never acted: is the re-run broken?");
}
