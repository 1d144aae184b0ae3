//! `workshop export` and `workshop import`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Failure, load_valid_plan, store_dir};
use crate::export::{json, write_private};
use crate::run::Run;
use crate::store::{Store, create_private_dir};

/// Writes the run's exports into `out`.
pub fn export(
    plan: &Path,
    store: Option<PathBuf>,
    out: &Path,
    formats: &str,
) -> Result<(), Failure> {
    let wanted: Vec<String> = formats
        .split(',')
        .map(|f| f.trim().to_lowercase())
        .filter(|f| !f.is_empty())
        .collect();
    if let Some(unknown) = wanted
        .iter()
        .find(|f| !matches!(f.as_str(), "json" | "csv" | "md" | "html"))
    {
        return Err(Failure::message(format!(
            "unknown format `{unknown}`: use json, csv, md or html"
        )));
    }
    let not_built: Vec<&str> = wanted
        .iter()
        .map(String::as_str)
        .filter(|f| *f != "json")
        .collect();
    if !not_built.is_empty() {
        return Err(Failure::message(format!(
            "{} export is not built yet; json is",
            not_built.join(", ")
        )));
    }
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    let run = Run::open(loaded.plan, &dir)?;
    create_private_dir(out).map_err(|e| Failure::message(format!("{}: {e}", out.display())))?;
    let file = out.join(format!("{}-run.json", run.state().plan().id));
    let text = serde_json::to_string_pretty(&json::export(run.state(), Utc::now()))?;
    write_private(&file, text.as_bytes())?;
    println!(
        "Wrote {} ({} events).",
        file.display(),
        run.state().log().len()
    );
    Ok(())
}

/// Rebuilds a run from a JSON export into its store.
pub fn import(file: &Path, store: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::message(format!("{shown}: cannot read: {e}")))?;
    let export = json::read(&text).map_err(|why| Failure::message(format!("{shown}: {why}")))?;
    let dir = store_dir(&export.plan.id, store)?;
    {
        let existing = Store::open(&dir)?;
        let holds_a_run = existing.plan_snapshot()?.is_some() || existing.event_count() > 0;
        drop(existing);
        if holds_a_run {
            if !force {
                return Err(Failure::message(format!(
                    "{} already holds a run; importing would replace it. Add --force to move it aside and import",
                    dir.display()
                )));
            }
            let aside = dir.with_file_name(format!(
                "{}.before-import-{}",
                dir.file_name()
                    .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned()),
                Utc::now().format("%Y%m%dT%H%M%SZ")
            ));
            std::fs::rename(&dir, &aside)
                .map_err(|e| Failure::message(format!("{}: {e}", dir.display())))?;
            println!("Moved the run that was there to {}.", aside.display());
        }
    }
    let mut store = Store::open(&dir)?;
    store.save_plan_snapshot(&export.plan)?;
    for recorded in &export.events {
        store.append(recorded.at, recorded.event.clone())?;
    }
    println!(
        "Imported the run of \"{}\" ({} events) into {}.",
        export.plan.title,
        export.events.len(),
        dir.display()
    );
    Ok(())
}
