//! `mtlint check`.

use super::{CheckArgs, FailOn, load_rules};
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::input;
use crate::render::{self, FileReport, Summary};
use crate::runner;
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
        let _ = writeln!(io::stderr(), "error: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut renderer = render::renderer(args.format, color);
    let mut summary = Summary::default();
    let mut worst: Option<Severity> = None;
    let mut write_error: Option<io::Error> = None;
    if let Err(e) = renderer.begin(&mut out) {
        write_error = Some(e);
    }
    if write_error.is_none() {
        let opts = runner::RunOptions {
            jobs: args.jobs,
            stdin_name: args.stdin_filename.clone(),
            read: input::ReadOptions { max_size: args.max_file_size, encoding: args.encoding },
        };
        runner::run_with(&engine, inputs, &opts, |r| {
            let linted = match r.outcome {
                Ok(l) => l,
                Err(e) => {
                    let _ = out.flush();
                    if e.skipped {
                        let _ = writeln!(io::stderr(), "note: {e}");
                    } else {
                        let _ = writeln!(io::stderr(), "error: {e}");
                        failed += 1;
                    }
                    return true;
                }
            };
            worst = linted.diagnostics.iter().map(|d| d.severity).chain(worst).max();
            summary.add(&linted.diagnostics);
            let report = FileReport {
                path: &r.path,
                text: &linted.text,
                lines: &linted.lines,
                diagnostics: &linted.diagnostics,
            };
            match renderer.file(&mut out, &report) {
                Ok(()) => true,
                Err(e) => {
                    write_error = Some(e);
                    false
                }
            }
        });
    }
    summary.failed_files = failed;
    let result = match write_error {
        Some(e) => Err(e),
        None => renderer.finish(&mut out, &summary).and_then(|()| out.flush()),
    };
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
