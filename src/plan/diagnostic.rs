//! Findings about a plan: errors and warnings, each anchored to a field and, once the plan's
//! text is known, to a line and column.

use std::fmt;
use std::path::Path;

use super::locate::{FieldPath, Position, locate};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about a plan, anchored to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: FieldPath,
    /// Filled in once the plan's text is known.
    pub position: Option<Position>,
    pub message: String,
}

impl Diagnostic {
    /// Displays as `FILE:LINE:COLUMN: [warning: ]message (field)`.
    pub fn display_in<'a>(&'a self, file: &'a Path) -> impl fmt::Display + 'a {
        DisplayIn {
            diagnostic: self,
            file,
        }
    }
}

struct DisplayIn<'a> {
    diagnostic: &'a Diagnostic,
    file: &'a Path,
}

impl fmt::Display for DisplayIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        write!(f, "{}:", self.file.display())?;
        if let Some(position) = d.position {
            write!(f, "{position}:")?;
        }
        if d.severity == Severity::Warning {
            f.write_str(" warning:")?;
        }
        write!(f, " {} ({})", d.message, d.path)
    }
}

/// Everything validation found, errors and warnings, in file order of the checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Fills in each diagnostic's line and column from the plan's JSON text.
    #[must_use]
    pub fn located_in(mut self, src: &str) -> Self {
        for d in &mut self.diagnostics {
            d.position = locate(src, &d.path).map(|l| l.value);
        }
        self
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub(super) fn error(&mut self, path: FieldPath, message: impl Into<String>) {
        self.push(Severity::Error, path, message.into());
    }

    pub(super) fn warn(&mut self, path: FieldPath, message: impl Into<String>) {
        self.push(Severity::Warning, path, message.into());
    }

    fn push(&mut self, severity: Severity, path: FieldPath, message: String) {
        self.diagnostics.push(Diagnostic {
            severity,
            path,
            position: None,
            message,
        });
    }

    pub(super) fn required(&mut self, path: FieldPath, value: &str) {
        if value.trim().is_empty() {
            self.error(path, "must not be empty");
        }
    }
}
