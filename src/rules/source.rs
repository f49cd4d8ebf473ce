//! Where rule packs come from: the packs embedded at build time, or a directory on disk.

use super::RuleError;
use crate::diagnostic::Span;
use std::path::PathBuf;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

pub struct SourceFile {
    /// Display name: `rules/<file>` for embedded packs, the path for packs on disk.
    pub name: String,
    pub text: String,
}

pub enum Source {
    Embedded,
    Dir(PathBuf),
}

impl Source {
    pub fn embedded() -> Self {
        Source::Embedded
    }

    /// The pack files: top-level `*.toml`, sorted by name.
    pub fn packs(&self) -> Result<Vec<SourceFile>, RuleError> {
        match self {
            Source::Embedded => Ok(embedded::EMBEDDED
                .iter()
                .filter(|(p, _)| !p.contains('/') && p.ends_with(".toml"))
                .map(|(p, t)| SourceFile { name: format!("rules/{p}"), text: t.to_string() })
                .collect()),
            Source::Dir(dir) => {
                let rd = std::fs::read_dir(dir).map_err(|e| {
                    RuleError::at(
                        &dir.display().to_string(),
                        None,
                        Span::new(0, 0),
                        format!("cannot read rule directory: {e}"),
                    )
                })?;
                let mut paths: Vec<PathBuf> = rd
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                paths.sort();
                paths.into_iter().map(|p| read_path(&p)).collect()
            }
        }
    }

    /// Every data file under `dir` (relative to the rule directory) with the given extension, sorted.
    pub fn data_files(&self, dir: &str, ext: &str) -> Result<Vec<SourceFile>, RuleError> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        match self {
            Source::Embedded => Ok(embedded::EMBEDDED
                .iter()
                .filter(|(p, _)| p.starts_with(&prefix) && p.ends_with(&format!(".{ext}")))
                .map(|(p, t)| SourceFile { name: format!("rules/{p}"), text: t.to_string() })
                .collect()),
            Source::Dir(root) => {
                let d = root.join(dir);
                let Ok(rd) = std::fs::read_dir(&d) else { return Ok(Vec::new()) };
                let mut paths: Vec<PathBuf> = rd
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
                    .collect();
                paths.sort();
                paths.into_iter().map(|p| read_path(&p)).collect()
            }
        }
    }

    /// Read a data file named relative to the rule directory (e.g. `data/gazetteer.toml`).
    pub fn read(&self, rel: &str) -> Result<SourceFile, String> {
        match self {
            Source::Embedded => embedded::EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(p, t)| SourceFile { name: format!("rules/{p}"), text: t.to_string() })
                .ok_or_else(|| format!("no embedded data file `{rel}`")),
            Source::Dir(dir) => {
                let p = dir.join(rel);
                std::fs::read_to_string(&p)
                    .map(|text| SourceFile { name: p.display().to_string(), text })
                    .map_err(|e| format!("cannot read data file `{}`: {e}", p.display()))
            }
        }
    }
}

/// Read a file on disk as a `SourceFile`, with an error naming it.
pub fn read_path(p: &std::path::Path) -> Result<SourceFile, RuleError> {
    let name = p.display().to_string();
    std::fs::read_to_string(p).map(|text| SourceFile { name: name.clone(), text }).map_err(|e| {
        RuleError::at(&name, None, Span::new(0, 0), format!("cannot read file: {}", crate::input::io_message(&e)))
    })
}
