//! The one diagnostic model every check produces and every renderer reads.
//!
//! All positions are byte offsets into the file exactly as stored (BOM and CRLF included);
//! line/column conversion happens only in renderers, through [`crate::document::LineIndex`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A half-open byte range `start..end` into the stored text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Error categories, aligned with the MQM typology (the alias names the MQM term).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    #[serde(alias = "spelling")]
    Capitalization,
    #[serde(alias = "transliteration")]
    NameFormat,
    #[serde(alias = "calque")]
    Mistranslation,
    Attribution,
    #[serde(alias = "punctuation")]
    Typography,
    Locale,
    Boilerplate,
    Consistency,
}

impl Category {
    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Capitalization => "capitalization",
            Category::NameFormat => "name-format",
            Category::Mistranslation => "mistranslation",
            Category::Attribution => "attribution",
            Category::Typography => "typography",
            Category::Locale => "locale",
            Category::Boilerplate => "boilerplate",
            Category::Consistency => "consistency",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Certain: `--fix` applies it.
    Safe,
    /// A likely guess: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes `start..end` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>) -> Self {
        Edit { start: span.start, end: span.end, replacement: replacement.into() }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A suggested change: sorted, non-overlapping edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of one edit. The message names the replacement.
    pub fn replace(span: Span, replacement: impl Into<String>, applicability: Applicability) -> Self {
        let replacement = replacement.into();
        let message = if replacement.is_empty() {
            "remove this text".to_string()
        } else {
            format!("replace with `{replacement}`")
        };
        Fix { message, applicability, edits: vec![Edit::new(span, replacement)] }
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The smallest span that holds every edit.
    pub fn span(&self) -> Option<Span> {
        let start = self.edits.iter().map(|e| e.start).min()?;
        let end = self.edits.iter().map(|e| e.end).max()?;
        Some(Span::new(start, end))
    }

    /// Sort edits and reject overlapping ones; returns false if the fix is malformed.
    pub fn normalize(&mut self) -> bool {
        self.edits.sort();
        self.edits.windows(2).all(|w| w[0].end <= w[1].start)
    }
}

/// A secondary label: another place that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    pub severity: Severity,
    pub category: Category,
    pub message: String,
    pub span: Span,
    /// Message attached to the primary span (shown under the underline).
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn add_label(&mut self, span: Span, message: impl Into<String>) {
        self.labels.push(Label { start: span.start, end: span.end, message: message.into() });
    }
}
