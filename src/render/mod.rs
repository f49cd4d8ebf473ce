//! Renderers: diagnostics -> bytes. One file per output format; renderers never see rules.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use std::io::{self, Write};

/// Everything a renderer knows about one linted file.
pub struct FileReport<'a> {
    /// Display path (the `--stdin-filename` for stdin).
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

impl FileReport<'_> {
    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        self.lines.line_col(self.text, pos)
    }
}

/// Totals over a whole run.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics with at least one safe fix.
    pub fixable: usize,
    /// Files that could not be linted (I/O or encoding errors).
    pub failed_files: usize,
    /// Fixes applied by `--fix` (the other counts are what remains after them).
    pub fixed: usize,
}

impl Summary {
    pub fn add(&mut self, diags: &[Diagnostic]) {
        self.files += 1;
        if !diags.is_empty() {
            self.files_with_diagnostics += 1;
        }
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            if d.fixes.iter().any(|f| f.applicability == crate::diagnostic::Applicability::Safe) {
                self.fixable += 1;
            }
        }
    }
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with source excerpts (codespan-reporting).
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document: `{version, files: [{path, diagnostics}], summary}`.
    Json,
    /// One JSON object per diagnostic per line.
    Jsonl,
    /// GitHub Actions workflow commands (`::warning file=...::message`): pull-request annotations.
    Github,
    /// SARIF 2.1.0 (GitHub code scanning and other static-analysis dashboards).
    Sarif,
    /// JUnit XML: one test case per diagnostic, for CI dashboards.
    Junit,
}

/// What output formats that describe rules (SARIF) know about a rule.
#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub id: String,
    pub severity: Severity,
    pub category: String,
    /// One line: what the rule finds.
    pub short: String,
    /// `what` and `why`.
    pub full: String,
    /// How to fix.
    pub help: String,
}

/// A streaming renderer: `begin`, then `file` for each linted file in order, then `finish`.
pub trait Renderer {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The renderer of a format; `rules` describes every rule that may appear (used by SARIF).
pub fn renderer(format: Format, color: bool, rules: &[RuleDoc]) -> Box<dyn Renderer> {
    match format {
        Format::Github => Box::new(github::Github),
        Format::Sarif => Box::new(sarif::Sarif::new(rules.to_vec())),
        Format::Junit => Box::new(junit::Junit::default()),
        Format::Human => Box::new(human::Human { color }),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(json::JsonLines),
    }
}
