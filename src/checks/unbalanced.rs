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
/// paragraph open and opening the next one with a mark again.
fn continues_on_next_line(doc: &crate::document::Document, pos: usize, style: QuoteStyle) -> bool {
    let text = doc.text;
    let Some(nl) = text[pos..].find('\n') else { return false };
    let next = text[pos + nl..].trim_start();
    next.chars().next().is_some_and(|c| match style {
        QuoteStyle::Double => matches!(c, '“' | '"' | '„'),
        QuoteStyle::Guillemet => c == '«',
        QuoteStyle::Single => c == '‘',
    })
}
