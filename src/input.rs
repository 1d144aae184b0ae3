//! Reading a file a person named: only a regular file, never more than a limit, and never
//! waiting on a pipe or a device that has no end.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why an input file was not read, in words that name what to do.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("it is not a regular file but {0}: give a file saved on disk")]
    NotAFile(&'static str),
    #[error("{}, more than the {max} bytes such a file can be", match size {
        Some(size) => format!("the file is {size} bytes"),
        None => "the file goes on".to_owned(),
    })]
    TooLarge { size: Option<u64>, max: u64 },
}

/// The bytes of the regular file at `path`, refusing a folder, a pipe, a device or a socket
/// at once (a pipe is opened without waiting for a writer), and refusing to read past `max`
/// bytes whatever the file's size claims (`/proc` files claim 0).
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, InputError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        return Err(InputError::NotAFile(kind_name(kind)));
    }
    if metadata.len() > max {
        return Err(InputError::TooLarge {
            size: Some(metadata.len()),
            max,
        });
    }
    read_at_most(file, max)
}

fn read_at_most(file: File, max: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge { size: None, max });
    }
    Ok(bytes)
}

fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_is_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("roster.csv");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&file, 9),
            Err(InputError::TooLarge {
                size: Some(10),
                max: 9
            })
        ));
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(InputError::NotAFile("a folder"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(InputError::NotAFile("a device"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(matches!(
            read_regular(&fifo, 10),
            Err(InputError::NotAFile("a pipe"))
        ));
    }
}
