//! `phrases`: a table of wrong phrase -> right phrase.
//!
//! ```toml
//! kind = "phrases"
//! fix = "unsafe"                      # default for entries: safe | unsafe | none
//! phrases = [
//!   { find = "it became known", replace = "it was reported" },
//!   { find = "on earth", replace = "on the ground", unless = "(?i)on earth (who|what|why|how)" },
//!   { find = "note that", fix = "none", only-if = "^(?i)note that" },
//! ]
//! ```
//! Matching is word-bounded and case-insensitive (unless `case = "sensitive"`); the replacement
//! takes the case of the first letter found. A `'` in a phrase also matches `’`.

use super::{BuildCtx, BuildError, CaseMode, Check, Condition, Ctx, FixMode, match_case, word_bounded};
use crate::diagnostic::Span;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    phrases: Vec<Entry>,
    #[serde(default = "default_fix")]
    fix: FixMode,
    #[serde(default)]
    case: CaseMode,
}

fn default_fix() -> FixMode {
    FixMode::Unsafe
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Entry {
    find: String,
    replace: Option<String>,
    fix: Option<FixMode>,
    unless: Option<String>,
    only_if: Option<String>,
    /// Overrides the rule's message for this entry (may use `{match}` and `{replacement}`).
    message: Option<String>,
}

struct Compiled {
    find: String,
    replace: Option<String>,
    fix: FixMode,
    unless: Option<Condition>,
    only_if: Option<Condition>,
    message: Option<String>,
}

pub struct Phrases {
    entries: Vec<Compiled>,
    /// literal index -> entry index
    literal_entry: Vec<usize>,
    literals: Vec<String>,
    case: CaseMode,
}

impl Phrases {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let mut entries = Vec::new();
        let mut literals = Vec::new();
        let mut literal_entry = Vec::new();
        for e in p.phrases {
            if e.find.trim().is_empty() {
                return Err(BuildError::new("phrases".to_string(), "a phrase entry has an empty `find`"));
            }
            let cond = |re: &Option<String>, key: &str| -> Result<Option<Condition>, BuildError> {
                re.as_deref().map(|r| cx.condition(key, r)).transpose()
            };
            let idx = entries.len();
            for variant in apostrophe_variants(&e.find) {
                literals.push(variant);
                literal_entry.push(idx);
            }
            entries.push(Compiled {
                unless: cond(&e.unless, "unless")?,
                only_if: cond(&e.only_if, "only-if")?,
                fix: e.fix.unwrap_or(p.fix),
                find: e.find,
                replace: e.replace,
                message: e.message,
            });
        }
        Ok(Phrases { entries, literal_entry, literals, case: p.case })
    }
}

/// A phrase with `'` also matches the typographic `’` (and the reverse).
pub fn apostrophe_variants(s: &str) -> Vec<String> {
    let mut v = vec![s.to_string()];
    if s.contains('\'') {
        v.push(s.replace('\'', "’"));
    } else if s.contains('’') {
        v.push(s.replace('’', "'"));
    }
    v
}

impl Check for Phrases {
    fn literals(&self) -> Vec<String> {
        self.literals.clone()
    }

    fn on_literal(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let e = &self.entries[self.literal_entry[literal]];
        let text = cx.text();
        let found = span.text(text);
        if self.case == CaseMode::Sensitive && found != self.literals[literal] {
            return;
        }
        if !word_bounded(text, span) {
            return;
        }
        if e.unless.as_ref().is_some_and(|c| c.holds(cx.doc, span)) {
            return;
        }
        if e.only_if.as_ref().is_some_and(|c| !c.holds(cx.doc, span)) {
            return;
        }
        let replacement = e.replace.as_ref().map(|r| match_case(found, r));
        let _ = &e.find;
        let d = cx.report_replace(span, replacement.as_deref(), e.fix);
        if let Some(m) = &e.message {
            d.message =
                super::util::expand(m, &[("match", found), ("replacement", replacement.as_deref().unwrap_or(""))]);
        }
    }
}
