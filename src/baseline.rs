//! Baselines: record the findings an archive already has, then report only new ones.
//!
//! A finding is keyed by its path, its rule and the text around it (the flagged text with up to
//! [`CONTEXT`] characters of its line either side, whitespace collapsed), never by line number:
//! edits elsewhere in the file keep the baseline valid. Identical keys are counted, so a second
//! copy of a baselined mistake is new.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Characters of context taken either side of the flagged text.
pub const CONTEXT: usize = 24;
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub context: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// The text that identifies a finding: its line's text around the span, whitespace collapsed.
pub fn context(text: &str, d: &Diagnostic) -> String {
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before: String = {
        let v: Vec<char> = text[line_start..start].chars().rev().take(CONTEXT).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[end..line_end].chars().take(CONTEXT).collect();
    let raw = format!("{before}[{}]{after}", &text[start..end]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key path of a file: relative to the baseline's directory when it lies below it, with `/`.
pub fn key_path(path: &str, base_dir: &Path) -> String {
    let p = Path::new(path);
    let abs = crate::config::normalize(p);
    let base = crate::config::normalize(base_dir);
    let rel = abs.strip_prefix(&base).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf());
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {}", path.display(), crate::input::io_message(&e)))?;
        let b: Baseline =
            serde_json::from_str(&text).map_err(|e| format!("{}: invalid baseline: {e}", path.display()))?;
        if b.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// Add the findings of one file.
    pub fn record(&mut self, key_path: &str, text: &str, diags: &[Diagnostic]) {
        for d in diags {
            let e = Entry { path: key_path.to_string(), rule: d.rule.to_string(), context: context(text, d), count: 1 };
            match self.entries.iter_mut().find(|x| x.path == e.path && x.rule == e.rule && x.context == e.context) {
                Some(x) => x.count += 1,
                None => self.entries.push(e),
            }
        }
    }

    pub fn to_json(&self) -> String {
        let mut b = Baseline { version: VERSION, entries: self.entries.clone() };
        b.entries.sort_by(|a, b| (&a.path, &a.rule, &a.context).cmp(&(&b.path, &b.rule, &b.context)));
        let mut s = serde_json::to_string_pretty(&b).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Remove from `diags` the findings the baseline knows (each entry absorbs `count` findings).
    pub fn filter(&self, key_path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> usize {
        let mut budget: HashMap<(String, String), usize> = HashMap::new();
        for e in self.entries.iter().filter(|e| e.path == key_path) {
            *budget.entry((e.rule.clone(), e.context.clone())).or_default() += e.count;
        }
        if budget.is_empty() {
            return 0;
        }
        let before = diags.len();
        diags.retain(|d| match budget.get_mut(&(d.rule.to_string(), context(text, d))) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diags.len()
    }
}
