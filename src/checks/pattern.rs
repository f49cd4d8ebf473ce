//! `pattern`: a regular expression with captures.
//!
//! ```toml
//! kind = "pattern"
//! pattern = '(?P<num>\d+),(?P<dec>\d)\s+(?:million|billion)'
//! group = "num"             # optional: the capture that is the finding (default: whole match)
//! replace = "$num.$dec"     # optional: replacement for that span, with $name / ${1} captures
//! fix = "safe"              # safe | unsafe | none (default: unsafe)
//! unless = ['(?i)\bscore\b'] # optional: context conditions (see `Condition`)
//! label = "..."             # optional: text under the underline, with captures
//! ```
//! The rule's `message` and `help` may use `$name` / `${1}` captures too.

use super::{BuildCtx, BuildError, Check, Condition, Ctx, FixMode};
use crate::diagnostic::{Fix, Span};
use regex::{Captures, Regex};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    pattern: String,
    group: Option<String>,
    replace: Option<String>,
    #[serde(default)]
    fix: FixMode,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    only_if: Vec<String>,
    label: Option<String>,
}

pub struct Pattern {
    re: Regex,
    group: Option<String>,
    replace: Option<String>,
    fix: FixMode,
    unless: Vec<Condition>,
    only_if: Vec<Condition>,
    label: Option<String>,
}

impl Pattern {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let re = cx.regex("pattern", &p.pattern)?;
        if let Some(g) = &p.group {
            let known = g
                .parse::<usize>()
                .map(|n| n < re.captures_len())
                .unwrap_or_else(|_| re.capture_names().any(|n| n == Some(g)));
            if !known {
                return Err(BuildError::new("group".to_string(), format!("the pattern has no capture group `{g}`")));
            }
        }
        let conds = |list: &[String], key: &str| -> Result<Vec<Condition>, BuildError> {
            list.iter().map(|r| cx.condition(key, r)).collect()
        };
        Ok(Pattern {
            unless: conds(&p.unless, "unless")?,
            only_if: conds(&p.only_if, "only-if")?,
            re,
            group: p.group,
            replace: p.replace,
            fix: p.fix,
            label: p.label,
        })
    }

    fn group_span(&self, caps: &Captures) -> Option<Span> {
        let m = match &self.group {
            None => caps.get(0),
            Some(g) => match g.parse::<usize>() {
                Ok(n) => caps.get(n),
                Err(_) => caps.name(g),
            },
        }?;
        Some(Span::new(m.start(), m.end()))
    }
}

fn expand(caps: &Captures, template: &str) -> String {
    if !template.contains('$') {
        return template.to_string();
    }
    let mut out = String::new();
    caps.expand(template, &mut out);
    out
}

impl Check for Pattern {
    fn check(&self, cx: &mut Ctx) {
        let text = cx.doc.text;
        for caps in self.re.captures_iter(text) {
            let Some(span) = self.group_span(&caps) else { continue };
            if self.unless.iter().any(|c| c.holds(cx.doc, span)) || self.only_if.iter().any(|c| !c.holds(cx.doc, span))
            {
                continue;
            }
            let message = expand(&caps, &cx.meta.message);
            let help = expand(&caps, &cx.meta.help);
            let label = self.label.as_ref().map(|l| expand(&caps, l));
            let fix = match (&self.replace, self.fix.applicability()) {
                (Some(r), Some(app)) => Some(Fix::replace(span, expand(&caps, r), app)),
                _ => None,
            };
            let d = cx.report(span);
            d.message = message;
            d.help = (!help.is_empty()).then_some(help);
            d.label = label;
            d.fixes.extend(fix);
        }
    }
}
