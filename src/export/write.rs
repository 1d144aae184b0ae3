//! Writing a file so that it is owner-only and never half-written: a temporary name in the
//! same folder, synced, then renamed over the target, and the folder synced.

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `bytes` to `path`, owner-only (0600). On any failure the target is untouched and
/// the temporary file removed; the error names the file.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_private_with(path, |out| out.write_all(bytes))
}

/// [`write_private`] of what `body` writes, as it writes it (buffered).
pub fn write_private_with(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let attempt = (|| -> io::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut out = BufWriter::with_capacity(1 << 16, options.open(&temporary)?);
        body(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename itself survives a power cut only once the folder is synced.
        #[cfg(unix)]
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::File::open(parent)?.sync_all()?;
        }
        Ok(())
    })();
    attempt.map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        io::Error::new(err.kind(), format!("{}: {err}", path.display()))
    })
}

/// Fills a new folder by `fill` and gives it the name `dir`, so that a folder under its final
/// name holds every file of its export: `fill` writes into a temporary folder beside it,
/// which is then renamed (to `dir-2`, `dir-3`... if an earlier export took the name). The
/// temporary folders of exports cut short by a kill are removed first; they are stale, since
/// only the process holding the run exports into its folder. Returns the folder's final
/// name and what `fill` returned; on failure the temporary folder is removed.
pub fn whole_folder<T>(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<T, String>,
) -> Result<(std::path::PathBuf, T), String> {
    let say = |path: &Path, err: io::Error| format!("{}: {err}", path.display());
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    crate::store::create_private_dir(parent).map_err(|e| say(parent, e))?;
    remove_cut_short(parent).map_err(|e| say(parent, e))?;
    let temporary = parent.join(format!(".{name}.{}.partial", std::process::id()));
    let filled = fill(&temporary).and_then(|value| {
        let target = (1..=u32::MAX)
            .map(|n| match n {
                1 => dir.to_owned(),
                n => parent.join(format!("{name}-{n}")),
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| dir.to_owned());
        std::fs::rename(&temporary, &target).map_err(|e| say(&target, e))?;
        // The rename survives a power cut only once the parent folder is synced.
        #[cfg(unix)]
        std::fs::File::open(parent)
            .and_then(|f| f.sync_all())
            .map_err(|e| say(parent, e))?;
        Ok((target, value))
    });
    if filled.is_err() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    filled
}

/// Removes the temporary folders (`.NAME.PID.partial`) that exports cut short left in
/// `parent`.
fn remove_cut_short(parent: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".partial") && entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_fails_to_fill_leaves_nothing_behind() {
        let Ok(home) = tempfile::tempdir() else {
            panic!("no temporary folder");
        };
        let dir = home.path().join("exports").join("today");
        let failed = whole_folder(&dir, |folder| {
            crate::store::create_private_dir(folder).map_err(|e| e.to_string())?;
            write_private(&folder.join("a.csv"), b"x").map_err(|e| e.to_string())?;
            Err::<(), _>("the disk is full".to_owned())
        });
        assert_eq!(failed.err().as_deref(), Some("the disk is full"));
        let left: Vec<_> = std::fs::read_dir(home.path().join("exports"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name())
                    .collect()
            })
            .unwrap_or_default();
        assert!(left.is_empty(), "{left:?}");
    }
}
