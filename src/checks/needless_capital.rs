//! `needless-capital`: a word capitalized mid-sentence that news style writes in lower case
//! before certain nouns ("the Eastern part of the city" -> "the eastern part").
//!
//! ```toml
//! kind = "needless-capital"
//! words = ["Eastern", "Western", "Northern", "Southern"]   # as wrongly written
//! before = ["part", "outskirts", "side"]                     # the lowercase nouns that follow
//! ```
//! Every word-noun pair goes into the shared automaton. Quiet at a sentence start, in headlines
//! (title case) and when the noun is capitalized too ("Eastern Partnership"). The fix lowers the
//! first letter (safe: the pair is not a name).

use super::{BuildCtx, BuildError, Check, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    words: Vec<String>,
    before: Vec<String>,
}

pub struct NeedlessCapital {
    /// literal -> (capitalized word, lowercase noun)
    pairs: Vec<(String, String)>,
}

impl NeedlessCapital {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        if let Some(w) = p.words.iter().find(|w| !w.starts_with(char::is_uppercase) || w.contains(' ')) {
            return Err(BuildError::new("words".to_string(), format!("`{w}`: list one capitalized word")));
        }
        if let Some(n) = p.before.iter().find(|n| n.is_empty() || !n.chars().all(char::is_lowercase)) {
            return Err(BuildError::new("before".to_string(), format!("`{n}`: list one lowercase word")));
        }
        let mut pairs = Vec::new();
        for w in &p.words {
            for n in &p.before {
                pairs.push((w.clone(), n.clone()));
            }
        }
        Ok(NeedlessCapital { pairs })
    }
}

impl Check for NeedlessCapital {
    fn literals(&self) -> Vec<String> {
        self.pairs.iter().map(|(w, n)| format!("{w} {n}")).collect()
    }

    fn on_literal(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let (word, noun) = &self.pairs[literal];
        let text = cx.text();
        let found = span.text(text);
        let expected = format!("{word} {noun}");
        if found != expected || !word_bounded(text, span) {
            return;
        }
        if cx.doc.is_sentence_start(span.start) || cx.doc.is_headline(span.start) {
            return;
        }
        let word_span = Span::new(span.start, span.start + word.len());
        let lowered = word.to_lowercase();
        cx.report_replace(word_span, Some(&lowered), FixMode::Safe);
    }
}
