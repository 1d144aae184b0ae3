//! `workshop` at the largest scale it is built for: a 14-day plan, 200 participants from 50
//! cities and 100 000 events (`benches/synthetic`), in a real sled store on this disk.
//!
//! - `startup`: load the plan file, open the store, fold every event, draw the first frame;
//! - `mark` and `undo`: one action through the app (decide, append, disk sync, apply, redraw),
//!   beside `sled-floor`: sled's own insert + flush + fsync of an event of the same size;
//! - `render-<view>`: each view drawn at 120x40 (the heaviest is the one that counts);
//! - `export`: what `X` does, every format written to a folder.
//!
//! After criterion's own report it prints the medians against the targets, and the resident
//! memory of a fresh process that opened the run and drew its first frame (then backed up,
//! then exported).
//! Run with `cargo bench --bench scale`; `WORKSHOP_SCALE_EVENTS` changes the event count.
#![allow(clippy::unwrap_used)]

mod synthetic;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use workshop::event::{Event, Mark};
use workshop::export::{self, Format, Privacy};
use workshop::plan::load_plan;
use workshop::run::Run;
use workshop::state::{AttendanceCommand, Command};
use workshop::store::Store;
use workshop::tui::app::App;
use workshop::tui::ui::{Mode, View};
use workshop::tui::views;

/// Set in the child process that measures memory: the fixture folder to open.
const MEMORY_CHILD: &str = "WORKSHOP_SCALE_MEMORY_CHILD";
/// Set in that child: the store in the fixture folder to open.
const MEMORY_STORE: &str = "WORKSHOP_SCALE_MEMORY_STORE";

/// The run on disk: the plan file and three stores holding every event, as they stand
/// after the app quit (a snapshot of every event saved), after it was killed (the newest
/// snapshot is [`TAIL`] events old) and when no snapshot can be used (the first opening after an
/// upgrade).
struct Fixture {
    _root: tempfile::TempDir,
    plan_file: PathBuf,
    store: PathBuf,
    killed: PathBuf,
    no_snapshot: PathBuf,
    events: usize,
}

/// The most events a store can hold after its newest snapshot: one short of the interval
/// between the snapshots the app saves.
const TAIL: usize = 1023;

fn fixture() -> Fixture {
    let events = std::env::var("WORKSHOP_SCALE_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(synthetic::EVENTS);
    let started = Instant::now();
    let run = synthetic::run(events, 2026);
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let plan_file = root.path().join("plan.json");
    std::fs::write(&plan_file, serde_json::to_vec_pretty(&run.plan).unwrap()).unwrap();
    let append = |dir: &Path, events: &[workshop::event::Recorded]| {
        let mut opened = Store::open(dir).unwrap();
        opened.save_run_plan(&run.plan).unwrap();
        opened
            .append_all(events.iter().map(|r| (r.at, &r.event)))
            .unwrap();
    };
    let no_snapshot = root.path().join("no_snapshot");
    append(&no_snapshot, &run.events);
    let store = root.path().join("store");
    copy_store(&no_snapshot, &store);
    Run::open(run.plan.clone(), &store)
        .unwrap()
        .save_snapshot_for_next_time();
    let killed = root.path().join("killed");
    let (before, tail) = run.events.split_at(events.saturating_sub(TAIL));
    append(&killed, before);
    Run::open(run.plan.clone(), &killed)
        .unwrap()
        .save_snapshot_for_next_time();
    append(&killed, tail);
    eprintln!(
        "generated and stored {events} events in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Fixture {
        _root: root,
        plan_file,
        store,
        killed,
        no_snapshot,
        events,
    }
}

/// What the binary does before its first frame: read the plan, open the run, draw.
fn open_and_draw(plan_file: &Path, store: &Path, terminal: &mut Terminal<TestBackend>) -> App {
    let plan = load_plan(plan_file).unwrap().plan;
    let run = Run::open(plan, store).unwrap();
    let app = App::new(run, store.display().to_string(), Utc::now);
    draw(terminal, &app);
    app
}

/// One frame of the app, as the event loop draws it.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| views::draw(frame, app.state(), &app.ui))
        .unwrap();
}

fn startup(c: &mut Criterion, fixture: &Fixture) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for (id, store) in [
        ("startup", &fixture.store),
        ("startup-killed", &fixture.killed),
    ] {
        // Closing the run (sled flushes and stops its threads) is not start-up: untimed.
        group.bench_function(id, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    let app = open_and_draw(&fixture.plan_file, store, &mut terminal);
                    spent += started.elapsed();
                    drop(app);
                }
                spent
            });
        });
    }
    // Without a snapshot it can use, the run folds every event and saves a snapshot: a fresh
    // copy of the store each time, so that the snapshot saved is not used by the next.
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let copy = scratch.path().join("store");
    group.bench_function("startup-no-snapshot", |b| {
        b.iter_batched(
            || fresh_copy(&fixture.no_snapshot, &copy),
            |()| open_and_draw(&fixture.plan_file, &copy, &mut terminal),
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// A new copy of `from` in `to`, in place of whatever was there.
fn fresh_copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    copy_store(from, to);
}

/// A copy of the fixture's store, so the actions measured do not change what start-up reads;
/// synced.
fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_store(&entry.path(), &target);
        } else if entry.file_name() != "lock" {
            std::fs::copy(entry.path(), &target).unwrap();
            // On disk before anything is timed: writing back a copy's pages meanwhile
            // would slow the disk syncs measured.
            std::fs::File::open(&target).unwrap().sync_all().unwrap();
        }
    }
}

fn actions(c: &mut Criterion, fixture: &Fixture) {
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let store = scratch.path().join("store");
    copy_store(&fixture.store, &store);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = open_and_draw(&fixture.plan_file, &store, &mut terminal);
    // As `workshop run` does: marks on the attendance view (the heaviest), each action's
    // frame drawn while its disk sync runs, and done once the sync is.
    app.ui.view = View::Attendance;
    app.overlap_syncs();
    let day = app.state().plan().days.len() - 1;
    app.ui.attendance.day = day;
    let mut flip = false;
    let mut mark = move || {
        flip = !flip;
        Command::Attendance(AttendanceCommand::Mark {
            participant: "s042".into(),
            day,
            mark: Some(if flip { Mark::Present } else { Mark::Absent }),
        })
    };
    let mut group = c.benchmark_group("scale");
    group.bench_function("mark", |b| {
        b.iter(|| {
            assert!(app.execute(&mark()));
            draw(&mut terminal, &app);
            assert!(app.settle());
        });
    });
    group.bench_function("undo", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                // The mark as the app does it, its frame drawn: the undo then follows the
                // mark as the mark measured above follows the one before it.
                assert!(app.execute(&mark()));
                draw(&mut terminal, &app);
                assert!(app.settle());
                let started = Instant::now();
                assert!(app.execute(&Command::Undo));
                draw(&mut terminal, &app);
                assert!(app.settle());
                spent += started.elapsed();
            }
            spent
        });
    });
    let event = serde_json::to_vec(&Event::Marked {
        day: app.state().plan().days[day].date,
        participants: vec!["s042".into()],
        mark: Some(Mark::Present),
    })
    .unwrap();
    sled_floor(&mut group, scratch.path(), event.len() + 40);
    group.finish();
}

/// sled's own durable write, done the way the store does it: insert, flush, fsync the file.
fn sled_floor(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    dir: &Path,
    bytes: usize,
) {
    let path = dir.join("floor");
    let db = sled::Config::new().path(&path).open().unwrap();
    let data = std::fs::File::open(path.join("db")).unwrap();
    let value = vec![b'x'; bytes];
    let mut key = 0_u64;
    group.bench_function("sled-floor", |b| {
        b.iter(|| {
            key += 1;
            db.insert(key.to_be_bytes(), value.as_slice()).unwrap();
            db.flush().unwrap();
            data.sync_data().unwrap();
        });
    });
}

fn renders(c: &mut Criterion, fixture: &Fixture) {
    let plan = load_plan(&fixture.plan_file).unwrap().plan;
    let run = Run::open(plan, &fixture.store).unwrap();
    let mut app = App::new(run, "store".into(), Utc::now);
    app.ui.attendance.day = app.state().plan().days.len() - 1;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("scale");
    for view in View::ALL {
        app.ui.view = view;
        let name = format!("render-{view:?}").to_lowercase();
        group.bench_function(name, |b| {
            b.iter(|| draw(&mut terminal, &app));
        });
    }
    app.ui.view = View::Agenda;
    app.ui.mode = Mode::Projector { blank: false };
    group.bench_function("render-projector", |b| {
        b.iter(|| {
            draw(&mut terminal, &app);
        });
    });
    // Saving a snapshot of the whole state, as the app does every 1024 events and on quitting.
    group.bench_function("snapshot-save", |b| {
        b.iter(|| {
            let history = app.run().history();
            let snapshot = history.snapshot().unwrap();
            let store = app.run().store();
            store.save_snapshot(history.applied(), &snapshot).unwrap();
            store.sync().unwrap();
            snapshot.len()
        });
    });
    let out = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    group.sample_size(10);
    // Packing segments of the log, as the app does every 4096 events: every segment of a
    // store that has none packed yet, its events read first, as the app has just written them.
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let copy = scratch.path().join("store");
    group.bench_function("pack-all", |b| {
        b.iter_batched(
            || {
                fresh_copy(&fixture.no_snapshot, &copy);
                let store = Store::open(&copy).unwrap();
                store.events().unwrap();
                store
            },
            |store| {
                store.pack_segments_through(u64::MAX).unwrap();
                store
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.bench_function("export", |b| {
        b.iter(|| export_all(&app, out.path()));
    });
    // The first export after opening, as `X` at the end of a day usually is: sled has not
    // read the older events yet.
    drop(app);
    group.bench_function("export-first", |b| {
        b.iter_batched(
            || {
                let plan = load_plan(&fixture.plan_file).unwrap().plan;
                App::new(
                    Run::open(plan, &fixture.store).unwrap(),
                    "store".into(),
                    Utc::now,
                )
            },
            // The app is handed back, so that closing it is not timed.
            |app| {
                let written = export_all(&app, out.path());
                (app, written)
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// What `X` does: copy the state for the worker, write every format, reading the log back.
fn export_all(app: &App, out: &Path) -> usize {
    let history = app.run().history().copy_to_read();
    let reader = app.run().store().reader().unwrap();
    let formats = Format::ALL;
    let at = Utc::now();
    export::write(
        &history,
        Some(&reader),
        &formats,
        Privacy::ConsentedNamed,
        at,
        out,
        |_, _| {},
    )
    .unwrap()
    .len()
}

/// Peak and current resident memory of this process, in MiB, from /proc.
fn memory() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// The child: opens the run in `store` as the binary does, draws, reports memory; backs up,
/// reports; exports, reports again.
fn memory_child(root: &str, store: &str) {
    let root = Path::new(root);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let app = open_and_draw(&root.join("plan.json"), &root.join(store), &mut terminal);
    let (peak, now) = memory().unwrap_or_default();
    println!("{store}: first-frame {peak:.1} {now:.1}");
    // A backup, as the app makes every half hour: it reads the whole log too.
    let backups = tempfile::tempdir_in(root).unwrap();
    let reader = app.run().store().reader().unwrap();
    let history = app.run().history().copy_to_read();
    workshop::backup::write(backups.path(), &history, Some(&reader), Utc::now()).unwrap();
    drop(history);
    let (peak, now) = memory().unwrap_or_default();
    println!("{store}: after-backup {peak:.1} {now:.1}");
    let out = tempfile::tempdir_in(root).unwrap();
    export_all(&app, out.path());
    let (peak, now) = memory().unwrap_or_default();
    println!("{store}: after-export {peak:.1} {now:.1}");
}

/// Each store opened in a fresh process, as after a quit and after a kill.
fn measure_memory(fixture: &Fixture) -> String {
    let root = fixture.plan_file.parent().unwrap();
    [&fixture.store, &fixture.killed]
        .into_iter()
        .map(|store| {
            let output = std::process::Command::new(std::env::current_exe().unwrap())
                .env(MEMORY_CHILD, root)
                .env(MEMORY_STORE, store.file_name().unwrap())
                .output()
                .unwrap();
            String::from_utf8_lossy(&output.stdout).into_owned()
        })
        .collect()
}

/// The median of a benchmark from criterion's saved estimates, in seconds.
fn median(id: &str) -> Option<f64> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/criterion/scale")
        .join(id)
        .join("new/estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64().map(|ns| ns / 1e9)
}

fn summary(fixture: &Fixture, memory: &str) {
    let ms = |id: &str| median(id).map_or("-".to_owned(), |s| format!("{:.3} ms", s * 1e3));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "\n== workshop at scale: {} events, medians ==",
        fixture.events
    )
    .unwrap();
    for (id, case) in [
        ("startup", "after a quit"),
        ("startup-killed", "after a kill"),
        ("startup-no-snapshot", "folding all"),
    ] {
        writeln!(
            out,
            "start-up, {case:<15} {:>12}   (target < 50 ms)",
            ms(id)
        )
        .unwrap();
    }
    writeln!(
        out,
        "sled insert+flush+fsync   {:>12}   (the floor)",
        ms("sled-floor")
    )
    .unwrap();
    for action in ["mark", "undo"] {
        let ratio = median(action)
            .zip(median("sled-floor"))
            .map_or("-".to_owned(), |(a, f)| format!("{:.2}x the floor", a / f));
        writeln!(
            out,
            "{action:<25} {:>12}   {ratio} (target < 1.5x)",
            ms(action)
        )
        .unwrap();
    }
    let mut views: Vec<(String, f64)> = View::ALL
        .iter()
        .map(|v| format!("render-{v:?}").to_lowercase())
        .chain(["render-projector".to_owned()])
        .filter_map(|id| median(&id).map(|m| (id, m)))
        .collect();
    views.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (id, m) in &views {
        writeln!(out, "{id:<25} {:>9.3} ms   (target < 1 ms)", m * 1e3).unwrap();
    }
    writeln!(
        out,
        "export, every format      {:>12}   (target < 1 s)",
        ms("export")
    )
    .unwrap();
    writeln!(
        out,
        "export, first after opening{:>12}   (target < 1 s)",
        ms("export-first")
    )
    .unwrap();
    writeln!(
        out,
        "snapshot saved (every 1024){:>10}   (once per 1024 events, and on quitting)",
        ms("snapshot-save")
    )
    .unwrap();
    let segments = u32::try_from(fixture.events / 4096).unwrap_or(u32::MAX);
    let per_segment = median("pack-all").map_or("-".to_owned(), |s| {
        format!("{:.3} ms", s * 1e3 / f64::from(segments.max(1)))
    });
    writeln!(
        out,
        "segment packed (every 4096){per_segment:>10}   (each of {segments}, timed together)"
    )
    .unwrap();
    for line in memory.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        if let [store, when, peak, now] = parts[..] {
            writeln!(
                out,
                "resident memory, {store} {when:<12} peak {peak} MiB, now {now} MiB   (target < 50 MB)"
            )
            .unwrap();
        }
    }
}

fn main() {
    if let Ok(root) = std::env::var(MEMORY_CHILD) {
        memory_child(&root, &std::env::var(MEMORY_STORE).unwrap());
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let fixture = fixture();
    startup(&mut c, &fixture);
    actions(&mut c, &fixture);
    renders(&mut c, &fixture);
    let memory = measure_memory(&fixture);
    c.final_summary();
    summary(&fixture, &memory);
}
