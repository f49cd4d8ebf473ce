//! Inline suppressions: comments in the article that silence findings, keyed to the text (they
//! move with it), not to line numbers.
//!
//! Markdown/HTML form, anywhere on a line:
//!
//! ```text
//! <!-- mtlint-disable caps.institution-case -->  ... <!-- mtlint-enable -->
//! <!-- mtlint-disable-next-line caps -->
//! A sentence. <!-- mtlint-disable-line caps.institution-case -->
//! ```
//!
//! Plain-text form: a line of its own starting with `#` (`# mtlint-disable-next-line caps`).
//! Rules are ids or pack names separated by commas or spaces; none means every rule; text after
//! ` -- ` is a free reason. A suppression that silences nothing is itself reported (info,
//! [`UNUSED_RULE`]).

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::LineIndex;
use std::sync::Arc;

/// Rule id of the finding that reports an unused suppression.
pub const UNUSED_RULE: &str = "mtlint.unused-suppression";

/// Documentation of [`UNUSED_RULE`] for `mtlint explain` and SARIF.
pub const UNUSED_WHAT: &str = "An inline `mtlint-disable` comment that silences no finding.";
pub const UNUSED_WHY: &str = "Stale suppressions hide future findings that nobody has reviewed; \
    remove them once the text they covered has changed.";
pub const UNUSED_HELP: &str = "remove the comment, or name the rule that fires here";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    Line,
}

#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// The whole comment.
    span: Span,
    /// Rule ids or pack names; empty = all rules.
    rules: Vec<String>,
    line: usize,
}

/// A region of text where some rules are silenced.
#[derive(Debug)]
struct Region {
    directive: usize,
    start: usize,
    end: usize,
    rules: Vec<String>,
}

fn parse_body(body: &str) -> Option<(Kind, Vec<String>)> {
    let body = body.trim();
    let rest = body.strip_prefix("mtlint-")?;
    let (kind, rest) = [
        ("disable-next-line", Kind::NextLine),
        ("disable-line", Kind::Line),
        ("disable", Kind::Disable),
        ("enable", Kind::Enable),
    ]
    .iter()
    .find_map(|(w, k)| rest.strip_prefix(w).map(|r| (*k, r)))?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest = rest.split(" -- ").next().unwrap_or("");
    let rules = rest.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).map(String::from);
    Some((kind, rules.collect()))
}

fn directives(text: &str, lines: &LineIndex) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains("mtlint-") {
        return out;
    }
    for line in 0..lines.len() {
        let (ls, le) = lines.line_span(text, line);
        let l = &text[ls..le];
        if !l.contains("mtlint-") {
            continue;
        }
        let trimmed = l.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if let Some(body) = trimmed.strip_prefix('#')
            && let Some((kind, rules)) = parse_body(body)
        {
            out.push(Directive { kind, span: Span::new(ls + (l.len() - trimmed.len()), le), rules, line });
            continue;
        }
        let mut from = 0;
        while let Some(i) = l[from..].find("<!--") {
            let open = from + i;
            let Some(j) = l[open + 4..].find("-->") else { break };
            let close = open + 4 + j + 3;
            if let Some((kind, rules)) = parse_body(&l[open + 4..close - 3]) {
                out.push(Directive { kind, span: Span::new(ls + open, ls + close), rules, line });
            }
            from = close;
        }
    }
    out
}

fn covers(rules: &[String], rule: &str) -> bool {
    rules.is_empty() || rules.iter().any(|n| crate::config::rule_matches(rule, n))
}

/// What a rule or pack name in a suppression refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    /// A rule (or pack) that runs.
    Active,
    /// Loaded but not selected: its suppressions are never "unused".
    Inactive,
    /// No loaded rule or pack has this name (a typo, or a pack that was removed).
    Unknown,
}

/// Drop findings silenced by suppression comments; when `report_unused`, add an info finding for
/// each suppression (or each rule named in one) that silenced nothing, and for names of no
/// loaded rule. `classify` says what a name refers to.
pub fn apply(
    text: &str,
    lines: &LineIndex,
    diags: Vec<Diagnostic>,
    report_unused: bool,
    classify: impl Fn(&str) -> Name,
) -> Vec<Diagnostic> {
    let dirs = directives(text, lines);
    if dirs.is_empty() {
        return diags;
    }
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<Region> = Vec::new();
    for (i, d) in dirs.iter().enumerate() {
        match d.kind {
            Kind::Disable => {
                open.push(Region { directive: i, start: d.span.end, end: text.len(), rules: d.rules.clone() })
            }
            Kind::Enable => {
                let mut still = Vec::new();
                for mut r in open.drain(..) {
                    if d.rules.is_empty() {
                        r.end = d.span.start;
                        regions.push(r);
                    } else if r.rules.is_empty() {
                        still.push(r);
                    } else {
                        let (closed, kept): (Vec<String>, Vec<String>) =
                            r.rules.iter().cloned().partition(|n| d.rules.contains(n));
                        if closed.is_empty() {
                            still.push(r);
                            continue;
                        }
                        regions.push(Region {
                            directive: r.directive,
                            start: r.start,
                            end: d.span.start,
                            rules: closed,
                        });
                        if !kept.is_empty() {
                            still.push(Region { directive: r.directive, start: r.start, end: r.end, rules: kept });
                        }
                    }
                }
                open = still;
            }
            Kind::Line => {
                let (s, e) = lines.line_span(text, d.line);
                regions.push(Region { directive: i, start: s, end: e, rules: d.rules.clone() });
            }
            Kind::NextLine => {
                let next = (d.line + 1..lines.len()).find(|&l| {
                    let (s, e) = lines.line_span(text, l);
                    !text[s..e].trim().is_empty()
                });
                if let Some(l) = next {
                    let (s, e) = lines.line_span(text, l);
                    regions.push(Region { directive: i, start: s, end: e, rules: d.rules.clone() });
                }
            }
        }
    }
    regions.append(&mut open);
    // used[directive][rule index, or 0 for "all"]
    let mut used: Vec<Vec<bool>> = dirs.iter().map(|d| vec![false; d.rules.len().max(1)]).collect();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        if dirs.iter().any(|x| x.span.overlaps(d.span) || (d.span.is_empty() && x.span.contains(d.span))) {
            continue;
        }
        let mut silenced = false;
        for r in &regions {
            if d.span.start < r.start || d.span.start > r.end || !covers(&r.rules, &d.rule) {
                continue;
            }
            silenced = true;
            let dir = &dirs[r.directive];
            if dir.rules.is_empty() {
                used[r.directive][0] = true;
            } else {
                for (k, n) in dir.rules.iter().enumerate() {
                    if r.rules.contains(n) && crate::config::rule_matches(&d.rule, n) {
                        used[r.directive][k] = true;
                    }
                }
            }
        }
        if !silenced {
            kept.push(d);
        }
    }
    if report_unused {
        let rule: Arc<str> = Arc::from(UNUSED_RULE);
        for (i, d) in dirs.iter().enumerate() {
            if d.kind == Kind::Enable {
                continue;
            }
            let names_of = |want: Name| -> String {
                d.rules
                    .iter()
                    .enumerate()
                    .filter(|(k, n)| !used[i][*k] && classify(n) == want)
                    .map(|(_, n)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            // (message, label, help)
            let mut messages: Vec<(String, &str, &str)> = Vec::new();
            let silences_nothing = "this comment silences nothing";
            if d.rules.is_empty() {
                if !used[i][0] {
                    let m = "unused suppression: no finding of any rule here".to_string();
                    messages.push((m, silences_nothing, UNUSED_HELP));
                }
            } else {
                let unknown = names_of(Name::Unknown);
                if !unknown.is_empty() {
                    let m = format!("suppression names no loaded rule or pack: {unknown}");
                    messages.push((m, "no such rule", "check the spelling against `mtlint rules`"));
                }
                let unused = names_of(Name::Active);
                if !unused.is_empty() {
                    let m = format!("unused suppression: no finding of {unused} here");
                    messages.push((m, silences_nothing, UNUSED_HELP));
                }
            }
            for (message, label, help) in messages {
                kept.push(Diagnostic {
                    rule: rule.clone(),
                    severity: Severity::Info,
                    category: Category::Consistency,
                    message,
                    span: d.span,
                    label: Some(label.to_string()),
                    labels: Vec::new(),
                    notes: Vec::new(),
                    help: Some(help.to_string()),
                    fixes: Vec::new(),
                });
            }
        }
        kept.sort_by(|a, b| (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule)));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;

    fn diag(text: &str, needle: &str, rule: &str) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from(rule),
            severity: Severity::Warning,
            category: Category::Typography,
            message: "m".into(),
            span: Span::new(s, s + needle.len()),
            label: None,
            labels: vec![],
            notes: vec![],
            help: None,
            fixes: vec![],
        }
    }

    fn run(text: &str, diags: Vec<Diagnostic>) -> Vec<(String, String)> {
        let lines = LineIndex::new(text);
        apply(text, &lines, diags, true, |n| if n.starts_with("zz") { Name::Unknown } else { Name::Active })
            .into_iter()
            .map(|d| (d.rule.to_string(), d.span.text(text).to_string()))
            .collect()
    }

    #[test]
    fn region_next_line_and_line_forms() {
        let text = "A bad.\n<!-- mtlint-disable a.x -->\nB bad.\n<!-- mtlint-enable -->\nC bad.\n\
                    # mtlint-disable-next-line a\n\nD bad.\nE bad. <!-- mtlint-disable-line -->\nF bad.\n";
        let d = ["A bad", "B bad", "C bad", "D bad", "E bad", "F bad"].iter().map(|n| diag(text, n, "a.x")).collect();
        let got: Vec<String> = run(text, d).into_iter().map(|(_, t)| t).collect();
        assert_eq!(got, vec!["A bad", "C bad", "F bad"]);
    }

    #[test]
    fn unused_suppression_is_reported_for_the_unused_rule_only() {
        let text = "<!-- mtlint-disable-next-line a.x, b.y -->\nA bad.\n";
        let got = run(text, vec![diag(text, "A bad", "a.x")]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, UNUSED_RULE);
        let lines = LineIndex::new(text);
        let out = apply(text, &lines, vec![diag(text, "A bad", "a.x")], true, |_| Name::Active);
        assert!(out[0].message.contains("`b.y`") && !out[0].message.contains("a.x"), "{}", out[0].message);
    }

    #[test]
    fn enable_of_one_rule_keeps_the_others_disabled() {
        let text = "<!-- mtlint-disable a.x b.y -->\nX.\n<!-- mtlint-enable a.x -->\nY one. Y two.\n";
        let d = vec![diag(text, "X.", "a.x"), diag(text, "Y one", "a.x"), diag(text, "Y two", "b.y")];
        let got: Vec<String> = run(text, d).into_iter().map(|(_, t)| t).collect();
        assert_eq!(got, vec!["Y one"]);
    }

    #[test]
    fn a_misspelt_rule_name_is_reported_even_when_the_comment_is_used() {
        let text = "<!-- mtlint-disable-next-line a.x zz.typo -->\nA bad.\n";
        let lines = LineIndex::new(text);
        let classify = |n: &str| if n.starts_with("zz") { Name::Unknown } else { Name::Active };
        let out = apply(text, &lines, vec![diag(text, "A bad", "a.x")], true, classify);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("no loaded rule") && out[0].message.contains("zz.typo"), "{}", out[0].message);
    }

    #[test]
    fn odd_comments_never_panic_and_a_bom_does_not_hide_a_directive() {
        for text in [
            "<!-- mtlint-disable",
            "<!--mtlint-disable-->",
            "<!-- <!-- mtlint-disable --> x",
            "#",
            "# mtlint-",
            "\r\n# mtlint-enable\r\n",
            "ä<!-- mtlint-disable-line ä -->ö",
            "# mtlint-disable-next-line",
        ] {
            let lines = LineIndex::new(text);
            let d = Diagnostic { span: Span::new(0, 0), ..diag("x", "x", "a.x") };
            let _ = apply(text, &lines, vec![d], true, |_| Name::Active);
        }
        let text = "\u{feff}# mtlint-disable-next-line a.x\nA bad.\n";
        assert!(run(text, vec![diag(text, "A bad", "a.x")]).is_empty());
    }

    #[test]
    fn text_that_only_mentions_the_word_is_no_directive() {
        let text = "# mtlint-disabled is not a directive\nA bad.\n";
        assert_eq!(run(text, vec![diag(text, "A bad", "a.x")]).len(), 1);
    }
}
