//! Input: expand paths into files (walking directories), read them as UTF-8 text.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions linted when walking a directory (files named explicitly are always linted).
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

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
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
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
            Err(e) => errors.push(InputError { path: p.display().to_string(), message: io_message(&e) }),
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
            Err(e) => errors.push(InputError { path: dir.display().to_string(), message: e.to_string() }),
        }
    }
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Read an input as UTF-8 text, reporting where the encoding breaks.
pub fn read(input: &Input, display: &str) -> Result<String, InputError> {
    let bytes = match input {
        Input::File(p) => {
            std::fs::read(p).map_err(|e| InputError { path: display.to_string(), message: io_message(&e) })?
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| InputError { path: display.to_string(), message: io_message(&e) })?;
            buf
        }
    };
    decode(bytes, display)
}

/// Bytes -> String, or an error naming the line and byte where UTF-8 breaks.
pub fn decode(bytes: Vec<u8>, display: &str) -> Result<String, InputError> {
    if bytes.contains(&0) {
        return Err(InputError {
            path: display.to_string(),
            message: "binary file (contains NUL bytes), skipped".to_string(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError { path: display.to_string(), message: format!("invalid UTF-8 at byte {at} (line {line})") }
    })
}
