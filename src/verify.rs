//! Verifying a rule's own examples: every `bad` text fires and its fixes give `fixed`; every
//! `good` text stays quiet. Used by the test suite (built-in packs) and `mtlint rules --check`.

use crate::engine::Engine;
use crate::fix::{FixLevel, fix_until_stable};

/// A failed example, with the rule and a sentence saying what went wrong.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule: String,
    pub file: String,
    pub message: String,
    /// The example's text, to find it in the rule file.
    pub example: String,
}

impl ExampleFailure {
    /// `rule `x`: message`, for a report that already names the file.
    pub fn to_string_short(&self) -> String {
        format!("rule `{}`: {}", self.rule, self.message)
    }

    /// Where the failing example is written in `text` (the rule's pack file): the example's
    /// string inside the rule's table when it is written there verbatim, else the whole table.
    pub fn locate(&self, text: &str, meta: &crate::rules::RuleMeta) -> crate::Span {
        let table = crate::Span::new(meta.span.start.min(text.len()), meta.span.end.min(text.len()));
        if !text.is_char_boundary(table.start) || !text.is_char_boundary(table.end) {
            return table;
        }
        match text[table.range()].find(self.example.as_str()) {
            Some(at) if !self.example.is_empty() => {
                crate::Span::new(table.start + at, table.start + at + self.example.len())
            }
            _ => table,
        }
    }
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: rule `{}`: {}", self.file, self.rule, self.message)
    }
}

/// Check the examples of every rule in the engine.
pub fn verify_all(engine: &Engine) -> Vec<ExampleFailure> {
    (0..engine.rules.len()).flat_map(|i| verify_rule(engine, i)).collect()
}

/// Check the examples of rule `index`. Only that rule's diagnostics count.
pub fn verify_rule(engine: &Engine, index: usize) -> Vec<ExampleFailure> {
    let meta = &engine.rules[index].meta;
    let own = |text: &str| {
        let mut d = engine.lint(text);
        d.retain(|d| d.rule == meta.id);
        d
    };
    let fail = |message: String, example: &str| ExampleFailure {
        rule: meta.id.to_string(),
        file: meta.file.clone(),
        message,
        example: example.to_string(),
    };
    let mut out = Vec::new();
    for bad in &meta.bad {
        let diags = own(&bad.text);
        if diags.is_empty() {
            out.push(fail(format!("bad example does not fire: {:?}", bad.text), &bad.text));
            continue;
        }
        if let Some(want) = &bad.fixed {
            let (got, _) = fix_until_stable(&bad.text, FixLevel::Unsafe, 10, own);
            if &got != want {
                out.push(fail(format!("fixing {:?} gives {:?}, expected {:?}", bad.text, got, want), want));
            }
        }
    }
    for good in &meta.good {
        let diags = own(good);
        if let Some(d) = diags.first() {
            out.push(fail(format!("good example fires on {:?}: {:?}", d.span.text(good), good), good));
        }
    }
    out
}

/// The pipeline's contract on any text, checked by the property tests and the fuzz target:
/// linting does not panic; every span, label and edit lies inside the text on char boundaries;
/// diagnostics come sorted; a fix's edits do not overlap; applying the chosen fixes changes the
/// length by exactly what the edits say (nothing outside them is lost); fixing to a fixed point
/// terminates; every output format renders (JSON parses). Returns the first broken promise.
pub fn pipeline_invariants(engine: &Engine, text: &str) -> Result<(), String> {
    use crate::fix::{FixLevel, apply, select};
    use crate::render::{FileReport, Format, Summary, renderer};
    let doc = crate::Document::new(text);
    let diags = engine.lint_document(&doc);
    let ok = |s: crate::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    let mut last = (0, 0);
    for d in &diags {
        if !ok(d.span) {
            return Err(format!("{}: span {:?} outside the text or off a char boundary", d.rule, d.span));
        }
        if (d.span.start, d.span.end) < last {
            return Err(format!("{}: diagnostics out of order at {:?}", d.rule, d.span));
        }
        last = (d.span.start, d.span.end);
        for l in &d.labels {
            if !ok(crate::Span::new(l.start, l.end.max(l.start))) || l.end < l.start {
                return Err(format!("{}: label {}..{} off the text", d.rule, l.start, l.end));
            }
        }
        for f in &d.fixes {
            let mut prev_end = 0;
            for (i, e) in f.edits.iter().enumerate() {
                if !ok(e.span()) {
                    return Err(format!("{}: edit {:?} off the text", d.rule, e.span()));
                }
                if i > 0 && e.start < prev_end {
                    return Err(format!("{}: overlapping edits in one fix", d.rule));
                }
                prev_end = e.end;
            }
        }
        let (line, col) = doc.lines.line_col(text, d.span.start);
        if line == 0 || line > doc.lines.len() || col == 0 {
            return Err(format!("{}: line/column {line}:{col} out of range", d.rule));
        }
    }
    for level in [FixLevel::Safe, FixLevel::Unsafe] {
        let chosen = select(&diags, level);
        let delta: isize = chosen
            .iter()
            .flat_map(|(_, f)| f.edits.iter())
            .map(|e| e.replacement.len() as isize - (e.end - e.start) as isize)
            .sum();
        let (fixed, n) = apply(text, &diags, level);
        if n != chosen.len() || fixed.len() as isize != text.len() as isize + delta {
            return Err(format!(
                "applying {n} fixes changed the length by {}, edits say {delta}",
                fixed.len() as isize - text.len() as isize
            ));
        }
        // Re-linting the fixed text must hold the same promises (one level deep).
        let again = engine.lint(&fixed);
        if again.iter().any(|d| {
            !(d.span.end <= fixed.len() && fixed.is_char_boundary(d.span.start) && fixed.is_char_boundary(d.span.end))
        }) {
            return Err("a diagnostic on the fixed text is off its char boundaries".to_string());
        }
    }
    crate::fix::fix_until_stable(text, FixLevel::Unsafe, 3, |t| engine.lint(t));
    let report = FileReport { path: "fuzz.txt", text, lines: &doc.lines, diagnostics: &diags };
    for &format in <Format as clap::ValueEnum>::value_variants() {
        let mut out: Vec<u8> = Vec::new();
        let mut r = renderer(format, false, &[]);
        let mut summary = Summary::default();
        summary.add(&diags);
        r.begin(&mut out)
            .and_then(|()| r.file(&mut out, &report))
            .and_then(|()| r.finish(&mut out, &summary))
            .map_err(|e| format!("rendering failed: {e}"))?;
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_slice::<serde_json::Value>(&out)
                .map_err(|e| format!("JSON output does not parse: {e}"))?;
        }
    }
    Ok(())
}
