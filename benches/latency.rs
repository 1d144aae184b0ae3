//! A mark's latency as a person at the keyboard sees it: the real binary in a pseudo-terminal
//! on a run of 100 000 events (`benches/synthetic`), each key written to the terminal and
//! timed to the first byte of the frame that answers it. A cursor move (draw only) beside a
//! mark (decide, write, disk sync, apply, draw), and sled's own insert + flush + fsync of an
//! event-sized value, measured in the same run on the same disk: the floor no app can beat,
//! in a new database and in a copy of the run's, and the store's own write (stage, then
//! the disk thread's write) on a copy of the run. The floor is measured twice: written back
//! to back, and paced as the keys are (each write after the idle time a key comes after),
//! since the same write takes twice as long after a pause (the curve is printed too): the
//! paced floor is the write a mark actually costs.
//!
//! Prints the medians, a mark's extra time over a cursor move, and that extra as a multiple
//! of each floor (the target: under 1.5 of the paced one). `cargo bench --bench latency`;
//! `WORKSHOP_LATENCY_EVENTS` and `WORKSHOP_LATENCY_SAMPLES` change the run and the count.
#![allow(clippy::unwrap_used)]

mod synthetic;

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use workshop::run::Run;
use workshop::store::Store;

/// Output in chunks as the terminal received them, each with when it was read.
type Output = Receiver<(Instant, Vec<u8>)>;

/// The idle time before each write of the paced floor: about what passes between a frame
/// settling and the next key in the app's run ([`drain`]'s quiet time and a little).
const PAUSE: Duration = Duration::from_millis(45);

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The run on disk as the app leaves it on quitting (every event folded and saved).
fn fixture(root: &Path, events: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    let run = synthetic::run(events, 2026);
    let plan_file = root.join("plan.json");
    std::fs::write(&plan_file, serde_json::to_vec_pretty(&run.plan).unwrap()).unwrap();
    let store = root.join("store");
    let mut opened = Store::open(&store).unwrap();
    opened.save_run_plan(&run.plan).unwrap();
    opened
        .append_all(run.events.iter().map(|r| (r.at, &r.event)))
        .unwrap();
    drop(opened);
    Run::open(run.plan.clone(), &store)
        .unwrap()
        .save_snapshot_for_next_time();
    (plan_file, store)
}

/// A pseudo-terminal of 120x40: the master to write keys to and read the screen from, and
/// the path of the side the app gets.
fn pty() -> (File, File) {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let winsize = rustix::termios::Winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, winsize).unwrap();
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    (File::from(master), slave)
}

/// Reads the terminal on a thread of its own, passing on when each chunk arrived, and
/// answering as a terminal does when asked where the cursor is (ratatui asks at start).
fn read_output(mut master: File) -> Output {
    let (tx, rx) = mpsc::channel();
    let mut answers = master.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut buf = vec![0; 1 << 16];
        while let Ok(n) = master.read(&mut buf) {
            let chunk = &buf[..n];
            if chunk.windows(4).any(|w| w == b"\x1b[6n") {
                answers.write_all(b"\x1b[1;1R").unwrap();
            }
            if n == 0 || tx.send((Instant::now(), chunk.to_vec())).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits until nothing arrives for `quiet` (the clock redraws every second, so `quiet` is
/// kept well under that), or two seconds at most; returns how many bytes came.
fn drain(output: &Output, quiet: Duration) -> usize {
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut bytes = 0;
    while Instant::now() < deadline {
        match output.recv_timeout(quiet) {
            Ok((_, chunk)) => bytes += chunk.len(),
            Err(_) => break,
        }
    }
    bytes
}

/// Writes `key` and returns how long the first byte of the answer took.
fn timed_key(keys: &mut File, output: &Output, key: &[u8]) -> Option<Duration> {
    let sent = Instant::now();
    keys.write_all(key).unwrap();
    let answer = output.recv_timeout(Duration::from_secs(5)).ok()?;
    if std::env::var_os("WORKSHOP_LATENCY_SHOW").is_some() {
        eprintln!(
            "{key:?}: {:?}",
            String::from_utf8_lossy(&answer.1[..answer.1.len().min(120)])
        );
    }
    // The rest of the frame, and any clock tick just after, before the next key.
    drain(output, Duration::from_millis(40));
    Some(answer.0.saturating_duration_since(sent))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// sled's own insert + flush + fsync of `bytes`, `samples` times, into the tree `tree` of
/// the sled database in `path` (a new one, or a copy of the run's), after its last key;
/// each write after `pause` idle, as a key press comes after the last frame settled.
fn floor(path: &Path, tree: &str, bytes: usize, samples: usize, pause: Duration) -> Vec<Duration> {
    let db = sled::Config::new()
        .path(path)
        .cache_capacity(64 << 20)
        .open()
        .unwrap();
    let tree = db.open_tree(tree).unwrap();
    let data = File::open(path.join("db")).unwrap();
    let value = vec![b'x'; bytes];
    let after = tree.last().unwrap().map_or(0, |(key, _)| {
        u64::from_be_bytes(key.as_ref().try_into().unwrap())
    });
    (after + 1..=after + samples as u64)
        .map(|key| {
            std::thread::sleep(pause);
            let started = Instant::now();
            tree.insert(key.to_be_bytes(), value.as_slice()).unwrap();
            db.flush().unwrap();
            data.sync_data().unwrap();
            started.elapsed()
        })
        .collect()
}

/// The store's own durable write of a mark (`Store::stage`, then `Committer::write` as the
/// app's disk thread runs it), `samples` times, on the run in `dir`.
fn store_writes(dir: &Path, samples: usize) -> Vec<Duration> {
    let mut store = Store::open(dir).unwrap();
    let committer = store.committer().unwrap();
    let at = chrono::Utc::now();
    (0..samples)
        .map(|_| {
            let event = workshop::event::Event::HeadCounted {
                item: "d1-registration".into(),
                count: 20,
            };
            let started = Instant::now();
            let (_, staged) = store.stage(at, event).unwrap();
            committer.write(staged).unwrap();
            started.elapsed()
        })
        .collect()
}

/// A copy of the folder `from` (sled's files) at `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn spawn(plan: &Path, store: &Path, home: &Path, slave: &File) -> Child {
    Command::new(env!("CARGO_BIN_EXE_workshop"))
        .arg("--store")
        .arg(store)
        .arg("run")
        .arg(plan)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()))
        .spawn()
        .unwrap()
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test` run of benches passes nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let events = env_or("WORKSHOP_LATENCY_EVENTS", synthetic::EVENTS);
    let samples = env_or("WORKSHOP_LATENCY_SAMPLES", 200);
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let started = Instant::now();
    let (plan, store) = fixture(root.path(), events);
    eprintln!(
        "latency: {events} events stored and folded in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let (master, slave) = pty();
    let mut child = spawn(&plan, &store, root.path(), &slave);
    let output = read_output(master.try_clone().unwrap());
    let mut keys = master;
    // The first frame (opening a large run takes a while), then the attendance view.
    let first = output.recv_timeout(Duration::from_secs(60));
    assert!(first.is_ok(), "the app drew nothing in a minute");
    drain(&output, Duration::from_millis(300));
    keys.write_all(b"\t").unwrap();
    drain(&output, Duration::from_millis(300));

    let (mut moves, mut marks) = (Vec::new(), Vec::new());
    for i in 0..samples {
        let step: &[u8] = if i % 2 == 0 { b"j" } else { b"k" };
        moves.extend(timed_key(&mut keys, &output, step));
        marks.extend(timed_key(&mut keys, &output, b" "));
    }
    keys.write_all(b"q").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        drain(&output, Duration::from_millis(100));
    }
    let _ = child.kill();

    // An event as the app writes it: a mark of one person, about 150 bytes; into a new
    // database, and into a copy of the run's (its events tree as large as the run's).
    let fresh = median(floor(
        &root.path().join("floor"),
        "events",
        150,
        samples,
        Duration::ZERO,
    ));
    let copy = root.path().join("copy");
    copy_dir(&store.join("sled"), &copy);
    let same = median(floor(&copy, "events", 150, samples, Duration::ZERO));
    let paced_copy = root.path().join("paced-copy");
    copy_dir(&store.join("sled"), &paced_copy);
    let paced = median(floor(&paced_copy, "events", 150, samples, PAUSE));
    // How the idle time alone changes the same write: the curve between the two.
    let curve: Vec<String> = [1, 5, 15]
        .into_iter()
        .map(|pause| {
            let write = median(floor(
                &paced_copy,
                "events",
                150,
                samples / 2,
                Duration::from_millis(pause),
            ));
            format!("{pause} ms idle {:.3} ms", ms(write))
        })
        .collect();
    let run_copy = root.path().join("run-copy");
    copy_dir(&store, &run_copy);
    let written = median(store_writes(&run_copy, samples));
    let (cursor, mark) = (median(moves), median(marks));
    let extra = mark.saturating_sub(cursor);
    let ratio = |floor: Duration| extra.as_secs_f64() / floor.as_secs_f64().max(f64::EPSILON);
    println!(
        "latency at {events} events, {samples} samples each (medians): cursor move {:.3} ms, \
         mark {:.3} ms, a mark's extra {:.3} ms. sled insert + flush + fsync: {:.3} ms in a new \
         database (extra / floor {:.2}), {:.3} ms in a copy of the run's (extra / floor {:.2}); \
         target < 1.5. The store's own write on a copy of the run: {:.3} ms. Paced as keys \
         are ({} ms idle before each), sled's write in a copy of the run: {:.3} ms (extra / \
         floor {:.2}); {}",
        ms(cursor),
        ms(mark),
        ms(extra),
        ms(fresh),
        ratio(fresh),
        ms(same),
        ratio(same),
        ms(written),
        PAUSE.as_millis(),
        ms(paced),
        ratio(paced),
        curve.join(", "),
    );
}
