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

/// One romanization schema, following the iuliia algorithm: a letter is looked up with its
/// predecessor (`prev`, a lone letter meaning word start), then with its successor (`next`),
/// then alone (`mapping`); the last two letters of a longer word may have an `ending` form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub name: String,
    /// Output that English-language news accepts for Russian names.
    #[serde(default)]
    pub news: bool,
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
    schema: Vec<Schema>,
}

/// Parse a schema file.
pub fn parse_schemas(text: &str) -> Result<Vec<Schema>, String> {
    let f: SchemaFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    if f.schema.is_empty() {
        return Err("no `[[schema]]` in the schema file".to_string());
    }
    Ok(f.schema)
}

impl Schema {
    /// Romanize one word (any case; the result is lowercase). Letters the schema does not know
    /// are kept as they are.
    pub fn romanize(&self, word: &str) -> String {
        let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        let (stem, ending) = if lower.len() > 2 {
            let end: String = lower[lower.len() - 2..].iter().collect();
            match self.ending.get(&end) {
                Some(e) => (&lower[..lower.len() - 2], Some(e.as_str())),
                None => (&lower[..], None),
            }
        } else {
            (&lower[..], None)
        };
        let mut out = String::with_capacity(word.len() * 2);
        let mut key = String::new();
        for (i, &c) in stem.iter().enumerate() {
            key.clear();
            if i > 0 {
                key.push(stem[i - 1]);
            }
            key.push(c);
            if let Some(v) = self.prev.get(&key) {
                out.push_str(v);
                continue;
            }
            if let Some(&n) = stem.get(i + 1) {
                key.clear();
                key.push(c);
                key.push(n);
                if let Some(v) = self.next.get(&key) {
                    out.push_str(v);
                    continue;
                }
            }
            let mut buf = [0u8; 4];
            match self.mapping.get(c.encode_utf8(&mut buf) as &str) {
                Some(v) => out.push_str(v),
                None => out.push(c),
            }
        }
        if let Some(e) = ending {
            out.push_str(e);
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterRulesFile {
    rules: Vec<(String, String)>,
}

struct LetterRule {
    latin: Vec<char>,
    at_start: bool,
    at_end: bool,
    cyrillic: String,
}

/// English -> Russian spelling of name tokens: a table of known tokens, letter rules otherwise.
pub struct EnRu {
    table: HashMap<String, String>,
    rules: Vec<LetterRule>,
}

impl EnRu {
    /// `names`: lines of `english russian` (`#` comments); `rules`: the letter-rule TOML.
    pub fn parse(names: &str, rules: &str) -> Result<EnRu, String> {
        let mut table = HashMap::new();
        for (n, line) in names.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some(en), Some(ru), None) => {
                    table.insert(en.to_lowercase(), ru.to_lowercase());
                }
                _ => return Err(format!("line {}: expected `english russian`", n + 1)),
            }
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
        Ok(EnRu { table, rules: compiled })
    }

    /// Is this (lowercase) token listed as a person-name token?
    pub fn knows(&self, token: &str) -> bool {
        self.table.contains_key(token)
    }

    /// The Russian spelling of a lowercase token: the table's, or one built by the letter rules.
    pub fn to_cyrillic(&self, token: &str) -> String {
        if let Some(ru) = self.table.get(token) {
            return ru.clone();
        }
        let chars: Vec<char> = token.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let hit = self.rules.iter().find(|r| {
                let n = r.latin.len();
                i + n <= chars.len()
                    && chars[i..i + n] == r.latin[..]
                    && (!r.at_start || i == 0)
                    && (!r.at_end || i + n == chars.len())
            });
            match hit {
                Some(r) => {
                    out.push_str(&r.cyrillic);
                    i += r.latin.len();
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

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
        assert_eq!(e.to_cyrillic("george"), "джордж");
        assert_eq!(e.to_cyrillic("schmidt"), "шмидт");
        assert_eq!(e.to_cyrillic("jackson"), "джаксон");
        assert!(EnRu::parse("only-one-column\n", "rules = []").is_err());
    }
}
