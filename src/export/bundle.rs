//! One export: the files for the chosen formats, made in memory from one consistent view of
//! the run, then written one by one, each whole or not at all.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::redact::{Privacy, pseudonym, redact};
use super::report::Report;
use super::{html, json, markdown, results, write_private};
use crate::state::State;

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
fn privacy_note(state: &State, privacy: Privacy) -> Option<String> {
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

/// Why an export or a backup was refused: the state it was given holds only its recent
/// events (a bug in the caller, which must read the whole log first).
pub const PARTIAL_LOG: &str = "the run's older events were not read back for this export";

/// The files of an export of `state` made at `at`.
///
/// Participants without consent appear as pseudonyms in every file, but in the JSON file of
/// a [`Privacy::FullBackup`].
pub fn render(
    state: &State,
    formats: &[Format],
    privacy: Privacy,
    at: DateTime<Utc>,
) -> Result<Vec<OutFile>, String> {
    if state.base() > 0 {
        return Err(PARTIAL_LOG.to_owned());
    }
    let shared = redact(state, privacy);
    let id = &state.plan().id;
    let tables = results::tables(&shared, at);
    let mut files = Vec::new();
    for format in formats {
        match format {
            Format::Json => {
                // The results tables come from what the file holds: the named run in a full
                // backup, else the same (redacted) run as the CSV files, made once.
                let export = if privacy == Privacy::FullBackup {
                    json::export(state, at, false, &results::tables(state, at))
                } else {
                    json::export(&shared, at, privacy == Privacy::Redacted, &tables)
                };
                let text = serde_json::to_string_pretty(&export).map_err(|e| e.to_string())?;
                files.push(OutFile {
                    name: format!("{id}-run.json"),
                    bytes: text.into_bytes(),
                });
            }
            Format::Csv => {
                for table in &tables {
                    files.push(OutFile {
                        name: format!("{id}-{}.csv", table.name),
                        bytes: table.to_csv().map_err(|e| format!("{}: {e}", table.name))?,
                    });
                }
            }
            Format::Markdown | Format::Html => {
                let report = Report::new(&shared, at, privacy_note(state, privacy));
                let (name, text) = if *format == Format::Markdown {
                    ("report.md", markdown::render(&report))
                } else {
                    ("report.html", html::render(&report))
                };
                files.push(OutFile {
                    name: format!("{id}-{name}"),
                    bytes: text.into_bytes(),
                });
            }
        }
    }
    Ok(files)
}

/// Writes `files` into `dir`, telling `progress` before each one (its index and name).
/// Stops at the first failure, whose message names the file.
pub fn write_all(
    dir: &Path,
    files: &[OutFile],
    mut progress: impl FnMut(usize, &str),
) -> Result<Vec<PathBuf>, String> {
    crate::store::create_private_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (i, file) in files.iter().enumerate() {
        progress(i, &file.name);
        let path = dir.join(&file.name);
        write_private(&path, &file.bytes).map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}
