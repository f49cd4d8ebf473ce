//! JUnit XML for CI dashboards: one `<testsuite>` per file, one failing `<testcase>` per
//! diagnostic; a clean file is one passing test case.

use super::{FileReport, Renderer, Summary};
use std::fmt::Write as _;
use std::io::{self, Write};

#[derive(Default)]
pub struct Junit {
    suites: String,
}

/// Escape text for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Renderer for Junit {
    fn file(&mut self, _out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let path = xml_escape(r.path);
        let n = r.diagnostics.len();
        let s = &mut self.suites;
        let _ = writeln!(s, "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\">", n.max(1));
        if n == 0 {
            let _ = writeln!(s, "    <testcase name=\"no findings\" classname=\"{path}\"/>");
        }
        for d in r.diagnostics {
            let (line, col) = r.line_col(d.span.start);
            let _ = writeln!(
                s,
                "    <testcase name=\"{}:{line}:{col}\" classname=\"{}\" file=\"{path}\" line=\"{line}\">",
                xml_escape(&d.rule),
                path
            );
            let mut body = format!("{}:{line}:{col}: {}", r.path, d.span.text(r.text));
            if let Some(h) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(h);
            }
            let _ = writeln!(
                s,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_escape(&d.message),
                d.severity,
                xml_escape(&body)
            );
            let _ = writeln!(s, "    </testcase>");
        }
        let _ = writeln!(s, "  </testsuite>");
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        let tests = s.files + s.total() - s.files_with_diagnostics;
        writeln!(out, "<testsuites name=\"mtlint\" tests=\"{tests}\" failures=\"{}\" errors=\"0\">", s.total())?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")
    }
}
