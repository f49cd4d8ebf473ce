//! `quote-dash`: Russian-style attribution after a quotation, `”, – said Ryabkov`.
//!
//! ```toml
//! kind = "quote-dash"
//! verbs = ["said", "added", "summed up"]     # speech verbs (lowercase; may be several words)
//! pronouns = ["he", "she", "they"]           # `”, – he said` keeps its order
//! max-subject-words = 12
//! subject-stops = ["in", "on", "at"]         # words that end the subject
//! ```
//! Finds a closing quotation mark, an optional comma or period, a dash, then a speech verb and
//! its subject up to the next comma, sentence end or stop word. The fix rewrites it the English way: the
//! comma goes inside the mark, the dash goes, and the subject comes before the verb
//! (`,” Ryabkov said`). A `?` or `!` ending the quotation stays and takes no comma. The fix is
//! unsafe (the subject's extent is a guess); without a subject there is no fix.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::{Fix, Span};
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    verbs: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default = "default_max")]
    max_subject_words: usize,
    /// Lowercase words that end the subject ("said Ryabkov in an interview").
    #[serde(default)]
    subject_stops: Vec<String>,
    #[serde(default)]
    fix: FixMode,
}

fn default_max() -> usize {
    8
}

pub struct QuoteDash {
    re: Regex,
    subject_word: Regex,
    max_subject_words: usize,
    subject_stops: std::collections::HashSet<String>,
    fix: FixMode,
}

fn alternation(list: &[String]) -> String {
    let mut v: Vec<String> = list.iter().map(|s| regex::escape(s.trim()).replace(' ', r"\s+")).collect();
    // Longest first so "summed up" wins over "summed".
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.join("|")
}

impl QuoteDash {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        if p.verbs.is_empty() {
            return Err(BuildError::new("verbs".to_string(), "`verbs` is empty"));
        }
        let verbs = alternation(&p.verbs);
        let pron = if p.pronouns.is_empty() {
            String::new()
        } else {
            format!(r"(?P<pron>(?i:{}))\s+(?P<pverb>{verbs})(?-u:\b)|", alternation(&p.pronouns))
        };
        let pattern =
            format!(r#"(?P<close>[”"»])(?P<punct>[,.]?)[ \t]*(?:–|—|--?)[ \t]*(?:{pron}(?P<verb>{verbs})(?-u:\b))"#);
        Ok(QuoteDash {
            re: cx.regex("verbs", &pattern)?,
            subject_word: cx.regex("verbs", r"^[ \t]+([\p{L}\p{N}][\p{L}\p{N}’'.\-]*)")?,
            max_subject_words: p.max_subject_words.max(1),
            subject_stops: p.subject_stops.iter().map(|w| w.to_lowercase()).collect(),
            fix: p.fix,
        })
    }

    /// The subject after the verb: words up to a comma, sentence end or bracket. Returns its end.
    fn subject_end(&self, text: &str, from: usize) -> Option<usize> {
        let mut pos = from;
        let mut n = 0;
        while n < self.max_subject_words {
            let Some(c) = self.subject_word.captures(&text[pos..]) else { break };
            let m = c.get(1)?;
            let mut end = pos + m.end();
            // A trailing period ends the sentence, not the word (keep initials like "A.").
            let word = &text[pos + m.start()..end];
            if self.subject_stops.contains(word.trim_end_matches('.')) {
                // "said Ryabkov in an interview": the subject ends before the stop word.
                return (n > 0).then_some(pos);
            }
            if word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() > 1 {
                end -= 1;
                pos = end;
                n += 1;
                break;
            }
            pos = end;
            n += 1;
        }
        let rest = text[pos..].chars().next();
        let stops = rest.is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | '\n' | '\r'));
        (n > 0 && stops).then_some(pos)
    }
}

impl Check for QuoteDash {
    fn check(&self, cx: &mut Ctx) {
        let text = cx.doc.text;
        for caps in self.re.captures_iter(text) {
            let (Some(close), Some(all)) = (caps.name("close"), caps.get(0)) else { continue };
            let punct = caps.name("punct").map_or("", |m| m.as_str());
            let before = text[..close.start()].chars().next_back();
            // The comma goes inside the mark; a period there turns into one; ? and ! stay.
            let (start, lead) = match before {
                Some('?' | '!' | '…' | ',') => (close.start(), ""),
                Some('.') => (close.start() - 1, ","),
                _ => (close.start(), ","),
            };
            let _ = punct;
            let mark = close.as_str();
            let fixed = if let (Some(p), Some(v)) = (caps.name("pron"), caps.name("pverb")) {
                Some((all.end(), format!("{lead}{mark} {} {}", p.as_str().to_lowercase(), v.as_str())))
            } else if let Some(v) = caps.name("verb") {
                self.subject_end(text, all.end()).map(|end| {
                    let subject = text[all.end()..end].trim();
                    (end, format!("{lead}{mark} {subject} {}", v.as_str()))
                })
            } else {
                None
            };
            let span_end = fixed.as_ref().map_or(all.end(), |(e, _)| *e);
            let span = Span::new(close.start(), span_end);
            let replacement = fixed.as_ref().map(|(_, r)| r.clone());
            let vars = [("match", span.text(text)), ("replacement", replacement.as_deref().unwrap_or(""))];
            let message = super::util::expand(&cx.meta.message, &vars);
            let help = super::util::expand(&cx.meta.help, &vars);
            let d = cx.report(span);
            d.message = message;
            d.help = Some(help);
            if let (Some(r), Some(app)) = (replacement, self.fix.applicability()) {
                d.fixes.push(Fix::replace(Span::new(start, span_end), r, app));
            }
        }
    }
}
