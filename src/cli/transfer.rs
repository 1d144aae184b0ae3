//! `workshop export` and `workshop import`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Failure, load_valid_plan, store_dir};
use crate::export::{self, Format, Privacy, json};
use crate::run::Run;
use crate::state::History;
use crate::store::Store;

/// Writes the run's exports into `out`.
pub fn export(
    plan: &Path,
    store: Option<PathBuf>,
    out: &Path,
    formats: &str,
    privacy: Privacy,
) -> Result<(), Failure> {
    let formats = Format::parse_list(formats).map_err(Failure::message)?;
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    let run = Run::open(loaded.plan, &dir)?;
    let reader = run.store().reader()?;
    let prefix = format!("{}-", run.state().plan().id);
    let written = export::into_folder(out, &prefix, |folder| {
        export::write(
            run.history(),
            Some(&reader),
            &formats,
            privacy,
            Utc::now(),
            folder,
            |_, _| {},
        )
    })
    .map_err(Failure::message)?;
    println!(
        "Wrote {} file{} to {} ({} events{}).",
        written.len(),
        if written.len() == 1 { "" } else { "s" },
        out.display(),
        run.store().event_count(),
        if privacy == Privacy::Redacted {
            ", redacted"
        } else {
            ""
        }
    );
    if formats.contains(&Format::Json) && privacy == Privacy::FullBackup {
        println!(
            "The JSON file names every participant, those who did not consent too: keep it as \
             safe as the store, and do not share it."
        );
    }
    Ok(())
}

/// Checks every event of `export` as the app would have, folding them in order: numbered
/// 1, 2, 3 ..., and each one the run as it then stood could have recorded.
fn admit_all(export: &json::RunExport) -> Result<(), String> {
    let mut history = History::new(export.plan.clone());
    for (expected, recorded) in (1..).zip(&export.events) {
        if recorded.seq != expected {
            return Err(format!(
                "event {expected} is numbered {}: the log is not whole",
                recorded.seq
            ));
        }
        history
            .admits(recorded)
            .map_err(|why| format!("event {expected} ({}): {why}", kind(&recorded.event)))?;
        history.apply(recorded);
        history.forget_older();
    }
    Ok(())
}

/// An event's kind as the export names it (`participants-added` ...).
fn kind(event: &crate::event::Event) -> String {
    serde_json::to_value(event)
        .ok()
        .and_then(|v| v.get("kind")?.as_str().map(str::to_owned))
        .unwrap_or_else(|| "an event".to_owned())
}

/// Rebuilds a run from a JSON export into its store. The run is built whole under a hidden
/// name beside the store's folder and only then put in its place, so that an import cut
/// short (a kill, a power cut) leaves the run that was there.
pub fn import(file: &Path, store: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let export = json::read_file(file)
        .map_err(|why| Failure::message(format!("{}: {why}", file.display())))?;
    admit_all(&export).map_err(|why| {
        Failure::message(format!("{}: {why}. Nothing was imported.", file.display()))
    })?;
    let dir = store_dir(&export.plan.id, store)?;
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Failure::message(format!(
            "{}: give the store as a folder's name",
            dir.display()
        )));
    };
    // Whatever is there is never opened: it may be the damaged store this import replaces.
    let had_run = dir.join("sled").exists();
    if had_run && !force {
        return Err(Failure::message(format!(
            "{} already holds a run; importing would replace it. Add --force to move it aside and import",
            dir.display()
        )));
    }
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let staged = dir.with_file_name(format!(".{name}.importing"));
    if std::fs::symlink_metadata(&staged).is_ok() {
        // An earlier import cut short: its half-built run, or the run it had just replaced.
        let moved = crate::store::move_leftover(&staged, &dir, &format!("left-by-import-{stamp}"))?;
        println!(
            "Moved what an earlier import left unfinished to {}.",
            moved.display()
        );
    }
    if let Err(failure) = build(&export, &staged) {
        // Only this import's own half-built copy: the run in place is untouched.
        let _ = std::fs::remove_dir_all(&staged);
        return Err(failure);
    }
    let suffix = format!("before-import-{stamp}");
    if let Some(aside) = crate::store::put_in_place(&staged, &dir, &suffix)? {
        if had_run {
            println!("Moved the run that was there to {}.", aside.display());
        } else {
            println!(
                "Moved the folder that was there (it held no run) to {}.",
                aside.display()
            );
        }
    }
    println!(
        "Imported the run of \"{}\" ({} events) into {}.",
        export.plan.title,
        export.events.len(),
        dir.display()
    );
    Ok(())
}

/// Writes the export's run into a new store in `dir`.
fn build(export: &json::RunExport, dir: &Path) -> Result<(), Failure> {
    let mut store = Store::open(dir)?;
    store.save_run_plan(&export.plan)?;
    store.append_all(export.events.iter().map(|r| (r.at, &r.event)))?;
    drop(store);
    // Opening folds the whole log once, saves a snapshot and packs the log's segments, so
    // that the first `workshop run` after an import opens as fast as any other.
    let run = Run::open(export.plan.clone(), dir)?;
    run.save_snapshot_for_next_time();
    Ok(())
}
