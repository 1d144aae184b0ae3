//! `workshop roster import|list`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Failure, load_valid_plan, store_dir};
use crate::event::Event;
use crate::plan::Participant;
use crate::roster::{read_roster_csv, write_roster_csv};
use crate::run::Run;
use crate::safe_text::neutralise;
use crate::state::State;
use crate::text::{fit, width};

/// A roster file larger than this is not a roster.
pub(super) const MAX_CSV_BYTES: u64 = 16 * 1024 * 1024;

fn open_run(plan: &Path, store: Option<PathBuf>) -> Result<Run, Failure> {
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    let run = Run::open(loaded.plan, &dir)?;
    report_open(plan, &run);
    Ok(run)
}

/// Reads an import's file and checks it before the run is opened, so that a refused file
/// neither waits on the run's lock nor leaves a new store behind: against the plan alone
/// where no run is stored yet (then the run starts as the plan), else against the run once
/// it is open.
fn open_run_for<T>(
    plan: &Path,
    store: Option<PathBuf>,
    file: &Path,
    check: impl Fn(&[u8], &State) -> Result<T, Failure>,
) -> Result<(Run, String, T), Failure> {
    let (shown, bytes) = read_input(file)?;
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    if !dir.exists() {
        check(&bytes, &State::new(loaded.plan.clone()))?;
    }
    let run = Run::open(loaded.plan, &dir)?;
    report_open(plan, &run);
    let checked = check(&bytes, run.state())?;
    Ok((run, shown, checked))
}

/// Tells the user what opening the run noticed: a changed plan file, files moved aside.
pub fn report_open(plan: &Path, run: &Run) {
    if run.plan_changed() {
        eprintln!(
            "note: {} has changed since this run started; the run keeps the plan it started with",
            plan.display()
        );
    }
    for moved in run.store().moved_aside() {
        eprintln!(
            "note: moved a half-written snapshot aside to {}",
            moved.display()
        );
    }
}

/// Adds the CSV's participants to the run, all or nothing.
pub fn import(plan: &Path, store: Option<PathBuf>, file: &Path) -> Result<(), Failure> {
    let shown = file.display().to_string();
    let (mut run, shown, import) = open_run_for(plan, store, file, |bytes, state| {
        read_roster_csv(bytes, state).map_err(|errors| rejected(&shown, &errors))
    })?;
    for duplicate in &import.duplicates {
        println!(
            "{shown}:{}: {} is already on the roster as {}; not added again",
            duplicate.row,
            neutralise(&duplicate.name),
            neutralise(&duplicate.existing)
        );
    }
    let added = import.added.len();
    if added > 0 {
        let ids = id_summary(&import.added);
        let source = file
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        run.record(
            Utc::now(),
            Event::ParticipantsAdded {
                source,
                participants: import.added.clone(),
            },
        )?;
        println!("Added {} ({ids}) from {shown}.", participants(added));
    } else {
        println!("No one new in {shown}.");
    }
    println!(
        "The roster now has {}.",
        participants(run.state().participants().len())
    );
    Ok(())
}

/// The ids given, each of a few, or the first and last of many.
fn id_summary(added: &[Participant]) -> String {
    match added {
        [first, .., last] if added.len() > 10 => format!("{} to {}", first.id, last.id),
        few => few
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Imports CityShare levels, all or nothing.
pub fn import_scores(plan: &Path, store: Option<PathBuf>, file: &Path) -> Result<(), Failure> {
    let shown = file.display().to_string();
    let (mut run, shown, scores) = open_run_for(plan, store, file, |bytes, state| {
        crate::scores::read_scores_csv(bytes, state).map_err(|errors| rejected(&shown, &errors))
    })?;
    let own = scores.iter().filter(|s| s.rater.is_none()).count();
    let count = scores.len();
    let source = file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    run.record(Utc::now(), Event::ScoresImported { source, scores })?;
    println!(
        "Imported {count} levels from {shown}: {own} self-assessments and {} peer ratings.",
        count - own
    );
    Ok(())
}

/// Reads an input file, refusing one too large to be what it claims.
fn read_input(file: &Path) -> Result<(String, Vec<u8>), Failure> {
    let shown = file.display().to_string();
    let bytes = crate::input::read_regular(file, MAX_CSV_BYTES)
        .map_err(|e| Failure::message(format!("{shown}: cannot read: {e}")))?;
    Ok((shown, bytes))
}

/// Every row error, then that nothing was imported.
pub(super) fn rejected(shown: &str, errors: &[crate::roster::RowError]) -> Failure {
    let mut text: Vec<String> = errors
        .iter()
        .map(|e| e.display_in(shown).to_string())
        .collect();
    let count = errors.len();
    let plural = if count == 1 { "" } else { "s" };
    text.push(format!(
        "{shown}: nothing was imported ({count} problem{plural})"
    ));
    Failure::message(text.join("\n"))
}

/// Prints the roster as an aligned table, or as CSV.
pub fn list(plan: &Path, store: Option<PathBuf>, csv: bool) -> Result<(), Failure> {
    let run = open_run(plan, store)?;
    let people = run.state().participants();
    if csv {
        print!("{}", write_roster_csv(people)?);
    } else {
        print!("{}", roster_table(people));
    }
    Ok(())
}

/// A table column: its title, its widest width, and how to read it from a participant.
type Column = (&'static str, usize, fn(&Participant) -> &str);

/// "1 participant", "2 participants".
pub fn participants(count: usize) -> String {
    if count == 1 {
        "1 participant".to_owned()
    } else {
        format!("{count} participants")
    }
}

/// An aligned plain-text table of participants; columns are measured, never assumed.
pub fn roster_table(people: &[Participant]) -> String {
    let columns: [Column; 6] = [
        ("ID", 6, |p| &p.id),
        ("NAME", 28, |p| &p.name),
        ("ORGANISATION", 32, |p| &p.organisation),
        ("CITY", 16, |p| &p.city),
        ("COUNTRY", 14, |p| &p.country),
        ("SECTOR", 26, |p| p.sector.as_str()),
    ];
    let widths: Vec<usize> = columns
        .iter()
        .map(|(title, cap, get)| {
            people
                .iter()
                .map(|p| width(&neutralise(get(p))))
                .chain([width(title)])
                .max()
                .unwrap_or(0)
                .min(*cap)
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let row: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| fit(&neutralise(cell), *w))
            .collect();
        out.push_str(row.join("  ").trim_end());
        out.push('\n');
    };
    line(columns.iter().map(|c| c.0).collect());
    for p in people {
        line(columns.iter().map(|c| (c.2)(p)).collect());
    }
    out + &participants(people.len()) + "\n"
}
