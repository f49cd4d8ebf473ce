//! Input: expand paths into files (walking directories), read them as text within limits.
//!
//! Reading never trusts the input: a file larger than the size limit is refused before it is
//! read (and a pipe or stdin is read no further than the limit), binary files are skipped with a
//! note, and invalid UTF-8 is reported with its line, column and byte, or decoded with a legacy
//! encoding when one is given.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions linted when walking a directory (files named explicitly are always linted).
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Default largest input read (64 MiB): far above any article, low enough to bound memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// A problem with one input; the run goes on with the others.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub message: String,
    /// The input was skipped on purpose (a binary file): a note, not a failure of the run.
    pub skipped: bool,
}

impl InputError {
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        InputError { path: path.to_string(), message: message.into(), skipped: false }
    }

    pub fn skipped(path: &str, message: impl Into<String>) -> Self {
        InputError { path: path.to_string(), message: message.into(), skipped: true }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The encoding used for inputs that are not valid UTF-8 (UTF-8 input is always read as UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Encoding {
    /// Invalid UTF-8 is an error.
    #[default]
    Utf8,
    /// ISO-8859-1: every byte is the code point of the same value.
    Latin1,
    /// Windows-1251 (Cyrillic), common in Russian newsroom archives.
    Cp1251,
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest input in bytes; larger ones are refused with an error.
    pub max_size: u64,
    pub encoding: Encoding,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_size: DEFAULT_MAX_FILE_SIZE, encoding: Encoding::Utf8 }
    }
}

/// Expand the command-line paths: `-` is stdin, directories are walked (hidden and git-ignored
/// files skipped, only `extensions`), files are taken as they are.
pub fn expand(paths: &[PathBuf], extensions: &[String]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(InputError::new(&p.display().to_string(), io_message(&e))),
            Ok(m) if m.is_dir() => walk(p, extensions, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, extensions: &[String], inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let path = e.path();
                if e.file_type().is_some_and(|t| t.is_file())
                    && path
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| extensions.iter().any(|want| want == x))
                {
                    inputs.push(Input::File(path.to_path_buf()));
                }
            }
            Err(e) => errors.push(walk_error(dir, &e)),
        }
    }
}

/// A walk error names the entry that failed (a symlink loop, an unreadable directory).
fn walk_error(dir: &Path, e: &ignore::Error) -> InputError {
    fn inner(e: &ignore::Error) -> Option<(String, String)> {
        match e {
            ignore::Error::WithPath { path, err } => {
                Some((path.display().to_string(), inner(err).map_or_else(|| err.to_string(), |(_, m)| m)))
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => inner(err),
            ignore::Error::Loop { child, .. } => {
                Some((child.display().to_string(), "symbolic link loop, skipped".to_string()))
            }
            ignore::Error::Io(io) => Some((String::new(), io_message(io))),
            _ => None,
        }
    }
    match inner(e) {
        Some((path, message)) if !path.is_empty() => InputError::new(&path, message),
        Some((_, message)) => InputError::new(&dir.display().to_string(), message),
        None => InputError::new(&dir.display().to_string(), e.to_string()),
    }
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}

/// Parse a size such as `65536`, `512K`, `64M`, `64MB`, `1G` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num.parse().map_err(|_| format!("`{s}` is not a size (e.g. 64M)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{s}`: unknown size unit (use K, M or G)")),
    };
    n.checked_mul(mult).ok_or_else(|| format!("`{s}` is too large"))
}

/// A byte count for messages: `512 bytes`, `70.0 MiB`.
pub fn human_size(n: u64) -> String {
    match n {
        0..1024 => format!("{n} bytes"),
        1024..1_048_576 => format!("{:.1} KiB", n as f64 / 1024.0),
        1_048_576..1_073_741_824 => format!("{:.1} MiB", n as f64 / 1_048_576.0),
        _ => format!("{:.1} GiB", n as f64 / 1_073_741_824.0),
    }
}

fn too_large(display: &str, size: Option<u64>, max: u64) -> InputError {
    let what = size.map_or_else(|| "more than the limit".to_string(), human_size);
    InputError::new(
        display,
        format!("file is {what}, over the size limit of {} (raise it with --max-file-size)", human_size(max)),
    )
}

/// Read an input as UTF-8 text with the default limits.
pub fn read(input: &Input, display: &str) -> Result<String, InputError> {
    read_with(input, display, &ReadOptions::default())
}

/// Read an input as text: refuse it past `opts.max_size`, skip binary files, decode.
pub fn read_with(input: &Input, display: &str, opts: &ReadOptions) -> Result<String, InputError> {
    let err = |e: std::io::Error| InputError::new(display, io_message(&e));
    let limit = opts.max_size;
    let mut buf = Vec::new();
    match input {
        Input::File(p) => {
            let file = std::fs::File::open(p).map_err(err)?;
            let meta = file.metadata().map_err(err)?;
            if meta.is_dir() {
                return Err(InputError::new(display, "is a directory, not a file"));
            }
            if meta.is_file() {
                if meta.len() > limit {
                    return Err(too_large(display, Some(meta.len()), limit));
                }
                buf.reserve_exact(meta.len() as usize);
            }
            // A file that grows while read, or a pipe, still stops at the limit.
            file.take(limit.saturating_add(1)).read_to_end(&mut buf).map_err(err)?;
        }
        Input::Stdin => {
            std::io::stdin().lock().take(limit.saturating_add(1)).read_to_end(&mut buf).map_err(err)?;
        }
    }
    if buf.len() as u64 > limit {
        return Err(too_large(display, None, limit));
    }
    decode_with(buf, display, opts.encoding)
}

/// Bytes -> String, or an error naming the line and byte where UTF-8 breaks.
pub fn decode(bytes: Vec<u8>, display: &str) -> Result<String, InputError> {
    decode_with(bytes, display, Encoding::Utf8)
}

/// Bytes -> String. Binary input (a NUL byte, or a UTF-16 byte-order mark) is skipped with a
/// note; valid UTF-8 is taken as it is; anything else is decoded with `fallback` or reported
/// with its line, column and byte.
pub fn decode_with(bytes: Vec<u8>, display: &str, fallback: Encoding) -> Result<String, InputError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(InputError::skipped(display, "UTF-16 text (byte-order mark), skipped: convert it to UTF-8"));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, _) = line_col(&bytes, at);
        return Err(InputError::skipped(display, format!("binary file (NUL byte at line {line}, byte {at}), skipped")));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            match fallback {
                Encoding::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
                Encoding::Cp1251 => Ok(decode_cp1251(&bytes)),
                Encoding::Utf8 => {
                    let (line, col) = line_col(&bytes, at);
                    Err(InputError::new(
                        display,
                        format!(
                            "invalid UTF-8 at line {line}, column {col} (byte {at}, 0x{:02x}); convert the file to \
                             UTF-8 or pass --encoding latin1|cp1251",
                            bytes[at]
                        ),
                    ))
                }
            }
        }
    }
}

/// 1-based line and column (in characters of the valid prefix) of byte `at`.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

/// The upper half of Windows-1251 (0x80..=0xFF); 0x98 is unassigned.
const CP1251_HIGH: &str = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{fffd}™љ›њќћџ\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";

fn decode_cp1251(bytes: &[u8]) -> String {
    let high: Vec<char> = CP1251_HIGH.chars().collect();
    debug_assert_eq!(high.len(), 128);
    bytes.iter().map(|&b| if b < 0x80 { b as char } else { high[(b - 0x80) as usize] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2kb"), Ok(2048));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn invalid_utf8_is_located_or_decoded() {
        let bytes = b"ok line\nab\xe9c".to_vec();
        let e = decode(bytes.clone(), "f.txt").unwrap_err();
        assert!(e.message.contains("line 2, column 3 (byte 10"), "{}", e.message);
        assert!(!e.skipped);
        assert_eq!(decode_with(bytes, "f.txt", Encoding::Latin1).unwrap(), "ok line\nab\u{e9}c");
        // "Привет" in Windows-1251.
        let cp = vec![0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];
        assert_eq!(decode_with(cp, "f.txt", Encoding::Cp1251).unwrap(), "Привет");
        // Valid UTF-8 stays UTF-8 whatever the fallback.
        assert_eq!(decode_with("Привет".as_bytes().to_vec(), "f", Encoding::Cp1251).unwrap(), "Привет");
    }

    #[test]
    fn binary_and_utf16_are_skipped() {
        let e = decode(b"abc\n\0def".to_vec(), "b.txt").unwrap_err();
        assert!(e.skipped && e.message.contains("line 2, byte 4"), "{}", e.message);
        let e = decode(vec![0xff, 0xfe, b'a', 0], "u.txt").unwrap_err();
        assert!(e.skipped && e.message.contains("UTF-16"));
    }
}
