//! Cross-checks a parsed plan: unique ids, references, scale order, roster fields, times.
//! Errors stop a plan from being used; warnings are printed and the plan still runs.

use std::collections::HashMap;

use super::diagnostic::Report;
use super::locate::FieldPath;
use super::schedule::{Misfit, format_minutes, plan_day};
use super::zone::Zone;
use super::{AssessmentFramework, Exercise, Participant, Plan};

/// Checks everything the types alone cannot.
pub fn validate(plan: &Plan) -> Report {
    let mut report = Report::default();
    let top = FieldPath::default();
    check_plan_id(&mut report, &plan.id);
    report.required(top.key("title"), &plan.title);
    report.required(top.key("venue"), &plan.venue);
    if plan.organisers.iter().all(|o| o.trim().is_empty()) {
        report.error(top.key("organisers"), "name at least one organiser");
    }
    if let Err(message) = plan.time_zone.parse::<Zone>() {
        report.error(top.key("time_zone"), message);
    }
    check_modules_and_days(&mut report, plan);
    let mut exercise_ids = IdRegistry::new("exercise");
    for (i, exercise) in plan.exercises.iter().enumerate() {
        let path = top.key("exercises").index(i);
        exercise_ids.add(&mut report, path.key("id"), &exercise.id);
        check_exercise(&mut report, &path, exercise);
    }
    if let Some(framework) = &plan.framework {
        check_framework(&mut report, &top.key("framework"), framework);
    }
    check_roster_and_groups(&mut report, plan);
    if plan.certificate.min_attendance_percent > 100 {
        report.error(
            top.key("certificate").key("min_attendance_percent"),
            "is a percentage: 0 to 100",
        );
    }
    report
}

fn check_plan_id(report: &mut Report, id: &str) {
    let fine = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !fine {
        report.error(
            FieldPath::default().key("id"),
            format!("plan id `{id}` must be 1-64 lowercase letters, digits and dashes (it names the run's folder)"),
        );
    }
}

/// Records ids as they are met and reports the second use of any of them.
struct IdRegistry<'a> {
    what: &'static str,
    seen: HashMap<&'a str, FieldPath>,
}

impl<'a> IdRegistry<'a> {
    fn new(what: &'static str) -> Self {
        Self {
            what,
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, report: &mut Report, path: FieldPath, id: &'a str) {
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            report.error(
                path,
                format!("{} id `{id}` must be non-empty with no spaces", self.what),
            );
        } else if let Some(first) = self.seen.get(id) {
            report.error(
                path,
                format!("duplicate {} id `{id}`: already used at {first}", self.what),
            );
        } else {
            self.seen.insert(id, path);
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }
}

fn check_modules_and_days(report: &mut Report, plan: &Plan) {
    let top = FieldPath::default();
    let mut modules = IdRegistry::new("module");
    for (i, module) in plan.modules.iter().enumerate() {
        let path = top.key("modules").index(i);
        modules.add(report, path.key("id"), &module.id);
        report.required(path.key("title"), &module.title);
    }
    let exercises: Vec<&str> = plan.exercises.iter().map(|e| e.id.as_str()).collect();
    let mut items = IdRegistry::new("item");
    let mut used_modules: Vec<&str> = Vec::new();
    if plan.days.is_empty() {
        report.error(top.key("days"), "a plan needs at least one day");
    }
    for (d, day) in plan.days.iter().enumerate() {
        let day_path = top.key("days").index(d);
        if d > 0 && day.date <= plan.days[d - 1].date {
            report.error(
                day_path.key("date"),
                format!(
                    "{} does not come after the day before it ({})",
                    day.date,
                    plan.days[d - 1].date
                ),
            );
        }
        if day.end <= day.start {
            report.error(
                day_path.key("end"),
                format!("the day ends at {} but starts at {}", day.end, day.start),
            );
        }
        if day.items.is_empty() {
            report.warn(day_path.key("items"), "this day has no items");
        }
        for (i, item) in day.items.iter().enumerate() {
            let path = day_path.key("items").index(i);
            items.add(report, path.key("id"), &item.id);
            report.required(path.key("title"), &item.title);
            if let Some(module) = &item.module {
                if modules.contains(module) {
                    used_modules.push(module);
                } else {
                    report.error(
                        path.key("module"),
                        format!("no module has the id `{module}`"),
                    );
                }
            }
            if let Some(exercise) = &item.exercise
                && !exercises.contains(&exercise.as_str())
            {
                report.error(
                    path.key("exercise"),
                    format!("no exercise has the id `{exercise}`"),
                );
            }
            if item.duration == Some(0) || item.duration.is_some_and(|m| m > 24 * 60) {
                report.error(path.key("duration"), "a duration is 1 to 1440 minutes");
            }
        }
        if day.end > day.start {
            check_day_times(report, &day_path, day);
        }
    }
    for (i, module) in plan.modules.iter().enumerate() {
        if !used_modules.contains(&module.id.as_str()) {
            report.warn(
                top.key("modules").index(i).key("id"),
                format!("no agenda item belongs to module `{}`", module.id),
            );
        }
    }
}

fn check_day_times(report: &mut Report, day_path: &FieldPath, day: &super::Day) {
    let (_, misfits) = plan_day(day);
    let item = |i: usize| day_path.key("items").index(i);
    for misfit in misfits {
        match misfit {
            Misfit::BeforeDay { item: i } => report.error(
                item(i).key("start"),
                format!("starts before the day does ({})", day.start),
            ),
            Misfit::AfterDay { item: i } => report.error(
                item(i).key("start"),
                format!("starts after the day has ended ({})", day.end),
            ),
            Misfit::NoLength { item: i } => report.error(
                item(i),
                "give this item a duration, or the next item a start time",
            ),
            Misfit::Overlap {
                item: i,
                previous_end,
            } => report.warn(
                item(i).key("start"),
                format!(
                    "starts before the previous item ends ({})",
                    format_minutes(previous_end)
                ),
            ),
            Misfit::Overrun { end } => report.warn(
                day_path.key("end"),
                format!(
                    "the items run until {}, past the end of the day ({})",
                    format_minutes(end),
                    day.end
                ),
            ),
        }
    }
}

fn check_exercise(report: &mut Report, path: &FieldPath, exercise: &Exercise) {
    report.required(path.key("title"), &exercise.title);
    if exercise.rubric.is_empty() {
        report.error(
            path.key("rubric"),
            "an exercise needs at least one rubric criterion to be scored",
        );
    }
    let mut criteria = IdRegistry::new("rubric criterion");
    for (i, criterion) in exercise.rubric.iter().enumerate() {
        let c = path.key("rubric").index(i);
        criteria.add(report, c.key("id"), &criterion.id);
        report.required(c.key("title"), &criterion.title);
        if criterion.max_points == 0 {
            report.error(c.key("max_points"), "must be at least 1");
        }
    }
    let mut checklist = IdRegistry::new("checklist item");
    for (i, entry) in exercise.checklist.iter().enumerate() {
        let c = path.key("checklist").index(i);
        checklist.add(report, c.key("id"), &entry.id);
        report.required(c.key("text"), &entry.text);
    }
}

/// Also applied to the built-in default framework by its tests.
pub(super) fn check_framework(
    report: &mut Report,
    path: &FieldPath,
    framework: &AssessmentFramework,
) {
    report.required(path.key("title"), &framework.title);
    if framework.criteria.is_empty() {
        report.error(
            path.key("criteria"),
            "a framework needs at least one criterion",
        );
    }
    let mut ids = IdRegistry::new("criterion");
    for (i, criterion) in framework.criteria.iter().enumerate() {
        let c = path.key("criteria").index(i);
        ids.add(report, c.key("id"), &criterion.id);
        report.required(c.key("title"), &criterion.title);
    }
    let levels = path.key("scale").key("levels");
    if framework.scale.levels.len() < 2 {
        report.error(levels.clone(), "a scale needs at least two levels");
    }
    for (i, level) in framework.scale.levels.iter().enumerate() {
        let l = levels.index(i);
        if !(1..=9).contains(&level.value) {
            report.error(l.key("value"), format!("level {} is outside 1-9 (0 is the unknown choice, and each level is one key press)", level.value));
        } else if let Some(previous) = i.checked_sub(1).map(|p| &framework.scale.levels[p]) {
            if level.value == previous.value {
                report.error(
                    l.key("value"),
                    format!("level {} appears twice; levels are unique", level.value),
                );
            } else if level.value < previous.value {
                report.error(
                    l.key("value"),
                    format!(
                        "level {} comes after level {}; list levels in ascending order",
                        level.value, previous.value
                    ),
                );
            }
        }
        report.required(l.key("label"), &level.label);
    }
    report.required(
        path.key("scale").key("unknown").key("label"),
        &framework.scale.unknown.label,
    );
}

fn check_roster_and_groups(report: &mut Report, plan: &Plan) {
    let top = FieldPath::default();
    let mut ids = IdRegistry::new("participant");
    for (i, participant) in plan.roster.iter().enumerate() {
        let path = top.key("roster").index(i);
        ids.add(report, path.key("id"), &participant.id);
        for problem in participant_problems(participant) {
            report.error(path.key(problem.field), problem.message);
        }
    }
    let mut groups = IdRegistry::new("group");
    let mut member_of: HashMap<&str, &str> = HashMap::new();
    for (g, group) in plan.groups.iter().enumerate() {
        let path = top.key("groups").index(g);
        groups.add(report, path.key("id"), &group.id);
        report.required(path.key("name"), &group.name);
        for (m, member) in group.members.iter().enumerate() {
            let at = path.key("members").index(m);
            if !ids.contains(member) {
                report.error(at, format!("no participant has the id `{member}`"));
            } else if let Some(other) = member_of.insert(member, &group.id) {
                report.error(
                    at,
                    format!("participant `{member}` is already in group `{other}`"),
                );
            }
        }
    }
}

/// A problem with one field of a participant record; `field` is the plan key and CSV column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// What is wrong with a participant's own fields (ids and cross-references aside).
pub fn participant_problems(p: &Participant) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for (field, value) in [
        ("name", &p.name),
        ("organisation", &p.organisation),
        ("country", &p.country),
        ("city", &p.city),
    ] {
        if value.trim().is_empty() {
            problems.push(FieldProblem {
                field,
                message: format!("every participant needs a {field}"),
            });
        }
    }
    for (field, value) in [
        ("id", &p.id),
        ("name", &p.name),
        ("organisation", &p.organisation),
        ("country", &p.country),
        ("city", &p.city),
    ]
    .into_iter()
    .chain(p.email.as_ref().map(|email| ("email", email)))
    {
        if let Some(why) = crate::safe_text::refused_char(value) {
            problems.push(FieldProblem {
                field,
                message: format!("the {field} {why}"),
            });
        }
    }
    if let Some(email) = &p.email
        && !looks_like_email(email)
    {
        problems.push(FieldProblem {
            field: "email",
            message: format!("`{email}` is not an email address"),
        });
    }
    problems
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
}
