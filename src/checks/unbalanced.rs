//! `unbalanced-quotes`: a quotation mark with no partner in its paragraph.
//!
//! ```toml
//! kind = "unbalanced-quotes"
//! styles = ["double", "guillemet"]   # which marks to check (default: double and guillemet)
//! ```
//! Reads the pairing of the document model (`document::quotes`) and points at the mark left
//! alone. Quiet on: an opening mark whose quotation runs on into the next paragraph or line
//! (English style, where that paragraph opens with a mark again), straight quotes next to a
//! digit (inch and second marks: 12"), a straight closing mark between a word and a lowercase
//! word (a mistyped apostrophe), single quotes (too often apostrophes). No fix: where the quotation
//! should end is the editor's call.

use super::{BuildCtx, BuildError, Check, Ctx};
use crate::document::QuoteStyle;
use serde::Deserialize;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Style {
    Double,
    Guillemet,
    Single,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    #[serde(default = "default_styles")]
    styles: Vec<Style>,
}

fn default_styles() -> Vec<Style> {
    vec![Style::Double, Style::Guillemet]
}

pub struct Unbalanced {
    styles: Vec<QuoteStyle>,
}

impl Unbalanced {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let styles = p
            .styles
            .iter()
            .map(|s| match s {
                Style::Double => QuoteStyle::Double,
                Style::Guillemet => QuoteStyle::Guillemet,
                Style::Single => QuoteStyle::Single,
            })
            .collect();
        Ok(Unbalanced { styles })
    }
}

impl Check for Unbalanced {
    fn check(&self, cx: &mut Ctx) {
        let doc = cx.doc;
        let text = doc.text;
        for para in &doc.paragraphs {
            for q in &doc.quotes[para.quotes.0..para.quotes.1] {
                if q.is_balanced() || !self.styles.contains(&q.style) {
                    continue;
                }
                let mark = q.mark();
                let before = text[..mark.span.start].chars().next_back();
                if mark.ch == '"' && before.is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
                let opening = q.open.is_some();
                if opening && continues_on_next_line(doc, mark.span.start, q.style) {
                    continue;
                }
                // In a paragraph of three or more lines (one segment a line), a quotation may open
                // or close across line ends: a mark that starts its line is left alone there.
                let multi_line = para.span.text(text).matches('\n').count() >= 2;
                let line_start = text[..mark.span.start].rfind('\n').map_or(0, |n| n + 1);
                if multi_line && text[line_start..mark.span.start].trim().is_empty() {
                    continue;
                }
                // A straight mark after a word and before a lowercase word is a mistyped
                // apostrophe ("the Correspondents" dinner"), not a quotation.
                if !opening && mark.ch == '"' && before.is_some_and(char::is_alphabetic) {
                    let mut after = text[mark.span.end..].chars();
                    if after.next() == Some(' ') && after.next().is_some_and(char::is_lowercase) {
                        continue;
                    }
                }
                let d = cx.report(mark.span);
                d.label = Some(if opening {
                    "this opening mark is never closed in its paragraph".to_string()
                } else {
                    "this closing mark has no opening mark in its paragraph".to_string()
                });
            }
        }
    }
}

/// English continues a quotation over several paragraphs (or segment lines) by leaving the
/// paragraph open and opening the next one with a mark again: the next mark of the same style
/// after an unclosed opener is an opener at the start of a later line.
fn continues_on_next_line(doc: &crate::document::Document, pos: usize, style: QuoteStyle) -> bool {
    let text = doc.text;
    let is_mark = |c: char| match style {
        QuoteStyle::Double => matches!(c, '“' | '”' | '"' | '„'),
        QuoteStyle::Guillemet => matches!(c, '«' | '»'),
        QuoteStyle::Single => matches!(c, '‘' | '’'),
    };
    let opens = |c: char| match style {
        QuoteStyle::Double => matches!(c, '“' | '"' | '„'),
        QuoteStyle::Guillemet => c == '«',
        QuoteStyle::Single => c == '‘',
    };
    let mut first = true;
    for (i, c) in text[pos..].char_indices() {
        if first {
            first = false;
            continue;
        }
        if !is_mark(c) {
            continue;
        }
        let line_start = text[..pos + i].rfind('\n').map_or(0, |n| n + 1);
        let at_line_start = text[line_start..pos + i].trim().is_empty() && line_start > pos;
        return at_line_start && opens(c);
    }
    false
}
