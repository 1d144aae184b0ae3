//! One process per run: an advisory lock file that also says who holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::StoreError;
use super::files::owner_only_file;

/// Held for as long as the store is open; the OS releases it if the process dies.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the lock in `dir`, or says which process has it.
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join("lock");
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // A link planted at `lock` would have the pid written over whatever it names.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = owner_only_file(&mut options)
            .open(&path)
            .map_err(|source| match source.raw_os_error() {
                #[cfg(unix)]
                Some(libc::ELOOP) => io(std::io::Error::other(
                    "it is a link, and a run's lock must be a plain file: remove the link",
                )),
                _ => io(source),
            })?;
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    // The holder may be between locking and writing its pid; then we say less.
                    let _ = file.seek(SeekFrom::Start(0));
                    let _ = file.read_to_string(&mut text);
                    let pid = text.trim().parse().ok();
                    // This very process: a lock it just let go of, still held a moment by a
                    // child being started on another thread (a fork copies the lock until
                    // the child's exec closes it). Wait for that, up to a second.
                    if pid == Some(std::process::id()) && tries < 50 {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        continue;
                    }
                    return Err(StoreError::InUse {
                        dir: dir.to_owned(),
                        pid,
                    });
                }
                Err(TryLockError::Error(source)) => return Err(io(source)),
            }
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(Self { _file: file })
    }
}
