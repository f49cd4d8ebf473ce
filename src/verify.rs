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
