//! `casing`: canonical spellings of multiword names and titles.
//!
//! ```toml
//! kind = "casing"
//! names = ["Ministry of Foreign Affairs", "State Department",
//!          { name = "State Department", unless = "state Department of \\p{Lu}" }]
//! ```
//! A case-variant of a name is flagged, with the canonical form as the fix, when it lowers a
//! capital of the canonical form ("Ministry of foreign Affairs"). Not flagged: the canonical form,
//! all-lowercase generic use ("the foreign ministry"), ALL CAPS, a variant that only adds capitals
//! (title-case headlines), and a sentence-initial capital on an otherwise lowercase phrase.
//! The fix is safe when the variant keeps some capital beyond its first letter (clearly meant as
//! a name), unsafe otherwise.

use super::{BuildCtx, BuildError, Check, Condition, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    names: Vec<NameEntry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NameEntry {
    Plain(String),
    Full(FullEntry),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FullEntry {
    name: String,
    unless: Option<String>,
}

struct Name {
    canonical: String,
    unless: Option<Condition>,
}

pub struct Casing {
    names: Vec<Name>,
    literals: Vec<String>,
    literal_name: Vec<usize>,
}

impl Casing {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let mut names = Vec::new();
        let mut literals = Vec::new();
        let mut literal_name = Vec::new();
        for entry in p.names {
            let (canonical, unless) = match entry {
                NameEntry::Plain(n) => (n, None),
                NameEntry::Full(f) => (f.name, f.unless),
            };
            if !canonical.chars().any(char::is_uppercase) {
                return Err(BuildError::new(
                    "names".to_string(),
                    format!("casing name `{canonical}` has no capital letter to check"),
                ));
            }
            let unless = unless.map(|u| cx.regex("unless", &u).map(Condition::new)).transpose()?;
            let idx = names.len();
            // ASCII case folding is done by the automaton; non-ASCII capitals need their own variant.
            let lower = canonical.to_lowercase();
            literals.push(canonical.clone());
            literal_name.push(idx);
            if !canonical.is_ascii() && lower.len() == canonical.len() {
                literals.push(lower);
                literal_name.push(idx);
            }
            names.push(Name { canonical, unless });
        }
        Ok(Casing { names, literals, literal_name })
    }
}

/// Does `found` lower a capital that `canonical` has? (Same length in chars assumed.)
fn lowers_a_capital(found: &str, canonical: &str) -> bool {
    found.chars().zip(canonical.chars()).any(|(f, c)| c.is_uppercase() && f.is_lowercase())
}

impl Check for Casing {
    fn literals(&self) -> Vec<String> {
        self.literals.clone()
    }

    fn on_literal(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let name = &self.names[self.literal_name[literal]];
        let text = cx.text();
        let found = span.text(text);
        if found == name.canonical || !word_bounded(text, span) {
            return;
        }
        if found.chars().count() != name.canonical.chars().count() || !lowers_a_capital(found, &name.canonical) {
            return;
        }
        let letters = || found.chars().filter(|c| c.is_alphabetic());
        if letters().all(char::is_lowercase) || letters().all(char::is_uppercase) {
            return;
        }
        let capitals = letters().filter(|c| c.is_uppercase()).count();
        let only_first_capital = capitals == 1 && found.chars().next().is_some_and(char::is_uppercase);
        if only_first_capital && cx.doc.is_sentence_start(span.start) {
            return;
        }
        if name.unless.as_ref().is_some_and(|c| c.holds(cx.doc, span)) {
            return;
        }
        // "Secretary of state John Kerry": a title before a name is certainly meant as a title.
        let before_name = next_word_capitalized(cx, span);
        let fix = if only_first_capital && !before_name { FixMode::Unsafe } else { FixMode::Safe };
        let canonical = name.canonical.clone();
        cx.report_replace(span, Some(&canonical), fix);
    }
}

/// Is the word right after `span` (same sentence) capitalized, as a name after a title is?
fn next_word_capitalized(cx: &Ctx, span: Span) -> bool {
    let i = cx.doc.word_index_from(span.end);
    cx.doc.words.get(i).is_some_and(|w| {
        cx.doc.text[span.end..w.span.start].trim().is_empty()
            && cx.doc.slice(w.span).chars().next().is_some_and(char::is_uppercase)
    })
}
