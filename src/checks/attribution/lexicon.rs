//! The analyzer's language data (`rules/data/attribution.toml`), compiled into word-sequence
//! tables that are looked up token by token (one hash probe per word, no regexes).

use crate::checks::BuildError;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DataFile {
    verbs: Vec<String>,
    #[serde(default)]
    object_verbs: Vec<String>,
    source_markers: Vec<String>,
    #[serde(default)]
    media_markers: Vec<String>,
    pronouns: Vec<String>,
    definite: Vec<String>,
    indefinite: Vec<String>,
    #[serde(default)]
    adverbs: Vec<String>,
    #[serde(default)]
    impersonal: Vec<String>,
    #[serde(default)]
    title_modifiers: Vec<String>,
    #[serde(default)]
    former: Vec<String>,
    #[serde(default)]
    ranks: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    not_speakers: Vec<String>,
    inversion_triggers: Vec<String>,
    #[serde(default)]
    name_particles: Vec<String>,
    #[serde(default)]
    spelling_equivalents: Vec<(String, String)>,
    #[serde(default)]
    organization: Vec<OrgEntry>,
    #[serde(default)]
    role: Vec<RoleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OrgEntry {
    id: String,
    words: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RoleEntry {
    nouns: Vec<String>,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    combinable: bool,
    fits: Vec<String>,
}

/// A table of word sequences (lowercase) -> id; matched at a token position, longest first.
#[derive(Default, Debug)]
pub struct Phrases {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl Phrases {
    fn add(&mut self, phrase: &str, id: usize) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if let Some(first) = words.first().cloned() {
            let list = self.by_first.entry(first).or_default();
            list.push((words, id));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    fn of(list: &[String]) -> Self {
        let mut p = Phrases::default();
        list.iter().enumerate().for_each(|(i, s)| p.add(s, i));
        p
    }

    /// Longest entry whose words equal `words[i..]` (already lowercased); `joined(k)` says whether
    /// word `k` follows word `k - 1` with only a space or hyphen between. Returns (length, id).
    pub fn at(&self, words: &[&str], i: usize, joined: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
        let cands = self.by_first.get(*words.get(i)?)?;
        cands
            .iter()
            .find(|(w, _)| {
                i + w.len() <= words.len()
                    && w.iter().enumerate().all(|(k, x)| words[i + k] == x && (k == 0 || joined(i + k)))
            })
            .map(|(w, id)| (w.len(), *id))
    }
}

/// Word classes: one hash lookup per token gives them all. The `*_START` bits say that some
/// phrase of that table starts with the word.
pub const VERB_START: u32 = 1;
pub const SOURCE_START: u32 = 1 << 1;
pub const MEDIA_START: u32 = 1 << 2;
pub const IMPERSONAL_START: u32 = 1 << 3;
pub const ORG_START: u32 = 1 << 4;
pub const ROLE_START: u32 = 1 << 5;
pub const TITLE: u32 = 1 << 6;
pub const NOT_NAME: u32 = 1 << 7;
pub const PRONOUN: u32 = 1 << 8;
pub const DEFINITE: u32 = 1 << 9;
pub const INDEFINITE: u32 = 1 << 10;
pub const ADVERB: u32 = 1 << 11;
pub const PARTICLE: u32 = 1 << 12;
pub const FORMER: u32 = 1 << 13;
pub const CONNECTOR: u32 = 1 << 14;
pub const RANK: u32 = 1 << 15;
pub const NOT_SPEAKER: u32 = 1 << 16;
pub const INVERSION: u32 = 1 << 17;

pub struct Role {
    pub generic: bool,
    pub combinable: bool,
    pub fits_any: bool,
    /// Organization tags the role belongs to.
    pub fits: Vec<String>,
}

pub struct Org {
    pub tags: Vec<String>,
}

pub struct Lexicon {
    pub verbs: Phrases,
    pub object_verbs: HashSet<String>,
    pub sources: Phrases,
    pub media: Phrases,
    pub impersonal: Phrases,
    pub equivalents: Vec<(String, String)>,
    pub orgs: Vec<Org>,
    pub org_words: Phrases,
    pub roles: Vec<Role>,
    pub role_nouns: Phrases,
    /// Word -> class bits.
    pub words: HashMap<String, u32>,
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|s| s.to_lowercase()).collect()
}

impl Lexicon {
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, BuildError> {
        let f: DataFile = toml::from_str(text)
            .map_err(|e| BuildError::new("data".to_string(), format!("{name}: {}", e.message())))?;
        let mut org_words = Phrases::default();
        let mut title_words = HashSet::new();
        let mut orgs = Vec::new();
        let connectors = set(&f.connectors);
        let mut ids = HashSet::new();
        for (i, o) in f.organization.iter().enumerate() {
            if !ids.insert(o.id.as_str()) {
                return Err(BuildError::new("data".to_string(), format!("{name}: duplicate organization `{}`", o.id)));
            }
            for w in &o.words {
                org_words.add(w, i);
                title_words.extend(w.split_whitespace().map(str::to_lowercase));
            }
            orgs.push(Org { tags: o.tags.clone() });
        }
        let known_tags: HashSet<&str> = f.organization.iter().flat_map(|o| o.tags.iter().map(String::as_str)).collect();
        let mut role_nouns = Phrases::default();
        let mut roles = Vec::new();
        for (i, r) in f.role.iter().enumerate() {
            for n in &r.nouns {
                role_nouns.add(n, i);
                title_words.extend(n.split_whitespace().map(str::to_lowercase));
            }
            if let Some(bad) = r.fits.iter().find(|t| *t != "*" && !known_tags.contains(t.as_str())) {
                return Err(BuildError::new(
                    "data".to_string(),
                    format!("{name}: role `{}` fits unknown organization tag `{bad}`", r.nouns.join(", ")),
                ));
            }
            roles.push(Role {
                generic: r.generic,
                combinable: r.combinable,
                fits_any: r.fits.iter().any(|t| t == "*"),
                fits: r.fits.clone(),
            });
        }
        title_words.extend(set(&f.title_modifiers));
        title_words.retain(|w| !connectors.contains(w));
        for (from, _) in &f.spelling_equivalents {
            if from.is_empty() {
                return Err(BuildError::new("data".to_string(), format!("{name}: empty spelling equivalent")));
            }
        }
        let mut words: HashMap<String, u32> = HashMap::new();
        let mut mark = |list: &mut dyn Iterator<Item = String>, bit: u32| {
            for w in list {
                *words.entry(w).or_default() |= bit;
            }
        };
        let firsts = |l: &[String]| -> Vec<String> {
            l.iter().filter_map(|p| p.split_whitespace().next().map(str::to_lowercase)).collect()
        };
        let org_all: Vec<String> = f.organization.iter().flat_map(|o| o.words.clone()).collect();
        let role_all: Vec<String> = f.role.iter().flat_map(|r| r.nouns.clone()).collect();
        mark(&mut firsts(&f.verbs).into_iter(), VERB_START);
        mark(&mut firsts(&f.source_markers).into_iter(), SOURCE_START);
        mark(&mut firsts(&f.media_markers).into_iter(), MEDIA_START);
        mark(&mut firsts(&f.impersonal).into_iter(), IMPERSONAL_START);
        mark(&mut firsts(&org_all).into_iter(), ORG_START);
        mark(&mut firsts(&role_all).into_iter(), ROLE_START);
        mark(&mut title_words.iter().cloned(), TITLE);
        for (list, bit) in [
            (&f.not_names, NOT_NAME),
            (&f.pronouns, PRONOUN),
            (&f.definite, DEFINITE),
            (&f.indefinite, INDEFINITE),
            (&f.adverbs, ADVERB),
            (&f.name_particles, PARTICLE),
            (&f.former, FORMER),
            (&f.connectors, CONNECTOR),
            (&f.ranks, RANK),
            (&f.not_speakers, NOT_SPEAKER),
            (&f.inversion_triggers, INVERSION),
        ] {
            mark(&mut list.iter().map(|w| w.to_lowercase()), bit);
        }
        Ok(Lexicon {
            verbs: Phrases::of(&f.verbs),
            object_verbs: set(&f.object_verbs),
            sources: Phrases::of(&f.source_markers),
            media: Phrases::of(&f.media_markers),
            impersonal: Phrases::of(&f.impersonal),
            equivalents: f.spelling_equivalents.iter().map(|(a, b)| (a.to_lowercase(), b.to_lowercase())).collect(),
            orgs,
            org_words,
            roles,
            role_nouns,
            words,
        })
    }

    /// Can a person holding role `role` belong to organization `org`?
    pub fn role_fits(&self, role: usize, org: usize) -> bool {
        let r = &self.roles[role];
        r.fits_any || self.orgs[org].tags.iter().any(|t| r.fits.contains(t))
    }

    /// Do two organizations share a tag (or are they the same)?
    pub fn related(&self, a: usize, b: usize) -> bool {
        a == b || self.orgs[a].tags.iter().any(|t| self.orgs[b].tags.contains(t))
    }

    /// A surname reduced to one romanization, for comparing spellings.
    pub fn spelling_key(&self, surname: &str) -> String {
        let mut s = surname.to_lowercase();
        for (a, b) in &self.equivalents {
            if s.contains(a.as_str()) {
                s = s.replace(a.as_str(), b);
            }
        }
        s
    }

    /// Role and organization named in a free-text description ("Russian foreign minister").
    pub fn describe(&self, text: &str) -> (Option<usize>, Option<usize>) {
        let lowers: Vec<String> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let words: Vec<&str> = lowers.iter().map(String::as_str).collect();
        let (mut role, mut org) = (None, None);
        let mut k = 0;
        while k < words.len() {
            if let Some((n, o)) = self.org_words.at(&words, k, |_| true) {
                org = Some(o);
                for x in k..k + n {
                    if let Some((_, r)) = self.role_nouns.at(&words, x, |_| true) {
                        role = Some(r);
                    }
                }
                k += n;
            } else if let Some((n, r)) = self.role_nouns.at(&words, k, |_| true) {
                role = Some(r);
                k += n;
            } else {
                k += 1;
            }
        }
        (role, org)
    }
}
