//! `quoted-name`: names of organizations, parties, companies and media in quotation marks, as
//! Russian writes them (the party “United Russia”, RIA “Novosti”).
//!
//! ```toml
//! kind = "quoted-name"
//! before = ["party", "company", "RIA"]      # a word right before the opening mark that marks a name
//! gazetteer = ["organization", "party", "media", "agency"]   # entity types flagged wherever quoted
//! connectors = ["of", "and", "for", "al"]   # lowercase words allowed inside a name
//! max-words = 4
//! ```
//! A quotation is a name when it is short (`max-words`), has no sentence punctuation, starts
//! with a capital and every other word is capitalized, a number or a connector. It is flagged
//! when the word before it is in `before` ("the company “Rosneft”") or its text is a gazetteer
//! entity of a listed type. The unsafe fix removes both marks.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::{Edit, Fix, Span};
use crate::gazetteer::EntityType;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    before: Vec<String>,
    #[serde(default)]
    gazetteer: Vec<EntityType>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default = "default_max")]
    max_words: usize,
    #[serde(default)]
    fix: FixMode,
}

fn default_max() -> usize {
    4
}

pub struct QuotedName {
    before: HashSet<String>,
    names: HashSet<String>,
    connectors: HashSet<String>,
    max_words: usize,
    fix: FixMode,
}

impl QuotedName {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let names = cx
            .gazetteer
            .entities
            .iter()
            .filter(|e| p.gazetteer.contains(&e.kind))
            // One-word variants ("Greens") are too often common words or parts of longer names.
            .flat_map(|e| {
                std::iter::once(&e.name)
                    .chain(e.variants.iter().filter(|v| v.split_whitespace().count() > 1))
                    .chain(&e.wrong)
            })
            .map(|n| n.to_lowercase())
            .collect();
        Ok(QuotedName {
            before: p.before.iter().map(|w| w.to_lowercase()).collect(),
            names,
            connectors: p.connectors.iter().map(|w| w.to_lowercase()).collect(),
            max_words: p.max_words.max(1),
            fix: p.fix,
        })
    }

    /// Does the quoted text look like a proper name?
    fn looks_like_name(&self, inner: &str) -> bool {
        let inner = inner.trim();
        if inner.is_empty() || inner.contains(['.', ',', '!', '?', ';', ':', '“', '”', '"', '«', '»', '\n']) {
            return false;
        }
        let words: Vec<&str> = inner.split_whitespace().collect();
        if words.len() > self.max_words || !inner.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        words.iter().all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase()
                || first.is_ascii_digit()
                || self.connectors.contains(&w.to_lowercase())
                || w.split_once('-').is_some_and(|(a, b)| {
                    self.connectors.contains(&a.to_lowercase()) && b.starts_with(char::is_alphabetic)
                })
        })
    }
}

impl Check for QuotedName {
    fn check(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let text = doc.text;
        for q in &doc.quotes {
            let (Some(open), Some(close), Some(inner)) = (q.open, q.close, q.inner()) else { continue };
            let inner_text = inner.text(text);
            if !self.looks_like_name(inner_text) {
                continue;
            }
            // The word right before the opening mark (same line, only spaces between).
            let head = &text[..open.span.start];
            let trimmed = head.trim_end_matches([' ', '\t']);
            let prev_word: String = trimmed
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let by_word = trimmed.len() < head.len() && self.before.contains(&prev_word.to_lowercase());
            // A quoted gazetteer name followed by a capitalized word is part of a longer name.
            let next_capital = text[close.span.end..]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()));
            let by_gazetteer = !next_capital && self.names.contains(&inner_text.trim().to_lowercase());
            if !by_word && !by_gazetteer {
                continue;
            }
            let start = if by_word { trimmed.len() - prev_word.len() } else { open.span.start };
            let span = Span::new(start, close.span.end);
            let unquoted = format!("{}{}", &text[start..open.span.start], inner_text);
            let vars = [("match", span.text(text)), ("replacement", unquoted.as_str())];
            let message = super::util::expand(&cx.meta.message, &vars);
            let help = super::util::expand(&cx.meta.help, &vars);
            let d = cx.report(span);
            d.message = message;
            d.help = Some(help);
            if let Some(app) = self.fix.applicability() {
                d.fixes.push(Fix {
                    message: format!("write `{unquoted}`"),
                    applicability: app,
                    edits: vec![Edit::new(open.span, ""), Edit::new(close.span, "")],
                });
            }
        }
    }
}
