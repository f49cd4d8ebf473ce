//! Transliteration facts as data: Cyrillic -> Latin romanization schemas and an English ->
//! Russian spelling step for name tokens. Used by checks that recognise names round-tripped
//! through Cyrillic and that suggest a Latin spelling for Cyrillic words.
//!
//! Data files (converted by `scripts/translit_data.py`, see their headers):
//! - `schemas.toml`: romanization schemas (from iuliia, MIT) as `[[schema]]` tables with
//!   `mapping`, `prev`, `next`, `ending` and a `news` flag;
//! - `en-ru-names.txt`: `english russian` token pairs (from Wikidata, CC0);
//! - `en-ru-rules.toml`: letter rules for tokens the table lacks.

use serde::Deserialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// One romanization schema as written in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchema {
    name: String,
    #[serde(default)]
    news: bool,
    mapping: HashMap<String, String>,
    #[serde(default)]
    prev: HashMap<String, String>,
    #[serde(default)]
    next: HashMap<String, String>,
    #[serde(default)]
    ending: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    schema: Vec<RawSchema>,
}

/// Letters of the Russian alphabet: а..я then ё (indices below 64); `START`: "no letter before".
const LETTERS: usize = 33;
const START: usize = LETTERS;

fn letter_index(c: char) -> Option<usize> {
    match c {
        'а'..='я' => Some(c as usize - 'а' as usize),
        'ё' => Some(32),
        _ => None,
    }
}

/// One romanization schema, following the iuliia algorithm: a letter is looked up with its
/// predecessor (`prev`, a lone letter meaning word start), then with its successor (`next`),
/// then alone (`mapping`); the last two letters of a longer word may have an `ending` form.
/// Letters are indices, pair tables small sorted vectors: romanizing costs no hashing.
#[derive(Debug, Clone)]
pub struct Schema {
    pub name: String,
    /// Output that English-language news accepts for Russian names.
    pub news: bool,
    mapping: Vec<Option<Box<str>>>,
    /// key `(previous letter or START) * 64 + letter`
    prev: Vec<(u16, Box<str>)>,
    /// key `letter * 64 + next letter`
    next: Vec<(u16, Box<str>)>,
    /// key `letter * 64 + letter` of the last two letters
    ending: Vec<(u16, Box<str>)>,
}

fn pair_key(a: usize, b: usize) -> u16 {
    (a * 64 + b) as u16
}

fn get(table: &[(u16, Box<str>)], key: u16) -> Option<&str> {
    table.binary_search_by_key(&key, |e| e.0).ok().map(|i| &*table[i].1)
}

fn pairs_table(
    name: &str,
    field: &str,
    raw: &HashMap<String, String>,
    allow_start: bool,
) -> Result<Vec<(u16, Box<str>)>, String> {
    let mut t = Vec::with_capacity(raw.len());
    for (k, v) in raw {
        let idx: Vec<Option<usize>> = k.chars().map(letter_index).collect();
        let key = match idx[..] {
            [Some(a), Some(b)] => pair_key(a, b),
            [Some(b)] if allow_start => pair_key(START, b),
            _ => return Err(format!("schema `{name}`: `{field}` key `{k}` is not two Russian letters")),
        };
        t.push((key, v.as_str().into()));
    }
    t.sort_by_key(|e| e.0);
    Ok(t)
}

/// Parse a schema file once per process: rules that share a schema file share the result.
pub fn parse_schemas_cached(text: &str) -> Result<Arc<Vec<Schema>>, String> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Arc<Vec<Schema>>>>> = OnceLock::new();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    let key = h.finish();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(s) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(s);
    }
    let parsed = Arc::new(parse_schemas(text)?);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, parsed.clone());
    }
    Ok(parsed)
}

/// Parse a schema file.
pub fn parse_schemas(text: &str) -> Result<Vec<Schema>, String> {
    let f: SchemaFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    if f.schema.is_empty() {
        return Err("no `[[schema]]` in the schema file".to_string());
    }
    let mut out = Vec::new();
    for r in f.schema {
        let mut mapping = vec![None; LETTERS];
        for (k, v) in &r.mapping {
            let mut cs = k.chars();
            match (cs.next().and_then(letter_index), cs.next()) {
                (Some(i), None) => mapping[i] = Some(v.as_str().into()),
                _ => return Err(format!("schema `{}`: `mapping` key `{k}` is not one Russian letter", r.name)),
            }
        }
        out.push(Schema {
            prev: pairs_table(&r.name, "prev", &r.prev, true)?,
            next: pairs_table(&r.name, "next", &r.next, false)?,
            ending: pairs_table(&r.name, "ending", &r.ending, false)?,
            mapping,
            news: r.news,
            name: r.name,
        });
    }
    Ok(out)
}

impl Schema {
    /// Romanize one word (any case; the result is lowercase). Letters the schema does not know
    /// are kept as they are.
    pub fn romanize(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len() * 2);
        self.romanize_into(&Letters::new(word), &mut out);
        out
    }

    /// Romanize a prepared word into `out` (cleared first): no allocation when `out` has room.
    pub fn romanize_into(&self, w: &Letters, out: &mut String) {
        out.clear();
        let (lower, idx) = (&w.chars, &w.idx);
        let n = lower.len();
        let ending = match (n > 2, idx.get(n.wrapping_sub(2)), idx.last()) {
            (true, Some(Some(a)), Some(Some(b))) => get(&self.ending, pair_key(*a, *b)),
            _ => None,
        };
        let stem = if ending.is_some() { n - 2 } else { n };
        for i in 0..stem {
            let Some(c) = idx[i] else {
                out.push(lower[i]);
                continue;
            };
            let before = if i == 0 { Some(START) } else { idx[i - 1] };
            if let Some(v) = before.and_then(|b| get(&self.prev, pair_key(b, c))) {
                out.push_str(v);
                continue;
            }
            let after = if i + 1 < stem { idx[i + 1] } else { None };
            if let Some(v) = after.and_then(|a| get(&self.next, pair_key(c, a))) {
                out.push_str(v);
                continue;
            }
            match self.mapping[c].as_deref() {
                Some(v) => out.push_str(v),
                None => out.push(lower[i]),
            }
        }
        if let Some(e) = ending {
            out.push_str(e);
        }
    }
}

/// A word prepared for romanization: lowercase letters and their alphabet indices.
pub struct Letters {
    chars: Vec<char>,
    idx: Vec<Option<usize>>,
}

impl Letters {
    pub fn new(word: &str) -> Letters {
        let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        let idx = chars.iter().map(|&c| letter_index(c)).collect();
        Letters { chars, idx }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterRulesFile {
    rules: Vec<(String, String)>,
    #[serde(default, rename = "first-letters")]
    first_letters: HashMap<char, String>,
}

struct LetterRule {
    latin: Vec<char>,
    at_start: bool,
    at_end: bool,
    cyrillic: String,
}

/// English -> Russian spelling of name tokens: a table of known tokens, letter rules otherwise.
pub struct EnRu {
    /// The table file; entries point into it.
    text: String,
    /// `(english, russian)` byte ranges into `text`, sorted by English, for binary search.
    table: Vec<(u32, u32, u32)>,
    rules: Vec<LetterRule>,
    /// First letter of a rule -> indices into `rules`, longest pattern first.
    by_first: HashMap<char, Vec<usize>>,
    /// English first letter -> the other first letters a round trip may give it.
    first_letters: HashMap<char, String>,
}

impl EnRu {
    /// `names`: lines of lowercase `english russian` (`#` comments); `rules`: the letter-rule TOML.
    pub fn parse(names: &str, rules: &str) -> Result<EnRu, String> {
        let text = names.to_string();
        let mut table: Vec<(u32, u32, u32)> = Vec::new();
        let mut pos = 0usize;
        for (n, raw) in text.split_inclusive('\n').enumerate() {
            let start = pos;
            pos += raw.len();
            let line = raw.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once(' ') {
                Some((en, ru)) if !en.is_empty() && !ru.is_empty() && !ru.contains(' ') => {
                    let ru_start = start + en.len() + 1;
                    table.push((start as u32, ru_start as u32, (ru_start + ru.len()) as u32));
                }
                _ => return Err(format!("line {}: expected `english russian`", n + 1)),
            }
        }
        let en = |e: &(u32, u32, u32)| &text[e.0 as usize..e.1 as usize - 1];
        if !table.is_sorted_by(|a, b| en(a) <= en(b)) {
            table.sort_by(|a, b| en(a).cmp(en(b)));
        }
        let f: LetterRulesFile = toml::from_str(rules).map_err(|e| e.message().to_string())?;
        let mut compiled: Vec<LetterRule> = Vec::new();
        for (pat, cyr) in f.rules {
            let at_start = pat.starts_with('^');
            let at_end = pat.ends_with('$');
            let latin: Vec<char> = pat.trim_start_matches('^').trim_end_matches('$').chars().collect();
            if latin.is_empty() {
                return Err(format!("letter rule `{pat}` has no letters"));
            }
            compiled.push(LetterRule { latin, at_start, at_end, cyrillic: cyr });
        }
        // Longest pattern first; anchored before free at equal length.
        compiled.sort_by_key(|r| (std::cmp::Reverse(r.latin.len()), !(r.at_start || r.at_end)));
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, r) in compiled.iter().enumerate() {
            by_first.entry(r.latin[0]).or_default().push(i);
        }
        Ok(EnRu { text, table, rules: compiled, by_first, first_letters: f.first_letters })
    }

    fn lookup(&self, token: &str) -> Option<&str> {
        let t = &self.text;
        self.table
            .binary_search_by(|e| t[e.0 as usize..e.1 as usize - 1].cmp(token))
            .ok()
            .map(|i| &t[self.table[i].1 as usize..self.table[i].2 as usize])
    }

    /// Can a round trip through Russian turn a token starting with `token` into one starting
    /// with `form`? (Same letter, vowel for vowel, or a pair listed in `first-letters`.) A
    /// form failing this comes from a noisy table entry ("myung" -> "сон"), not a round trip.
    pub fn plausible_start(&self, token: &str, form: &str) -> bool {
        let (Some(a), Some(b)) = (token.chars().next(), form.chars().next()) else { return false };
        let vowel = |c: char| "aeiouy".contains(c);
        a == b || (vowel(a) && vowel(b)) || self.first_letters.get(&a).is_some_and(|s| s.contains(b))
    }

    /// Is this (lowercase) token listed as a person-name token?
    pub fn knows(&self, token: &str) -> bool {
        self.lookup(token).is_some()
    }

    /// Russian spellings of a lowercase token: the table's, or those the letter rules build
    /// (a rule may offer alternatives, `"у|в"`; at most `MAX_GUESSES` combinations are kept,
    /// first alternatives first).
    pub fn to_cyrillic(&self, token: &str) -> Vec<String> {
        if let Some(ru) = self.lookup(token) {
            return vec![ru.to_string()];
        }
        let chars: Vec<char> = token.chars().collect();
        let mut outs = vec![String::new()];
        let mut i = 0;
        while i < chars.len() {
            let candidates = self.by_first.get(&chars[i]).map_or(&[][..], Vec::as_slice);
            let hit = candidates.iter().map(|&k| &self.rules[k]).find(|r| {
                let n = r.latin.len();
                i + n <= chars.len()
                    && chars[i..i + n] == r.latin[..]
                    && (!r.at_start || i == 0)
                    && (!r.at_end || i + n == chars.len())
            });
            match hit {
                Some(r) => {
                    let alts: Vec<&str> = r.cyrillic.split('|').collect();
                    if alts.len() == 1 {
                        outs.iter_mut().for_each(|o| o.push_str(alts[0]));
                    } else {
                        let mut next = Vec::with_capacity(outs.len() * alts.len());
                        for o in &outs {
                            for a in &alts {
                                next.push(format!("{o}{a}"));
                            }
                        }
                        next.truncate(MAX_GUESSES);
                        outs = next;
                    }
                    i += r.latin.len();
                }
                None => {
                    outs.iter_mut().for_each(|o| o.push(chars[i]));
                    i += 1;
                }
            }
        }
        outs
    }
}

/// How many Russian spellings the letter rules may guess for one token.
const MAX_GUESSES: usize = 16;

/// Is `c` a Cyrillic letter?
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// Is `c` a Greek letter?
pub fn is_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schemas() -> Vec<Schema> {
        parse_schemas(include_str!("../rules/data/translit/schemas.toml")).unwrap()
    }

    #[test]
    fn wikipedia_schema_follows_its_own_samples() {
        let s = schemas().into_iter().find(|s| s.name == "wikipedia").unwrap();
        for (cyr, lat) in
            [("Ельцин", "yeltsin"), ("Юрьев", "yuryev"), ("Ильинский", "ilyinsky"), ("джордж", "dzhordzh")]
        {
            assert_eq!(s.romanize(cyr), lat, "{cyr}");
        }
    }

    #[test]
    fn schemas_disagree_on_the_soft_sign() {
        let forms: Vec<String> = schemas().iter().map(|s| s.romanize("меркель")).collect();
        assert!(forms.contains(&"merkel".to_string()));
        assert!(forms.contains(&"merkel'".to_string()));
    }

    #[test]
    fn english_to_russian_uses_table_then_rules() {
        let e = EnRu::parse("# c\ngeorge джордж\n", include_str!("../rules/data/translit/en-ru-rules.toml")).unwrap();
        assert_eq!(e.to_cyrillic("george"), vec!["джордж"]);
        assert_eq!(e.to_cyrillic("schmidt"), vec!["шмидт"]);
        assert_eq!(e.to_cyrillic("jackson")[0], "джаксон");
        assert!(e.to_cyrillic("krychowiak").contains(&"крыховяк".to_string()));
        assert!(EnRu::parse("only-one-column\n", "rules = []").is_err());
    }
}
