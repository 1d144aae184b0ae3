//! The store's files on disk: owner-only permissions, fsync, and moving aside what sled
//! would choke on.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Creates `dir` and its missing parents. `dir` and every folder created on the way are made
/// owner-only (0700); folders that already existed above it are left as they are. Each new
/// folder's name is made durable (its parent fsynced) before this returns: a power cut
/// must not take away a folder whose files were reported saved.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .collect();
    fs::create_dir_all(dir)?;
    // From the outermost in, so that each name is durable once its parent's is.
    for folder in missing.iter().rev() {
        restrict(folder, 0o700)?;
        if let Some(parent) = folder.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    restrict(dir, 0o700)
}

/// Why `dir` is no place for a store that only its owner may read or change: owned by
/// another user, or writable by others (who could plant links or swap files in it).
/// `None` when it is private enough.
pub fn not_private(dir: &Path) -> io::Result<Option<String>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let metadata = fs::symlink_metadata(dir)?;
        let me = rustix::process::geteuid().as_raw();
        if metadata.uid() != me {
            return Ok(Some(format!(
                "it belongs to another user (uid {}, not {me})",
                metadata.uid()
            )));
        }
        if metadata.mode() & 0o022 != 0 {
            return Ok(Some(format!(
                "others may write in it (mode {:o}): `chmod go-w` it, or give another --store",
                metadata.mode() & 0o777
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(None)
}

/// Sets owner-only permissions on every file (0600) and folder (0700) under `dir`.
pub fn restrict_tree(dir: &Path) -> io::Result<()> {
    restrict(dir, 0o700)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            restrict_tree(&entry.path())?;
        } else {
            restrict(&entry.path(), 0o600)?;
        }
    }
    Ok(())
}

/// Open options that create files readable by the owner only.
pub fn owner_only_file(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600)
    }
    #[cfg(not(unix))]
    options
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// A kill while sled writes a snapshot leaves `snap.*.generating`, which sled then reads as a
/// snapshot and refuses to open with `Corruption`. Such files are moved into `aside` (never
/// deleted) and their new paths returned.
pub fn move_aside_half_snapshots(sled_dir: &Path, aside: &Path) -> io::Result<Vec<PathBuf>> {
    let mut moved = Vec::new();
    let Ok(entries) = fs::read_dir(sled_dir) else {
        return Ok(moved);
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_half_snapshot(&name) {
            moved.push(move_aside(&entry.path(), aside)?);
        }
    }
    Ok(moved)
}

/// Whether a file in sled's folder is a snapshot sled was killed while writing.
pub fn is_half_snapshot(name: &str) -> bool {
    name.starts_with("snap.") && name.ends_with(".generating")
}

/// Moves `path` (a file or a folder) into the owner-only folder `aside`, its name stamped
/// with the time, and returns where it went. Nothing is deleted.
pub fn move_aside(path: &Path, aside: &Path) -> io::Result<PathBuf> {
    create_private_dir(aside)?;
    let name = path
        .file_name()
        .map_or_else(|| "moved".into(), |n| n.to_string_lossy().into_owned());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let target = rename_to_free_name(path, &aside.join(format!("{name}.{stamp}")))?;
    sync_dir(aside)?;
    // The old name's removal too: else a power cut could bring both back.
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(target)
}

/// Renames `from` to `to`, or, if that name is taken, to `to-2`, `to-3` ...: never over
/// what is there (a plain rename would replace a file moved aside earlier in the same
/// instant, or fail on a folder). Returns the name it took.
pub fn rename_to_free_name(from: &Path, to: &Path) -> io::Result<PathBuf> {
    let base = to.as_os_str().to_owned();
    for n in 1..=1000 {
        let mut candidate = base.clone();
        if n > 1 {
            candidate.push(format!("-{n}"));
        }
        let candidate = PathBuf::from(candidate);
        match rename_no_replace(from, &candidate) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            done => return done.map(|()| candidate),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: every free name is taken", to.display()),
    ))
}

/// Swaps the names of `a` and `b` in one step (Linux's `RENAME_EXCHANGE`); `Unsupported`
/// where the system or the filesystem cannot.
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|e| {
            if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS {
                io::Error::from(io::ErrorKind::Unsupported)
            } else {
                io::Error::from(e)
            }
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

#[cfg(target_os = "linux")]
pub(crate) fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    if fs::symlink_metadata(to).is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    fs::rename(from, to)
}

/// Copies the folder `from` to `to` (which must not exist) with everything in it, owner-only.
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    create_private_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
            restrict(&target, 0o600)?;
        }
    }
    Ok(())
}

/// fsyncs what sled's own flush leaves to chance. On Linux sled flushes with
/// `sync_file_range`, which neither writes file metadata nor flushes the disk's cache, and it
/// writes large values to `blobs/` without any sync.
#[derive(Debug)]
pub struct SyncTargets {
    data_file: File,
    blobs: PathBuf,
    /// Blob files already made durable: sled writes each once and never changes it, so a
    /// commit syncs only the new ones.
    synced_blobs: Mutex<HashSet<OsString>>,
}

impl SyncTargets {
    /// Opens the handles once; `sled_dir` must already hold sled's files. sled writes its
    /// configuration file when it opens and never syncs it: a power cut could leave it
    /// empty or torn, and sled then refuses the store. So it is synced here, then the
    /// folder, which makes every name sled made in it durable.
    pub fn open(sled_dir: &Path) -> io::Result<Self> {
        match File::open(sled_dir.join("conf")) {
            Ok(conf) => conf.sync_all()?,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
        sync_dir(sled_dir)?;
        Ok(Self {
            data_file: File::open(sled_dir.join("db"))?,
            blobs: sled_dir.join("blobs"),
            synced_blobs: Mutex::new(HashSet::new()),
        })
    }

    /// Makes everything sled has flushed durable against power loss.
    pub fn sync(&self) -> io::Result<()> {
        self.data_file.sync_data()?;
        let Ok(entries) = fs::read_dir(&self.blobs) else {
            return Ok(());
        };
        let mut synced = self
            .synced_blobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut any_new = false;
        for entry in entries {
            let entry = entry?;
            if synced.contains(&entry.file_name()) {
                continue;
            }
            match File::open(entry.path()) {
                Ok(file) => file.sync_data()?,
                // sled removed it meanwhile (its value was replaced or removed).
                Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
                Err(err) => return Err(err),
            }
            synced.insert(entry.file_name());
            any_new = true;
        }
        if any_new {
            sync_dir(&self.blobs)?;
        }
        Ok(())
    }
}

/// fsyncs a folder so that files created or renamed in it survive power loss.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_aside_twice_in_one_instant_keeps_both() {
        let dir = tempfile::tempdir().unwrap();
        let aside = dir.path().join("aside");
        fs::create_dir(&aside).unwrap();
        let mut moved = Vec::new();
        for text in ["first", "second"] {
            let file = dir.path().join("conf");
            fs::write(&file, text).unwrap();
            moved.push(rename_to_free_name(&file, &aside.join("conf.same-instant")).unwrap());
        }
        assert_eq!(
            moved,
            [
                aside.join("conf.same-instant"),
                aside.join("conf.same-instant-2")
            ]
        );
        assert_eq!(fs::read_to_string(&moved[0]).unwrap(), "first");
        assert_eq!(fs::read_to_string(&moved[1]).unwrap(), "second");
    }
}
