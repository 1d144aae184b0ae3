//! What the Markdown and HTML reports say, worked out once from the run: the reports only
//! lay it out.

use chrono::{DateTime, Utc};

use crate::event::Question;
use crate::plan::format_minutes;
use crate::state::{Certificate, DayTotals, State};

mod sections;

use sections::{comparison, days, exercises, plans};

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub subtitle: Option<String>,
    /// "31 Mar – 3 Apr 2020, Jeju".
    pub when_where: String,
    pub organisers: Vec<String>,
    pub partners: Vec<String>,
    /// When the export was made, in the workshop's time zone.
    pub exported: String,
    /// What the report leaves out about people, if anything.
    pub privacy: Option<String>,
    pub figures: Vec<(&'static str, String)>,
    pub days: Vec<AgendaDay>,
    pub certificate_rule: String,
    pub certificates: Vec<[String; 4]>,
    pub criteria: Vec<(String, String)>,
    /// The top of the framework's scale.
    pub top_level: u8,
    pub comparison: Vec<CityProfile>,
    pub regional: Vec<Option<f64>>,
    pub plans: Vec<CityPlan>,
    pub exercises: Vec<ExerciseResult>,
    pub feedback: Vec<ModuleFeedback>,
    pub overall: Option<(f64, u32, f64)>,
    pub feedback_forms: usize,
    /// Where the feedback came from, in words: the forms entered one by one and the
    /// tallies, side by side, so that a question's n reads right against the forms.
    pub feedback_sources: String,
}

/// One day of the agenda as run, with its attendance.
#[derive(Debug, Clone)]
pub struct AgendaDay {
    pub heading: String,
    pub date: String,
    pub items: Vec<AgendaRow>,
    pub totals: DayTotals,
}

/// One item: planned against actual.
#[derive(Debug, Clone)]
pub struct AgendaRow {
    pub title: String,
    pub kind: &'static str,
    pub planned: (u32, u32),
    /// Actual start and end in minutes after midnight, local time.
    pub actual: Option<(u32, Option<u32>)>,
    pub actual_minutes: Option<i64>,
    pub status: &'static str,
    /// What the room changed of it ("added in the room"), or empty.
    pub change: String,
}

impl AgendaRow {
    /// How it stands, and what the room changed of it: "done · added in the room".
    pub fn status_text(&self) -> String {
        if self.change.is_empty() {
            self.status.to_owned()
        } else {
            format!("{} · {}", self.status, self.change)
        }
    }

    /// Planned start and end as "09:00–09:30".
    pub fn planned_text(&self) -> String {
        format!(
            "{}–{}",
            format_minutes(self.planned.0),
            format_minutes(self.planned.1)
        )
    }

    /// Actual start and end, as far as known.
    pub fn actual_text(&self) -> String {
        match self.actual {
            None => String::new(),
            Some((start, None)) => format!("{}–", format_minutes(start)),
            Some((start, Some(end))) => {
                format!("{}–{}", format_minutes(start), format_minutes(end))
            }
        }
    }

    /// Actual minus planned length, when it ran.
    pub fn difference(&self) -> Option<i64> {
        self.actual_minutes
            .map(|a| a - i64::from(self.planned.1 - self.planned.0))
    }
}

/// A city on every criterion: its own level, the peers' mean and the gap.
#[derive(Debug, Clone)]
pub struct CityProfile {
    pub city: String,
    pub own: Vec<Option<u8>>,
    pub peers: Vec<Option<f64>>,
    pub gaps: Vec<Option<f64>>,
}

/// What a city takes home.
#[derive(Debug, Clone)]
pub struct CityPlan {
    pub city: String,
    pub challenges: Vec<String>,
    pub practices: Vec<String>,
    /// What, who, due, criterion, indicator, status.
    pub actions: Vec<[String; 6]>,
}

/// An exercise's scoreboard.
#[derive(Debug, Clone)]
pub struct ExerciseResult {
    pub title: String,
    /// Rubric criteria with their maximum points.
    pub rubric: Vec<(String, u32)>,
    pub out_of: u32,
    pub standings: Vec<GroupResult>,
    /// Reference items no group's checklist covered.
    pub uncovered: Vec<String>,
}

/// A group's line on a scoreboard.
#[derive(Debug, Clone)]
pub struct GroupResult {
    /// "1", or "–" for a group with no points yet.
    pub rank: String,
    pub group: String,
    pub members: String,
    pub points: Vec<Option<u32>>,
    pub total: u32,
}

/// A module's feedback: mean usefulness and interest, with how many answered.
#[derive(Debug, Clone)]
pub struct ModuleFeedback {
    pub module: String,
    pub usefulness: Option<(f64, u32)>,
    pub interest: Option<(f64, u32)>,
}

fn local_minutes(state: &State, at: DateTime<Utc>) -> u32 {
    use chrono::Timelike;
    let local = state.zone().local(at);
    local.hour() * 60 + local.minute()
}

fn answered(state: &State, question: &Question) -> Option<(f64, u32)> {
    let n: u32 = state.distribution(question).iter().sum();
    state.feedback_mean(question).map(|mean| (mean, n))
}

impl Report {
    /// The report of `state` as exported at `at`; `privacy` says what it leaves out.
    pub fn new(state: &State, at: DateTime<Utc>, privacy: Option<String>) -> Self {
        let plan = state.plan();
        let framework = plan.framework();
        let eligible: Vec<_> = state
            .participants()
            .iter()
            .filter(|p| state.certificate(&p.id) == Certificate::Eligible)
            .collect();
        let cities = state.cities();
        let mut countries: Vec<&str> = state
            .participants()
            .iter()
            .map(|p| p.country.as_str())
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let figures = vec![
            ("Participants", state.participants().len().to_string()),
            ("Cities", cities.len().to_string()),
            ("Countries", countries.len().to_string()),
            ("Days", plan.days.len().to_string()),
            ("Certificates", eligible.len().to_string()),
            ("Feedback forms", state.feedback_forms().to_string()),
        ];
        Self {
            title: plan.title.clone(),
            subtitle: plan.subtitle.clone(),
            when_where: when_where(state),
            organisers: plan.organisers.clone(),
            partners: plan.partners.clone(),
            exported: state
                .zone()
                .local(at)
                .format("%-d %B %Y, %H:%M")
                .to_string(),
            privacy,
            figures,
            days: days(state, at),
            certificate_rule: format!(
                "A certificate needs {} of the {} days ({}%){}.",
                state.days_required(),
                plan.days.len(),
                plan.certificate.min_attendance_percent,
                if plan.certificate.late_counts_as_present {
                    "; arriving late counts"
                } else {
                    "; arriving late does not count"
                }
            ),
            certificates: eligible
                .iter()
                .map(|p| {
                    [
                        p.name.clone(),
                        p.organisation.clone(),
                        p.city.clone(),
                        p.country.clone(),
                    ]
                })
                .collect(),
            criteria: framework
                .criteria
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect(),
            top_level: framework.scale.top(),
            comparison: comparison(state),
            regional: framework
                .criteria
                .iter()
                .map(|c| state.regional_average(crate::state::Lens::SelfAssessed, &c.id))
                .collect(),
            plans: plans(state),
            exercises: exercises(state),
            feedback: plan
                .modules
                .iter()
                .map(|m| ModuleFeedback {
                    module: m.title.clone(),
                    usefulness: answered(
                        state,
                        &Question::Usefulness {
                            module: m.id.clone(),
                        },
                    ),
                    interest: answered(
                        state,
                        &Question::Interest {
                            module: m.id.clone(),
                        },
                    ),
                })
                .collect(),
            overall: answered(state, &Question::Overall).and_then(|(mean, n)| {
                state
                    .satisfied_share(&Question::Overall)
                    .map(|share| (mean, n, share))
            }),
            feedback_forms: state.feedback_forms(),
            feedback_sources: feedback_sources(state),
        }
    }
}

fn when_where(state: &State) -> String {
    let days = &state.plan().days;
    let dates = match (days.first(), days.last()) {
        (Some(first), Some(last)) if first.date == last.date => {
            first.date.format("%-d %B %Y").to_string()
        }
        (Some(first), Some(last)) => format!(
            "{} – {}",
            first.date.format("%-d %B"),
            last.date.format("%-d %B %Y")
        ),
        _ => String::new(),
    };
    format!("{dates}, {}", state.plan().venue)
}

/// "3 forms entered one by one, and 2 tallies of 14 answers counted from paper: a
/// question's n counts both."
fn feedback_sources(state: &State) -> String {
    let forms = crate::text::counted(state.feedback_forms(), "form", "forms");
    match state.feedback_tallies() {
        (0, _) => format!("{forms} entered, one by one."),
        (tallies, answers) => format!(
            "{forms} entered one by one, and {} of {} counted from paper: each n below counts both.",
            crate::text::counted(tallies, "tally", "tallies"),
            crate::text::counted(answers as usize, "answer", "answers"),
        ),
    }
}
