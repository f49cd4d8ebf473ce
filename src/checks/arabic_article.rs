//! `arabic-article`: Arabic names whose definite article came through Russian in the wrong form.
//!
//! ```toml
//! kind = "arabic-article"
//! articles = ["ash", "ad", "an", "en"]   # assimilated article forms (with the noun's first consonant)
//! lowercase-after = ["al"]               # articles after which a lowercase noun is an error
//! ```
//! Russian keeps the sun-letter assimilation of the Arabic article ("ан-Нусра", "аш-Шабаб"),
//! and machine translation carries it over ("an-Nusra", "EN-Nusra", "ash-Shabab"); English
//! news writes `al-` throughout ("al-Nusra", "al-Shabaab"). An assimilated form is recognised
//! only when the noun starts with the article's own consonant (`ash-Sh`, `en-N`, `ad-D`), so
//! English words ("at-risk", "ad-hoc") and other particles ("Jamaat-ud-Dawa", "Zia ul-Haq") stay
//! quiet. A lowercase noun after `al-` ("al-sham") is flagged too.
//!
//! The fix comes from the gazetteer when it knows the name: every `al-X`/`el-X` in any entity's
//! name (and, position by position, in its variants and wrong spellings) gives the canonical
//! spelling for the noun X, compared loosely (case, q/k, doubled letters, apostrophes), so
//! "ash-Shabab" becomes "al-Shabaab" (safe); a wrong spelling with an article listed for a name
//! without one ("ar-Raqqa" for "Raqqa", "en-Nahda" for "Ennahda") gives that name. Otherwise the article becomes `al-` and the noun is
//! capitalized (unsafe).

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::Span;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    articles: Vec<String>,
    #[serde(default)]
    lowercase_after: Vec<String>,
}

pub struct ArabicArticle {
    re: regex::Regex,
    /// Lowercase article -> the consonant the noun must start with (assimilated forms).
    assimilated: HashMap<String, String>,
    lowercase_after: Vec<String>,
    /// Loose key of a noun -> canonical `al-Noun` from the gazetteer.
    known: HashMap<String, String>,
    /// `article-Noun` spellings (article lowercased) the gazetteer lists as names or variants.
    accepted: HashSet<String>,
}

/// Loose comparison key for an Arabic noun in Latin letters.
fn key(noun: &str) -> String {
    let mut s: String = noun
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'q' { 'k' } else { c })
        .collect();
    for (a, b) in [("ae", "ai"), ("ou", "u"), ("ee", "i")] {
        s = s.replace(a, b);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// `(article, noun)` pairs written `article-Noun` in a name, articles given lowercase.
fn article_nouns<'a>(name: &'a str, articles: &[&str]) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for word in name.split_whitespace() {
        let parts: Vec<&str> = word.split(['-', '‑']).collect();
        for pair in parts.windows(2) {
            if articles.contains(&pair[0].to_lowercase().as_str()) && pair[1].starts_with(char::is_alphabetic) {
                let noun = pair[1].trim_end_matches(|c: char| !c.is_alphanumeric());
                out.push((pair[0], noun));
            }
        }
    }
    out
}

impl ArabicArticle {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let mut assimilated = HashMap::new();
        for a in &p.articles {
            let a = a.to_lowercase();
            let consonant = a.trim_start_matches(['a', 'e', 'u', 'i', 'o']);
            if consonant.is_empty() || !a.chars().all(|c| c.is_ascii_lowercase()) {
                return Err(BuildError::new(
                    "articles".to_string(),
                    format!("article `{a}` must be letters: a vowel, then the assimilated consonant"),
                ));
            }
            assimilated.insert(a.clone(), consonant.to_string());
        }
        let lowercase_after: Vec<String> = p.lowercase_after.iter().map(|a| a.to_lowercase()).collect();
        let mut alternatives: Vec<&str> = assimilated.keys().map(String::as_str).collect();
        alternatives.extend(lowercase_after.iter().map(String::as_str));
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
        // ASCII classes keep the regex cheap to compile; the word boundary before the article
        // is checked in `check`.
        let pattern = format!(r"((?i:{}))[-‑]([A-Za-z]+(?:['’][A-Za-z]+)*)", alternatives.join("|"));
        let re = cx.regex("articles", &pattern)?;

        // Canonical nouns from the gazetteer: `al-X` / `el-X` in names; variants and wrong
        // spellings with the same number of article nouns map position by position.
        let mut known: HashMap<String, String> = HashMap::new();
        let mut accepted = HashSet::new();
        let mut all_articles: Vec<&str> = vec!["al", "el"];
        all_articles.extend(assimilated.keys().map(String::as_str));
        for e in &cx.gazetteer.entities {
            let canon = article_nouns(&e.name, &["al", "el"]);
            for (art, noun) in &canon {
                known.entry(key(noun)).or_insert_with(|| format!("{}-{noun}", art.to_lowercase()));
            }
            for v in std::iter::once(&e.name).chain(&e.variants) {
                for (art, noun) in article_nouns(v, &all_articles) {
                    accepted.insert(format!("{}-{noun}", art.to_lowercase()));
                }
            }
            for other in e.variants.iter().chain(&e.wrong) {
                let found = article_nouns(other, &all_articles);
                if canon.is_empty() && found.len() == 1 {
                    // "ar-Raqqa" listed for "Raqqa": the English name has no article.
                    let (_, noun) = found[0];
                    // The English name may also fuse the article: "en-Nahda" for "Ennahda".
                    if let Some(t) = e.name.split_whitespace().find(|t| key(t).ends_with(&key(noun))) {
                        known.entry(key(noun)).or_insert_with(|| t.to_string());
                    }
                    continue;
                }
                if found.len() == canon.len() {
                    for ((_, noun), (art, cnoun)) in found.iter().zip(&canon) {
                        known.entry(key(noun)).or_insert_with(|| format!("{}-{cnoun}", art.to_lowercase()));
                    }
                }
            }
        }
        Ok(ArabicArticle { re, assimilated, lowercase_after, known, accepted })
    }
}

impl Check for ArabicArticle {
    fn check(&self, cx: &mut Ctx) {
        let text = cx.text();
        for caps in self.re.captures_iter(text) {
            let (Some(whole), Some(art), Some(noun)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
            // Not inside a longer hyphenated word ("Jamaat-ud-Dawa" is written that way).
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '‑') {
                continue;
            }
            let art_l = art.as_str().to_lowercase();
            let noun_s = noun.as_str();
            let noun_lower = noun_s.starts_with(char::is_lowercase);
            let hit = match self.assimilated.get(&art_l) {
                Some(consonant) => noun_s.to_lowercase().starts_with(consonant.as_str()),
                None => self.lowercase_after.contains(&art_l) && noun_lower,
            };
            if !hit || self.accepted.contains(&format!("{art_l}-{noun_s}")) {
                continue;
            }
            let known = self.known.get(&key(noun_s));
            let (mut replacement, fix) = match known {
                Some(canon) => (canon.clone(), FixMode::Safe),
                None => {
                    let mut chars = noun_s.chars();
                    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
                    (format!("al-{first}{}", chars.as_str()), FixMode::Unsafe)
                }
            };
            if cx.doc.is_sentence_start(whole.start()) {
                let mut chars = replacement.chars();
                let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
                replacement = format!("{first}{}", chars.as_str());
            }
            if replacement == whole.as_str() {
                continue;
            }
            cx.report_replace(Span::new(whole.start(), whole.end()), Some(&replacement), fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn loose_keys_join_spellings() {
        assert_eq!(key("Shabaab"), key("shabab"));
        assert_eq!(key("Qaeda"), key("Kaida"));
        assert_ne!(key("Nusra"), key("Nasr"));
    }
}
