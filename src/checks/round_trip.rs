//! `round-trip`: names of the gazetteer's people spelled as a round trip through Cyrillic
//! produces them ("Dzhordzh Bush", "Gerkhard Shreder", "Angela Merkel'").
//!
//! ```toml
//! kind = "round-trip"
//! schemas = "data/translit/schemas.toml"     # Cyrillic -> Latin romanization schemas
//! names = "data/translit/en-ru-names.txt"    # English -> Russian name tokens
//! letters = "data/translit/en-ru-rules.toml" # English -> Russian letter rules (fallback)
//! ```
//! When the rule is built, every token of every gazetteer person is spelled in Russian (table,
//! else letter rules) and romanized by every schema; the spellings that differ from the English
//! token and its listed variants are the round-trip forms, matched through the shared automaton.
//! A token whose English spelling is itself a news romanization of its Russian form, up to the
//! i/y spelling of one sound (a Russian name: "Lavrov", "Sergei", "Vitali"), keeps its other
//! romanizations as legitimate variants; only forms with a soft-sign apostrophe count as
//! garbled for it.
//!
//! A form next to the other tokens of the same name ("Dzhordzh Bush") is fixed to the canonical
//! name (safe). A lone form fires when it is capitalized and not itself a common name token
//! ("Toni", "Kerri"); without a clear Cyrillic trace (`dzh`, `kh`, `zh`, `shch`, an apostrophe)
//! it may be an English word ("Mask", "Tramp") or another person's name ("Bruno Fernandes"), so
//! it also needs a capitalized word before it that is not a name token ("President Tramp") or
//! another mention of the person in the article, and no determiner
//! before it (`lone-unless-after`: "a Tramp"). The fix of a lone form is unsafe.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode, match_case, word_bounded};
use crate::diagnostic::Span;
use crate::gazetteer::EntityType;
use crate::translit::{EnRu, Letters, Schema, parse_schemas_cached};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    schemas: String,
    names: String,
    letters: String,
    /// Words after which a lone form with no Cyrillic trace is read as an English word
    /// ("a Tramp"): determiners and possessives.
    #[serde(default)]
    lone_unless_after: Vec<String>,
}

struct Person {
    /// Canonical tokens as written in the gazetteer.
    tokens: Vec<String>,
    /// Per token: lowercase spellings that are the token itself (name and variants).
    accepted: Vec<Vec<String>>,
    /// Every spelling of any token, correct or garbled (lowercase), to spot other mentions.
    mentions: Vec<String>,
}

pub struct RoundTrip {
    persons: Vec<Person>,
    literals: Vec<String>,
    /// Per literal: every (person, token) it is a round-trip form of.
    owners: Vec<Vec<(u32, u32)>>,
    /// Lowercase form -> literal index.
    form_index: HashMap<String, usize>,
    /// Per literal: the form is itself a common person-name token.
    common_name: Vec<bool>,
    lone_unless_after: HashSet<String>,
    /// The name-token table, to tell a title ("President") from another person's given name.
    en_ru: EnRu,
}

/// The token without diacritics, as plain-ASCII text writes it ("Seán" -> "sean"); German
/// umlauts may also be written with `e` ("Schröder" -> "schroeder"): both are returned.
fn ascii_folds(token: &str) -> [String; 2] {
    let mut plain = String::with_capacity(token.len());
    let mut german = String::with_capacity(token.len());
    for c in token.chars() {
        let (p, g): (&str, &str) = match c {
            'ä' => ("a", "ae"),
            'ö' => ("o", "oe"),
            'ü' => ("u", "ue"),
            'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => ("a", "a"),
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => ("c", "c"),
            'ď' | 'đ' => ("d", "d"),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => ("e", "e"),
            'ğ' | 'ĝ' | 'ġ' | 'ģ' => ("g", "g"),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => ("i", "i"),
            'ķ' => ("k", "k"),
            'ĺ' | 'ļ' | 'ľ' | 'ł' => ("l", "l"),
            'ñ' | 'ń' | 'ņ' | 'ň' => ("n", "n"),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ŏ' | 'ő' => ("o", "o"),
            'ŕ' | 'ŗ' | 'ř' => ("r", "r"),
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => ("s", "s"),
            'ţ' | 'ť' | 'ț' => ("t", "t"),
            'ù' | 'ú' | 'û' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => ("u", "u"),
            'ý' | 'ÿ' => ("y", "y"),
            'ź' | 'ż' | 'ž' => ("z", "z"),
            'ß' => ("ss", "ss"),
            _ => {
                plain.push(c);
                german.push(c);
                continue;
            }
        };
        plain.push_str(p);
        german.push_str(g);
    }
    [plain, german]
}

fn split_tokens(name: &str) -> Vec<&str> {
    name.split(|c: char| c.is_whitespace() || c == '-').filter(|t| !t.is_empty()).collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʹ')
}

fn strip_apostrophes(s: &str) -> String {
    s.chars().filter(|&c| !is_apostrophe(c)).collect()
}

/// Is `form` the token up to apostrophes and the i/y spelling of the same sound
/// ("Vitaly" / "Vitali" / "Vitaliy")? Then the token is a romanization of its Russian form.
fn same_romanization(form: &str, token: &str) -> bool {
    fn loose(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut prev_i = false;
        s.chars().filter(|&c| !is_apostrophe(c)).map(|c| if c == 'y' { 'i' } else { c }).filter(move |&c| {
            let keep = !(c == 'i' && prev_i);
            prev_i = c == 'i';
            keep
        })
    }
    loose(form).eq(loose(token))
}

/// Spellings a Cyrillic round trip gives a lowercase token, and whether the token is itself a
/// news romanization of its Russian form.
fn round_trip_forms(token: &str, en_ru: &EnRu, schemas: &[Schema]) -> (Vec<String>, bool) {
    let cyrs = en_ru.to_cyrillic(token);
    let mut words = Vec::new();
    for cyr in &cyrs {
        words.push(Letters::new(cyr));
        if cyr.contains('ё') {
            words.push(Letters::new(&cyr.replace('ё', "е")));
        }
    }
    let signs = cyrs.iter().any(|c| c.contains(['ь', 'ъ']));
    let mut forms: Vec<String> = Vec::new();
    let mut native = false;
    let mut buf = String::with_capacity(32);
    // News schemas first: they decide whether the token is a Russian name. For one that is,
    // only soft- or hard-sign apostrophes can make a garbled form, so a Russian spelling
    // without those signs needs no other schema.
    for pass_news in [true, false] {
        if !pass_news && native && !signs {
            break;
        }
        for s in schemas.iter().filter(|s| s.news == pass_news) {
            for w in &words {
                s.romanize_into(w, &mut buf);
                if s.news && same_romanization(&buf, token) {
                    native = true;
                }
                if !forms.contains(&buf) {
                    forms.push(buf.clone());
                }
            }
        }
    }
    (forms, native)
}

impl RoundTrip {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let schemas = parse_schemas_cached(&cx.data("schemas", &p.schemas)?.text)
            .map_err(|m| BuildError::new("schemas".to_string(), format!("{}: {m}", p.schemas)))?;
        let names = cx.data("names", &p.names)?;
        let letters = cx.data("letters", &p.letters)?;
        let en_ru = EnRu::parse(&names.text, &letters.text)
            .map_err(|m| BuildError::new("names".to_string(), format!("{} / {}: {m}", p.names, p.letters)))?;

        let mut persons = Vec::new();
        let mut form_index: HashMap<String, usize> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut cache: HashMap<String, (Vec<String>, bool)> = HashMap::new();
        // The same person listed twice under different canonical spellings (one file's name
        // is another's variant): the first entry wins, so each form has one fix.
        let mut seen: HashSet<String> = HashSet::new();
        for e in cx.gazetteer.of_type(EntityType::Person) {
            let spellings: Vec<String> =
                std::iter::once(&e.name).chain(&e.variants).map(|n| n.to_lowercase()).collect();
            if spellings.iter().any(|n| seen.contains(n)) {
                continue;
            }
            seen.extend(spellings);
            let tokens: Vec<String> = split_tokens(&e.name).into_iter().map(str::to_string).collect();
            let mut accepted: Vec<Vec<String>> = tokens
                .iter()
                .map(|t| {
                    let lower = t.to_lowercase();
                    let [plain, german] = ascii_folds(&lower);
                    // An initial is a word without its period in the document model.
                    let bare = lower.trim_end_matches('.').to_string();
                    vec![lower, plain, german, bare]
                })
                .collect();
            for v in &e.variants {
                let vt = split_tokens(v);
                if vt.len() == tokens.len() {
                    for (i, t) in vt.iter().enumerate() {
                        accepted[i].push(t.to_lowercase());
                    }
                } else {
                    // A variant of another shape: its tokens are acceptable anywhere in the name.
                    for set in accepted.iter_mut() {
                        set.extend(vt.iter().map(|t| t.to_lowercase()));
                    }
                }
            }
            for set in accepted.iter_mut() {
                set.sort_unstable();
                set.dedup();
            }
            let pi = persons.len() as u32;
            let mut mentions: Vec<String> = Vec::new();
            for (ti, token) in tokens.iter().enumerate() {
                let lower = token.to_lowercase();
                // Only Latin-script tokens can be round-tripped (a name written in Cyrillic
                // in the gazetteer must not make its romanizations look wrong).
                let latin = |c: char| c.is_alphabetic() && (c as u32) < 0x250;
                if lower.chars().count() < 2 || !lower.chars().all(latin) {
                    continue;
                }
                if !cache.contains_key(&lower) {
                    let computed = round_trip_forms(&lower, &en_ru, &schemas);
                    cache.insert(lower.clone(), computed);
                }
                let (forms, native) = &cache[&lower];
                let native = *native;
                for f in forms {
                    let ascii = f.chars().all(|c| c.is_ascii_lowercase() || is_apostrophe(c));
                    let has_apostrophe = f.chars().any(is_apostrophe);
                    if !ascii || accepted[ti].contains(f) || (native && !has_apostrophe) {
                        continue;
                    }
                    let bare = strip_apostrophes(f);
                    if bare.len() < 3
                        || (!has_apostrophe && accepted[ti].contains(&bare))
                        || !en_ru.plausible_start(&lower, &bare)
                    {
                        continue;
                    }
                    let spellings: Vec<String> = if has_apostrophe {
                        vec![f.replace(is_apostrophe, "'"), f.replace(is_apostrophe, "’")]
                    } else {
                        vec![f.clone()]
                    };
                    for s in spellings {
                        let li = *form_index.entry(s.clone()).or_insert_with(|| {
                            literals.push(s);
                            owners.push(Vec::new());
                            literals.len() - 1
                        });
                        if !owners[li].contains(&(pi, ti as u32)) {
                            owners[li].push((pi, ti as u32));
                            mentions.push(literals[li].clone());
                        }
                    }
                }
            }
            mentions.extend(accepted.iter().flatten().cloned());
            mentions.sort_unstable();
            mentions.dedup();
            persons.push(Person { tokens, accepted, mentions });
        }
        let common_name = literals.iter().map(|l| en_ru.knows(&strip_apostrophes(l))).collect();
        let lone_unless_after = p.lone_unless_after.iter().map(|w| w.to_lowercase()).collect();
        Ok(RoundTrip { persons, literals, owners, form_index, common_name, lone_unless_after, en_ru })
    }

    /// The round-trip form that starts at word `w` (the word, or the word plus a final
    /// apostrophe), with its literal index and span.
    fn form_at(&self, text: &str, w: Span) -> Option<(usize, Span)> {
        let word = w.text(text).to_lowercase();
        if let Some(a) = text[w.end..].chars().next().filter(|&c| c == '\'' || c == '’') {
            let with = Span::new(w.start, w.end + a.len_utf8());
            let mut key = word.clone();
            key.push(a);
            if let Some(&li) = self.form_index.get(&key)
                && word_bounded(text, with)
            {
                return Some((li, with));
            }
        }
        self.form_index.get(&word).map(|&li| (li, w))
    }

    /// Does the word at `w` spell token `t` of person `p`, correctly or as a round-trip form?
    /// Returns the end of what it covers and whether it is garbled.
    fn token_at(&self, text: &str, w: Span, p: u32, t: u32) -> Option<(usize, bool)> {
        if let Some((li, span)) = self.form_at(text, w)
            && self.owners[li].contains(&(p, t))
        {
            return Some((span.end, true));
        }
        let person = &self.persons[p as usize];
        person.accepted[t as usize].contains(&w.text(text).to_lowercase()).then_some((w.end, false))
    }
}

impl RoundTrip {
    /// Does another word of the document spell a token of a person this literal belongs to
    /// (correctly or garbled)? Then a lone form at a sentence start is that person too.
    /// Looks within `MENTION_WINDOW` words either side, which covers a news article and keeps
    /// the cost bounded on huge inputs.
    fn mentioned_elsewhere(&self, cx: &Ctx, wi: usize, literal: usize) -> bool {
        let text = cx.text();
        let from = wi.saturating_sub(MENTION_WINDOW);
        let to = (wi + MENTION_WINDOW).min(cx.doc.words.len());
        cx.doc.words[from..to].iter().enumerate().any(|(k, w)| {
            let word = w.span.text(text);
            from + k != wi
                && word.starts_with(char::is_uppercase)
                && self.owners[literal].iter().any(|&(p, _)| {
                    self.persons[p as usize]
                        .mentions
                        .iter()
                        .any(|m| m.len() == word.len() && (m.eq_ignore_ascii_case(word) || *m == word.to_lowercase()))
                })
        })
    }
}

const MENTION_WINDOW: usize = 600;

/// An initial ("W.") that a text may leave out of a name.
fn is_initial(token: &str) -> bool {
    token.trim_end_matches('.').chars().count() == 1
}

/// Token indices that may stand right before token `t`: the previous one, or the one before
/// an initial.
fn candidates_before(tokens: &[String], t: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if t >= 1 {
        out.push(t - 1);
        if t >= 2 && is_initial(&tokens[t - 1]) {
            out.push(t - 2);
        }
    }
    out
}

/// Token indices that may stand right after token `t`.
fn candidates_after(tokens: &[String], t: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if t + 1 < tokens.len() {
        out.push(t + 1);
        if t + 2 < tokens.len() && is_initial(&tokens[t + 1]) {
            out.push(t + 2);
        }
    }
    out
}

/// Only a space, a no-break space, a hyphen or an initial's period between two tokens of one name.
fn joins_name(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 3
        && gap.chars().all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '.'))
        && gap.chars().filter(|&c| c == '.').count() <= 1
}

/// A trace no English spelling of a foreign name has.
fn cyrillic_trace(form: &str) -> bool {
    ["dzh", "zh", "kh", "shch"].iter().any(|s| form.contains(s)) || form.chars().any(is_apostrophe)
}

/// Is there an opening single quote earlier in the sentence (so a final `'` may close it)?
fn open_single_quote_before(cx: &Ctx, pos: usize) -> bool {
    let start = cx.doc.sentence_at(pos).map_or(0, |s| cx.doc.sentences[s].span.start.min(pos));
    let before = &cx.text()[start..pos];
    let mut prev: Option<char> = None;
    for c in before.chars() {
        if c == '‘' || (c == '\'' && !prev.is_some_and(char::is_alphanumeric)) {
            return true;
        }
        prev = Some(c);
    }
    false
}

impl Check for RoundTrip {
    fn literals(&self) -> Vec<String> {
        self.literals.clone()
    }

    fn on_literal(&self, cx: &mut Ctx, literal: usize, span: Span) {
        let text = cx.text();
        let doc = cx.doc;
        if !word_bounded(text, span) || !text[span.start..].starts_with(char::is_uppercase) {
            return;
        }
        let wi = doc.word_index_from(span.start);
        let Some(word) = doc.words.get(wi).filter(|w| w.span.start == span.start) else { return };
        // The literal must be the whole word (plus, for soft-sign forms, a final apostrophe).
        if word.span.end != span.end && !(span.end > word.span.end && text[word.span.end..span.end].len() <= 3) {
            return;
        }
        let form = &self.literals[literal];
        if form.ends_with(is_apostrophe) && open_single_quote_before(cx, span.start) {
            return;
        }
        // The longest run of this person's tokens around the form; a middle initial of the
        // canonical name ("George W. Bush") may be left out in the text.
        let mut best: Option<(Vec<usize>, Vec<usize>, usize, u32)> = None; // (words, tokens, end, person)
        for &(p, t) in &self.owners[literal] {
            let tokens = &self.persons[p as usize].tokens;
            let (mut words, mut toks) = (vec![wi], vec![t as usize]);
            // Leftwards.
            'left: loop {
                let first = words[0];
                let Some(prev) = first.checked_sub(1).map(|i| doc.words[i]) else { break };
                for tt in candidates_before(tokens, toks[0]) {
                    let Some((prev_end, _)) = self.token_at(text, prev.span, p, tt as u32) else { continue };
                    let next_start = doc.words[first].span.start;
                    if prev.sentence == word.sentence
                        && prev_end <= next_start
                        && joins_name(&text[prev_end..next_start])
                    {
                        words.insert(0, first - 1);
                        toks.insert(0, tt);
                        continue 'left;
                    }
                }
                break;
            }
            // Rightwards.
            let mut end = span.end;
            'right: loop {
                let last = *words.last().unwrap_or(&wi);
                let Some(next) = doc.words.get(last + 1) else { break };
                if next.sentence != word.sentence || next.span.start < end || !joins_name(&text[end..next.span.start]) {
                    break;
                }
                for tt in candidates_after(tokens, *toks.last().unwrap_or(&0)) {
                    if let Some((e, _)) = self.token_at(text, next.span, p, tt as u32) {
                        words.push(last + 1);
                        toks.push(tt);
                        end = e;
                        continue 'right;
                    }
                }
                break;
            }
            if best.as_ref().is_none_or(|b| words.len() > b.0.len()) {
                best = Some((words, toks, end, p));
            }
        }
        let Some((words, toks, end, p)) = best else { return };
        let person = &self.persons[p as usize];
        if words.len() > 1 {
            // A full name: rebuild it with every garbled token replaced.
            let mut out = String::new();
            let mut pos = doc.words[words[0]].span.start;
            for (&w, &t) in words.iter().zip(&toks) {
                let w = doc.words[w];
                out.push_str(&text[pos..w.span.start]);
                let (e, garbled) = self.token_at(text, w.span, p, t as u32).unwrap_or((w.span.end, false));
                let found = &text[w.span.start..e];
                if garbled {
                    out.push_str(&match_case(found, &person.tokens[t]));
                } else {
                    out.push_str(found);
                }
                pos = e;
            }
            let whole = Span::new(doc.words[words[0]].span.start, end);
            cx.report_replace(whole, Some(&out), FixMode::Safe);
            return;
        }
        // A lone form: the token must be unambiguous and the form unmistakable.
        let canon: HashSet<String> =
            self.owners[literal].iter().map(|&(p, t)| self.persons[p as usize].tokens[t as usize].clone()).collect();
        if canon.len() != 1 || self.common_name[literal] {
            return;
        }
        if !cyrillic_trace(form) {
            // Without a Cyrillic trace the form may be an English word ("Mask", "Tramp"): it
            // needs a title or name before it ("President Tramp") or the person named elsewhere.
            let prev = wi.checked_sub(1).map(|i| doc.words[i]).filter(|p| {
                p.sentence == word.sentence && text[p.span.end..span.start].chars().all(|c| c == ' ' || c == '.')
            });
            let after_determiner =
                prev.is_some_and(|p| self.lone_unless_after.contains(&doc.slice(p.span).to_lowercase()));
            // A capitalized word that is itself a name token is another person's given name
            // ("Bruno Fernandes" is not a garbled "Fernandez").
            let after_capital = prev.is_some_and(|p| {
                let w = doc.slice(p.span);
                w.starts_with(char::is_uppercase) && !self.en_ru.knows(&w.to_lowercase())
            });
            if after_determiner || !(after_capital || self.mentioned_elsewhere(cx, wi, literal)) {
                return;
            }
        }
        let canon = canon.into_iter().next().unwrap_or_default();
        let replacement = match_case(span.text(text), &canon);
        cx.report_replace(span, Some(&replacement), FixMode::Unsafe);
    }
}
