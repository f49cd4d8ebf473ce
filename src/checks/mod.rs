//! Check kinds: the code behind rules. One file per kind; a rule's TOML picks a kind with
//! `kind = "..."` and configures it with the kind's own fields.
//!
//! Adding a kind: write `src/checks/<kind>.rs` with a params struct (serde, deny_unknown_fields)
//! and a type implementing [`Check`], then add one arm to [`build`].
//!
//! A check either hands literal phrases to the engine, which finds all of them across all rules
//! with one Aho-Corasick automaton and calls back [`Check::on_literal`], or looks at the whole
//! document in [`Check::check`] (regexes, analyzers such as attribution and consistency).

pub mod attribution;
pub mod casing;
pub mod consistency;
pub mod entity;
pub mod glued;
pub mod line;
pub mod needless_capital;
pub mod numeric_date;
pub mod pattern;
pub mod phrases;
pub mod proper_names;
pub mod quote_dash;
pub mod quoted_name;
pub mod unbalanced;
mod util;

pub use util::{CaseMode, Condition, FixMode, LazyRegex, match_case, word_bounded};

use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::document::Document;
use crate::rules::{RuleMeta, Source, SourceFile};
use serde::de::DeserializeOwned;

/// An error while compiling a rule's parameters; `key` names the offending field when known.
#[derive(Debug)]
pub struct BuildError {
    pub key: Option<String>,
    pub message: String,
}

impl BuildError {
    pub fn new(key: impl Into<Option<String>>, message: impl Into<String>) -> Self {
        BuildError { key: key.into(), message: message.into() }
    }
}

/// What a check kind may use while compiling: the rule's metadata and its pack's source.
pub struct BuildCtx<'a> {
    pub source: &'a Source,
    pub meta: &'a RuleMeta,
    pub pack_file: &'a SourceFile,
    /// The gazetteer shared by all rules (clone the `Arc` to keep it).
    pub gazetteer: &'a std::sync::Arc<crate::gazetteer::Gazetteer>,
}

impl BuildCtx<'_> {
    /// Deserialize the kind's own fields (unknown keys are errors naming the key).
    pub fn params<T: DeserializeOwned>(&self, table: toml::Table) -> Result<T, BuildError> {
        toml::Value::Table(table).try_into().map_err(|e: toml::de::Error| {
            BuildError::new(
                crate::rules::missing_or_named_field(e.message()),
                format!("rule `{}`: {}", self.meta.id, e.message()),
            )
        })
    }

    /// A context condition (`unless`, `only-if`): syntax checked now, compiled on first use.
    pub fn condition(&self, key: &str, pattern: &str) -> Result<Condition, BuildError> {
        LazyRegex::new(pattern)
            .map(Condition::new)
            .map_err(|e| BuildError::new(key.to_string(), format!("invalid regex in `{key}`: {e}")))
    }

    /// Compile a regex with size limits so no rule can exhaust memory.
    pub fn regex(&self, key: &str, pattern: &str) -> Result<regex::Regex, BuildError> {
        regex::RegexBuilder::new(pattern)
            .size_limit(util::REGEX_SIZE_LIMIT)
            .dfa_size_limit(util::REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| BuildError::new(key.to_string(), format!("invalid regex in `{key}`: {e}")))
    }

    /// A word list data file (one entry a line), parsed once per process and shared by rules.
    pub fn word_list(
        &self,
        key: &str,
        rel: &str,
        lowercase: bool,
    ) -> Result<std::sync::Arc<crate::lexicon::WordList>, BuildError> {
        let f = self.data(key, rel)?;
        Ok(crate::lexicon::shared_with(&f.name, &f.text, lowercase))
    }

    /// Read a data file relative to the rule directory.
    pub fn data(&self, key: &str, rel: &str) -> Result<SourceFile, BuildError> {
        self.source.read(rel).map_err(|m| BuildError::new(key.to_string(), m))
    }
}

/// A compiled check.
pub trait Check: Send + Sync {
    /// Literal phrases for the shared automaton (matched ASCII-case-insensitively, overlapping).
    fn literals(&self) -> Vec<String> {
        Vec::new()
    }
    /// Called for every occurrence of `literals()[literal]` at `span`.
    fn on_literal(&self, _cx: &mut Ctx, _literal: usize, _span: Span) {}
    /// Called once per document.
    fn check(&self, _cx: &mut Ctx) {}
}

/// Per-document, per-rule context handed to checks.
pub struct Ctx<'a, 'd> {
    pub doc: &'a Document<'d>,
    pub meta: &'a RuleMeta,
    pub out: &'a mut Vec<Diagnostic>,
    /// Analyses shared by the rules of one document (see [`Ctx::memo`]).
    pub memo: &'a DocMemo,
}

/// Per-document memo: an analysis that several rules read (attribution, consistency) is computed
/// once per document and key, then shared. Dropped with the document.
#[derive(Default)]
pub struct DocMemo {
    map: std::cell::RefCell<std::collections::HashMap<(std::any::TypeId, u64), std::rc::Rc<dyn std::any::Any>>>,
}

impl DocMemo {
    /// The value for `key` (of type `T`), computing it with `make` the first time.
    pub fn get_or_insert<T: 'static>(&self, key: u64, make: impl FnOnce() -> T) -> std::rc::Rc<T> {
        let id = (std::any::TypeId::of::<T>(), key);
        if let Some(v) = self.map.borrow().get(&id).cloned() {
            return v.downcast::<T>().expect("memo entries are keyed by their type");
        }
        let v = std::rc::Rc::new(make());
        self.map.borrow_mut().insert(id, v.clone());
        v
    }
}

impl<'d> Ctx<'_, 'd> {
    pub fn text(&self) -> &'d str {
        self.doc.text
    }

    /// Emit a diagnostic for this rule with its default message and help; returns it for tuning.
    pub fn report(&mut self, span: Span) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            rule: self.meta.id.clone(),
            severity: self.meta.severity,
            category: self.meta.category,
            message: self.meta.message.clone(),
            span,
            label: None,
            labels: Vec::new(),
            notes: Vec::new(),
            help: if self.meta.help.is_empty() { None } else { Some(self.meta.help.clone()) },
            fixes: Vec::new(),
        });
        self.out.last_mut().unwrap()
    }

    /// Emit a diagnostic with an optional one-edit fix, expanding `{match}` and `{replacement}`
    /// in the message and help templates.
    pub fn report_replace(&mut self, span: Span, replacement: Option<&str>, fix: FixMode) -> &mut Diagnostic {
        let found = span.text(self.doc.text).to_string();
        let vars = [("match", found.as_str()), ("replacement", replacement.unwrap_or(""))];
        let message = util::expand(&self.meta.message, &vars);
        let help = util::expand(&self.meta.help, &vars);
        let d = self.report(span);
        d.message = message;
        d.help = (!help.is_empty()).then_some(help);
        if let (Some(r), Some(app)) = (replacement, fix.applicability()) {
            d.fixes.push(Fix::replace(span, r, app));
        }
        d
    }
}

/// Compile a rule's check from its kind name and remaining TOML fields.
pub fn build(cx: &BuildCtx, params: toml::Table) -> Result<Box<dyn Check>, BuildError> {
    Ok(match cx.meta.kind.as_str() {
        "pattern" => Box::new(pattern::Pattern::build(cx, params)?),
        "phrases" => Box::new(phrases::Phrases::build(cx, params)?),
        "casing" => Box::new(casing::Casing::build(cx, params)?),
        "attribution" => Box::new(attribution::Attribution::build(cx, params)?),
        "entity" => Box::new(entity::Entity::build(cx, params)?),
        "proper-names" => Box::new(proper_names::ProperNames::build(cx, params)?),
        "consistency" => Box::new(consistency::Consistency::build(cx, params)?),
        "needless-capital" => Box::new(needless_capital::NeedlessCapital::build(cx, params)?),
        "glued-words" => Box::new(glued::Glued::build(cx, params)?),
        "line" => Box::new(line::Line::build(cx, params)?),
        "numeric-date" => Box::new(numeric_date::NumericDate::build(cx, params)?),
        "quote-dash" => Box::new(quote_dash::QuoteDash::build(cx, params)?),
        "quoted-name" => Box::new(quoted_name::QuotedName::build(cx, params)?),
        "unbalanced-quotes" => Box::new(unbalanced::Unbalanced::build(cx, params)?),
        other => {
            return Err(BuildError::new(
                "kind".to_string(),
                format!("unknown check kind `{other}` (known: {})", KINDS.join(", ")),
            ));
        }
    })
}

/// Every check kind name, for messages and docs.
pub const KINDS: &[&str] = &[
    "pattern",
    "phrases",
    "casing",
    "attribution",
    "entity",
    "proper-names",
    "consistency",
    "needless-capital",
    "glued-words",
    "line",
    "numeric-date",
    "quote-dash",
    "quoted-name",
    "unbalanced-quotes",
];
