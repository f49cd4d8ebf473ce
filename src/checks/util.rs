//! Helpers shared by check kinds: fix modes, context conditions, case handling, templates.

use crate::diagnostic::{Applicability, Span};
use crate::document::Document;
use serde::Deserialize;

/// How a rule's fix is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FixMode {
    /// Certain: applied by `--fix`.
    Safe,
    /// A likely guess: applied only with `--unsafe-fixes`.
    #[default]
    Unsafe,
    /// Shown as advice only; no edit.
    None,
}

impl FixMode {
    pub fn applicability(self) -> Option<Applicability> {
        match self {
            FixMode::Safe => Some(Applicability::Safe),
            FixMode::Unsafe => Some(Applicability::Unsafe),
            FixMode::None => None,
        }
    }
}

/// Whether a literal must match in case too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CaseMode {
    /// Any case; the replacement follows the case of the first letter found.
    #[default]
    Insensitive,
    /// Exactly as written.
    Sensitive,
}

/// A regex whose syntax is checked when the rule is built and which is compiled on first use:
/// most context conditions are never needed for a given article, and compiling them all would
/// dominate the start-up of an editor save hook.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    re: std::sync::OnceLock<regex::Regex>,
}

impl LazyRegex {
    /// Check the syntax now (so errors point at the rule file); compile later.
    pub fn new(pattern: &str) -> Result<Self, String> {
        regex_syntax::ParserBuilder::new().build().parse(pattern).map_err(|e| e.to_string())?;
        Ok(LazyRegex { pattern: pattern.to_string(), re: std::sync::OnceLock::new() })
    }

    pub fn get(&self) -> &regex::Regex {
        self.re.get_or_init(|| {
            regex::RegexBuilder::new(&self.pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                // The syntax was checked at build time; only the size limit can still fail, and a
                // regex that matches nothing keeps the rule quiet rather than crash the run.
                .unwrap_or_else(|_| regex::Regex::new(r"[^\s\S]").expect("valid"))
        })
    }
}

/// Size limit for any compiled rule regex, so no rule pack can exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// A context condition: a regex searched in the sentence around a match. With `unless`, a
/// condition match that overlaps the finding silences it; with `only-if`, the finding needs one.
#[derive(Debug)]
pub struct Condition {
    re: LazyRegex,
}

impl Condition {
    pub fn new(re: LazyRegex) -> Self {
        Condition { re }
    }

    /// Does the regex match, within the sentence holding `span`, somewhere overlapping `span`?
    /// The scope is clipped to [`CONDITION_REACH`] bytes either side of the span, so a giant
    /// sentence (a 50 MB line) costs a bounded search per finding instead of a quadratic scan.
    pub fn holds(&self, doc: &Document, span: Span) -> bool {
        let window = reach(doc.text, span);
        let scope = doc
            .sentence_at(span.start)
            .map(|i| doc.sentences[i].span)
            .filter(|s| s.contains(span))
            .unwrap_or_else(|| line_around(doc.text, span, window));
        let scope = Span::new(scope.start.max(window.start), scope.end.min(window.end));
        let hay = scope.text(doc.text);
        self.re.get().find_iter(hay).any(|m| {
            let m = Span::new(scope.start + m.start(), scope.start + m.end());
            m.overlaps(span) || (span.is_empty() && m.contains(span))
        })
    }
}

/// How far (bytes) around a finding a context condition looks, at most.
pub const CONDITION_REACH: usize = 2048;

/// `span` widened by [`CONDITION_REACH`] each side, on char boundaries.
fn reach(text: &str, span: Span) -> Span {
    let mut start = span.start.saturating_sub(CONDITION_REACH);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.saturating_add(CONDITION_REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

fn line_around(text: &str, span: Span, window: Span) -> Span {
    let start = text[window.start..span.start].rfind('\n').map_or(window.start, |i| window.start + i + 1);
    let end = text[span.end..window.end].find('\n').map_or(window.end, |i| span.end + i);
    Span::new(start, end)
}

/// Is `span` a whole word (or words): no letter or digit touching either side?
pub fn word_bounded(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Give `replacement` the case pattern of `found`: ALL CAPS stays all caps, a capital first
/// letter is kept, otherwise the replacement is used as written.
pub fn match_case(found: &str, replacement: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let first_upper = found.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if first_upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

/// Replace `{name}` placeholders.
pub fn expand(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_carried_over() {
        assert_eq!(match_case("It became known", "it was reported"), "It was reported");
        assert_eq!(match_case("it became known", "it was reported"), "it was reported");
        assert_eq!(match_case("NOTE THAT", "note"), "NOTE");
    }

    #[test]
    fn word_bounds() {
        let t = "the stateDepartment and state Department";
        assert!(!word_bounded(t, Span::new(4, 9)));
        assert!(word_bounded(t, Span::new(24, 40)));
    }
}
