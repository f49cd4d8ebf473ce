//! Rule packs: TOML files -> validated rule definitions -> a compiled [`RuleSet`].
//!
//! A pack is a top-level `*.toml` file in a rule directory (the embedded `rules/` or one given
//! with `--rules DIR`). Data files a rule refers to (gazetteers, word lists) live beside it in
//! subdirectories and are read through the same [`Source`]. Every error names the file and,
//! where there is one, the place in it.

mod error;
mod source;

pub use error::RuleError;
pub use source::{Source, SourceFile, read_path};

use crate::checks::{self, BuildCtx, Check};
use crate::diagnostic::{Category, Severity, Span};
use crate::gazetteer::Gazetteer;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use toml::Spanned;

/// A rule's example that must fire, and what the text must become after its fixes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadExample {
    pub text: String,
    /// The text after applying the rule's fixes (safe and unsafe); absent when the rule has no fix.
    pub fixed: Option<String>,
}

/// Everything about a rule except its check kind's own parameters.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: Arc<str>,
    pub pack: String,
    pub kind: String,
    pub severity: Severity,
    pub category: Category,
    pub message: String,
    pub help: String,
    pub what: String,
    pub why: String,
    pub good: Vec<String>,
    pub bad: Vec<BadExample>,
    /// Where the rule is defined: file name and byte span of its table.
    pub file: String,
    pub span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CommonFields {
    id: String,
    kind: String,
    severity: Severity,
    category: Category,
    message: String,
    help: String,
    what: String,
    why: String,
    #[serde(default)]
    good: Vec<String>,
    #[serde(default)]
    bad: Vec<BadExample>,
}

const COMMON_KEYS: &[&str] = &["id", "kind", "severity", "category", "message", "help", "what", "why", "good", "bad"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackMeta {
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: PackMeta,
    #[serde(default)]
    rule: Vec<Spanned<toml::Table>>,
}

/// A loaded rule: metadata plus its compiled check.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Box<dyn Check>,
}

/// Description of a pack, for listings.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub name: String,
    pub description: String,
    pub file: String,
}

/// All loaded rules.
#[derive(Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub packs: Vec<PackInfo>,
    /// The gazetteer every check shares (built-in, rule directories, extra files).
    pub gazetteer: Arc<Gazetteer>,
    /// Text of every pack file loaded, by display name (to point errors found after loading).
    texts: HashMap<String, String>,
}

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Load the packs embedded at build time.
    pub builtin: bool,
    /// Extra rule directories (`--rules DIR`).
    pub dirs: Vec<PathBuf>,
    /// Extra gazetteer files (a newsroom's own entities).
    pub gazetteers: Vec<PathBuf>,
}

impl RuleSet {
    /// The built-in packs embedded at build time.
    pub fn builtin() -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load(&LoadOptions { builtin: true, ..LoadOptions::default() })
    }

    /// Load gazetteers first (so every rule sees all of them), then every pack, collecting all
    /// errors: a bad rule does not stop the others from loading.
    pub fn load(opts: &LoadOptions) -> Result<RuleSet, Vec<RuleError>> {
        let mut sources = Vec::new();
        if opts.builtin {
            sources.push(Source::embedded());
        }
        sources.extend(opts.dirs.iter().cloned().map(Source::Dir));
        let mut errors = Vec::new();
        let mut gazetteer = Gazetteer::default();
        for src in &sources {
            match src.data_files("data/gazetteer", "toml") {
                Ok(files) => files.iter().for_each(|f| errors.extend(gazetteer.add_file(f).err())),
                Err(e) => errors.push(e),
            }
        }
        for p in &opts.gazetteers {
            match read_path(p) {
                Ok(f) => errors.extend(gazetteer.add_file(&f).err()),
                Err(e) => errors.push(e),
            }
        }
        let mut set = RuleSet { gazetteer: Arc::new(gazetteer), ..RuleSet::default() };
        for src in &sources {
            match src.packs() {
                Ok(packs) => packs.iter().for_each(|f| errors.extend(set.add_pack(src, f))),
                Err(e) => errors.push(e),
            }
        }
        errors.extend(set.check_duplicates());
        if errors.is_empty() { Ok(set) } else { Err(errors) }
    }

    fn check_duplicates(&mut self) -> Vec<RuleError> {
        let mut seen: HashMap<Arc<str>, usize> = HashMap::new();
        let mut errors = Vec::new();
        let mut keep = vec![true; self.rules.len()];
        for (i, r) in self.rules.iter().enumerate() {
            if let Some(&first) = seen.get(&r.meta.id) {
                let f = &self.rules[first].meta;
                let text = self.texts.get(&r.meta.file).map(String::as_str);
                let at = text.map_or(r.meta.span, |t| find_key(t, r.meta.span, "id"));
                errors.push(RuleError::at(
                    &r.meta.file,
                    text,
                    at,
                    format!("duplicate rule id `{}` (first defined in {})", r.meta.id, f.file),
                ));
                keep[i] = false;
            } else {
                seen.insert(r.meta.id.clone(), i);
            }
        }
        let mut k = keep.into_iter();
        self.rules.retain(|_| k.next().unwrap());
        errors
    }

    fn add_pack(&mut self, source: &Source, file: &SourceFile) -> Vec<RuleError> {
        let text = &file.text;
        let parsed: PackFile = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                let span = e.span().map(|r| Span::new(r.start, r.end)).unwrap_or(Span::new(0, 0));
                return vec![RuleError::at(&file.name, Some(text), span, e.message().to_string())];
            }
        };
        self.texts.insert(file.name.clone(), text.clone());
        let pack = parsed.pack.name.clone();
        if !is_kebab(&pack) {
            return vec![RuleError::at(
                &file.name,
                Some(text),
                find_key(text, Span::new(0, text.len()), "name"),
                format!("pack name `{pack}` must be kebab-case"),
            )];
        }
        self.packs.push(PackInfo { name: pack.clone(), description: parsed.pack.description, file: file.name.clone() });
        let mut errors = Vec::new();
        // The span TOML gives an array-of-tables entry may cover only its `[[rule]]` header: a
        // rule's region runs to the next header (or the end of the file), so keys can be found.
        let starts: Vec<usize> = parsed.rule.iter().map(|r| r.span().start).collect();
        for (i, spanned) in parsed.rule.into_iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len()).max(spanned.span().end).min(text.len());
            let end = spanned.span().start + text[spanned.span().start..end].trim_end().len();
            let span = Span::new(spanned.span().start, end);
            let table = spanned.into_inner();
            match self.build_rule(source, file, &pack, span, table) {
                Ok(rule) => self.rules.push(rule),
                Err(e) => errors.push(e),
            }
        }
        errors
    }

    fn build_rule(
        &self,
        source: &Source,
        file: &SourceFile,
        pack: &str,
        span: Span,
        mut table: toml::Table,
    ) -> Result<Rule, RuleError> {
        let text = &file.text;
        let err = |key: Option<&str>, msg: String| {
            let header = Span::new(span.start, text[span.range()].find('\n').map_or(span.end, |n| span.start + n));
            let at = key.map(|k| find_key_or_value(text, span, k)).filter(|&at| at != span).unwrap_or(header);
            RuleError::at(&file.name, Some(text), at, msg)
        };
        let mut common = toml::Table::new();
        for key in COMMON_KEYS {
            if let Some(v) = table.remove(*key) {
                common.insert(key.to_string(), v);
            }
        }
        let c: CommonFields = toml::Value::Table(common).try_into().map_err(|e: toml::de::Error| {
            let named = missing_or_named_field(e.message());
            // "missing field `help`" next to a key `hlep`: point at the misspelling.
            let typo = named.as_deref().filter(|_| e.message().starts_with("missing field")).and_then(|want| {
                table.keys().find(|k| k.len() > 2 && edit_distance(k, want) <= 2).map(|k| (k.clone(), want.to_string()))
            });
            match typo {
                Some((k, want)) => err(Some(&k), format!("unknown field `{k}` (did you mean `{want}`?)")),
                None => err(named.as_deref(), e.message().to_string()),
            }
        })?;
        if !c.id.starts_with(&format!("{pack}.")) || !is_kebab(&c.id[pack.len() + 1..]) {
            return Err(err(Some("id"), format!("rule id `{}` must be `{pack}.<kebab-case-name>`", c.id)));
        }
        check_message_style(&c.message).map_err(|m| err(Some("message"), m))?;
        if c.bad.is_empty() || c.good.is_empty() {
            return Err(err(None, format!("rule `{}` needs at least one `bad` and one `good` example", c.id)));
        }
        let meta = RuleMeta {
            id: Arc::from(c.id),
            pack: pack.to_string(),
            kind: c.kind,
            severity: c.severity,
            category: c.category,
            message: c.message,
            help: c.help,
            what: c.what,
            why: c.why,
            good: c.good,
            bad: c.bad,
            file: file.name.clone(),
            span,
        };
        let bcx = BuildCtx { source, meta: &meta, pack_file: file, gazetteer: &self.gazetteer };
        let check = checks::build(&bcx, table).map_err(|e| err(e.key.as_deref(), e.message))?;
        Ok(Rule { meta, check })
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }

    /// Keep only the rules matched by `select` (ids or pack names; empty = all) and not by `ignore`.
    pub fn filter(&mut self, select: &[String], ignore: &[String]) {
        let hit = |list: &[String], m: &RuleMeta| list.iter().any(|s| s == &*m.id || s == &m.pack || s == "ALL");
        self.rules.retain(|r| (select.is_empty() || hit(select, &r.meta)) && !hit(ignore, &r.meta));
    }

    /// Does any loaded rule or pack answer to this name?
    pub fn knows(&self, name: &str) -> bool {
        name == "ALL" || self.rules.iter().any(|r| &*r.meta.id == name || r.meta.pack == name)
    }
}

/// Levenshtein distance in chars (short keys only).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Messages are short, start lowercase and do not end with a period (fix wording goes in help).
fn check_message_style(m: &str) -> Result<(), String> {
    if m.chars().next().is_some_and(char::is_uppercase) {
        return Err(format!("message `{m}` must start with a lowercase letter"));
    }
    if m.ends_with('.') {
        return Err(format!("message `{m}` must not end with a period"));
    }
    Ok(())
}

/// Pull a field name out of a serde message ("missing field `x`", "unknown field `x`").
pub(crate) fn missing_or_named_field(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let end = msg[start..].find('`')? + start;
    Some(msg[start..end].to_string())
}

/// Like [`find_key`], but when no key of that name is written, the quoted value `"name"` (serde
/// names an unknown enum variant, not its key).
pub(crate) fn find_key_or_value(text: &str, within: Span, name: &str) -> Span {
    let at = find_key(text, within, name);
    if at != within {
        return at;
    }
    let region = &text[within.start..within.end.min(text.len())];
    for quoted in [format!("\"{name}\""), format!("'{name}'")] {
        if let Some(i) = region.find(&quoted) {
            return Span::new(within.start + i, within.start + i + quoted.len());
        }
    }
    within
}

/// Byte span of `key = ...` inside `within`, or `within` itself when the key is not written there.
pub(crate) fn find_key(text: &str, within: Span, key: &str) -> Span {
    let region = &text[within.start..within.end.min(text.len())];
    let mut from = 0;
    while let Some(i) = region[from..].find(key) {
        let at = from + i;
        let before_ok =
            at == 0 || region[..at].ends_with(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '.');
        let after = region[at + key.len()..].trim_start();
        if before_ok && (after.starts_with('=') || after.starts_with(']')) {
            let line_end = region[at..].find('\n').map(|n| at + n).unwrap_or(region.len());
            return Span::new(within.start + at, within.start + line_end);
        }
        from = at + key.len();
    }
    within
}
