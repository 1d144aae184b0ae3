//! `workshop doctor PLAN [--repair]`: checks the run's store against its newest backup, and
//! repairs it when asked.

use std::path::{Path, PathBuf};

use super::{Failure, load_valid_plan, store_dir};
use crate::doctor::{self, Repair, Verdict};
use crate::run::Run;

/// Prints what the check found; with `repair`, puts right what it can and proves the run
/// opens. Fails (exit 1) when the run is left damaged.
pub fn doctor(plan_file: &Path, store: Option<PathBuf>, repair: bool) -> Result<(), Failure> {
    let loaded = load_valid_plan(plan_file)?;
    let given = store.is_some();
    let dir = store_dir(&loaded.plan.id, store)?;
    if !dir.is_dir() {
        let hint = if given {
            String::new()
        } else {
            " (no run of it has been started on this machine)".to_owned()
        };
        return Err(Failure::message(format!(
            "No run of this plan in {}: nothing to check{hint}.",
            dir.display(),
        )));
    }
    let diagnosis = doctor::diagnose(&dir, loaded.plan)?;
    for line in diagnosis.report() {
        println!("{line}");
    }
    let verdict = diagnosis.verdict();
    match (verdict, repair) {
        (Verdict::Healthy, _) => Ok(()),
        (Verdict::Repairable, false) => Err(Failure::message(format!(
            "To repair: workshop doctor --repair {}{}",
            plan_file.display(),
            store_flag(&dir, &diagnosis)
        ))),
        (Verdict::Repairable, true) => {
            let plan = diagnosis.plan.clone();
            let done = diagnosis.repair().map_err(Failure::message)?;
            tell_repair(&done);
            let run = Run::open(plan, &dir)?;
            println!(
                "The run opens again with {} events: workshop run {}",
                run.store().event_count(),
                plan_file.display()
            );
            Ok(())
        }
        (other, _) => Err(Failure::message(doctor::not_repairable(&other))),
    }
}

/// ` --store DIR` when the store is not where the plan's run is kept by default.
fn store_flag(dir: &Path, diagnosis: &doctor::Diagnosis) -> String {
    match crate::run::default_store_dir(&diagnosis.plan.id) {
        Ok(default) if default == dir => String::new(),
        _ => format!(" --store {}", dir.display()),
    }
}

fn tell_repair(done: &Repair) {
    for moved in &done.backups_aside {
        println!("Moved a backup that does not read to {}.", moved.display());
    }
    for moved in &done.snapshots_aside {
        println!("Moved a half-written snapshot to {}.", moved.display());
    }
    if let Some(moved) = &done.store_aside {
        println!(
            "Moved the damaged sled files to {} (nothing deleted), and rebuilt the run: {} events.",
            moved.display(),
            done.events
        );
    }
}
