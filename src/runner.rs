//! Linting many inputs: read, build the document, run the engine, on worker threads; results
//! are handed back in input order so output is deterministic. Only a bounded window of files is
//! in memory at once (streaming: memory does not grow with the size of the directory).

use crate::diagnostic::Diagnostic;
use crate::document::{Document, LineIndex};
use crate::engine::Engine;
use crate::input::{self, Input, InputError};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

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

/// Lint one text.
pub fn lint_text(engine: &Engine, text: String) -> Linted {
    let doc = Document::new(&text);
    let diagnostics = engine.lint_document(&doc);
    let lines = doc.lines.clone();
    drop(doc);
    Linted { text, lines, diagnostics }
}

/// Lint `inputs` with `jobs` worker threads (0 = one per core), calling `each` in input order.
/// `each` returns false to stop early (e.g. the output pipe closed).
pub fn run(
    engine: &Engine,
    inputs: Vec<Input>,
    jobs: usize,
    stdin_name: &str,
    mut each: impl FnMut(FileResult) -> bool,
) {
    let display = |i: &Input| match i {
        Input::File(p) => p.display().to_string(),
        Input::Stdin => stdin_name.to_string(),
    };
    let lint_one = |inp: Input| {
        let path = display(&inp);
        let outcome = input::read(&inp, &path).map(|text| lint_text(engine, text));
        FileResult { input: inp, path, outcome }
    };
    let jobs = if jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { jobs };
    if jobs <= 1 || inputs.len() <= 1 {
        for inp in inputs {
            if !each(lint_one(inp)) {
                return;
            }
        }
        return;
    }
    let n = inputs.len();
    let queue = Mutex::new(inputs.into_iter().enumerate());
    let stop = AtomicUsize::new(0);
    // A bounded channel keeps at most a few files per worker in flight.
    let (tx, rx) = mpsc::sync_channel::<(usize, FileResult)>(jobs * 4);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let queue = &queue;
            let stop = &stop;
            let lint_one = &lint_one;
            s.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) != 0 {
                        return;
                    }
                    let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
                    let Some((i, inp)) = next else { return };
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
                if !each(r) {
                    stop.store(1, Ordering::Relaxed);
                    // Drain so workers blocked on send can finish.
                    for _ in rx.iter() {}
                    return;
                }
            }
        }
        debug_assert_eq!(next, n);
    });
}
