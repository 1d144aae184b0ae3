//! `workshop export --out DIR`, all or nothing: the files are written into a hidden folder
//! inside `DIR`, which is renamed to a "ready" folder only once it holds every file. The
//! ready folder is then moved in: the earlier export's files (those named after the same
//! plan) leave, the new ones take their names. Should that be cut short, the next export
//! into `DIR` finishes it first, so `DIR` never keeps a mix of two exports for long, and a
//! failed export leaves no new file.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const READY: &str = ".export.ready";
/// Inside the ready folder: the start of the names of the files it replaces, then the name
/// of every file of the new export, a line each (some may have moved in already).
const MANIFEST: &str = ".manifest";

/// Writes an export into `dir` through `fill` (given the hidden folder to write into), all
/// or nothing. Every file in `dir` whose name starts with `prefix` (the plan's id and a
/// dash) is the earlier export's, and is replaced or removed. Returns the files' final paths.
pub fn into_folder(
    dir: &Path,
    prefix: &str,
    fill: impl FnOnce(&Path) -> Result<Vec<PathBuf>, String>,
) -> Result<Vec<PathBuf>, String> {
    let say = |path: &Path, err: io::Error| format!("{}: {err}", path.display());
    crate::store::create_private_dir(dir).map_err(|e| say(dir, e))?;
    move_in_ready(dir).map_err(|e| say(dir, e))?;
    remove_partial(dir).map_err(|e| say(dir, e))?;
    let partial = dir.join(format!(".export.{}.partial", std::process::id()));
    let filled = (|| {
        crate::store::create_private_dir(&partial).map_err(|e| say(&partial, e))?;
        let written = fill(&partial)?;
        // Whatever stands under a file's name and is not a file (a folder) would stop the
        // move halfway: refused before anything moves.
        for name in written.iter().filter_map(|p| p.file_name()) {
            let target = dir.join(name);
            if fs::symlink_metadata(&target).is_ok_and(|m| !m.is_file()) {
                return Err(format!(
                    "{}: a directory or other non-file stands under this name; move it away and export again",
                    target.display()
                ));
            }
        }
        let mut manifest = format!("{prefix}\n");
        for name in written.iter().filter_map(|p| p.file_name()) {
            manifest.push_str(&name.to_string_lossy());
            manifest.push('\n');
        }
        super::write_private(&partial.join(MANIFEST), manifest.as_bytes())
            .map_err(|e| e.to_string())?;
        fs::rename(&partial, dir.join(READY)).map_err(|e| say(dir, e))?;
        sync_dir(dir).map_err(|e| say(dir, e))?;
        Ok(written)
    })();
    let written = match filled {
        Ok(written) => written,
        Err(why) => {
            let _ = fs::remove_dir_all(&partial);
            return Err(why);
        }
    };
    move_in_ready(dir).map_err(|e| say(dir, e))?;
    Ok(written
        .iter()
        .filter_map(|p| p.file_name())
        .map(|name| dir.join(name))
        .collect())
}

/// Moves a whole export waiting in `dir`'s ready folder in, replacing the earlier one.
fn move_in_ready(dir: &Path) -> io::Result<()> {
    let ready = dir.join(READY);
    if !ready.is_dir() {
        return Ok(());
    }
    let manifest = fs::read_to_string(ready.join(MANIFEST))?;
    let mut lines = manifest.lines();
    let prefix = lines.next().unwrap_or_default();
    let new: HashSet<&str> = lines.collect();
    // The earlier export's files that the new one does not replace leave first.
    if !prefix.is_empty() {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(prefix)
                && !new.contains(name.as_str())
                && entry.file_type()?.is_file()
            {
                fs::remove_file(entry.path())?;
            }
        }
    }
    for name in &new {
        let waiting = ready.join(name);
        if waiting.exists() {
            fs::rename(waiting, dir.join(name))?;
        }
    }
    fs::remove_dir_all(&ready)?;
    sync_dir(dir)
}

/// Removes hidden folders of exports into `dir` that were cut short before they were whole.
fn remove_partial(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".export.") && name.ends_with(".partial") && entry.file_type()?.is_dir()
        {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::write_private;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn files(folder: &Path, named: &[&str], text: &str) -> Result<Vec<PathBuf>, String> {
        named
            .iter()
            .map(|name| {
                let path = folder.join(name);
                write_private(&path, text.as_bytes()).map_err(|e| e.to_string())?;
                Ok(path)
            })
            .collect()
    }

    #[test]
    fn a_failed_export_leaves_nothing_new_and_a_good_one_replaces_the_old_whole() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("out");
        let first = into_folder(&dir, "run-", |f| {
            files(f, &["run-a.csv", "run-b.md"], "old")
        });
        assert_eq!(first.unwrap().len(), 2);
        fs::write(dir.join("notes.txt"), "mine").unwrap();

        let failed = into_folder(&dir, "run-", |f| {
            files(f, &["run-a.csv"], "new")?;
            Err("the disk is full".to_owned())
        });
        assert_eq!(failed.unwrap_err(), "the disk is full");
        assert_eq!(names(&dir), ["notes.txt", "run-a.csv", "run-b.md"]);
        assert_eq!(fs::read_to_string(dir.join("run-a.csv")).unwrap(), "old");

        let second = into_folder(&dir, "run-", |f| files(f, &["run-a.csv"], "new")).unwrap();
        assert_eq!(second, [dir.join("run-a.csv")]);
        assert_eq!(
            names(&dir),
            ["notes.txt", "run-a.csv"],
            "no old report left beside"
        );
        assert_eq!(fs::read_to_string(dir.join("run-a.csv")).unwrap(), "new");
    }

    #[test]
    fn an_export_cut_short_while_moving_in_is_finished_by_the_next() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("out");
        into_folder(&dir, "run-", |f| {
            files(f, &["run-a.csv", "run-b.md"], "old")
        })
        .unwrap();
        // As a kill would leave it: the new export whole in its ready folder, one file in.
        let ready = dir.join(READY);
        fs::create_dir(&ready).unwrap();
        fs::write(ready.join(MANIFEST), "run-\nrun-a.csv\nrun-b.md\n").unwrap();
        fs::write(ready.join("run-b.md"), "new").unwrap();
        fs::write(dir.join("run-a.csv"), "new").unwrap();
        fs::create_dir(dir.join(".export.99.partial")).unwrap();
        into_folder(&dir, "other-", |f| files(f, &["other-x.csv"], "x")).unwrap();
        assert_eq!(names(&dir), ["other-x.csv", "run-a.csv", "run-b.md"]);
        assert_eq!(fs::read_to_string(dir.join("run-b.md")).unwrap(), "new");
    }
}
