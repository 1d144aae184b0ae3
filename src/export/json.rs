//! The lossless export: the plan the run started from and every event, as recorded, with a
//! format version; `workshop import` rebuilds a run from it.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::event::Recorded;
use crate::plan::Plan;
use crate::state::State;

/// What the file says it is.
pub const FORMAT: &str = "workshop-run";
/// The layout of the file this version writes and reads.
pub const VERSION: u32 = 1;

/// A whole run, as exported: its events borrowed from the state when written (a two-week
/// log is the largest thing an export holds), owned when read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunExport<'a> {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// Whether participants appear as pseudonyms (`workshop export --redact`).
    #[serde(default)]
    pub redacted: bool,
    /// The plan the run started from.
    pub plan: Plan,
    /// Every event, undone ones and the undos included, in order.
    pub events: Cow<'a, [Recorded]>,
    /// Figures derived from the events, for readers who do not fold them themselves.
    pub summary: Summary,
    /// The results tables, as the CSV files hold them, for readers who want the figures.
    #[serde(default)]
    pub results: serde_json::Value,
}

/// A few derived figures; the events are the truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub participants: usize,
    pub cities: usize,
    pub certificates_eligible: usize,
    pub feedback_forms: usize,
}

/// The export of `state`, stamped `at`, with its results `tables`; `redacted` says `state`
/// holds pseudonyms.
pub fn export<'a>(
    state: &'a State,
    at: DateTime<Utc>,
    redacted: bool,
    tables: &[super::table::Table],
) -> RunExport<'a> {
    RunExport {
        results: serde_json::to_value(tables).unwrap_or_default(),
        ..backup(state, at, redacted)
    }
}

/// The export of `state` without the results tables, which are derived from the events and
/// cost most of the time at scale: what a backup needs to rebuild the run.
pub fn backup(state: &State, at: DateTime<Utc>, redacted: bool) -> RunExport<'_> {
    let certificates_eligible = state
        .participants()
        .iter()
        .filter(|p| state.certificate(&p.id) == crate::state::Certificate::Eligible)
        .count();
    RunExport {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: at,
        redacted,
        plan: state.plan().clone(),
        events: Cow::Borrowed(state.log()),
        summary: Summary {
            participants: state.participants().len(),
            cities: state.cities().len(),
            certificates_eligible,
            feedback_forms: state.feedback_forms(),
        },
        results: serde_json::Value::Null,
    }
}

/// The largest run export read: far above two weeks of 200 people (about 100 000 events,
/// some 30 MB), far below what would exhaust a laptop's memory.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Reads an export file, refusing one too large before reading it, text that is not UTF-8,
/// and anything [`read`] refuses, with a reason.
pub fn read_file(path: &std::path::Path) -> Result<RunExport<'static>, String> {
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > MAX_BYTES {
        return Err(format!(
            "the file is {size} bytes; a run export is at most {MAX_BYTES}"
        ));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("not valid UTF-8 text (byte {})", e.valid_up_to() + 1))?;
    read(text)
}

/// Reads an export, refusing other files and newer versions with a reason.
pub fn read(text: &str) -> Result<RunExport<'static>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(format!(
            "not a workshop run export (its \"format\" is not \"{FORMAT}\")"
        ));
    }
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(format!(
            "written by a newer workshop (version {version}; this one reads {VERSION})"
        ));
    }
    let export: RunExport = serde_json::from_value(value).map_err(|e| format!("damaged: {e}"))?;
    let report = crate::plan::validate(&export.plan);
    if let Some(error) = report
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::plan::Severity::Error)
    {
        return Err(format!(
            "damaged: its plan breaks a rule at {}: {}",
            error.path, error.message
        ));
    }
    for (i, recorded) in export.events.iter().enumerate() {
        if recorded.seq != i as u64 + 1 {
            return Err(format!(
                "damaged: event {} is numbered {}",
                i + 1,
                recorded.seq
            ));
        }
    }
    Ok(export)
}
