//! `glued-words`: two words run together ("confirmedthat", "theMinistry").
//!
//! ```toml
//! kind = "glued-words"
//! words = ["data/names/words.txt", "data/proper-nouns-en.txt"]   # word lists, one word a line
//! extra-words = ["lockdown"]        # words the list lacks (never split)
//! joiners = ["the", "that", "of"]   # an all-lowercase token splits only around one of these
//! name-joiners = ["the", "and"]      # capitalized tokens: "Russiaand", "TheMinistry"
//! min-length = 5                    # shorter tokens are never checked
//! ```
//! A token is flagged when it is not a word itself and splits into two words of the list:
//! an all-lowercase token ("confirmedthat") only where one side is a joiner (function words, so
//! unlisted compounds such as "livestream" stay quiet), a camel-case token ("theMinistry") at its
//! inner capital after a joiner. A capitalized token splits only before a `name-joiner`
//! ("Russiaand") or after a capitalized one ("TheMinistry"), as names rarely end or start so.
//! ALL CAPS tokens (acronyms) and tokens inside URLs,
//! e-mail addresses, handles and hashtags are left alone. The fix inserts a space: safe when
//! exactly one split exists, unsafe when there is a choice (the first is offered).

use super::{BuildCtx, BuildError, Check, Ctx};
use crate::diagnostic::{Applicability, Fix, Span};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    words: WordFiles,
    #[serde(default)]
    extra_words: Vec<String>,
    joiners: Vec<String>,
    #[serde(default)]
    name_joiners: Vec<String>,
    #[serde(default = "default_min")]
    min_length: usize,
}

/// One word-list file or several.
#[derive(Deserialize)]
#[serde(untagged)]
enum WordFiles {
    One(String),
    Many(Vec<String>),
}

fn default_min() -> usize {
    5
}

pub struct Glued {
    words: Words,
    joiners: HashSet<Box<str>>,
    name_joiners: HashSet<Box<str>>,
    min_length: usize,
}

impl Glued {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let files = match p.words {
            WordFiles::One(f) => vec![f],
            WordFiles::Many(v) => v,
        };
        let mut lists = Vec::new();
        for rel in &files {
            lists.push(cx.word_list("words", rel, true)?);
        }
        let total: usize = lists.iter().map(|l| l.len()).sum();
        if total < 1000 {
            return Err(BuildError::new(
                "words".to_string(),
                format!("the word lists {files:?} hold only {total} words"),
            ));
        }
        let extra: HashSet<Box<str>> = p.extra_words.iter().map(|w| w.to_lowercase().into_boxed_str()).collect();
        let words = Words { lists, extra };
        let joiners: HashSet<Box<str>> = p.joiners.iter().map(|w| w.to_lowercase().into_boxed_str()).collect();
        if let Some(j) = joiners.iter().find(|j| !words.contains(j)) {
            return Err(BuildError::new("joiners".to_string(), format!("joiner `{j}` is not in the word list")));
        }
        let name_joiners: HashSet<Box<str>> =
            p.name_joiners.iter().map(|w| w.to_lowercase().into_boxed_str()).collect();
        if let Some(j) = name_joiners.iter().find(|j| !words.contains(j)) {
            return Err(BuildError::new("name-joiners".to_string(), format!("joiner `{j}` is not in the word list")));
        }
        Ok(Glued { words, joiners, name_joiners, min_length: p.min_length.max(3) })
    }

    fn is_word(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// Byte offsets where a lowercased capitalized token splits into a word of 3+ letters and a
    /// trailing name joiner.
    fn name_splits(&self, w: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, _) in w.char_indices().skip(3) {
            let (a, b) = w.split_at(i);
            if self.name_joiners.contains(b) && self.is_word(a) {
                out.push(i);
            }
        }
        out
    }

    /// Byte offsets where an all-lowercase token splits into two words around a joiner.
    fn lowercase_splits(&self, w: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, _) in w.char_indices().skip(2) {
            let (a, b) = w.split_at(i);
            if b.chars().count() < 2 {
                break;
            }
            let joined = self.joiners.contains(a) || self.joiners.contains(b);
            if joined && self.is_word(a) && self.is_word(b) {
                out.push(i);
            }
        }
        out
    }
}

/// Characters next to a token that mark it as part of a URL, address, handle or identifier.
fn technical_neighbour(c: Option<char>) -> bool {
    c.is_some_and(|c| matches!(c, '@' | '#' | '/' | '\\' | '_' | '.' | ':' | '=' | '&' | '~') || c.is_ascii_digit())
}

impl Check for Glued {
    fn check(&self, cx: &mut Ctx) {
        let text = cx.doc.text;
        for w in &cx.doc.words {
            let token = w.span.text(text);
            if token.chars().count() < self.min_length || !token.chars().all(char::is_alphabetic) {
                continue;
            }
            let before = text[..w.span.start].chars().next_back();
            let after = text[w.span.end..].chars().next();
            // A sentence-final period is fine; a period followed by more of the token is a domain.
            let sentence_end = after == Some('.') && !text[w.span.end + 1..].starts_with(|c: char| c.is_alphanumeric());
            let after_is_technical = technical_neighbour(after) && !sentence_end;
            if technical_neighbour(before) || after_is_technical || matches!(after, Some('-')) {
                continue;
            }
            let first_upper = token.starts_with(char::is_uppercase);
            let uppers: Vec<usize> = token.char_indices().filter(|(_, c)| c.is_uppercase()).map(|(i, _)| i).collect();
            let splits = if uppers.is_empty() {
                if self.is_word(token) {
                    continue;
                }
                self.lowercase_splits(token)
            } else if !first_upper && uppers.len() == 1 {
                // camelCase: a lowercase word, then a capitalized one.
                let i = uppers[0];
                let (a, b) = token.split_at(i);
                let b_lower = b.to_lowercase();
                let long_enough = a.chars().count() >= 2 && b.chars().count() >= 2;
                if long_enough && self.joiners.contains(a) && self.is_word(a) && self.is_word(&b_lower) {
                    vec![i]
                } else {
                    continue;
                }
            } else if first_upper && uppers.len() == 1 {
                // A capitalized word with a function word glued to its end ("Russiaand"):
                // only the `name-joiners`, which few names end in.
                let lower = token.to_lowercase();
                if self.is_word(&lower) {
                    continue;
                }
                self.name_splits(&lower)
            } else if first_upper && uppers.len() == 2 {
                // "TheMinistry": a capitalized joiner, then a capitalized word.
                let i = uppers[1];
                let (a, b) = token.split_at(i);
                let (a_lower, b_lower) = (a.to_lowercase(), b.to_lowercase());
                let ok = a.chars().count() >= 3
                    && b.chars().count() >= 3
                    && self.name_joiners.contains(a_lower.as_str())
                    && self.is_word(&b_lower);
                if ok {
                    vec![i]
                } else {
                    continue;
                }
            } else {
                continue;
            };
            let Some(&first) = splits.first() else { continue };
            let app = if splits.len() == 1 { Applicability::Safe } else { Applicability::Unsafe };
            let suggestion = format!("{} {}", &token[..first], &token[first..]);
            let vars = [("match", token), ("replacement", suggestion.as_str())];
            let message = super::util::expand(&cx.meta.message, &vars);
            let help = super::util::expand(&cx.meta.help, &vars);
            let at = w.span.start + first;
            let d = cx.report(w.span);
            d.message = message;
            d.help = Some(help);
            d.fixes.push(Fix::replace(Span::new(at, at), " ", app).with_message(format!("write `{suggestion}`")));
        }
    }
}

/// The dictionary: shared lowercased word lists plus the rule's own extra words.
struct Words {
    lists: Vec<std::sync::Arc<crate::lexicon::WordList>>,
    extra: HashSet<Box<str>>,
}

impl Words {
    fn contains(&self, w: &str) -> bool {
        self.extra.contains(w) || self.lists.iter().any(|l| l.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glued() -> Glued {
        let words =
            ["confirmed", "that", "the", "ministry", "live", "stream", "upto", "up", "to", "in", "box", "inbox"];
        Glued {
            words: Words { lists: Vec::new(), extra: words.iter().map(|w| Box::from(*w)).collect() },
            joiners: ["that", "the", "to", "in"].iter().map(|w| Box::from(*w)).collect(),
            name_joiners: ["the", "that"].iter().map(|w| Box::from(*w)).collect(),
            min_length: 5,
        }
    }

    #[test]
    fn splits_need_a_joiner_and_two_words() {
        let g = glued();
        assert_eq!(g.lowercase_splits("confirmedthat"), vec![9]);
        assert!(g.lowercase_splits("livestream").is_empty());
        assert_eq!(g.lowercase_splits("tothe"), vec![2]);
        assert_eq!(g.name_splits("ministrythe"), vec![8]);
        assert!(g.name_splits("putin").is_empty());
    }
}
