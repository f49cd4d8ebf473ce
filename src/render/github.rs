//! GitHub Actions workflow commands: `::warning file=P,line=L,col=C,endLine=..,endColumn=..,title=RULE::MESSAGE`.
//! The runner turns each into an annotation on the pull request's diff.

use super::{FileReport, Renderer};
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub struct Github;

/// Escape a message (data) for a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`, which separate properties).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Renderer for Github {
    fn file(&mut self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        for d in r.diagnostics {
            let (line, col) = r.line_col(d.span.start);
            let (end_line, end_col) = r.line_col(d.span.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            // Columns only make sense on one line; GitHub ignores them otherwise.
            let cols = if end_line == line { format!(",col={col},endColumn={end_col}") } else { String::new() };
            writeln!(
                out,
                "::{level} file={},line={line},endLine={end_line}{cols},title={}::{}",
                escape_property(r.path),
                escape_property(&format!("mtlint {}", d.rule)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}
