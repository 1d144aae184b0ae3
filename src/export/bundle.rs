//! One export: the files for the chosen formats, from one consistent view of the run, each
//! written whole or not at all. The log is read once, a batch at a time, as the JSON file
//! is written; a redacted run is folded on the way. Nothing holds the whole log or the whole
//! JSON text.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::json::{self, Body, Summary};
use super::redact::{Privacy, Redactor, pseudonym};
use super::report::Report;
use super::table::Table;
use super::whole_log::WholeLog;
use super::{html, markdown, results};
use crate::event::Recorded;
use crate::state::{History, State};
use crate::store::LogReader;

/// A kind of export file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
    Html,
}

impl Format {
    /// Every format, in the order files are written.
    pub const ALL: [Format; 4] = [Format::Json, Format::Csv, Format::Markdown, Format::Html];

    /// Reads a comma-separated list such as `json,csv,md,html`.
    pub fn parse_list(list: &str) -> Result<Vec<Format>, String> {
        let mut formats = Vec::new();
        for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let format = match word.to_lowercase().as_str() {
                "json" => Format::Json,
                "csv" => Format::Csv,
                "md" | "markdown" => Format::Markdown,
                "html" => Format::Html,
                _ => {
                    return Err(format!(
                        "unknown format `{word}`: use json, csv, md or html"
                    ));
                }
            };
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            return Err("no format given: use json, csv, md or html".to_owned());
        }
        Ok(formats)
    }
}

/// A file ready to write.
#[derive(Debug, Clone)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the reports say about who they leave out, if anyone.
fn privacy_note(state: &State, privacy: Privacy, replaced: Option<usize>) -> Option<String> {
    let note = who_is_hidden(state, privacy)?;
    Some(match replaced {
        Some(0) | None => format!(
            "{note} No name or email of theirs was found typed in notes or other free text."
        ),
        Some(1) => format!(
            "{note} One name or email of theirs typed in notes or other free text was replaced by their pseudonym."
        ),
        Some(n) => format!(
            "{note} {n} names and emails of theirs typed in notes and other free text were replaced by their pseudonyms."
        ),
    })
}

/// Who the files leave unnamed, if anyone.
fn who_is_hidden(state: &State, privacy: Privacy) -> Option<String> {
    let count = state.participants().len();
    let hidden: Vec<String> = state
        .participants()
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.consent)
        .map(|(i, _)| pseudonym(i, count))
        .collect();
    match (privacy, hidden.as_slice()) {
        (Privacy::Redacted, _) => Some(
            "this report is redacted. Participants appear as P01, P02 and so on, the same \
             in every file; names, emails and organisations are left out."
                .to_owned(),
        ),
        (Privacy::ConsentedNamed | Privacy::FullBackup, []) => None,
        (Privacy::ConsentedNamed | Privacy::FullBackup, [one]) => Some(format!(
            "one participant did not consent to being named and appears as {one}, without \
             name, email or organisation."
        )),
        (Privacy::ConsentedNamed | Privacy::FullBackup, many) => Some(format!(
            "{} participants did not consent to being named and appear as {}, without \
             name, email or organisation.",
            many.len(),
            many.join(", ")
        )),
    }
}

/// How many files an export in `formats` writes.
pub fn file_count(formats: &[Format]) -> usize {
    formats
        .iter()
        .map(|f| if *f == Format::Csv { results::COUNT } else { 1 })
        .sum()
}

/// The files of an export of the run `history` tells, made at `at`, in memory: for a
/// history that holds its whole log (tests, and runs read back from a file).
///
/// Participants without consent appear as pseudonyms in every file, but in the JSON file of
/// a [`Privacy::FullBackup`].
pub fn render(
    history: &History,
    formats: &[Format],
    privacy: Privacy,
    at: DateTime<Utc>,
) -> Result<Vec<OutFile>, String> {
    let mut files = Vec::new();
    make(history, None, formats, privacy, at, &mut |name, body| {
        let mut bytes = Vec::new();
        body(&mut bytes)?;
        files.push(OutFile {
            name: name.to_owned(),
            bytes,
        });
        Ok(())
    })?;
    Ok(files)
}

/// Writes an export of the run `history` tells, made at `at`, into `dir`, as [`render`]
/// makes it; the events `history` no longer holds are read through `stored`. Tells `progress` before each file (its
/// index and name) and stops at the first failure, whose message names the file.
pub fn write(
    history: &History,
    stored: Option<&LogReader>,
    formats: &[Format],
    privacy: Privacy,
    at: DateTime<Utc>,
    dir: &Path,
    mut progress: impl FnMut(usize, &str),
) -> Result<Vec<PathBuf>, String> {
    crate::store::create_private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    make(history, stored, formats, privacy, at, &mut |name, body| {
        progress(written.len(), name);
        let path = dir.join(name);
        // The error names the file.
        super::write::write_private_with(&path, |out| body(out).map_err(std::io::Error::other))
            .map_err(|e| e.to_string())?;
        written.push(path);
        Ok(())
    })?;
    Ok(written)
}

/// Where each file goes: its name, and what writes its contents.
type Destination<'d> = dyn FnMut(&str, &mut dyn FnMut(&mut dyn Write) -> Result<(), String>) -> Result<(), String>
    + 'd;

fn make(
    history: &History,
    stored: Option<&LogReader>,
    formats: &[Format],
    privacy: Privacy,
    at: DateTime<Utc>,
    destination: &mut Destination,
) -> Result<(), String> {
    let state = history.state();
    let log = WholeLog::new(history, stored)?;
    let redactor = Redactor::of(state, privacy, || log.participant_events())?;
    let shown_plan = redactor.as_ref().map(|r| r.redacted_plan(state.plan()));
    let mut pass = Pass {
        log,
        history,
        folding: shown_plan.as_ref().map(|plan| State::new(plan.clone())),
        redactor,
        privacy,
        at,
        tables: None,
        named_tables: None,
    };
    let id = &state.plan().id;
    if formats.contains(&Format::Json) {
        let plan = match (&shown_plan, privacy) {
            (Some(plan), Privacy::ConsentedNamed | Privacy::Redacted) => plan,
            _ => state.plan(),
        };
        destination(&format!("{id}-run.json"), &mut |out| {
            json::write(out, true, at, privacy == Privacy::Redacted, plan, &mut pass)
        })?;
    } else if pass.redactor.is_some() {
        pass.events(&mut |_| Ok(()))?;
    }
    let shared = pass.folding.as_ref().unwrap_or(state);
    let tables = match pass.tables.take() {
        Some(tables) => tables,
        None => results::tables(shared, at),
    };
    for format in formats {
        match format {
            Format::Json => {}
            Format::Csv => {
                for table in &tables {
                    destination(&format!("{id}-{}.csv", table.name), &mut |out| {
                        table
                            .write_csv(out)
                            .map_err(|e| format!("{}: {e}", table.name))
                    })?;
                }
            }
            Format::Markdown | Format::Html => {
                let replaced = pass.redactor.as_ref().map(Redactor::replacements);
                let report = Report::new(shared, at, privacy_note(state, privacy, replaced));
                let (name, text) = if *format == Format::Markdown {
                    ("report.md", markdown::render(&report))
                } else {
                    ("report.html", html::render(&report))
                };
                destination(&format!("{id}-{name}"), &mut |out| {
                    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
                })?;
            }
        }
    }
    Ok(())
}

/// One pass over the log: each event as the JSON file shows it, and the redacted run
/// folded on the way when someone is hidden.
struct Pass<'a> {
    log: WholeLog<'a>,
    /// The run as the app has it, every participant named.
    history: &'a History,
    redactor: Option<Redactor>,
    /// The redacted run, folded as the events go by.
    folding: Option<State>,
    privacy: Privacy,
    at: DateTime<Utc>,
    /// The results tables of the run the reports show, once worked out.
    tables: Option<Vec<Table>>,
    /// Those of the named run, for the JSON file of a full backup.
    named_tables: Option<Vec<Table>>,
}

impl Body for Pass<'_> {
    fn events(
        &mut self,
        sink: &mut dyn FnMut(&Recorded) -> Result<(), String>,
    ) -> Result<(), String> {
        let Some(redactor) = &self.redactor else {
            return self.log.for_each(sink);
        };
        let named_file = self.privacy == Privacy::FullBackup;
        let folding = &mut self.folding;
        let history = self.history;
        self.log.for_each(|recorded| {
            let redacted = redactor.redacted(recorded);
            // Every undo is known beforehand: an undone event is never applied.
            if let Some(folding) = folding.as_mut()
                && !history.is_undone(recorded.seq)
            {
                folding.apply(&redacted);
            }
            sink(if named_file { recorded } else { &redacted })
        })
    }

    fn tail(&mut self) -> Result<(Summary, Option<&[Table]>), String> {
        let live = self.history.state();
        let shared = self.folding.as_ref().unwrap_or(live);
        if self.privacy == Privacy::FullBackup && self.redactor.is_some() {
            let named = self.named_tables.insert(results::tables(live, self.at));
            return Ok((json::summary(live), Some(named)));
        }
        let tables = self.tables.insert(results::tables(shared, self.at));
        Ok((json::summary(shared), Some(tables)))
    }
}
