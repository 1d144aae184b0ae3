//! `workshop plan new FILE --from PLAN --start DATE`: the next cohort's plan file, written
//! only once it validates, and never over a file already there.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Failure, load_valid_plan};
use crate::plan::{Cohort, check_plan, next_cohort};
use crate::roster::read_roster_csv;
use crate::state::State;

/// What `plan new` was given.
pub struct NewPlan {
    pub out: PathBuf,
    pub from: Option<PathBuf>,
    pub start: Option<NaiveDate>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub roster: Option<PathBuf>,
}

/// Writes the new plan, or says why not and writes nothing.
pub fn plan_new(args: &NewPlan) -> Result<(), Failure> {
    let (Some(from), Some(start)) = (&args.from, args.start) else {
        return Err(Failure::message(
            "plan new: give the plan to copy and the new first day: --from PLAN --start YYYY-MM-DD",
        ));
    };
    if args.out.exists() {
        return Err(Failure::message(format!(
            "{}: a file is already there; choose another name (plan new never writes over a file)",
            args.out.display()
        )));
    }
    let old = load_valid_plan(from)?.plan;
    let mut plan = next_cohort(
        &old,
        &Cohort {
            start,
            id: args.id.clone(),
            title: args.title.clone(),
        },
    );
    if let Some(roster) = &args.roster {
        plan.roster = roster_from(roster, &plan)?;
    }
    let mut bytes = serde_json::to_vec_pretty(&plan)
        .map_err(|e| Failure::message(format!("the new plan cannot be written out: {e}")))?;
    bytes.push(b'\n');
    // What is written is what a run would read: checked as a plan file first.
    let loaded = check_plan(bytes.clone()).map_err(|problems| {
        let text: Vec<String> = problems
            .iter()
            .map(|p| p.display_in(&args.out).to_string())
            .collect();
        Failure::message(format!("{}\nnothing was written", text.join("\n")))
    })?;
    crate::export::write_private(&args.out, &bytes)
        .map_err(|e| Failure::message(format!("{}: cannot write: {e}", args.out.display())))?;
    for warning in &loaded.warnings {
        eprintln!("{}", warning.display_in(&args.out));
    }
    let days = &loaded.plan.days;
    println!(
        "{}: `{}`, {} from {} to {}, {} on the roster (copied from {}).",
        args.out.display(),
        loaded.plan.id,
        crate::text::counted(days.len(), "day", "days"),
        days.first().map_or(String::new(), |d| d.date.to_string()),
        days.last().map_or(String::new(), |d| d.date.to_string()),
        crate::text::counted(loaded.plan.roster.len(), "participant", "participants"),
        from.display()
    );
    Ok(())
}

/// The new cohort's participants from a roster CSV, read as `roster import` reads one.
fn roster_from(
    file: &Path,
    plan: &crate::plan::Plan,
) -> Result<Vec<crate::plan::Participant>, Failure> {
    let shown = file.display().to_string();
    let bytes = crate::input::read_regular(file, super::roster::MAX_CSV_BYTES)
        .map_err(|e| Failure::message(format!("{shown}: cannot read: {e}")))?;
    read_roster_csv(&bytes, &State::new(plan.clone()))
        .map(|import| import.added)
        .map_err(|errors| super::roster::rejected(&shown, &errors))
}
