//! `proper-names`: proper names written in lower case.
//!
//! ```toml
//! kind = "proper-names"
//! mode = "surname"                    # surname | calque | always-capitalized
//! given = "data/names/given.txt"      # surname, calque: given-name tokens (plus gazetteer given names)
//! words = "data/names/words.txt"      # lowercase English words
//! not-names = ["de", "von", "said"]   # words never taken for a name
//! heads = ["administration"]          # calque: nouns of "the administration trump"
//! proper = ["russian", "german"]      # always-capitalized: words always written with a capital
//! unless = ["(?i)french fries"]       # context conditions (regex in the sentence)
//! ```
//! - `surname`: a capitalized given name followed by a lowercase word that is a name: one the
//!   article capitalizes elsewhere (mid-sentence), one that lost its first letter ("Volodymyr
//!   elensky" beside "Zelensky"), or one that is no English word ("Norbert röttgen"). A common
//!   word ("trump", "bush") needs the article's own capitalized use as evidence.
//! - `calque`: "the administration trump" -> "the Trump administration", when the word after the
//!   head noun is a gazetteer surname or a name the article capitalizes elsewhere.
//! - `always-capitalized`: nationality and language words in lower case ("russian").

use super::{BuildCtx, BuildError, Check, Condition, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use crate::document::{Document, Word};
use crate::lexicon::WordList;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Surname,
    Calque,
    AlwaysCapitalized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    mode: Mode,
    given: Option<String>,
    words: Option<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    proper: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

pub struct ProperNames {
    mode: Mode,
    given: Arc<WordList>,
    /// Given names of gazetteer people (title case), beside the given-name list.
    gazetteer_given: HashSet<String>,
    /// Lowercased surnames of gazetteer people -> surname as written.
    surnames: HashMap<String, String>,
    /// Gazetteer surnames without their first letter, lowercased ("elensky" -> "Zelensky"):
    /// machine translation sometimes drops the initial of a name.
    headless: HashMap<String, String>,
    /// Lowercased one-word names of gazetteer places and organizations ("russia", "nato"): not
    /// people, so "the team Russia" is no calque of a person's name.
    not_people: HashSet<String>,
    /// Lowercased full names of gazetteer people ("donald trump").
    people: HashSet<String>,
    words: Arc<WordList>,
    not_names: HashSet<String>,
    heads: HashSet<String>,
    proper: Vec<String>,
    unless: Vec<Condition>,
}

fn load(cx: &BuildCtx, key: &str, rel: &Option<String>) -> Result<Arc<WordList>, BuildError> {
    match rel {
        Some(rel) => cx.word_list(key, rel, false),
        None => Err(BuildError::new(key.to_string(), format!("this mode needs `{key}`"))),
    }
}

impl ProperNames {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let (given, words) = match p.mode {
            Mode::Surname | Mode::Calque => (load(cx, "given", &p.given)?, load(cx, "words", &p.words)?),
            Mode::AlwaysCapitalized => (Arc::default(), Arc::default()),
        };
        if p.mode == Mode::Calque && p.heads.is_empty() {
            return Err(BuildError::new("heads".to_string(), "`calque` mode needs `heads`"));
        }
        if p.mode == Mode::AlwaysCapitalized && p.proper.is_empty() {
            return Err(BuildError::new("proper".to_string(), "`always-capitalized` mode needs `proper`"));
        }
        if let Some(w) = p.proper.iter().find(|w| w.is_empty() || !w.chars().all(char::is_lowercase)) {
            return Err(BuildError::new("proper".to_string(), format!("`{w}`: list one word in lower case")));
        }
        let mut gazetteer_given = HashSet::new();
        let mut surnames = HashMap::new();
        let mut people = HashSet::new();
        let mut headless = HashMap::new();
        for e in cx.gazetteer.of_type(crate::gazetteer::EntityType::Person) {
            if let Some(g) = e.given_name() {
                gazetteer_given.insert(g.to_string());
            }
            if let Some(s) = e.surname() {
                surnames.insert(s.to_lowercase(), s.to_string());
            }
            for sp in e.spellings() {
                if let Some((_, s)) = sp.rsplit_once(' ') {
                    let rest: String = s.chars().skip(1).collect::<String>().to_lowercase();
                    if rest.chars().count() >= 4 {
                        headless.entry(rest).or_insert_with(|| s.to_string());
                    }
                }
            }
            people.extend(e.spellings().map(str::to_lowercase));
        }
        let not_people = cx
            .gazetteer
            .entities
            .iter()
            .filter(|e| e.kind != crate::gazetteer::EntityType::Person)
            .flat_map(|e| e.spellings())
            .filter(|s| !s.contains(' '))
            .map(str::to_lowercase)
            .collect();
        let unless = p.unless.iter().map(|u| cx.condition("unless", u)).collect::<Result<_, _>>()?;
        Ok(ProperNames {
            mode: p.mode,
            given,
            gazetteer_given,
            surnames,
            headless,
            not_people,
            people,
            words,
            not_names: p.not_names.into_iter().map(|w| w.to_lowercase()).collect(),
            heads: p.heads.into_iter().map(|w| w.to_lowercase()).collect(),
            proper: p.proper,
            unless,
        })
    }

    fn is_given(&self, w: &str) -> bool {
        is_title_case(w) && (self.given.contains(w) || self.gazetteer_given.contains(w))
    }

    fn silenced(&self, doc: &Document, span: Span) -> bool {
        self.unless.iter().any(|c| c.holds(doc, span))
    }

    fn surname(&self, cx: &mut Ctx, names: &ArticleNames) {
        let doc = cx.doc;
        for pair in doc.words.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.sentence != b.sentence || doc.text[a.span.end..b.span.start] != *" " {
                continue;
            }
            let (given, word) = (doc.slice(a.span), doc.slice(b.span));
            if !is_lower_word(word)
                || word.chars().count() < 3
                || self.not_names.contains(word)
                || !self.is_given(given)
            {
                continue;
            }
            if self.people.contains(&format!("{} {word}", given.to_lowercase())) {
                continue; // the gazetteer case rule reports a known person
            }
            // Part of a compound ("the Volga-Oka interfluve") or a headline: no name context.
            if doc.text[..a.span.start].ends_with(['-', '/', '.']) || doc.is_headline(a.span.start) {
                continue;
            }
            let cap = capitalize(word);
            let common = self.words.contains(word);
            // A given name that is also a common word ("House", "Georgia") needs the full name
            // capitalized elsewhere or a lost initial; an unknown word after it is not enough.
            let given_is_word = self.words.contains(&given.to_lowercase());
            let (replacement, fix) = if names.capitalized.contains(&cap) && !common {
                continue; // the consistency case rule reports a name capitalized elsewhere
            } else if common {
                // A common word is a surname only when the article writes the same full name with
                // capitals elsewhere ("Mark Rose" ... "Mark rose").
                if !names.pairs.contains(&(given.to_string(), cap.clone())) {
                    continue;
                }
                (cap, FixMode::Safe)
            } else if let Some(full) = names.lost_initial(word).or_else(|| self.headless.get(word).map(String::as_str))
            {
                (full.to_string(), FixMode::Unsafe)
            } else if !given_is_word {
                (cap, FixMode::Unsafe)
            } else {
                continue;
            };
            if self.silenced(doc, b.span) {
                continue;
            }
            cx.report_replace(b.span, Some(&replacement), fix).label.replace(format!("after the given name `{given}`"));
        }
    }

    fn calque(&self, cx: &mut Ctx, names: &ArticleNames) {
        let doc = cx.doc;
        for (i, w) in doc.words.iter().enumerate() {
            let head = doc.slice(w.span);
            if !self.heads.contains(head) {
                continue;
            }
            let Some(&name) = doc.words.get(i + 1) else { continue };
            let prev = i.checked_sub(1).map(|j| doc.words[j]);
            let the_before = prev.is_some_and(|p: Word| {
                p.sentence == w.sentence
                    && doc.slice(p.span).eq_ignore_ascii_case("the")
                    && doc.text[p.span.end..w.span.start] == *" "
            });
            if !the_before || name.sentence != w.sentence || doc.text[w.span.end..name.span.start] != *" " {
                continue;
            }
            let word = doc.slice(name.span);
            let lower = word.to_lowercase();
            if self.not_names.contains(&lower) || word.chars().any(|c| !c.is_alphabetic()) {
                continue;
            }
            let cap = capitalize(&lower);
            let known = self.surnames.get(&lower).cloned().or_else(|| {
                (names.capitalized.contains(&cap)
                    && !self.words.contains(&lower)
                    && !self.not_people.contains(&lower)
                    && word.chars().count() > 2)
                    .then(|| cap.clone())
            });
            let Some(surname) = known else { continue };
            // "the administration Donald Trump ..." or a longer name: leave it to a person.
            if doc.words.get(i + 2).is_some_and(|n| {
                n.sentence == w.sentence
                    && doc.text[name.span.end..n.span.start] == *" "
                    && doc.slice(n.span).starts_with(char::is_uppercase)
            }) {
                continue;
            }
            let span = Span::new(w.span.start, name.span.end);
            if self.silenced(doc, span) {
                continue;
            }
            let replacement = format!("{surname} {head}");
            cx.report_replace(span, Some(&replacement), FixMode::Unsafe);
        }
    }
}

/// Names the article writes with a capital somewhere other than at a sentence start.
struct ArticleNames {
    capitalized: HashSet<String>,
    /// Pairs of capitalized words written one after the other ("Mark", "Rose").
    pairs: HashSet<(String, String)>,
}

impl ArticleNames {
    fn new(doc: &Document) -> Self {
        let mut capitalized = HashSet::new();
        let mut pairs = HashSet::new();
        for (i, w) in doc.words.iter().enumerate() {
            let s = doc.slice(w.span);
            if !is_title_case(s) || doc.is_headline(w.span.start) {
                continue;
            }
            if !doc.is_sentence_start(w.span.start) {
                capitalized.insert(s.to_string());
            }
            if let Some(n) = doc.words.get(i + 1) {
                let ns = doc.slice(n.span);
                if n.sentence == w.sentence && doc.text[w.span.end..n.span.start] == *" " && is_title_case(ns) {
                    pairs.insert((s.to_string(), ns.to_string()));
                }
            }
        }
        ArticleNames { capitalized, pairs }
    }

    /// A capitalized word of the article that is `word` with its first letter lost ("elensky").
    fn lost_initial(&self, word: &str) -> Option<&str> {
        if word.chars().count() < 4 {
            return None;
        }
        self.capitalized
            .iter()
            .map(String::as_str)
            .filter(|c| {
                let mut chars = c.chars();
                chars.next().is_some() && chars.as_str() == word
            })
            .min()
    }
}

fn is_title_case(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().all(|c| c.is_lowercase() || c == '-')
        && chars.count() > 0
}

fn is_lower_word(w: &str) -> bool {
    w.chars().all(char::is_lowercase)
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

impl Check for ProperNames {
    fn literals(&self) -> Vec<String> {
        self.proper.clone()
    }

    fn on_literal(&self, cx: &mut Ctx, _literal: usize, span: Span) {
        let text = cx.text();
        let found = span.text(text);
        if !is_lower_word(found) || !word_bounded(text, span) || super::entity::in_address(text, span) {
            return;
        }
        // Inside a hyphenated compound written all in lower case ("non-russian") or a quoted
        // word form, the writer may mean the word itself; a capital elsewhere is still needed.
        if self.silenced(cx.doc, span) {
            return;
        }
        let replacement = capitalize(found);
        cx.report_replace(span, Some(&replacement), FixMode::Safe);
    }

    fn check(&self, cx: &mut Ctx) {
        if self.mode == Mode::AlwaysCapitalized {
            return;
        }
        let names = ArticleNames::new(cx.doc);
        match self.mode {
            Mode::Surname => self.surname(cx, &names),
            Mode::Calque => self.calque(cx, &names),
            Mode::AlwaysCapitalized => {}
        }
    }
}
