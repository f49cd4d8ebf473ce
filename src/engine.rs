//! Document x RuleSet -> sorted diagnostics.
//!
//! The engine compiles every literal of every rule (phrases, casing, gazetteer names, ...) into
//! one Aho-Corasick automaton, runs it once over the text, and dispatches each match to the rules
//! that own the literal; then each rule's whole-document `check` runs.

use crate::checks::{Ctx, DocMemo};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::rules::{Rule, RuleSet};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Most findings one rule may report in one document: past it the rule is silenced for that
/// document (its last finding says so), which bounds time and memory on pathological input.
pub const MAX_FINDINGS_PER_RULE: usize = 1000;

pub struct Engine {
    pub rules: Vec<Rule>,
    automaton: Option<AhoCorasick>,
    /// automaton pattern id -> every (rule index, literal index) that registered it
    owners: Vec<Vec<(u32, u32)>>,
}

impl Engine {
    pub fn new(set: RuleSet) -> Result<Engine, String> {
        let rules = set.rules;
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (ri, rule) in rules.iter().enumerate() {
            for (li, lit) in rule.check.literals().into_iter().enumerate() {
                if lit.is_empty() {
                    continue;
                }
                let key = lit.to_ascii_lowercase();
                let id = *index.entry(key).or_insert_with(|| {
                    patterns.push(lit);
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                owners[id].push((ri as u32, li as u32));
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                // A contiguous NFA builds several times faster than a DFA over thousands of
                // patterns and still scans a news article in microseconds: start-up wins.
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the phrase automaton: {e}"))?,
            )
        };
        Ok(Engine { rules, automaton, owners })
    }

    /// Lint one text; diagnostics come back sorted by position, then rule id.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        self.lint_document(&doc)
    }

    pub fn lint_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut per_rule: Vec<Vec<Diagnostic>> = (0..self.rules.len()).map(|_| Vec::new()).collect();
        let memo = DocMemo::default();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(doc.text) {
                let span = Span::new(m.start(), m.end());
                for &(ri, li) in &self.owners[m.pattern().as_usize()] {
                    if per_rule[ri as usize].len() > MAX_FINDINGS_PER_RULE {
                        continue;
                    }
                    let rule = &self.rules[ri as usize];
                    let mut cx = Ctx { doc, meta: &rule.meta, out: &mut per_rule[ri as usize], memo: &memo };
                    rule.check.on_literal(&mut cx, li as usize, span);
                }
            }
        }
        for (ri, rule) in self.rules.iter().enumerate() {
            let mut cx = Ctx { doc, meta: &rule.meta, out: &mut per_rule[ri], memo: &memo };
            rule.check.check(&mut cx);
        }
        let mut all = Vec::new();
        for mut diags in per_rule {
            dedupe_nested(&mut diags);
            if diags.len() > MAX_FINDINGS_PER_RULE {
                diags.truncate(MAX_FINDINGS_PER_RULE);
                if let Some(last) = diags.last_mut() {
                    last.notes.push(format!(
                        "this rule fired more than {MAX_FINDINGS_PER_RULE} times in this file; later findings are not shown"
                    ));
                }
            }
            all.extend(diags);
        }
        all.retain_mut(|d| valid_spans(doc.text, d));
        all.sort_by(|a, b| (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule)));
        all
    }
}

/// Within one rule, drop a finding whose span lies inside another finding's span.
fn dedupe_nested(diags: &mut Vec<Diagnostic>) {
    if diags.len() < 2 {
        return;
    }
    diags.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        if kept.last().is_some_and(|k| k.span.contains(d.span)) {
            continue;
        }
        kept.push(d);
    }
    *diags = kept;
}

/// Guard the public contract: spans and edits lie inside the text, on char boundaries, and a
/// fix's edits do not overlap. A check that breaks it loses the finding rather than the file.
fn valid_spans(text: &str, d: &mut Diagnostic) -> bool {
    let ok = |s: Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    d.fixes.retain_mut(|f| f.normalize() && f.edits.iter().all(|e| ok(e.span())));
    d.labels.retain(|l| ok(Span::new(l.start, l.end.max(l.start))));
    ok(d.span)
}
