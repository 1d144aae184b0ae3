//! What can go wrong in the store, in words a person can act on, and sled's panics kept
//! from crashing the command that met them.

use std::path::{Path, PathBuf};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("this run is open in another window{} ({}): quit workshop there first (q), or press X in it to export", pid.map(|p| format!(" (pid {p})")).unwrap_or_default(), dir.display())]
    InUse { dir: PathBuf, pid: Option<u32> },
    #[error("the store at {} was written by a newer workshop (schema {found}; this one reads up to {supported}): update workshop", dir.display())]
    NewerSchema {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the store at {} cannot be read: {}; `workshop doctor` on this plan says more", dir.display(), sled_words(source))]
    Sled { dir: PathBuf, source: sled::Error },
    #[error("the store folder {} is not private: {why}", dir.display())]
    NotPrivate { dir: PathBuf, why: String },
    #[error("sled cannot read the store at {} (it stopped: {why}): `workshop doctor --repair` on this plan rebuilds the run from what still reads and the newest backup", dir.display())]
    Unreadable { dir: PathBuf, why: String },
    #[error("the disk holding {} is full; free some space and try again", dir.display())]
    DiskFull { dir: PathBuf },
    #[error("the store at {} is closed after a failed write, and could not be opened again: {why}", dir.display())]
    Closed { dir: PathBuf, why: String },
    #[error("the store at {} holds a damaged record ({what}): {detail}; `workshop doctor` on this plan says more", dir.display())]
    Damaged {
        dir: PathBuf,
        what: String,
        detail: String,
    },
}

/// sled's failure in the store in `dir`; a full disk is said as such.
pub(super) fn sled_error(dir: &Path, source: sled::Error) -> StoreError {
    match source {
        sled::Error::Io(err) => io_error(dir, &dir.join("sled"), err),
        source => StoreError::Sled {
            dir: dir.to_owned(),
            source,
        },
    }
}

/// Runs `read`, which calls into sled, with sled's panics contained: sled 0.34 panics on
/// some damaged files (writing a snapshot of pages its recovery left uninitialised), and a
/// damaged store must be said, not crash the command that met it.
pub(crate) fn contain<T>(
    dir: &Path,
    read: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        Err(StoreError::Unreadable {
            dir: dir.to_owned(),
            why,
        })
    })
}

/// Whether a panic was raised inside sled: [`contain`] reports those in words, so the
/// panic's own message need not reach the terminal.
pub fn is_sled_panic(info: &std::panic::PanicHookInfo<'_>) -> bool {
    info.location()
        .is_some_and(|l| l.file().contains("/sled-0."))
}

/// A failure of the file system under the store in `dir`, at `path`.
pub(super) fn io_error(dir: &Path, path: &Path, source: std::io::Error) -> StoreError {
    if source.kind() == std::io::ErrorKind::StorageFull {
        StoreError::DiskFull {
            dir: dir.to_owned(),
        }
    } else {
        StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// sled's error in words: its own text for most, without the debug dump of an I/O error.
fn sled_words(source: &sled::Error) -> String {
    match source {
        sled::Error::Io(err) => err.to_string(),
        sled::Error::Corruption { .. } => "sled finds its files damaged".to_owned(),
        other => other.to_string(),
    }
}
