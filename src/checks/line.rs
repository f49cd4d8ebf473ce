//! `line`: whole lines that are page furniture scraped with an article ("Share this news",
//! "Subscribe to our channel", "Photo: Reuters").
//!
//! ```toml
//! kind = "line"
//! lines = [
//!   'share (this|the) (news|article|story)',          # matched against the whole trimmed line,
//!   { match = 'read (also|more):?.*', fix = "none" }, # case-insensitively
//! ]
//! max-words = 12                                    # longer lines are never furniture
//! fix = "unsafe"                                    # default for entries
//! ```
//! Each pattern must match the whole line (without its leading/trailing whitespace). All
//! patterns are compiled into one `RegexSet`. The fix removes the line with its line break.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::{Fix, Span};
use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Plain(String),
    Full(FullEntry),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FullEntry {
    #[serde(rename = "match")]
    pattern: String,
    fix: Option<FixMode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    lines: Vec<Entry>,
    #[serde(default = "default_max")]
    max_words: usize,
    #[serde(default)]
    fix: FixMode,
}

fn default_max() -> usize {
    12
}

pub struct Line {
    set: RegexSet,
    fixes: Vec<FixMode>,
    max_words: usize,
}

impl Line {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let mut patterns = Vec::new();
        let mut fixes = Vec::new();
        for e in p.lines {
            let (pat, fix) = match e {
                Entry::Plain(s) => (s, p.fix),
                Entry::Full(f) => (f.pattern, f.fix.unwrap_or(p.fix)),
            };
            // Check each pattern's syntax alone so an error names the bad pattern.
            crate::checks::LazyRegex::new(&pat)
                .map_err(|e| BuildError::new("lines".to_string(), format!("invalid regex in `lines`: {e}")))?;
            patterns.push(format!("^(?:{pat})$"));
            fixes.push(fix);
        }
        if patterns.is_empty() {
            return Err(BuildError::new("lines".to_string(), "`lines` is empty"));
        }
        let set = RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .size_limit(16 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .map_err(|e| BuildError::new("lines".to_string(), format!("cannot compile `lines`: {e}")))?;
        Ok(Line { set, fixes, max_words: p.max_words })
    }
}

impl Check for Line {
    fn check(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let text = doc.text;
        let n = doc.lines.len();
        for i in 0..n {
            let (s, e) = doc.lines.line_span(text, i);
            let raw = &text[s..e];
            let content = raw.trim();
            if content.is_empty() || content.split_whitespace().count() > self.max_words {
                continue;
            }
            let Some(hit) = self.set.matches(content).iter().next() else { continue };
            let lead = raw.len() - raw.trim_start().len();
            let span = Span::new(s + lead, s + lead + content.len());
            // Remove the line and its terminator.
            let removal = Span::new(s, doc.lines.line_starts().get(i + 1).copied().unwrap_or(text.len()));
            let d = cx.report(span);
            d.message = super::util::expand(&d.message, &[("match", content)]);
            if let Some(app) = self.fixes[hit].applicability() {
                d.fixes.push(Fix::replace(removal, "", app).with_message("remove the line"));
            }
        }
    }
}
