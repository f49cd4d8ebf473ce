//! `mtlint check`.

use super::{CheckArgs, FailOn, load_rules};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Engine;
use crate::input::{self, Input};
use crate::render::{self, FileReport, Summary};
use std::io::{self, Write};

pub fn run(args: CheckArgs) -> u8 {
    let color = args.color.enabled();
    let set = match load_rules(&args.rules, color) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let engine = match Engine::new(set) {
        Ok(e) => e,
        Err(m) => {
            eprintln!("error: {m}");
            return 2;
        }
    };
    let (inputs, errors) = input::expand(&args.paths, &args.extensions);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut renderer = render::renderer(args.format, color);
    let mut summary = Summary::default();
    let mut worst: Option<Severity> = None;
    let result = (|| -> io::Result<()> {
        renderer.begin(&mut out)?;
        for inp in &inputs {
            let display = match inp {
                Input::File(p) => p.display().to_string(),
                Input::Stdin => args.stdin_filename.clone(),
            };
            let text = match input::read(inp, &display) {
                Ok(t) => t,
                Err(e) => {
                    out.flush()?;
                    eprintln!("error: {e}");
                    failed += 1;
                    continue;
                }
            };
            let doc = Document::new(&text);
            let diags: Vec<Diagnostic> = engine.lint_document(&doc);
            worst = diags.iter().map(|d| d.severity).chain(worst).max();
            summary.add(&diags);
            renderer
                .file(&mut out, &FileReport { path: &display, text: &text, lines: &doc.lines, diagnostics: &diags })?;
        }
        summary.failed_files = failed;
        renderer.finish(&mut out, &summary)?;
        out.flush()
    })();
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return exit_code(failed, worst, args.fail_on);
        }
        eprintln!("error: cannot write output: {e}");
        return 2;
    }
    exit_code(failed, worst, args.fail_on)
}

fn exit_code(failed: usize, worst: Option<Severity>, fail_on: FailOn) -> u8 {
    if failed > 0 {
        return 2;
    }
    let threshold = match fail_on {
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
        FailOn::Never => return 0,
    };
    if worst.is_some_and(|w| w >= threshold) { 1 } else { 0 }
}
