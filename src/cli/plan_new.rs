//! `workshop plan new FILE`: a plan file from spreadsheets (`--agenda`, `--roster`), or the
//! next cohort of a plan (`--from PLAN --start DATE`); written only once it validates, and
//! never over a file already there. `workshop plan export PLAN --out FILE.xlsx`: a plan as
//! a workbook that `plan new --agenda` reads back.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Failure, load_valid_plan};
use crate::plan::{
    BookPlan, Cohort, Given, Plan, Segment, check_plan, next_cohort, plan_from_book,
    roster_from_book, workbook_bytes,
};
use crate::roster::read_roster_csv;
use crate::sheet::read_book;
use crate::state::State;

/// What `plan new` was given.
#[derive(Debug, Clone, Default)]
pub struct NewPlan {
    pub out: PathBuf,
    pub from: Option<PathBuf>,
    pub agenda: Option<PathBuf>,
    pub sheet: Option<String>,
    pub start: Option<NaiveDate>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub venue: Option<String>,
    pub time_zone: Option<String>,
    pub organisers: Vec<String>,
    pub roster: Option<PathBuf>,
    pub roster_sheet: Option<String>,
}

/// Writes the new plan, or says why not and writes nothing.
pub fn plan_new(args: &NewPlan) -> Result<(), Failure> {
    if args.out.exists() {
        return Err(Failure::message(format!(
            "{}: a file is already there; choose another name (plan new never writes over a file)",
            args.out.display()
        )));
    }
    let (plan, item_rows, warnings, source) = match (&args.from, &args.agenda) {
        (Some(_), Some(_)) => {
            return Err(Failure::message(
                "plan new: give --from PLAN (the next cohort of a plan) or --agenda SHEET (a plan from a spreadsheet), not both",
            ));
        }
        (Some(from), None) => {
            let Some(start) = args.start else {
                return Err(Failure::message(
                    "plan new: give the new cohort's first day: --from PLAN --start YYYY-MM-DD",
                ));
            };
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
                plan.roster = roster_of(roster, args.roster_sheet.as_deref(), &plan)?;
            }
            let source = format!("copied from {}", from.display());
            (
                plan,
                std::collections::HashMap::default(),
                Vec::new(),
                source,
            )
        }
        (None, Some(agenda)) => {
            let BookPlan {
                mut plan,
                warnings,
                item_rows,
            } = from_agenda(agenda, args)?;
            let roster_book = args.roster.clone().or_else(|| {
                // A workbook `plan export` wrote carries its roster too.
                read_book(agenda)
                    .ok()
                    .filter(|b| b.sheet("Roster").is_some() && b.sheet("Agenda").is_some())
                    .map(|_| agenda.clone())
            });
            if let Some(roster) = roster_book {
                plan.roster = roster_of(&roster, args.roster_sheet.as_deref(), &plan)?;
            }
            let source = format!("from {}", agenda.display());
            (plan, item_rows, warnings, source)
        }
        (None, None) => {
            return Err(Failure::message(
                "plan new: say where the plan comes from: --agenda AGENDA.xlsx|.ods|.csv [--roster ROSTER] \
                 (a plan from spreadsheets), or --from PLAN --start YYYY-MM-DD (the next cohort of a plan)",
            ));
        }
    };
    write_checked(&args.out, &plan, &item_rows)?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let days = &plan.days;
    println!(
        "{}: `{}`, {} from {} to {}, {}, {} on the roster ({source}).",
        args.out.display(),
        plan.id,
        crate::text::counted(days.len(), "day", "days"),
        days.first().map_or(String::new(), |d| d.date.to_string()),
        days.last().map_or(String::new(), |d| d.date.to_string()),
        crate::text::counted(
            days.iter().map(|d| d.items.len()).sum(),
            "agenda item",
            "agenda items"
        ),
        crate::text::counted(plan.roster.len(), "participant", "participants"),
    );
    Ok(())
}

fn from_agenda(agenda: &Path, args: &NewPlan) -> Result<BookPlan, Failure> {
    let book = read_book(agenda).map_err(Failure::message)?;
    let given = Given {
        sheet: args.sheet.clone(),
        start: args.start,
        id: args.id.clone(),
        title: args.title.clone(),
        venue: args.venue.clone(),
        time_zone: args.time_zone.clone(),
        organisers: args.organisers.clone(),
    };
    plan_from_book(&book, &given).map_err(|problems| nothing_written(&problems))
}

/// The problems, and that nothing was written.
fn nothing_written(problems: &[String]) -> Failure {
    Failure::message(format!("{}\nnothing was written", problems.join("\n")))
}

/// Writes `plan` to `out` once it reads back as a valid plan file; a problem with an item
/// names the spreadsheet row it came from, where there was one.
fn write_checked(
    out: &Path,
    plan: &Plan,
    item_rows: &std::collections::HashMap<(usize, usize), String>,
) -> Result<(), Failure> {
    let mut bytes = serde_json::to_vec_pretty(plan)
        .map_err(|e| Failure::message(format!("the new plan cannot be written out: {e}")))?;
    bytes.push(b'\n');
    // What is written is what a run would read: checked as a plan file first.
    let loaded = check_plan(bytes.clone()).map_err(|problems| {
        let text: Vec<String> = problems
            .iter()
            .map(
                |p| match item_of(&p.path.0).and_then(|at| item_rows.get(&at)) {
                    Some(row) => {
                        let field = match p.path.0.last() {
                            Some(Segment::Key(key)) if key != "items" => key.as_str(),
                            _ => "item",
                        };
                        format!("{row}: {}: {}", column_of(field), p.message)
                    }
                    None => p.display_in(out).to_string(),
                },
            )
            .collect();
        nothing_written(&text)
    })?;
    crate::export::write_private(out, &bytes)
        .map_err(|e| Failure::message(format!("{}: cannot write: {e}", out.display())))?;
    for warning in &loaded.warnings {
        eprintln!("{}", warning.display_in(out));
    }
    Ok(())
}

/// The day and item a plan path is in: `days[1].items[3]...`.
fn item_of(path: &[Segment]) -> Option<(usize, usize)> {
    match path {
        [
            Segment::Key(days),
            Segment::Index(day),
            Segment::Key(items),
            Segment::Index(item),
            ..,
        ] if days == "days" && items == "items" => Some((*day, *item)),
        _ => None,
    }
}

/// A plan file's field as the agenda sheet's column calls it.
fn column_of(field: &str) -> &str {
    match field {
        "duration" => "minutes",
        other => other,
    }
}

/// The participants from a roster: a CSV read as `roster import` reads it, or a sheet of a
/// workbook.
fn roster_of(
    file: &Path,
    sheet: Option<&str>,
    plan: &Plan,
) -> Result<Vec<crate::plan::Participant>, Failure> {
    let shown = file.display().to_string();
    let csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        let bytes = crate::input::read_regular(file, super::roster::MAX_CSV_BYTES)
            .map_err(|e| Failure::message(format!("{shown}: cannot read: {e}")))?;
        return read_roster_csv(&bytes, &State::new(plan.clone()))
            .map(|import| import.added)
            .map_err(|errors| super::roster::rejected(&shown, &errors));
    }
    let book = read_book(file).map_err(Failure::message)?;
    roster_from_book(&book, sheet, plan).map_err(|problems| nothing_written(&problems))
}

/// Writes `plan` as a workbook at `out`, never over a file already there.
pub fn plan_export(plan: &Path, out: &Path) -> Result<(), Failure> {
    if out.exists() {
        return Err(Failure::message(format!(
            "{}: a file is already there; choose another name",
            out.display()
        )));
    }
    let plan = load_valid_plan(plan)?.plan;
    let bytes = workbook_bytes(&plan)
        .map_err(|e| Failure::message(format!("the workbook cannot be made: {e}")))?;
    crate::export::write_private(out, &bytes)
        .map_err(|e| Failure::message(format!("{}: cannot write: {e}", out.display())))?;
    println!(
        "{}: the agenda ({}), days, modules, workshop, exercises, framework and roster of `{}`; \
         `workshop plan new PLAN.json --agenda {}` reads it back.",
        out.display(),
        crate::text::counted(
            plan.days.iter().map(|d| d.items.len()).sum(),
            "item",
            "items"
        ),
        plan.id,
        out.display()
    );
    Ok(())
}
