//! `consistency`: one entity written two ways in one article. An analyzer: it reads the whole
//! document in `check()` and never compares articles.
//!
//! ```toml
//! kind = "consistency"
//! mode = "spelling"                   # spelling | case
//! words = "data/names/words.txt"      # lowercase English words
//! groups = [["U.S.", "US", "USA"]]    # spelling: forms of one entity (matched as written);
//!                                     # the first is the house form, never flagged
//! fold = [["yy", "y"], ["iy", "y"]]   # spelling: rewrites that make variant romanizations equal
//! min-length = 5                      # spelling: shortest word compared by folding
//! names = true                        # spelling: compare names too (false: `groups` only)
//! unless = ["USA Today"]              # context conditions (regex in the sentence)
//! ```
//! - `spelling`: forms of one entity are counted; every occurrence of a less frequent form is
//!   flagged, with a label on the most frequent one (ties: the first written). Forms come from
//!   `groups`, from the gazetteer (a person's surname spellings across name and variants; one-word
//!   spellings of other entities) and, for names the gazetteer does not know, from capitalized
//!   words that are no English word and become equal after lowercasing, `fold` rewrites and
//!   collapsing doubled letters ("Zelensky" / "Zelenskyy").
//! - `case`: a word the article capitalizes mid-sentence written elsewhere in lower case, when
//!   the lowercase form is no English word ("Trump" / "trump" only with a name after all: "trump"
//!   is a word, so it is left to the surname rule).

use super::{BuildCtx, BuildError, Check, Condition, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::gazetteer::EntityType;
use crate::lexicon::WordList;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Spelling,
    Case,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    mode: Mode,
    words: String,
    #[serde(default)]
    groups: Vec<Vec<String>>,
    #[serde(default)]
    fold: Vec<(String, String)>,
    #[serde(default = "default_min")]
    min_length: usize,
    /// spelling: also compare names (gazetteer spellings, unlisted names by folding).
    #[serde(default = "default_true")]
    names: bool,
    #[serde(default)]
    unless: Vec<String>,
    /// Words never compared (name particles such as "von", "de", "al").
    #[serde(default)]
    ignore: Vec<String>,
}

fn default_min() -> usize {
    5
}

fn default_true() -> bool {
    true
}

pub struct Consistency {
    mode: Mode,
    words: Arc<WordList>,
    /// Explicit and gazetteer groups: literal form -> group id.
    forms: Vec<(String, usize)>,
    /// Regex over all explicit forms, longest first.
    form_re: Option<aho_corasick::AhoCorasick>,
    fold: Vec<(String, String)>,
    min_length: usize,
    unless: Vec<Condition>,
    ignore: std::collections::HashSet<String>,
    names: bool,
    /// case: lowercased one-word gazetteer spellings and surnames (the entity rule reports them).
    known: std::collections::HashSet<String>,
    /// The first form of each explicit group: the house style, never replaced.
    preferred: std::collections::HashSet<String>,
}

impl Consistency {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let words = cx.word_list("words", &p.words, false)?;
        let mut forms: Vec<(String, usize)> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut next_group = 0;
        let mut add_group = |spellings: Vec<String>, forms: &mut Vec<(String, usize)>| {
            let mut seen = std::collections::HashSet::new();
            let spellings: Vec<String> =
                spellings.into_iter().filter(|s| !s.is_empty() && seen.insert(s.clone())).collect();
            if spellings.len() < 2 {
                return;
            }
            // A form already in a group joins that group (a newsroom group extends ours).
            let g = spellings.iter().find_map(|s| group_of.get(s).copied()).unwrap_or_else(|| {
                next_group += 1;
                next_group - 1
            });
            for s in spellings {
                if group_of.insert(s.clone(), g).is_none() {
                    forms.push((s, g));
                }
            }
        };
        let preferred: std::collections::HashSet<String> = p.groups.iter().filter_map(|g| g.first().cloned()).collect();
        if p.mode == Mode::Spelling {
            for g in &p.groups {
                add_group(g.clone(), &mut forms);
            }
            for e in cx.gazetteer.entities.iter().filter(|_| p.names) {
                let spellings: Vec<String> = if e.kind == EntityType::Person {
                    let surnames: Vec<String> =
                        e.spellings().filter_map(|s| s.rsplit_once(' ').map(|(_, s)| s.to_string())).collect();
                    // Surnames only when every spelling is one plain word ("Zelensky" / "Zelenskyy"),
                    // not "Assad" / "al-Assad" or the parts of an Asian name.
                    if surnames.iter().any(|s| s.chars().count() < 4 || !s.chars().all(char::is_alphabetic)) {
                        continue;
                    }
                    surnames
                } else {
                    e.spellings()
                        .filter(|s| {
                            !s.contains(' ')
                                && s.chars().count() >= 4
                                && !s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                        })
                        .map(str::to_string)
                        .collect()
                };
                add_group(spellings, &mut forms);
            }
        }
        // Case-sensitive, longest form first: an automaton of its own (the engine's shared one
        // matches case-insensitively), cheap to build, unlike a regex alternation of every form.
        let form_re = if forms.is_empty() {
            None
        } else {
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(forms.iter().map(|(f, _)| f.as_str()))
                .map_err(|e| BuildError::new("groups".to_string(), format!("cannot build the name automaton: {e}")))?;
            Some(ac)
        };
        let unless = p.unless.iter().map(|u| cx.condition("unless", u)).collect::<Result<_, _>>()?;
        let ignore = p.ignore.iter().map(|w| w.to_lowercase()).collect();
        let mut known = std::collections::HashSet::new();
        if p.mode == Mode::Case {
            for e in &cx.gazetteer.entities {
                for s in e.spellings() {
                    let last = s.rsplit_once(' ').map_or(s, |(_, l)| l);
                    if e.kind == EntityType::Person || !s.contains(' ') {
                        known.insert(last.to_lowercase());
                    }
                }
            }
        }
        Ok(Consistency {
            mode: p.mode,
            words,
            forms,
            form_re,
            fold: p.fold,
            min_length: p.min_length,
            unless,
            ignore,
            names: p.names,
            preferred,
            known,
        })
    }

    fn skeleton(&self, w: &str) -> String {
        skeleton(w, &self.fold)
    }

    /// Occurrences of forms that belong together: (group key, form, span) in text order.
    fn occurrences(&self, doc: &Document) -> Vec<(String, String, Span)> {
        let text = doc.text;
        let loud = shouting_sentences(doc);
        let mut out = Vec::new();
        let mut taken: Vec<Span> = Vec::new();
        if let Some(re) = &self.form_re {
            for m in re.find_iter(text) {
                let span = Span::new(m.start(), m.end());
                let (form, g) = &self.forms[m.pattern().as_usize()];
                let after = text[span.end..].chars().next();
                let before = text[..span.start].chars().next_back();
                let glued_dot = !form.ends_with('.')
                    && after == Some('.')
                    && text[span.end + 1..].starts_with(char::is_alphanumeric);
                if !word_bounded(text, span)
                    || matches!(before, Some('.' | '-' | '/' | '@'))
                    || matches!(after, Some('$' | '/' | '@'))
                    || glued_dot
                    || shouting(doc, &loud, span)
                    || doc.is_headline(span.start)
                {
                    continue;
                }
                out.push((format!("g{g}"), form.clone(), span));
                taken.push(span);
            }
        }
        for w in doc.words.iter().filter(|_| self.names) {
            let s = doc.slice(w.span);
            if s.chars().count() < self.min_length
                || !title_case(s)
                || self.ignore.contains(&s.to_lowercase())
                || taken.iter().any(|t| t.overlaps(w.span))
            {
                continue;
            }
            if self.words.contains(&s.to_lowercase()) || shouting(doc, &loud, w.span) || doc.is_headline(w.span.start) {
                continue;
            }
            out.push((format!("s{}", self.skeleton(s)), s.to_string(), w.span));
        }
        out.sort_by_key(|o| o.2.start);
        out
    }

    fn spelling(&self, cx: &mut Ctx) {
        let mut occ = self.occurrences(cx.doc);
        occ.retain(|o| !self.unless.iter().any(|c| c.holds(cx.doc, o.2)));
        let mut by_key: HashMap<&str, Vec<&(String, String, Span)>> = HashMap::new();
        for o in &occ {
            by_key.entry(o.0.as_str()).or_default().push(o);
        }
        let mut keys: Vec<&str> = by_key.keys().copied().collect();
        keys.sort_by_key(|k| by_key[k][0].2.start);
        for k in keys {
            let list = &by_key[k];
            let mut counts: Vec<(&str, usize, Span)> = Vec::new();
            for (_, form, span) in list {
                match counts.iter_mut().find(|c| c.0 == form) {
                    Some(c) => c.1 += 1,
                    None => counts.push((form, 1, *span)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            let (major, n, major_span) = *counts.iter().max_by_key(|c| (c.1, std::cmp::Reverse(c.2.start))).unwrap();
            // One finding per minority form, at its first occurrence; the fix rewrites them all.
            for &(form, m, first) in &counts {
                // The house form of a group is never "fixed" into another style.
                if form == major || self.preferred.contains(form) {
                    continue;
                }
                let times = if n == 1 { "once".to_string() } else { format!("{n} times") };
                let d = cx.report_replace(first, Some(major), FixMode::Unsafe);
                d.add_label(major_span, format!("written `{major}` here ({times} in this article)"));
                let others: Vec<Span> = list.iter().filter(|o| o.1 == form && o.2 != first).map(|o| o.2).collect();
                for &o in &others {
                    d.add_label(o, format!("`{form}` again"));
                }
                if let Some(fix) = d.fixes.first_mut() {
                    fix.edits.extend(others.iter().map(|&o| crate::diagnostic::Edit::new(o, major)));
                    if m > 1 {
                        fix.message = format!("replace all {m} with `{major}`");
                    }
                }
            }
        }
    }

    fn case(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let mut capitalized: HashMap<String, Span> = HashMap::new();
        let cap_at = |i: usize| doc.words.get(i).is_some_and(|w| doc.slice(w.span).starts_with(char::is_uppercase));
        let joined = |i: usize, j: usize| {
            j < doc.words.len()
                && doc.words[i].sentence == doc.words[j].sentence
                && doc.text[doc.words[i].span.end..doc.words[j].span.start] == *" "
        };
        for (i, w) in doc.words.iter().enumerate() {
            let s = doc.slice(w.span);
            if !title_case(s) || doc.is_sentence_start(w.span.start) || doc.is_headline(w.span.start) {
                continue;
            }
            // A name stands alone or ends a two-word name ("Trump", "Norbert Röttgen"); a word
            // inside a longer capitalized title ("Campaign Against Antisemitism", "Autonomous
            // Okrug" after a region) is no evidence that the word is a name.
            let next_cap = joined(i, i + 1) && cap_at(i + 1);
            let prev_cap = i > 0 && joined(i - 1, i) && cap_at(i - 1);
            let prev2_cap = prev_cap && i > 1 && joined(i - 2, i - 1) && cap_at(i - 2);
            if next_cap || prev2_cap {
                continue;
            }
            capitalized.entry(s.to_lowercase()).or_insert(w.span);
        }
        for w in &doc.words {
            let s = doc.slice(w.span);
            if s.chars().count() < 3
                || !s.chars().all(char::is_lowercase)
                || self.words.contains(s)
                || self.ignore.contains(s)
                || self.known.contains(s)
            {
                continue;
            }
            let Some(&cap_span) = capitalized.get(s) else { continue };
            if super::entity::in_address(doc.text, w.span) || self.unless.iter().any(|c| c.holds(doc, w.span)) {
                continue;
            }
            let cap = doc.slice(cap_span).to_string();
            let d = cx.report_replace(w.span, Some(&cap), FixMode::Safe);
            d.add_label(cap_span, format!("capitalized here as a name: `{cap}`"));
        }
    }
}

/// Lowercase, apply the fold rewrites, collapse doubled consonants and i: the form two
/// romanizations of one name share.
fn skeleton(w: &str, fold: &[(String, String)]) -> String {
    let mut s = w.to_lowercase();
    for (from, to) in fold {
        s = s.replace(from.as_str(), to);
    }
    // Doubled consonants and i collapse ("Zelenskyy" -> "zelenskii" -> "zelenski"); doubled
    // vowels stay, as they tell names apart ("Shanxi" / "Shaanxi").
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(out.ends_with(c) && (c == 'i' || !"aeouäöüé".contains(c))) {
            out.push(c);
        }
    }
    out
}

/// First letter capital, the rest lower case (hyphens allowed): how a name is written.
fn title_case(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.clone().count() > 0 && c.all(|c| c.is_lowercase() || c == '-')
}

/// Is the span inside an ALL CAPS stretch (a shouted headline), where case tells nothing?
/// Which sentences are written mostly in capitals (computed once per document: asking per
/// occurrence would rescan a sentence for each of its words).
fn shouting_sentences(doc: &Document) -> Vec<bool> {
    doc.sentences
        .iter()
        .map(|s| {
            let letters = doc.slice(s.span).chars().filter(|c| c.is_alphabetic());
            let (upper, total) = letters.fold((0, 0), |(u, t), c| (u + c.is_uppercase() as usize, t + 1));
            total > 12 && upper * 10 > total * 7
        })
        .collect()
}

fn shouting(doc: &Document, loud: &[bool], span: Span) -> bool {
    doc.sentence_at(span.start).is_some_and(|s| loud[s])
}

impl Check for Consistency {
    fn check(&self, cx: &mut Ctx) {
        match self.mode {
            Mode::Spelling => self.spelling(cx),
            Mode::Case => self.case(cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanizations_share_a_skeleton_and_different_names_do_not() {
        let fold = vec![("y".to_string(), "i".to_string()), ("kh".to_string(), "h".to_string())];
        let sk = |w| skeleton(w, &fold);
        assert_eq!(sk("Zelensky"), sk("Zelenskyy"));
        assert_eq!(sk("Zelensky"), sk("Zelenskiy"));
        assert_eq!(sk("Abdulkhamid"), sk("Abdulhamid"));
        assert_eq!(sk("Emelyanenko"), sk("Emelianenko"));
        assert_ne!(sk("Shanxi"), sk("Shaanxi"));
        assert_ne!(sk("Putin"), sk("Puting"));
    }

    #[test]
    fn title_case_is_one_capital_then_lower_case() {
        assert!(title_case("Zelensky") && title_case("Al-sham"));
        assert!(!title_case("NATO") && !title_case("McCain") && !title_case("A") && !title_case("kyiv"));
    }
}
