//! Errors in rule files and configuration, rendered compiler-style with the file and place.

use crate::diagnostic::Span;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use std::fmt;

#[derive(Debug, Clone)]
pub struct RuleError {
    pub file: String,
    /// The file's text, when the error points into it.
    pub text: Option<String>,
    pub span: Span,
    pub message: String,
}

impl RuleError {
    pub fn at(file: &str, text: Option<&str>, span: Span, message: impl Into<String>) -> Self {
        RuleError { file: file.to_string(), text: text.map(str::to_string), span, message: message.into() }
    }

    /// 1-based line and column of the error, when it points into the file.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let text = self.text.as_deref()?;
        let idx = crate::document::LineIndex::new(text);
        Some(idx.line_col(text, self.span.start))
    }

    /// Render as a codespan-reporting error (with the source excerpt when there is one).
    pub fn render(&self, color: bool) -> String {
        let Some(text) = &self.text else {
            return format!("error: {}: {}\n", self.file, self.message);
        };
        let file = SimpleFile::new(self.file.as_str(), text.as_str());
        let end = self.span.end.min(text.len()).max(self.span.start.min(text.len()));
        let diag = CsDiagnostic::error()
            .with_message(&self.message)
            .with_labels(vec![Label::primary((), self.span.start.min(text.len())..end)]);
        crate::render::human::emit_codespan(&file, &diag, color)
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}
