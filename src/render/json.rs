//! `json` and `jsonl`: the public interface for editor tools (documented in docs/json.md).

use super::{FileReport, Renderer, Summary};
use crate::diagnostic::{Applicability, Diagnostic};
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON schema; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: crate::diagnostic::Severity,
    pub category: crate::diagnostic::Category,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The flagged text.
    pub text: &'a str,
    pub label: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: &'a [String],
    pub help: Option<&'a str>,
    pub fixes: Vec<JsonFix<'a>>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(r: &FileReport<'a>, d: &'a Diagnostic) -> Self {
        let (line, column) = r.line_col(d.span.start);
        let (end_line, end_column) = r.line_col(d.span.end);
        JsonDiagnostic {
            path: r.path,
            rule: &d.rule,
            severity: d.severity,
            category: d.category,
            message: &d.message,
            start: d.span.start,
            end: d.span.end,
            line,
            column,
            end_line,
            end_column,
            text: d.span.text(r.text),
            label: d.label.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let (line, column) = r.line_col(l.start);
                    let (end_line, end_column) = r.line_col(l.end);
                    JsonLabel { start: l.start, end: l.end, line, column, end_line, end_column, message: &l.message }
                })
                .collect(),
            notes: &d.notes,
            help: d.help.as_deref(),
            fixes: d
                .fixes
                .iter()
                .map(|f| JsonFix {
                    message: &f.message,
                    applicability: f.applicability,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit { start: e.start, end: e.end, replacement: &e.replacement })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// One object per diagnostic per line.
pub struct JsonLines;

impl Renderer for JsonLines {
    fn file(&mut self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        for d in r.diagnostics {
            serde_json::to_writer(&mut *out, &JsonDiagnostic::new(r, d))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// `{"version": 1, "files": [{"path", "diagnostics": [...]}], "summary": {...}}`, streamed.
#[derive(Default)]
pub struct Json {
    files: usize,
}

impl Renderer for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\"version\":{SCHEMA_VERSION},\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        if self.files > 0 {
            out.write_all(b",")?;
        }
        self.files += 1;
        let diags: Vec<JsonDiagnostic> = r.diagnostics.iter().map(|d| JsonDiagnostic::new(r, d)).collect();
        serde_json::to_writer(&mut *out, &serde_json::json!({ "path": r.path, "diagnostics": diags }))?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut *out, s)?;
        out.write_all(b"}\n")
    }
}
