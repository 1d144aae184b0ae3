//! Reading a plan file: bytes to text to serde types, then validation, with every problem
//! reported as `FILE:LINE:COLUMN: message (field)`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::error::Category;

use super::Plan;
use super::diagnostic::{Diagnostic, Report, Severity};
use super::locate::{FieldPath, Position, Segment, locate, locate_second};
use super::validate::validate;
use crate::text::counted;

/// Plans are hand-written agendas; anything this large is not one, and is refused before reading.
pub const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;

/// Why a plan file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("{}: cannot read the plan: {source}", file.display())]
    Unread {
        file: PathBuf,
        source: crate::input::InputError,
    },
    #[error("{}", render(file, diagnostics))]
    Invalid {
        file: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
}

fn render(file: &Path, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.display_in(file).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plan read from disk, with the warnings it passed validation with.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates the plan at `file`. Errors name the file, line, column and field.
pub fn load_plan(file: &Path) -> Result<LoadedPlan, PlanError> {
    let bytes =
        crate::input::read_regular(file, MAX_PLAN_BYTES).map_err(|source| PlanError::Unread {
            file: file.to_owned(),
            source,
        })?;
    check_plan(bytes).map_err(|diagnostics| PlanError::Invalid {
        file: file.to_owned(),
        diagnostics,
    })
}

/// Checks the bytes of a plan file: UTF-8, then the types, then the plan rules. The
/// errors come back with their positions; warnings travel with the plan.
pub fn check_plan(bytes: Vec<u8>) -> Result<LoadedPlan, Vec<Diagnostic>> {
    let src = match String::from_utf8(bytes) {
        Ok(src) => src,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(err.as_bytes());
            let at = Position::of_offset(&lossy, valid);
            return Err(vec![Diagnostic {
                severity: Severity::Error,
                path: FieldPath::default(),
                position: Some(at),
                message: "the file is not valid UTF-8 text (save it as UTF-8)".to_owned(),
            }]);
        }
    };
    let plan = parse_plan(&src).map_err(|d| vec![d])?;
    let Report { diagnostics } = validate(&plan).located_in(&src);
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(LoadedPlan { plan, warnings })
    } else {
        Err(errors)
    }
}

/// Parses plan JSON text. A syntax error, a wrong type or an unknown field comes back as one
/// diagnostic with its position and field path; nothing is validated beyond the types.
pub fn parse_plan(src: &str) -> Result<Plan, Diagnostic> {
    let text = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let plan = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = FieldPath(
            err.path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
                    serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => None,
                })
                .collect(),
        );
        diagnose(text, path, err.inner())
    })?;
    deserializer
        .end()
        .map_err(|err| diagnose(text, FieldPath::default(), &err))?;
    Ok(plan)
}

fn diagnose(text: &str, path: FieldPath, err: &serde_json::Error) -> Diagnostic {
    let reported = Position::of_line_and_byte_column(text, err.line(), err.column());
    let position = match err.classify() {
        // Type errors are reported by serde_json after the value; point at its start instead.
        Category::Data if duplicate_field(err).is_some() => duplicate_field(err)
            .and_then(|key| locate_second(text, &path, &key))
            .unwrap_or(reported),
        Category::Data => locate(text, &path).map_or(reported, |l| {
            if is_unknown_field(err) {
                l.key.unwrap_or(l.value)
            } else {
                l.value
            }
        }),
        Category::Io | Category::Syntax | Category::Eof => reported,
    };
    Diagnostic {
        severity: Severity::Error,
        path,
        position: Some(position),
        message: strip_position(&err.to_string()),
    }
}

/// The field named by serde's "duplicate field `X`", if that is the error.
fn duplicate_field(err: &serde_json::Error) -> Option<String> {
    let text = err.to_string();
    let rest = text.strip_prefix("duplicate field `")?;
    Some(rest[..rest.find('`')?].to_owned())
}

fn is_unknown_field(err: &serde_json::Error) -> bool {
    err.to_string().starts_with("unknown field")
}

/// `serde_json` appends " at line L column C"; the diagnostic prints its own position.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

impl fmt::Display for LoadedPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plan = &self.plan;
        let items: usize = plan.days.iter().map(|d| d.items.len()).sum();
        write!(
            f,
            "{}: {}, {}, {}, {}, {}",
            plan.title,
            counted(plan.days.len(), "day", "days"),
            counted(plan.modules.len(), "module", "modules"),
            counted(items, "item", "items"),
            counted(plan.roster.len(), "participant", "participants"),
            counted(plan.cities().len(), "city", "cities")
        )
    }
}
