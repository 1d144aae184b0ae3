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
