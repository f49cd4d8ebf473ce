//! `entity`: gazetteer entities written wrongly: a known wrong form ("Union-90/Green" for
//! Alliance 90/The Greens, a translated given name) or a known name in the wrong case
//! ("Donald trump", "hezbollah").
//!
//! ```toml
//! kind = "entity"
//! mode = "wrong-form"            # wrong-form | case | given-name
//! given = "data/names/given.txt" # given-name mode: given-name tokens
//! words = "data/names/words.txt" # case mode: lowercase English words (a lowered common word
//!                                # alone, "the left", is not taken for a name)
//! ```
//! Matching uses the shared automaton over every gazetteer spelling. `wrong-form` matches the
//! wrong form as written (the first letter in either case) and fixes it to the canonical name,
//! dropping quotation marks around it. `case` flags a spelling that lowers a capital of the
//! gazetteer form: when another capital is left (ignoring a sentence-initial one) the name is
//! clearly meant; when all is lower case, only if a lowered word is not a common English word.
//! `given-name` flags a known surname after a given name that starts like the known person's
//! but is another name ("Francis Brantner" for Franziska Brantner): a translated given name.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode, word_bounded};
use crate::diagnostic::Span;
use crate::lexicon::WordList;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    WrongForm,
    Case,
    GivenName,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    mode: Mode,
    words: Option<String>,
    given: Option<String>,
}

pub struct Entity {
    mode: Mode,
    /// literal -> (form as written in the gazetteer, canonical name)
    forms: Vec<(String, String)>,
    /// Spellings of people's names (a lowered common word there is still a name: "Donald trump").
    persons: std::collections::HashSet<String>,
    words: Arc<WordList>,
    /// given-name mode: per literal (a surname), the accepted given names of people with it.
    given_of: Vec<Vec<String>>,
    given: Arc<WordList>,
    /// given-name mode: people's listed wrong forms (the wrong-form rule reports those).
    wrong: std::collections::HashSet<String>,
}

impl Entity {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let words = match (&p.words, p.mode) {
            (Some(rel), _) => cx.word_list("words", rel, false)?,
            (None, Mode::Case) => return Err(BuildError::new("words".to_string(), "`case` mode needs `words`")),
            (None, _) => Arc::default(),
        };
        let given = match (&p.given, p.mode) {
            (Some(rel), _) => cx.word_list("given", rel, false)?,
            (None, Mode::GivenName) => {
                return Err(BuildError::new("given".to_string(), "`given-name` mode needs `given`"));
            }
            (None, _) => Arc::default(),
        };
        let mut given_of: Vec<Vec<String>> = Vec::new();
        let mut surname_forms: Vec<(String, String)> = Vec::new();
        let mut wrong = std::collections::HashSet::new();
        if p.mode == Mode::GivenName {
            let mut by_surname: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            for e in cx.gazetteer.of_type(crate::gazetteer::EntityType::Person) {
                wrong.extend(e.wrong.iter().cloned());
                for s in e.spellings() {
                    if let Some((g, sur)) = s.rsplit_once(' ') {
                        let first = g.split(' ').next().unwrap_or(g).to_string();
                        by_surname.entry(sur.to_string()).or_default().push(first);
                    }
                }
            }
            for (sur, mut gs) in by_surname {
                // A surname that is itself a frequent name token (Johnson, Miller) is shared by
                // too many people to tell a translated given name from another person.
                if sur.chars().count() < 4 || given.contains(&sur) || !sur.chars().all(char::is_alphabetic) {
                    continue;
                }
                // Keep the first-listed (canonical) given name first: it is the suggestion.
                let mut seen = std::collections::HashSet::new();
                gs.retain(|g| seen.insert(g.clone()));
                given_of.push(gs);
                surname_forms.push((sur.clone(), sur));
            }
        }
        let mut forms = surname_forms;
        let mut persons = std::collections::HashSet::new();
        for e in &cx.gazetteer.entities {
            if e.kind == crate::gazetteer::EntityType::Person {
                persons.extend(e.spellings().map(str::to_string));
            }
            match p.mode {
                Mode::WrongForm => {
                    for w in &e.wrong {
                        for v in super::phrases::apostrophe_variants(w) {
                            forms.push((v, e.name.clone()));
                        }
                    }
                }
                Mode::GivenName => {}
                Mode::Case => {
                    // A person's surname alone ("putin said") counts as a spelling of its own.
                    let surnames: Vec<&str> = if e.kind == crate::gazetteer::EntityType::Person {
                        e.spellings().filter_map(|s| s.rsplit_once(' ').map(|(_, s)| s)).collect()
                    } else {
                        Vec::new()
                    };
                    for s in e.spellings().chain(surnames.into_iter().filter(|s| s.chars().count() >= 4)) {
                        if !s.chars().any(char::is_uppercase) {
                            continue;
                        }
                        forms.push((s.to_string(), s.to_string()));
                        // The automaton folds ASCII case only: add the form with non-ASCII capitals lowered.
                        let folded: String = s
                            .chars()
                            .map(|c| if c.is_ascii() { c } else { c.to_lowercase().next().unwrap_or(c) })
                            .collect();
                        if folded != s && folded.len() == s.len() {
                            forms.push((folded, s.to_string()));
                        }
                    }
                }
            }
        }
        Ok(Entity { mode: p.mode, forms, persons, words, given_of, given, wrong })
    }

    fn wrong_form(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let (form, name) = &self.forms[literal];
        let text = cx.text();
        let found = span.text(text);
        let same_rest = found.chars().skip(1).eq(form.chars().skip(1));
        let first_same = found.chars().next().map(|c| c.to_lowercase().collect::<String>())
            == form.chars().next().map(|c| c.to_lowercase().collect::<String>());
        if !same_rest || !first_same || !word_bounded(text, span) {
            return;
        }
        let span = with_enclosing_quotes(text, span);
        let name = name.clone();
        cx.report_replace(span, Some(&name), FixMode::Safe);
    }

    fn case(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let canonical = &self.forms[literal].1;
        let person = self.persons.contains(canonical);
        let text = cx.text();
        let found = span.text(text);
        if found == canonical || !word_bounded(text, span) || in_address(text, span) {
            return;
        }
        if found.chars().count() != canonical.chars().count() {
            return;
        }
        let lowers = found.chars().zip(canonical.chars()).any(|(f, c)| c.is_uppercase() && f.is_lowercase());
        let letters = || found.chars().filter(|c| c.is_alphabetic());
        // An acronym in lower case is mostly another word ("Is", "un"); ALL CAPS says nothing.
        if !lowers || letters().all(char::is_uppercase) || !canonical.chars().any(char::is_lowercase) {
            return;
        }
        let initial = cx.doc.is_sentence_start(span.start);
        let kept_capitals =
            found.chars().enumerate().filter(|&(i, c)| c.is_uppercase() && !(i == 0 && initial)).count();
        if kept_capitals == 0 || !person {
            // All lower case, or a generic noun lowered in an organization's name ("Labour party",
            // a house style): only a lowered word that is no common word shows a broken name.
            let lowered_name_word = found.split(' ').zip(canonical.split(' ')).any(|(f, c)| {
                c.chars().next().is_some_and(char::is_uppercase)
                    && f.chars().next().is_some_and(char::is_lowercase)
                    && !self.words.contains(&f.to_lowercase())
            });
            if !lowered_name_word {
                return;
            }
        }
        let canonical = canonical.clone();
        cx.report_replace(span, Some(&canonical), FixMode::Safe);
    }
}

impl Entity {
    /// "Francis Brantner" for Franziska Brantner: a given name that is not the known person's
    /// but starts like it (the first three letters), before a surname the gazetteer knows.
    fn given_name(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let text = cx.text();
        let surname = &self.forms[literal].0;
        if span.text(text) != surname || !word_bounded(text, span) {
            return;
        }
        let doc = cx.doc;
        let i = doc.word_index_from(span.start);
        if i == 0 || doc.words.get(i).is_none_or(|w| w.span != span) {
            return;
        }
        let g = doc.words[i - 1];
        if g.sentence != doc.words[i].sentence || text[g.span.end..span.start] != *" " {
            return;
        }
        let given = doc.slice(g.span);
        let accepted = &self.given_of[literal];
        if accepted.iter().any(|a| a == given) || !self.given.contains(given) {
            return;
        }
        let prefix = |w: &str| w.chars().take(3).flat_map(char::to_lowercase).collect::<String>();
        // A nickname is a prefix at least two letters shorter ("Matt" / "Matthew"); "Joseph"
        // for "Josep" is a translation.
        let nickname = |short: &str, long: &str| {
            let (s, l) = (short.to_lowercase(), long.to_lowercase());
            l.starts_with(&s) && l.chars().count() >= s.chars().count() + 2
        };
        // Another romanization of the same name ("Vitaly" / "Vitali", "Aleksey" / "Alexei") is a
        // spelling variant, not a translation: the consistency rule compares those.
        if accepted.iter().any(|a| nickname(given, a) || nickname(a, given) || romanized(a) == romanized(given)) {
            return;
        }
        let near = accepted.iter().find(|a| prefix(a) == prefix(given));
        let Some(near) = near else { return };
        let whole = Span::new(g.span.start, span.end);
        if self.wrong.contains(whole.text(text)) {
            return;
        }
        let replacement = format!("{near} {surname}");
        cx.report_replace(whole, Some(&replacement), FixMode::Unsafe);
    }
}

/// A name reduced to what its romanizations share: lower case, ks -> x, kh -> h, y -> i,
/// doubled letters collapsed.
fn romanized(name: &str) -> String {
    let s = name.to_lowercase().replace("ks", "x").replace("kh", "h").replace('y', "i");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Is the span part of a web address, e-mail, handle or file name ("reuters.com", "@bbc")?
pub(crate) fn in_address(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    matches!(before, Some('/' | '@' | '#' | '_' | '.' | '\\'))
        || matches!(a1, Some('/' | '@' | '_' | '\\'))
        || (a1 == Some('.') && a2.is_some_and(char::is_alphanumeric))
}

/// Widen `span` over a pair of quotation marks right around it (“Union-90/Green”).
fn with_enclosing_quotes(text: &str, span: Span) -> Span {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    match (before, after) {
        (Some(b @ ('“' | '«' | '"' | '„')), Some(a @ ('”' | '»' | '"' | '“')))
            if matches!((b, a), ('“', '”') | ('«', '»') | ('"', '"') | ('„', '“')) =>
        {
            Span::new(span.start - b.len_utf8(), span.end + a.len_utf8())
        }
        _ => span,
    }
}

impl Check for Entity {
    fn literals(&self) -> Vec<String> {
        self.forms.iter().map(|(f, _)| f.clone()).collect()
    }

    fn on_literal(&self, cx: &mut Ctx, literal: usize, span: Span) {
        match self.mode {
            Mode::WrongForm => self.wrong_form(cx, literal, span),
            Mode::Case => self.case(cx, literal, span),
            Mode::GivenName => self.given_name(cx, literal, span),
        }
    }
}
