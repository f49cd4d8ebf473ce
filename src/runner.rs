//! Linting many inputs: read, build the document, run the engine, on worker threads; results
//! are handed back in input order so output is deterministic. Only a bounded window of files is
//! in memory at once (streaming: memory does not grow with the size of the directory, even when
//! one slow file holds up the others).

use crate::diagnostic::Diagnostic;
use crate::document::{Document, LineIndex};
use crate::engine::Engine;
use crate::input::{self, Input, InputError, ReadOptions};
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// The outcome of linting one input.
pub struct FileResult {
    pub input: Input,
    /// Display path.
    pub path: String,
    pub outcome: Result<Linted, InputError>,
}

pub struct Linted {
    pub text: String,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

/// How a run reads its inputs and how many threads it uses.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads (0 = one per core).
    pub jobs: usize,
    /// Display name of stdin.
    pub stdin_name: String,
    pub read: ReadOptions,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { jobs: 0, stdin_name: "<stdin>".to_string(), read: ReadOptions::default() }
    }
}

/// Lint one text.
pub fn lint_text(engine: &Engine, text: String) -> Linted {
    let doc = Document::new(&text);
    let diagnostics = engine.lint_document(&doc);
    let lines = doc.lines.clone();
    drop(doc);
    Linted { text, lines, diagnostics }
}

/// Lint one text; a panic in a check loses this file (reported as an error), not the run.
fn lint_guarded(engine: &Engine, text: String, path: &str) -> Result<Linted, InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_text(engine, text))).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        InputError::new(path, format!("internal error while linting (a bug in mtlint, please report it): {what}"))
    })
}

/// Lint `inputs` with `jobs` worker threads (0 = one per core), calling `each` in input order.
/// `each` returns false to stop early (e.g. the output pipe closed).
pub fn run(engine: &Engine, inputs: Vec<Input>, jobs: usize, stdin_name: &str, each: impl FnMut(FileResult) -> bool) {
    let opts = RunOptions { jobs, stdin_name: stdin_name.to_string(), ..RunOptions::default() };
    run_with(engine, inputs, &opts, each)
}

/// Files a worker may be ahead of the output, per worker.
const WINDOW_PER_JOB: usize = 4;

struct Queue {
    next: usize,
    /// Results handed to `each` so far.
    emitted: usize,
    stop: bool,
}

/// [`run`] with reading options (size limit, encoding).
pub fn run_with(engine: &Engine, inputs: Vec<Input>, opts: &RunOptions, mut each: impl FnMut(FileResult) -> bool) {
    let display = |i: &Input| match i {
        Input::File(p) => p.display().to_string(),
        Input::Stdin => opts.stdin_name.clone(),
    };
    let lint_one = |inp: Input| {
        let path = display(&inp);
        let outcome = input::read_with(&inp, &path, &opts.read).and_then(|text| lint_guarded(engine, text, &path));
        FileResult { input: inp, path, outcome }
    };
    let jobs = if opts.jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { opts.jobs };
    let jobs = jobs.min(inputs.len());
    if jobs <= 1 {
        for inp in inputs {
            if !each(lint_one(inp)) {
                return;
            }
        }
        return;
    }
    let n = inputs.len();
    let window = jobs * WINDOW_PER_JOB;
    // Inputs are taken by index; a slot is emptied when a worker takes it.
    let slots: Vec<Mutex<Option<Input>>> = inputs.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let queue = Mutex::new(Queue { next: 0, emitted: 0, stop: false });
    let wake = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, FileResult)>();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (queue, wake, slots, lint_one) = (&queue, &wake, &slots, &lint_one);
            s.spawn(move || {
                loop {
                    // Take the next input, but never more than `window` ahead of the output.
                    let i = {
                        let Ok(mut q) = queue.lock() else { return };
                        loop {
                            if q.stop || q.next >= n {
                                return;
                            }
                            if q.next < q.emitted + window {
                                break;
                            }
                            q = match wake.wait(q) {
                                Ok(q) => q,
                                Err(_) => return,
                            };
                        }
                        q.next += 1;
                        q.next - 1
                    };
                    let Some(inp) = slots[i].lock().ok().and_then(|mut s| s.take()) else { return };
                    if tx.send((i, lint_one(inp))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, FileResult> = BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                next += 1;
                let go_on = each(r);
                if let Ok(mut q) = queue.lock() {
                    q.emitted = next;
                    q.stop |= !go_on;
                }
                wake.notify_all();
                if !go_on {
                    // Drain so workers finish the file they hold, then stop.
                    for _ in rx.iter() {}
                    return;
                }
            }
        }
        debug_assert_eq!(next, n);
    });
}
