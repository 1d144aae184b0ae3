//! The lossless export: the plan the run started from and every event, as recorded, with a
//! format version; `workshop import` rebuilds a run from it.

use std::cell::RefCell;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::ser::{Error as _, SerializeSeq, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::table::Table;
use crate::event::Recorded;
use crate::plan::Plan;
use crate::state::State;

/// What the file says it is.
pub const FORMAT: &str = "workshop-run";
/// The layout of the file this version writes and reads.
pub const VERSION: u32 = 1;

/// A whole run, as an export file holds it, read back. Files are written by [`write`], which
/// streams the events rather than holding them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunExport {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// Whether participants appear as pseudonyms (`workshop export --redact`).
    #[serde(default)]
    pub redacted: bool,
    /// The plan the run started from.
    pub plan: Plan,
    /// Every event, undone ones and the undos included, in order.
    pub events: Vec<Recorded>,
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

/// The figures of the run `state` stands for.
pub fn summary(state: &State) -> Summary {
    let certificates_eligible = state
        .participants()
        .iter()
        .filter(|p| state.certificate(&p.id) == crate::state::Certificate::Eligible)
        .count();
    Summary {
        participants: state.participants().len(),
        cities: state.cities().len(),
        certificates_eligible,
        feedback_forms: state.feedback_forms(),
    }
}

/// What an export file holds after its head, made as it is written: the events one by one,
/// then the figures worked out from them.
pub trait Body {
    /// Gives `sink` every event the file holds, in order; stops at the first error.
    fn events(
        &mut self,
        sink: &mut dyn FnMut(&Recorded) -> Result<(), String>,
    ) -> Result<(), String>;

    /// Once the events are written: the summary, and the results tables (none in a backup).
    fn tail(&mut self) -> Result<(Summary, Option<&[Table]>), String>;
}

/// Writes an export file to `out`, `pretty` or compact: the format, `exported_at`, whether it
/// is `redacted`, the `plan`, then what `body` makes. The events go to `out` as they come, so
/// that a long run's log is never held whole, nor its text.
pub fn write(
    out: impl Write,
    pretty: bool,
    exported_at: DateTime<Utc>,
    redacted: bool,
    plan: &Plan,
    body: &mut dyn Body,
) -> Result<(), String> {
    // serde_json writes token by token: buffered here, each write is a copy, not a call
    // through `out`.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let result = if pretty {
        write_to(
            &mut serde_json::Serializer::pretty(&mut out),
            exported_at,
            redacted,
            plan,
            body,
        )
    } else {
        write_to(
            &mut serde_json::Serializer::new(&mut out),
            exported_at,
            redacted,
            plan,
            body,
        )
    };
    result.map_err(|e| format!("cannot read: {e}"))?;
    out.flush().map_err(|e| e.to_string())
}

fn write_to<S: Serializer>(
    serializer: S,
    exported_at: DateTime<Utc>,
    redacted: bool,
    plan: &Plan,
    body: &mut dyn Body,
) -> Result<S::Ok, S::Error> {
    // The fields in the order `RunExport` has them.
    let mut fields = serializer.serialize_struct("RunExport", 8)?;
    fields.serialize_field("format", FORMAT)?;
    fields.serialize_field("version", &VERSION)?;
    fields.serialize_field("exported_at", &exported_at)?;
    fields.serialize_field("redacted", &redacted)?;
    fields.serialize_field("plan", plan)?;
    fields.serialize_field("events", &Events(RefCell::new(&mut *body)))?;
    let (summary, results) = body.tail().map_err(S::Error::custom)?;
    fields.serialize_field("summary", &summary)?;
    fields.serialize_field("results", &results)?;
    fields.end()
}

/// The events of a [`Body`], serialised as it gives them.
struct Events<'b, 'c>(RefCell<&'b mut (dyn Body + 'c)>);

impl Serialize for Events<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = self
            .0
            .try_borrow_mut()
            .map_err(|_| S::Error::custom("the events were asked for twice at once"))?;
        let mut seq = serializer.serialize_seq(None)?;
        body.events(&mut |recorded| seq.serialize_element(recorded).map_err(|e| e.to_string()))
            .map_err(S::Error::custom)?;
        seq.end()
    }
}

/// The largest run export read: far above two weeks of 200 people (about 100 000 events,
/// some 30 MB), far below what would exhaust a laptop's memory.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Reads an export file, refusing one too large before reading it, text that is not UTF-8,
/// and anything [`read`] refuses, with a reason.
pub fn read_file(path: &std::path::Path) -> Result<RunExport, String> {
    let bytes = crate::input::read_regular(path, MAX_BYTES).map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("not valid UTF-8 text (byte {})", e.valid_up_to() + 1))?;
    read(text)
}

/// Reads an export, refusing other files and newer versions with a reason.
pub fn read(text: &str) -> Result<RunExport, String> {
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
