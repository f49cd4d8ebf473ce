//! `mixed-script`: Cyrillic (or Greek) letters in English text.
//!
//! ```toml
//! kind = "mixed-script"
//! mode = "homoglyph"                        # or "foreign-word"
//! confusables = "data/translit/confusables.toml"   # look-alike letter -> Latin letter
//! schemas = "data/translit/schemas.toml"    # foreign-word: romanization for the suggestion
//! schema = "wikipedia"
//! ```
//! `homoglyph`: a Latin word with look-alike Cyrillic or Greek letters inside ("Mоscow" with a
//! Cyrillic о), or a lone look-alike letter in a Latin sentence ("22 °С"); the fix swaps in the
//! Latin letters (safe). A word mixing in a non-Latin letter without a look-alike ("μg") is left
//! alone. `foreign-word`: a run of Cyrillic words left untranslated (a word, a phrase or a whole
//! sentence) in a text that is mostly Latin; the help
//! shows a romanization for a name, with no edit. Domain names and e-mail addresses ("сайт.рф")
//! and documents that are mostly Cyrillic are left alone.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::Span;
use crate::translit::{Schema, is_cyrillic, is_greek, parse_schemas_cached};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Homoglyph,
    ForeignWord,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfusablesFile {
    confusables: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    mode: Mode,
    confusables: Option<String>,
    schemas: Option<String>,
    schema: Option<String>,
}

pub struct MixedScript {
    mode: Mode,
    confusables: HashMap<char, char>,
    schema: Option<Schema>,
}

fn is_latin(c: char) -> bool {
    c.is_alphabetic() && (c < '\u{0250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

fn is_foreign(c: char) -> bool {
    is_cyrillic(c) || is_greek(c)
}

impl MixedScript {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let mut confusables = HashMap::new();
        let table = match &p.confusables {
            Some(file) => {
                let f: ConfusablesFile = toml::from_str(&cx.data("confusables", file)?.text)
                    .map_err(|e| BuildError::new("confusables".to_string(), format!("{file}: {}", e.message())))?;
                f.confusables
            }
            None => HashMap::new(),
        };
        for (from, to) in &table {
            let (mut f, mut t) = (from.chars(), to.chars());
            match (f.next(), f.next(), t.next(), t.next()) {
                (Some(a), None, Some(b), None) if is_foreign(a) && is_latin(b) => {
                    confusables.insert(a, b);
                }
                _ => {
                    return Err(BuildError::new(
                        "confusables".to_string(),
                        format!("`{from}` = `{to}`: map one Cyrillic or Greek letter to one Latin letter"),
                    ));
                }
            }
        }
        if confusables.is_empty() {
            return Err(BuildError::new(
                "confusables".to_string(),
                "`confusables` names a file with at least one look-alike letter",
            ));
        }
        let schema =
            match (&p.schemas, &p.schema) {
                (Some(file), Some(name)) => {
                    let all = parse_schemas_cached(&cx.data("schemas", file)?.text)
                        .map_err(|m| BuildError::new("schemas".to_string(), format!("{file}: {m}")))?;
                    Some(all.iter().find(|s| &s.name == name).cloned().ok_or_else(|| {
                        BuildError::new("schema".to_string(), format!("no schema `{name}` in {file}"))
                    })?)
                }
                (None, None) => None,
                _ => return Err(BuildError::new("schema".to_string(), "give both `schemas` and `schema`")),
            };
        Ok(MixedScript { mode: p.mode, confusables, schema })
    }

    fn homoglyphs(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        for w in &doc.words {
            let word = doc.slice(w.span);
            let latin = word.chars().filter(|&c| is_latin(c)).count();
            let foreign = word.chars().filter(|&c| is_foreign(c)).count();
            if foreign == 0 || !word.chars().filter(|&c| is_foreign(c)).all(|c| self.confusables.contains_key(&c)) {
                continue;
            }
            let lone_letter = latin == 0 && foreign == 1 && word.chars().filter(|c| c.is_alphabetic()).count() == 1;
            if latin == 0 && !(lone_letter && latin_sentence(cx, w.sentence)) {
                continue;
            }
            let fixed: String = word.chars().map(|c| self.confusables.get(&c).copied().unwrap_or(c)).collect();
            cx.report_replace(w.span, Some(&fixed), FixMode::Safe);
        }
    }

    fn foreign_words(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let text = doc.text;
        let cyr_word = |w: &crate::document::Word| {
            let s = doc.slice(w.span);
            s.chars().any(is_cyrillic) && !s.chars().any(is_latin)
        };
        let cyr_words = doc.words.iter().filter(|w| cyr_word(w)).count();
        if cyr_words * 2 >= doc.words.len() {
            return; // a Russian text, not English with Russian left in it
        }
        let mut i = 0;
        while i < doc.words.len() {
            let w = doc.words[i];
            let s = doc.slice(w.span);
            let lone_confusable = s.chars().filter(|c| c.is_alphabetic()).count() == 1
                && s.chars().all(|c| !c.is_alphabetic() || self.confusables.contains_key(&c));
            if !cyr_word(&w) || lone_confusable || in_address(text, w.span) {
                i += 1;
                continue;
            }
            let mut j = i;
            while let Some(n) = doc.words.get(j + 1) {
                let gap = &text[doc.words[j].span.end..n.span.start];
                if n.sentence != w.sentence || !cyr_word(n) || in_address(text, n.span) || gap.chars().any(is_latin) {
                    break;
                }
                j += 1;
            }
            let span = Span::new(w.span.start, doc.words[j].span.end);
            let suggestion = self.schema.as_ref().map(|sch| romanize_run(sch, span.text(text)));
            cx.report_replace(span, suggestion.as_deref(), FixMode::None);
            i = j + 1;
        }
    }
}

/// Does the sentence hold more Latin words than non-Latin ones?
fn latin_sentence(cx: &Ctx, sentence: usize) -> bool {
    let words = cx.doc.sentence_words(sentence);
    let latin = words.iter().filter(|w| cx.doc.slice(w.span).chars().any(is_latin)).count();
    latin * 2 > words.len()
}

/// Is the word part of a web or mail address ("стопкоронавирус.рф", "x@почта.рф")?
fn in_address(text: &str, w: Span) -> bool {
    let word = w.text(text);
    let before = text[..w.start].chars().next_back();
    let mut after = text[w.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    word.contains(['.', '@'])
        || before.is_some_and(|c| matches!(c, '.' | '/' | '@'))
        || (matches!(a1, Some('.' | '@' | '/')) && a2.is_some_and(char::is_alphanumeric))
}

/// Romanize each Cyrillic word of a run, keeping capitals and what lies between the words.
fn romanize_run(schema: &Schema, run: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lat = schema.romanize(word);
        let mut chars = lat.chars();
        if word.starts_with(char::is_uppercase) {
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
        }
        out.push_str(chars.as_str());
        word.clear();
    };
    for c in run.chars() {
        if is_cyrillic(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

impl Check for MixedScript {
    fn check(&self, cx: &mut Ctx) {
        match self.mode {
            Mode::Homoglyph => self.homoglyphs(cx),
            Mode::ForeignWord => self.foreign_words(cx),
        }
    }
}
