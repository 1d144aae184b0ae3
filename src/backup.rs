//! Rolling backups of a run: the whole run as a JSON export (every name, like
//! `workshop export --full`) in the store's `backups/` folder, owner-only, the newest
//! [`KEEP`] kept. `workshop doctor` rebuilds a damaged store from the newest one, and a run
//! whose store holds fewer events than its newest backup is not opened.
//!
//! A backup's name carries the number of events it holds
//! (`run-00001234-20261123T101500Z.json`), so that opening a run can compare without reading it.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::event::Recorded;
use crate::export::json::{self, Body, RunExport, Summary};
use crate::export::table::Table;
use crate::export::whole_log::WholeLog;
use crate::export::write_private_with;
use crate::state::History;
use crate::store::LogReader;

/// How many backups are kept.
pub const KEEP: usize = 10;

/// A run with new events is backed up at least this often while the app is open.
pub const EVERY_MINUTES: i64 = 30;

/// The folder, inside the store's, that holds the backups.
pub const FOLDER: &str = "backups";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// How many events it holds (the last one's number), as its name says.
    pub events: u64,
}

/// The backups in the store at `store_dir`, newest first. A missing folder means none.
pub fn list(store_dir: &Path) -> io::Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(store_dir.join(FOLDER)) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        if let Some(events) = events_in_name(&entry.file_name().to_string_lossy()) {
            found.push(Backup {
                path: entry.path(),
                events,
            });
        }
    }
    found.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

/// The newest backup, if there is one.
pub fn newest(store_dir: &Path) -> io::Result<Option<Backup>> {
    Ok(list(store_dir)?.into_iter().next())
}

/// Writes the backup of the run `history` tells, made `at`, as the newest of the store at
/// `store_dir`, then removes all but the newest [`KEEP`]: the whole run, every participant
/// named, its events (those `history` no longer holds read through `stored`) streamed into the
/// file. The file is whole or absent, never half-written.
pub fn write(
    store_dir: &Path,
    history: &History,
    stored: Option<&LogReader>,
    at: DateTime<Utc>,
) -> io::Result<PathBuf> {
    let state = history.state();
    let log = WholeLog::new(history, stored).map_err(io::Error::other)?;
    let mut body = Whole {
        log,
        summary: json::summary(state),
    };
    write_file(store_dir, state.applied(), at, |out| {
        json::write(out, false, at, false, state.plan(), &mut body)
    })
}

/// Writes `export`, a run read back, as the newest backup of the store at `store_dir`, as
/// [`write`] does.
pub fn write_export(store_dir: &Path, export: &RunExport) -> io::Result<PathBuf> {
    let events = export.events.last().map_or(0, |r| r.seq);
    write_file(store_dir, events, export.exported_at, |out| {
        serde_json::to_writer(out, export).map_err(|e| e.to_string())
    })
}

fn write_file(
    store_dir: &Path,
    events: u64,
    at: DateTime<Utc>,
    body: impl FnOnce(&mut dyn io::Write) -> Result<(), String>,
) -> io::Result<PathBuf> {
    let folder = store_dir.join(FOLDER);
    crate::store::create_private_dir(&folder)?;
    let name = format!("run-{events:08}-{}.json", at.format("%Y%m%dT%H%M%SZ"));
    let path = folder.join(name);
    write_private_with(&path, |out| body(out).map_err(io::Error::other))?;
    prune(store_dir)?;
    Ok(path)
}

/// A backup's events and summary: the run as it is, with no results tables.
struct Whole<'a> {
    log: WholeLog<'a>,
    summary: Summary,
}

impl Body for Whole<'_> {
    fn events(
        &mut self,
        sink: &mut dyn FnMut(&Recorded) -> Result<(), String>,
    ) -> Result<(), String> {
        self.log.for_each(sink)
    }

    fn tail(&mut self) -> Result<(Summary, Option<&[Table]>), String> {
        Ok((self.summary.clone(), None))
    }
}

/// Reads a backup back, as `workshop import` reads an export.
pub fn read(path: &Path) -> Result<RunExport, String> {
    let export = json::read_file(path)?;
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(events_in_name);
    if export
        .events
        .last()
        .map(|r| r.seq)
        .is_some_and(|seq| named == Some(seq))
    {
        Ok(export)
    } else {
        Err("it holds another number of events than its name says".to_owned())
    }
}

/// Removes all but the newest [`KEEP`] backups, and the temporary files of backups whose
/// writing was cut short (a process holding the store writes them; only one ever does).
fn prune(store_dir: &Path) -> io::Result<()> {
    for old in list(store_dir)?.into_iter().skip(KEEP) {
        remove_if_there(&old.path)?;
    }
    let ours = format!(".{}.partial", std::process::id());
    for entry in std::fs::read_dir(store_dir.join(FOLDER))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with(".run-") && name.ends_with(".partial") && !name.ends_with(&ours) {
            remove_if_there(&store_dir.join(FOLDER).join(name))?;
        }
    }
    Ok(())
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// `run-00001234-20261123T101500Z.json` holds 1234 events.
fn events_in_name(name: &str) -> Option<u64> {
    let rest = name.strip_prefix("run-")?.strip_suffix(".json")?;
    let (events, stamp) = rest.split_once('-')?;
    let well_formed = events.len() >= 8
        && events.bytes().all(|b| b.is_ascii_digit())
        && stamp.len() == 16
        && stamp.ends_with('Z');
    well_formed.then(|| events.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_how_many_events() {
        assert_eq!(
            events_in_name("run-00001234-20261123T101500Z.json"),
            Some(1234)
        );
        assert_eq!(
            events_in_name("run-123456789-20261123T101500Z.json"),
            Some(123_456_789)
        );
        for other in [
            "run-1234-20261123T101500Z.json",
            ".run-00001234-20261123T101500Z.json.77.partial",
            "run-0000123x-20261123T101500Z.json",
            "run-00001234-2026.json",
            "notes.txt",
        ] {
            assert_eq!(events_in_name(other), None, "{other}");
        }
    }
}
