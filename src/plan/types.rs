//! The serde shape of a plan file. Unknown fields are refused so that a typo is never ignored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ClockTime, Sector};

/// One workshop as intended: who organises it, when and where, its agenda, exercises,
/// assessment framework and roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable identifier, also the name of the run's folder: lowercase letters, digits, dashes.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub organisers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    pub venue: String,
    /// An IANA zone name ("Asia/Seoul") or a UTC offset ("+09:00", "UTC+9").
    pub time_zone: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_objectives: Vec<String>,
    /// Where the plan departs from its sources, or anything a facilitator should know.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub modules: Vec<Module>,
    pub days: Vec<Day>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<Exercise>,
    /// The CityShare framework; `None` means the built-in default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<AssessmentFramework>,
    #[serde(default)]
    pub roster: Vec<Participant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub certificate: CertificateRule,
}

/// A themed block of the programme ("Module 2: International Legal Frameworks"). Its items are
/// the agenda items that name it, in agenda order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
}

/// One day of the programme with its working hours and its ordered agenda items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Day {
    pub date: NaiveDate,
    pub start: ClockTime,
    pub end: ClockTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the day takes place when it is not the plan's venue (a study visit, another city).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub items: Vec<Item>,
}

/// One agenda entry. It starts at `start`, or when the item before it ends; it lasts
/// `duration` minutes, or until the next item's start (or the end of the day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<ClockTime>,
    /// Planned length in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// A fixed-time item (lunch, the bus, the end of the day) keeps its start when the day drifts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The exercise this item runs, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// Whether attendance is also taken for this item, not only for the day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attendance: bool,
}

/// What sort of agenda entry an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Lecture,
    Exercise,
    Discussion,
    CaseStudy,
    StudyVisit,
    ActionPlan,
    Break,
    Ceremony,
}

impl ItemKind {
    /// Every kind, in the order a form lists them.
    pub const ALL: [ItemKind; 8] = [
        ItemKind::Lecture,
        ItemKind::Exercise,
        ItemKind::Discussion,
        ItemKind::CaseStudy,
        ItemKind::StudyVisit,
        ItemKind::ActionPlan,
        ItemKind::Break,
        ItemKind::Ceremony,
    ];

    /// The spelling used in plan files.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Lecture => "lecture",
            ItemKind::Exercise => "exercise",
            ItemKind::Discussion => "discussion",
            ItemKind::CaseStudy => "case-study",
            ItemKind::StudyVisit => "study-visit",
            ItemKind::ActionPlan => "action-plan",
            ItemKind::Break => "break",
            ItemKind::Ceremony => "ceremony",
        }
    }
}

/// Reads a kind as a person writes it: any case, with spaces, dashes or underscores
/// ("Case study", `case_study`, "case-study"), and a few common other words ("session",
/// "presentation" for a lecture; "coffee", "lunch" for a break; "opening", "closing" for a
/// ceremony; "group work" for an exercise; "visit" for a study visit).
impl std::str::FromStr for ItemKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let key: String = text
            .trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if let Some(kind) = Self::ALL.iter().find(|k| k.as_str() == key) {
            return Ok(*kind);
        }
        Ok(match key.as_str() {
            "session" | "presentation" | "talk" | "keynote" | "panel" => ItemKind::Lecture,
            "group-work" | "group-exercise" | "workshop" => ItemKind::Exercise,
            "case" | "case-studies" | "country-presentation" => ItemKind::CaseStudy,
            "visit" | "field-visit" | "site-visit" => ItemKind::StudyVisit,
            "action-planning" | "action-plans" => ItemKind::ActionPlan,
            "coffee" | "coffee-break" | "tea" | "lunch" | "lunch-break" | "dinner" => {
                ItemKind::Break
            }
            "opening" | "closing" | "welcome" | "registration" | "certificates" => {
                ItemKind::Ceremony
            }
            _ => {
                return Err(format!(
                    "`{}` is not a kind: {}",
                    text.trim(),
                    Self::ALL.map(ItemKind::as_str).join(", ")
                ));
            }
        })
    }
}

/// A group exercise with the rubric groups are scored against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub rubric: Vec<RubricCriterion>,
    /// Reference items a group's own checklist is compared with (e.g. the ILO indicators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    /// Whether this exercise forms its own groups instead of using the shared ones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_groups: bool,
}

/// One line of a scoring rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricCriterion {
    pub id: String,
    pub title: String,
    pub max_points: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One reference checklist entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
}

/// The shared yardstick cities assess themselves and each other against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFramework {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub criteria: Vec<Criterion>,
    pub scale: Scale,
}

/// One assessed area, with what it covers and how to tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub indicators: Vec<String>,
}

/// The levels a criterion can be rated at, plus the "unknown / not applicable" choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub levels: Vec<Level>,
    pub unknown: UnknownLevel,
}

impl Scale {
    /// The highest level's value (5 on the default scale).
    pub fn top(&self) -> u8 {
        self.levels.last().map_or(5, |l| l.value)
    }
}

/// One rung of the scale. Values are 1-9 so each is a single key press; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub value: u8,
    pub label: String,
    pub descriptor: String,
}

/// How the scale names "we do not know / does not apply".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnknownLevel {
    pub label: String,
    pub descriptor: String,
}

/// A person on the roster. The id is stable for the life of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub country: String,
    pub city: String,
    pub sector: Sector,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Applicants send a signed consent with their application, so rostered people have it
    /// unless the plan says otherwise.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub consent: bool,
}

fn yes() -> bool {
    true
}

/// A pre-formed group of participants, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
}

/// What earns a certificate of completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateRule {
    /// Share of the workshop days a participant must attend, in percent.
    pub min_attendance_percent: u8,
    /// Whether arriving late counts as attending the day.
    #[serde(default = "yes")]
    pub late_counts_as_present: bool,
}

impl Default for CertificateRule {
    fn default() -> Self {
        Self {
            min_attendance_percent: 80,
            late_counts_as_present: true,
        }
    }
}

impl Plan {
    /// The framework this plan assesses against: its own, or the built-in default.
    pub fn framework(&self) -> std::borrow::Cow<'_, AssessmentFramework> {
        match &self.framework {
            Some(framework) => std::borrow::Cow::Borrowed(framework),
            None => std::borrow::Cow::Owned(super::default_framework()),
        }
    }

    /// Every agenda item with the day it belongs to, in agenda order.
    pub fn items(&self) -> impl Iterator<Item = (&Day, &Item)> {
        self.days
            .iter()
            .flat_map(|day| day.items.iter().map(move |item| (day, item)))
    }

    /// The distinct cities on the roster, in first-seen order.
    pub fn cities(&self) -> Vec<&str> {
        let mut cities: Vec<&str> = Vec::new();
        for p in &self.roster {
            if !cities.contains(&p.city.as_str()) {
                cities.push(&p.city);
            }
        }
        cities
    }
}
