//! `workshop run PLAN`: opens (or starts) the run of a plan.

use std::path::{Path, PathBuf};

use super::{Failure, load_valid_plan, store_dir};
use crate::run::Run;

/// Opens the run so that its store exists and is sound; the live screen comes with the agenda
/// runner.
pub fn run(plan: &Path, store: Option<PathBuf>) -> Result<(), Failure> {
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    let run = Run::open(loaded.plan, &dir)?;
    super::roster::report_open(plan, &run);
    println!(
        "The run of \"{}\" is ready in {} ({}, {} events recorded).",
        run.state().plan().title,
        dir.display(),
        super::roster::participants(run.state().participants().len()),
        run.store().event_count()
    );
    println!("The live agenda screen is not built yet: it arrives with the agenda runner.");
    Ok(())
}
