//! Putting a whole run in the place of another, and moving leftovers aside, never deleting.

use std::path::{Path, PathBuf};

use super::lock::RunLock;
use super::{StoreError, files, io_error};

/// Puts the finished run in the folder `staged` in the place of the folder `dir`. Where the
/// filesystem can, in one step (Linux's `RENAME_EXCHANGE`), so that a power cut leaves the
/// old run or the new one, never neither; elsewhere in two renames. What was at `dir` is
/// then moved beside it as `<name>.<suffix>` (never deleted) and returned. A run at `dir` is
/// locked first, so that no app has it open while it moves.
pub fn put_in_place(
    staged: &Path,
    dir: &Path,
    suffix: &str,
) -> Result<Option<PathBuf>, StoreError> {
    let io = |source| io_error(dir, dir, source);
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if std::fs::symlink_metadata(dir).is_err() {
        files::rename_no_replace(staged, dir).map_err(io)?;
        files::sync_dir(parent).map_err(io)?;
        return Ok(None);
    }
    let lock = RunLock::acquire(dir)?;
    let name = dir
        .file_name()
        .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    let aside_name = dir.with_file_name(format!("{name}.{suffix}"));
    let aside = match files::exchange(staged, dir) {
        Ok(()) => {
            files::sync_dir(parent).map_err(io)?;
            // `staged` names the old run now.
            files::rename_to_free_name(staged, &aside_name).map_err(io)?
        }
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
            let aside = files::rename_to_free_name(dir, &aside_name).map_err(io)?;
            files::rename_no_replace(staged, dir).map_err(io)?;
            aside
        }
        Err(e) => return Err(io(e)),
    };
    files::sync_dir(parent).map_err(io)?;
    drop(lock);
    Ok(Some(aside))
}

/// Moves `leftover` (what an earlier step left under a temporary name: maybe a whole run)
/// beside it as `<dir name>.<suffix>`, never deleting it; returns where it went.
pub fn move_leftover(leftover: &Path, dir: &Path, suffix: &str) -> Result<PathBuf, StoreError> {
    let io = |source| io_error(leftover, leftover, source);
    let name = dir
        .file_name()
        .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    let moved =
        files::rename_to_free_name(leftover, &dir.with_file_name(format!("{name}.{suffix}")))
            .map_err(io)?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        files::sync_dir(parent).map_err(io)?;
    }
    Ok(moved)
}
