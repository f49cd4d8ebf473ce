//! `mtlint check`: lint, optionally fix (in place, as a diff, or stdin -> stdout), filter by
//! baseline, render.

use super::profile::{Profile, Profiles};
use super::{CheckArgs, FailOn};
use crate::atomic;
use crate::baseline::{self, Baseline};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::LineIndex;
use crate::fix::{self, FixLevel};
use crate::input::{self, Input};
use crate::render::{self, FileReport, Format, Renderer, RuleDoc, Summary};
use crate::runner::{self, FileResult};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Re-lint and fix at most this many times per file (fixes normally settle in one or two).
pub const MAX_FIX_PASSES: usize = 10;

/// Shared by every file of the run.
struct State<'a> {
    args: &'a CheckArgs,
    level: Option<FixLevel>,
    out: &'a mut dyn Write,
    renderer: Box<dyn Renderer>,
    summary: Summary,
    failed: usize,
    failing: bool,
    would_change: usize,
    write_error: Option<io::Error>,
    fixed: Vec<(String, Vec<(String, usize)>)>,
    stats: BTreeMap<String, (usize, usize)>,
    baseline: Option<(Baseline, PathBuf)>,
    new_baseline: Option<(Baseline, PathBuf)>,
}

fn stdin_path(args: &CheckArgs) -> Option<&Path> {
    (args.stdin_filename != "<stdin>").then(|| Path::new(&args.stdin_filename))
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let color = args.color.enabled();
    let level = if args.unsafe_fixes {
        Some(FixLevel::Unsafe)
    } else if args.fix || args.diff {
        Some(FixLevel::Safe)
    } else {
        None
    };
    let mut profiles = Profiles::new(&args.rules, color);
    let has_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if level.is_some() && args.encoding != input::Encoding::Utf8 {
        eprintln!("error: `--fix` cannot be combined with `--encoding` (fixes would rewrite the file as UTF-8)");
        return 2;
    }
    if level.is_some() && !args.diff && has_stdin {
        if args.paths.len() != 1 {
            eprintln!("error: `--fix` with `-` reads stdin alone (the fixed text goes to stdout)");
            return 2;
        }
        return stdin_fix(&args, &mut profiles, level.unwrap_or(FixLevel::Safe), args.color.enabled_on_stderr());
    }
    let (items, mut failed) = match collect_inputs(&args, &mut profiles) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let baseline = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some((b, parent(p).to_path_buf())),
            Err(m) => {
                eprintln!("error: {m}");
                return 2;
            }
        },
        None => None,
    };
    let new_baseline = args.write_baseline.as_ref().map(|p| (Baseline::default(), parent(p).to_path_buf()));
    let stdout = io::stdout();
    let mut lock = io::BufWriter::new(stdout.lock());
    let renderer = render::renderer(args.format, color, &rule_docs(&profiles.list));
    let mut st = State {
        args: &args,
        level,
        out: &mut lock,
        renderer,
        summary: Summary::default(),
        failed: 0,
        failing: false,
        would_change: 0,
        write_error: None,
        fixed: Vec::new(),
        stats: BTreeMap::new(),
        baseline,
        new_baseline,
    };
    let rendering = st.renders();
    if rendering && let Err(e) = st.renderer.begin(st.out) {
        st.write_error = Some(e);
    }
    // Consecutive files with the same profile are linted together, in order.
    let mut i = 0;
    while i < items.len() && st.write_error.is_none() {
        let pi = items[i].1;
        let mut j = i;
        while j < items.len() && items[j].1 == pi {
            j += 1;
        }
        let batch: Vec<Input> = items[i..j].iter().map(|(inp, _)| inp.clone()).collect();
        let profile = &profiles.list[pi];
        runner::run_with(&profile.engine, batch, &run_options(&args), |r| st.handle(profile, r));
        i = j;
    }
    failed += st.failed;
    st.summary.failed_files = failed;
    let mut result = match st.write_error.take() {
        Some(e) => Err(e),
        None if rendering => st.renderer.finish(st.out, &st.summary),
        None => Ok(()),
    };
    if result.is_ok() && args.statistics {
        result = st.print_statistics();
    }
    if result.is_ok() && args.show_fixes && !args.diff {
        let to_stdout = matches!(args.format, Format::Human | Format::Concise);
        let text = fixes_text(&st.fixed);
        result = if to_stdout { st.out.write_all(text.as_bytes()) } else { io::stderr().write_all(text.as_bytes()) };
    }
    let result = result.and_then(|()| st.out.flush());
    if let Err(e) = result
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write output: {e}");
        return 2;
    }
    if let (Some((b, _)), Some(path)) = (&st.new_baseline, &args.write_baseline) {
        if let Err(e) = std::fs::write(path, b.to_json()) {
            eprintln!("error: {}: cannot write baseline: {}", path.display(), input::io_message(&e));
            return 2;
        }
        let n: usize = b.entries.iter().map(|e| e.count).sum();
        eprintln!("wrote {n} finding{} to baseline {}", if n == 1 { "" } else { "s" }, path.display());
    }
    if failed > 0 {
        2
    } else if args.exit_zero || args.write_baseline.is_some() {
        0
    } else if args.diff {
        u8::from(st.would_change > 0)
    } else {
        u8::from(st.failing)
    }
}

/// Expand the paths into inputs, each with the profile of its nearest config. Directory walks
/// use the extensions and excludes of the directory's config.
fn collect_inputs(args: &CheckArgs, profiles: &mut Profiles) -> Result<(Vec<(Input, usize)>, usize), u8> {
    let mut items = Vec::new();
    let mut failed = 0;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let dir = stdin_path(args).map(parent).unwrap_or(Path::new("."));
            let pi = profiles.for_dir(dir)?;
            let excluded = stdin_path(args).is_some_and(|p| profiles.list[pi].config.excludes(p));
            if !(args.force_exclude && excluded) {
                items.push((Input::Stdin, pi));
            }
            continue;
        }
        let is_dir = p.is_dir();
        let dir = if is_dir { p.as_path() } else { parent(p) };
        let pi = profiles.for_dir(dir)?;
        let exts = args
            .extensions
            .clone()
            .or_else(|| profiles.list[pi].config.extensions.clone())
            .unwrap_or_else(|| input::DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect());
        let (inputs, errors) = input::expand(std::slice::from_ref(p), &exts);
        for e in &errors {
            eprintln!("error: {e}");
        }
        failed += errors.len();
        for inp in inputs {
            match &inp {
                Input::File(f) if is_dir => {
                    if profiles.list[pi].config.excludes(f) {
                        continue;
                    }
                    let fi = profiles.for_dir(parent(f))?;
                    if fi != pi && profiles.list[fi].config.excludes(f) {
                        continue;
                    }
                    items.push((inp, fi));
                }
                Input::File(f) if args.force_exclude && profiles.list[pi].config.excludes(f) => {}
                _ => items.push((inp, pi)),
            }
        }
    }
    if args.fix || args.unsafe_fixes || args.diff {
        // A file named twice (or through a link) is fixed once; a second write would find it
        // changed on disk and refuse.
        let mut seen = std::collections::HashSet::new();
        items.retain(|(inp, _)| match inp {
            Input::File(f) => seen.insert(crate::config::normalize(f)),
            Input::Stdin => true,
        });
    }
    Ok((items, failed))
}

fn rule_docs(profiles: &[Profile]) -> Vec<RuleDoc> {
    let mut docs: Vec<RuleDoc> = Vec::new();
    for p in profiles {
        for d in p.rule_docs() {
            if !docs.iter().any(|x| x.id == d.id) {
                docs.push(d);
            }
        }
    }
    docs
}

fn fixes_text(fixed: &[(String, Vec<(String, usize)>)]) -> String {
    use std::fmt::Write as _;
    let total: usize = fixed.iter().flat_map(|(_, v)| v.iter().map(|(_, n)| n)).sum();
    if total == 0 {
        return "No fixes applied.\n".to_string();
    }
    let mut s = format!("Fixed {total} finding{}:\n", if total == 1 { "" } else { "s" });
    for (path, rules) in fixed {
        let _ = writeln!(s, "- {path}:");
        for (rule, n) in rules {
            let _ = writeln!(s, "    {n} × {rule}");
        }
    }
    s
}

impl State<'_> {
    /// Does the renderer print per-file output?
    fn renders(&self) -> bool {
        !self.args.quiet && !self.args.statistics && !self.args.diff && self.args.write_baseline.is_none()
    }

    fn handle(&mut self, profile: &Profile, r: FileResult) -> bool {
        let linted = match r.outcome {
            Ok(l) => l,
            Err(e) => {
                let _ = self.out.flush();
                if e.skipped {
                    // A binary file: a note, not a failure of the run.
                    let _ = writeln!(io::stderr(), "note: {e}");
                } else {
                    let _ = writeln!(io::stderr(), "error: {e}");
                    self.failed += 1;
                }
                return true;
            }
        };
        let path: Option<&Path> = match &r.input {
            Input::File(p) => Some(p.as_path()),
            Input::Stdin => stdin_path(self.args),
        };
        let mut text = linted.text;
        let mut lines = linted.lines;
        let mut diags = profile.post(path, &text, &lines, linted.diagnostics);
        if let Some(level) = self.level
            && !fix::select(&diags, level).is_empty()
        {
            let fix::Fixed { text: fixed, applied, diagnostics: remaining, converged } =
                fix::fix_with(&text, diags.clone(), level, MAX_FIX_PASSES, |t| profile.lint(path, t));
            if !converged {
                let _ = self.out.flush();
                eprintln!("warning: {}: fixes did not settle after {MAX_FIX_PASSES} passes", r.path);
            }
            if fixed != text {
                if self.args.diff {
                    self.would_change += 1;
                    let diff = similar::TextDiff::from_lines(&text, &fixed);
                    let u = diff.unified_diff().context_radius(3).header(&r.path, &r.path).to_string();
                    if let Err(e) = self.out.write_all(u.as_bytes()) {
                        self.write_error = Some(e);
                        return false;
                    }
                    return true;
                }
                let written = match &r.input {
                    Input::File(p) => match atomic::replace(p, text.as_bytes(), fixed.as_bytes()) {
                        Ok(()) => true,
                        Err(e) => {
                            let _ = self.out.flush();
                            eprintln!("error: {}: {e}", r.path);
                            self.failed += 1;
                            false
                        }
                    },
                    Input::Stdin => false,
                };
                if written {
                    self.summary.fixed += applied.iter().map(|(_, n)| n).sum::<usize>();
                    text = fixed;
                    lines = LineIndex::new(&text);
                    diags = remaining;
                    self.fixed.push((r.path.clone(), applied));
                }
            }
        }
        if self.args.diff {
            return true;
        }
        self.finish_file(profile, &r.path, &text, &lines, diags)
    }

    /// Baselines, statistics, exit status and rendering of one file's remaining findings.
    fn finish_file(
        &mut self,
        profile: &Profile,
        path: &str,
        text: &str,
        lines: &LineIndex,
        mut diags: Vec<Diagnostic>,
    ) -> bool {
        if let Some((b, dir)) = &mut self.new_baseline {
            b.record(&baseline::key_path(path, dir), text, &diags);
        }
        if let Some((b, dir)) = &self.baseline {
            b.filter(&baseline::key_path(path, dir), text, &mut diags);
        }
        let fail_on: FailOn = profile.fail_on(self.args.fail_on);
        self.failing |= diags.iter().any(|d| fail_on.fails(d.severity));
        self.summary.add(&diags);
        for d in &diags {
            let e = self.stats.entry(d.rule.to_string()).or_default();
            e.0 += 1;
            if d.fixes.iter().any(|f| f.applicability == Applicability::Safe) {
                e.1 += 1;
            }
        }
        if !self.renders() {
            return true;
        }
        let report = FileReport { path, text, lines, diagnostics: &diags };
        match self.renderer.file(self.out, &report) {
            Ok(()) => true,
            Err(e) => {
                self.write_error = Some(e);
                false
            }
        }
    }

    fn print_statistics(&mut self) -> io::Result<()> {
        let mut rows: Vec<(&String, &(usize, usize))> = self.stats.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        if matches!(self.args.format, Format::Json | Format::Jsonl) {
            let v: Vec<_> =
                rows.iter().map(|(r, (n, f))| serde_json::json!({ "rule": r, "count": n, "fixable": f })).collect();
            serde_json::to_writer_pretty(&mut *self.out, &v)?;
            return self.out.write_all(b"\n");
        }
        let w = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        for (rule, (n, f)) in &rows {
            let fixable = if *f > 0 { format!("  ({f} fixable)") } else { String::new() };
            writeln!(self.out, "{n:>6}  {rule:w$}{fixable}")?;
        }
        let total: usize = rows.iter().map(|(_, (n, _))| n).sum();
        writeln!(self.out, "{total:>6}  total")
    }
}

/// How the runner reads inputs for this invocation.
fn run_options(args: &CheckArgs) -> runner::RunOptions {
    runner::RunOptions {
        jobs: args.jobs,
        stdin_name: args.stdin_filename.clone(),
        read: input::ReadOptions { max_size: args.max_file_size, encoding: args.encoding },
    }
}

fn echo_quietly(bytes: &[u8]) {
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
}

/// `check --fix -`: fixed text to stdout, remaining diagnostics to stderr (none with --quiet).
/// Whatever goes wrong, stdout gets the input back whole (an editor replaces its buffer with it).
fn stdin_fix(args: &CheckArgs, profiles: &mut Profiles, level: FixLevel, color: bool) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = io::stdin().lock().take(args.max_file_size.saturating_add(1)).read_to_end(&mut bytes) {
        eprintln!("error: {}: {}", args.stdin_filename, input::io_message(&e));
        return 2;
    }
    if bytes.len() as u64 > args.max_file_size {
        echo_quietly(&bytes);
        eprintln!(
            "error: {}: more than the size limit of {} (raise it with --max-file-size)",
            args.stdin_filename,
            input::human_size(args.max_file_size)
        );
        return 2;
    }
    let mut stdout = io::stdout().lock();
    let echo = |stdout: &mut io::StdoutLock, bytes: &[u8]| {
        let _ = stdout.write_all(bytes);
        let _ = stdout.flush();
    };
    let dir = stdin_path(args).map(parent).unwrap_or(Path::new("."));
    let pi = match profiles.for_dir(dir) {
        Ok(i) => i,
        Err(code) => {
            echo(&mut stdout, &bytes);
            return code;
        }
    };
    let text = match input::decode(bytes.clone(), &args.stdin_filename) {
        Ok(t) => t,
        Err(e) => {
            echo(&mut stdout, &bytes);
            eprintln!("error: {e}");
            return 2;
        }
    };
    let profile = &profiles.list[pi];
    let path = stdin_path(args);
    if args.force_exclude && path.is_some_and(|p| profile.config.excludes(p)) {
        echo(&mut stdout, &bytes);
        return 0;
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let first = profile.lint(path, &text);
        let f = fix::fix_with(&text, first, level, MAX_FIX_PASSES, |t| profile.lint(path, t));
        (f.text, f.applied, f.diagnostics)
    }));
    let Ok((fixed, applied, mut diags)) = outcome else {
        echo(&mut stdout, &bytes);
        eprintln!("error: {}: internal error while fixing; text left unchanged", args.stdin_filename);
        return 2;
    };
    echo(&mut stdout, fixed.as_bytes());
    if let Some(p) = &args.baseline {
        match Baseline::load(p) {
            Ok(b) => {
                b.filter(&baseline::key_path(&args.stdin_filename, parent(p)), &fixed, &mut diags);
            }
            Err(m) => eprintln!("warning: {m}"),
        }
    }
    let mut err = io::stderr().lock();
    if !args.quiet && !diags.is_empty() {
        let lines = LineIndex::new(&fixed);
        let report = FileReport { path: &args.stdin_filename, text: &fixed, lines: &lines, diagnostics: &diags };
        let mut renderer = render::renderer(args.format, color, &profile.rule_docs());
        let mut summary = Summary::default();
        summary.add(&diags);
        let _ = renderer
            .begin(&mut err)
            .and_then(|()| renderer.file(&mut err, &report))
            .and_then(|()| renderer.finish(&mut err, &summary));
    }
    if args.show_fixes {
        let _ = err.write_all(fixes_text(&[(args.stdin_filename.clone(), applied)]).as_bytes());
    }
    let fail_on = profile.fail_on(args.fail_on);
    u8::from(!args.exit_zero && diags.iter().any(|d| fail_on.fails(d.severity)))
}
