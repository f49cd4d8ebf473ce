//! Writing fixed files without ever losing text.
//!
//! The new text goes to a temporary file in the same directory (so the rename stays on one file
//! system), is flushed to disk, gets the original's permissions, and is renamed over the
//! original. Before the rename the original is read again: if it no longer holds the bytes that
//! were linted (an editor saved meanwhile), nothing is written. A failure at any step leaves the
//! original whole and removes the temporary file (a kill leaves at most a hidden
//! `.NAME.*.mtlint-tmp` beside it, which directory walks skip). A symbolic link is written
//! through; a read-only file is not written.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after it was read; it is left as it is.
    Changed,
    /// The file is read-only; mtlint does not override that.
    ReadOnly,
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str("file changed on disk while it was being linted; not overwritten"),
            WriteError::ReadOnly => f.write_str("file is read-only; not overwritten"),
            WriteError::Io(e) => write!(f, "cannot write fixed file: {}", crate::input::io_message(e)),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replace `path` (which held `original` when it was read) with `new`.
pub fn replace(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    replace_with(path, original, new, |f, bytes| f.write_all(bytes))
}

/// [`replace`] with the write step given by the caller (tests inject failures here).
pub fn replace_with(
    path: &Path,
    original: &[u8],
    new: &[u8],
    write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    // Write through a symbolic link to the file it names, not over the link.
    let path = &fs::canonicalize(path)?;
    let meta = fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("mtlint");
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".mtlint-tmp").tempfile_in(dir)?;
    write(tmp.as_file_mut(), new)?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    if fs::read(path)? != original {
        return Err(WriteError::Changed);
    }
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    // Make the rename itself durable where the platform allows syncing a directory.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
