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
    /// Workers blocked until the output catches up.
    waiting: usize,
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
    // Inputs are taken by index; a slot is emptied when a thread takes it.
    let slots: Vec<Mutex<Option<Input>>> = inputs.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let queue = Mutex::new(Queue { next: 0, emitted: 0, stop: false, waiting: 0 });
    let wake = Condvar::new();
    // Take the next input index if the window allows; `block` waits for room instead of failing.
    let take = |block: bool| -> Option<usize> {
        let mut q = queue.lock().ok()?;
        loop {
            if q.stop || q.next >= n {
                return None;
            }
            if q.next < q.emitted + window {
                q.next += 1;
                return Some(q.next - 1);
            }
            if !block {
                return None;
            }
            q.waiting += 1;
            q = wake.wait(q).ok()?;
            q.waiting -= 1;
        }
    };
    let lint_slot = |i: usize| slots[i].lock().ok().and_then(|mut s| s.take()).map(lint_one);
    let (tx, rx) = mpsc::channel::<(usize, FileResult)>();
    std::thread::scope(|s| {
        // The calling thread is one of the `jobs` workers: it lints whenever the next result is
        // not ready, so there is no thread more than cores and few context switches.
        for _ in 1..jobs {
            let tx = tx.clone();
            let (take, lint_slot) = (&take, &lint_slot);
            s.spawn(move || {
                while let Some(i) = take(true) {
                    let Some(r) = lint_slot(i) else { return };
                    if tx.send((i, r)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, FileResult> = BTreeMap::new();
        let mut next = 0;
        while next < n {
            while let Ok((i, r)) = rx.try_recv() {
                pending.insert(i, r);
            }
            let mut emitted_any = false;
            while let Some(r) = pending.remove(&next) {
                next += 1;
                emitted_any = true;
                if !each(r) {
                    if let Ok(mut q) = queue.lock() {
                        q.stop = true;
                    }
                    wake.notify_all();
                    // Drain so workers finish the file they hold, then stop.
                    for _ in rx.iter() {}
                    return;
                }
            }
            if emitted_any && let Ok(mut q) = queue.lock() {
                q.emitted = next;
                if q.waiting > 0 {
                    wake.notify_all();
                }
            }
            if next >= n {
                break;
            }
            if let Some(i) = take(false) {
                if let Some(r) = lint_slot(i) {
                    pending.insert(i, r);
                }
                continue;
            }
            // Nothing to take: the next result is on a worker; wait for any result.
            match rx.recv() {
                Ok((i, r)) => {
                    pending.insert(i, r);
                }
                Err(_) => break,
            }
        }
    });
}
