//! The plan file: what a workshop intends (agenda, exercises, framework, roster), and its validation.

mod as_text;
mod clock;
mod cohort;
mod diagnostic;
mod framework;
mod load;
mod locate;
mod schedule;
mod sector;
mod types;
mod validate;
mod workbook;
mod zone;

pub use clock::ClockTime;
pub use cohort::{Cohort, moved_dates, next_cohort};
pub use diagnostic::{Diagnostic, Report, Severity};
pub use framework::default_framework;
pub use load::{LoadedPlan, MAX_PLAN_BYTES};
pub use load::{PlanError, check_plan, load_plan, parse_plan};
pub use locate::{FieldPath, Position, Segment};
pub use schedule::{Misfit, Slot, format_minutes, plan_day, plan_day_with};
pub use sector::Sector;
pub use types::{
    AssessmentFramework, CertificateRule, ChecklistItem, Criterion, Day, Exercise, Group, Item,
    ItemKind, Level, Module, Participant, Plan, RubricCriterion, Scale, UnknownLevel,
};
pub use validate::{FieldProblem, participant_problems, validate};
pub use workbook::{BookPlan, Given, plan_from_book, roster_from_book, workbook_bytes};
pub use zone::Zone;

/// A plan with nothing in it, for unit tests of what happens to a run.
#[cfg(test)]
pub(crate) fn empty_plan() -> Plan {
    serde_json::from_value(serde_json::json!({
        "id": "t", "title": "T", "organisers": ["O"], "venue": "V", "time_zone": "+09:00",
        "modules": [], "days": [], "roster": []
    }))
    .expect("the empty plan reads")
}
