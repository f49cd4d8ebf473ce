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
//!
//! Beyond the list, a rule may give the words institution names are built from, and then any
//! name broken the same way is found (AP/Reuters style: formal names capitalized throughout):
//! ```toml
//! modifiers = ["foreign", "defense", "security", "state"]   # lowercase forms
//! heads = ["Ministry", "Minister", "Council", "Department"]  # capitalized forms
//! connectors = ["of", "on", "for"]
//! ```
//! - a lowercase modifier right before a capitalized head ("foreign Ministry", "National
//!   security Council"): the modifier gets its capital (safe); not when the head names its own
//!   body with "of" ("the state Department of Health");
//! - a lowercase modifier between a capitalized head with a connector and a capitalized word or
//!   the end of the phrase ("Ministry of foreign Affairs", "Secretary of state John Kerry"): safe;
//! - the reverse, a capitalized modifier mid-sentence before a lowercase head ("the Foreign
//!   ministry"): the head gets its capital (unsafe: the writer may have meant all lower case).

use super::{BuildCtx, BuildError, Check, Condition, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use crate::document::{Document, Word};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    #[serde(default)]
    names: Vec<NameEntry>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
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
    modifiers: HashSet<String>,
    heads: HashSet<String>,
    connectors: HashSet<String>,
    names: Vec<Name>,
    literals: Vec<String>,
    literal_name: Vec<usize>,
}

impl Casing {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        if p.names.is_empty() && (p.modifiers.is_empty() || p.heads.is_empty()) {
            return Err(BuildError::new(None, "a casing rule needs `names`, or `modifiers` and `heads`"));
        }
        if let Some(h) = p.heads.iter().find(|h| !h.starts_with(char::is_uppercase)) {
            return Err(BuildError::new("heads".to_string(), format!("head `{h}` must be written capitalized")));
        }
        let modifiers = p.modifiers.iter().map(|m| m.to_lowercase()).collect();
        let heads = p.heads.into_iter().collect();
        let connectors = p.connectors.iter().map(|c| c.to_lowercase()).collect();
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
            let unless = unless.map(|u| cx.condition("unless", &u)).transpose()?;
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
        Ok(Casing { modifiers, heads, connectors, names, literals, literal_name })
    }
}

/// Does `found` lower a capital that `canonical` has? (Same length in chars assumed.)
fn lowers_a_capital(found: &str, canonical: &str) -> bool {
    found.chars().zip(canonical.chars()).any(|(f, c)| c.is_uppercase() && f.is_lowercase())
}

/// Capitalize the first letter.
fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn is_capitalized(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase)
}

impl Casing {
    /// The words of the document that follow each other with one space, in one sentence.
    fn adjacent(doc: &Document, a: Word, b: Word) -> bool {
        a.sentence == b.sentence && doc.text[a.span.end..b.span.start] == *" "
    }

    fn generic(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let words = &doc.words;
        let text = |i: usize| doc.slice(words[i].span);
        let adj = |i: usize, j: usize| j < words.len() && Self::adjacent(doc, words[i], words[j]);
        for i in 0..words.len() {
            let w = text(i);
            let lower = w.to_lowercase();
            if !self.modifiers.contains(&lower) || doc.is_sentence_start(words[i].span.start) {
                continue;
            }
            if w == lower {
                // "foreign Ministry": a lowercase modifier before a capitalized head.
                let before_head = adj(i, i + 1) && self.heads.contains(text(i + 1));
                let head_of_name = before_head
                    && adj(i + 1, i + 2)
                    && text(i + 2) == "of"
                    && words.get(i + 3).is_some_and(|n| is_capitalized(doc.slice(n.span)));
                // "Ministry of foreign Affairs", "Secretary of state John Kerry".
                let after_connector = i >= 2
                    && adj(i - 1, i)
                    && adj(i - 2, i - 1)
                    && self.connectors.contains(text(i - 1))
                    && self.heads.contains(text(i - 2))
                    && !doc.is_sentence_start(words[i - 2].span.start)
                    && (!adj(i, i + 1) || is_capitalized(text(i + 1)))
                    && next_is_name_or_end(doc, words[i].span);
                if (before_head && !head_of_name) || after_connector {
                    let fixed = capitalized(w);
                    cx.report_replace(words[i].span, Some(&fixed), FixMode::Safe);
                }
            } else if is_capitalized(w) && adj(i, i + 1) {
                // "the Foreign ministry": a capitalized modifier before a lowercase head.
                let next = text(i + 1);
                let head = capitalized(next);
                if next.chars().all(char::is_lowercase)
                    && self.heads.contains(&head)
                    && !doc.is_headline(words[i].span.start)
                {
                    cx.report_replace(words[i + 1].span, Some(&head), FixMode::Unsafe);
                }
            }
        }
    }
}

/// After `span`: a capitalized word, or no further word of the phrase (punctuation, end).
fn next_is_name_or_end(doc: &Document, span: Span) -> bool {
    let rest = doc.text[span.end..].chars().next();
    match rest {
        Some(' ') => doc.text[span.end + 1..].starts_with(char::is_uppercase),
        _ => true,
    }
}

impl Check for Casing {
    fn check(&self, cx: &mut Ctx) {
        if !self.modifiers.is_empty() {
            self.generic(cx);
        }
    }

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
