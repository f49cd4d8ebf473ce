//! Compiler-style output through codespan-reporting. Fixes are shown as `help:` notes.

use super::{FileReport, Renderer, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};
use std::io::{self, Write};

/// Lines longer than this (bytes) are not echoed under a finding.
const MAX_SHOWN_LINE: usize = 4096;

pub struct Human {
    pub color: bool,
}

/// Render one codespan diagnostic to a string, with or without ANSI colour.
pub fn emit_codespan<'f, F: Files<'f, FileId = ()>>(files: &'f F, diag: &CsDiagnostic<()>, color: bool) -> String {
    let config = Config::default();
    let mut buf = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
    let styles = Styles::default();
    let mut w = StylesWriter::new(&mut buf, &styles);
    if term::emit_to_write_style(&mut w, &config, files, diag).is_err() {
        return format!("{}\n", diag.message);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![Label::primary((), d.span.range()).with_message(d.label.clone().unwrap_or_default())];
    for l in &d.labels {
        labels.push(Label::secondary((), l.start..l.end).with_message(&l.message));
    }
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    for f in &d.fixes {
        let tag = match f.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "suggestion (unsafe fix)",
        };
        notes.push(format!("{tag}: {}", f.message));
    }
    CsDiagnostic::new(severity)
        .with_code(d.rule.to_string())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

impl Renderer for Human {
    fn file(&mut self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let file = SimpleFile::new(r.path, r.text);
        for d in r.diagnostics {
            let (line_start, line_end) = r.lines.line_span(r.text, r.lines.line_of(d.span.start));
            if line_end - line_start > MAX_SHOWN_LINE || d.span.len() > MAX_SHOWN_LINE {
                // Never echo a giant line (a 50 MB single-line file) once per finding.
                let (line, col) = r.line_col(d.span.start);
                let mut cs = to_codespan(d);
                cs.labels.clear();
                cs.notes.insert(0, format!("at {}:{line}:{col} (line too long to show)", r.path));
                out.write_all(emit_codespan(&file, &cs, self.color).as_bytes())?;
                continue;
            }
            out.write_all(emit_codespan(&file, &to_codespan(d), self.color).as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        if s.fixed > 0 {
            write!(out, "Fixed {} problem{}. ", s.fixed, plural(s.fixed))?;
        }
        if s.total() == 0 {
            writeln!(out, "No problems found in {} file{}.", s.files, plural(s.files))
        } else {
            writeln!(
                out,
                "Found {} problem{} ({} error{}, {} warning{}, {} info) in {} of {} file{}; {} fixable with `--fix`.",
                s.total(),
                plural(s.total()),
                s.errors,
                plural(s.errors),
                s.warnings,
                plural(s.warnings),
                s.infos,
                s.files_with_diagnostics,
                s.files,
                plural(s.files),
                s.fixable
            )
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
