//! `path:line:col: severity[rule] message`, one line per diagnostic.

use super::{FileReport, Renderer};
use std::io::{self, Write};

pub struct Concise;

impl Renderer for Concise {
    fn file(&mut self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        for d in r.diagnostics {
            let (line, col) = r.line_col(d.span.start);
            writeln!(out, "{}:{line}:{col}: {}[{}] {}", r.path, d.severity, d.rule, d.message)?;
        }
        Ok(())
    }
}
