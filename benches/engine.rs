//! Stage benchmarks for the engine (divan): rule compilation (start-up), the document model,
//! the rules over a built document, and rendering, on one ~700-word article and on the whole
//! bench corpus. Build the corpus first with `scripts/bench-corpus.sh`; without it the sample
//! article in `examples/` stands in. Run: `cargo bench --bench engine` (or `scripts/bench.sh`).

use mtlint::render::{FileReport, Format, renderer};
use mtlint::{Document, Engine, RuleSet};
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn corpus(name: &str) -> &'static str {
    static ARTICLE: OnceLock<String> = OnceLock::new();
    static ALL: OnceLock<String> = OnceLock::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let load = |file: &str| {
        std::fs::read_to_string(root.join("bench-corpus").join(file)).unwrap_or_else(|_| {
            eprintln!("bench-corpus/{file} missing (run scripts/bench-corpus.sh); using examples/");
            std::fs::read_to_string(root.join("examples/talks-geneva.txt")).unwrap()
        })
    };
    match name {
        "article" => ARTICLE.get_or_init(|| load("article.txt")),
        _ => ALL.get_or_init(|| load("all.txt")),
    }
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(RuleSet::builtin().unwrap()).unwrap())
}

const INPUTS: &[&str] = &["article", "all"];

/// Start-up: load and compile every built-in rule, build the shared automaton.
#[divan::bench(sample_count = 30)]
fn compile_rules() -> Engine {
    Engine::new(RuleSet::builtin().unwrap()).unwrap()
}

/// Lines, paragraphs, sentences, words and quotes.
#[divan::bench(args = INPUTS, sample_count = 20)]
fn document(b: divan::Bencher, input: &str) {
    let text = corpus(input);
    b.counter(divan::counter::BytesCount::of_str(text)).bench(|| Document::new(divan::black_box(text)));
}

/// Every rule over an already built document (automaton pass plus whole-document checks).
#[divan::bench(args = INPUTS, sample_count = 20)]
fn rules(b: divan::Bencher, input: &str) {
    let text = corpus(input);
    let doc = Document::new(text);
    let e = engine();
    b.counter(divan::counter::BytesCount::of_str(text)).bench(|| e.lint_document(divan::black_box(&doc)));
}

/// Document model plus rules: what one file costs after start-up.
#[divan::bench(args = INPUTS, sample_count = 20)]
fn lint(b: divan::Bencher, input: &str) {
    let text = corpus(input);
    let e = engine();
    b.counter(divan::counter::BytesCount::of_str(text)).bench(|| e.lint(divan::black_box(text)));
}

/// Rendering the findings of one file (human and JSON).
#[divan::bench(args = ["human", "json"], sample_count = 20)]
fn render(b: divan::Bencher, format: &str) {
    let text = corpus("all");
    let doc = Document::new(text);
    let diags = engine().lint_document(&doc);
    let format = if format == "json" { Format::Json } else { Format::Human };
    b.bench(|| {
        let mut out = Vec::new();
        let mut r = renderer(format, false, &[]);
        let report = FileReport { path: "all.txt", text, lines: &doc.lines, diagnostics: &diags };
        r.begin(&mut out).and_then(|()| r.file(&mut out, &report)).unwrap();
        out.len()
    });
}
