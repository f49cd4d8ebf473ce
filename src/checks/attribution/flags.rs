//! Stage 4: the flags. One analysis of a document yields the raw findings of every flag; each
//! rule then reports the findings of its own flag with its own templates and fix mode.

use super::Flag;
use super::clauses::{self, ClauseKind, Kind, Parser, Toks};
use super::ledger::{self, Conflict};
use super::lexicon::Lexicon;
use crate::diagnostic::Span;
use crate::document::Document;
use std::collections::HashMap;

/// A finding before templates: its span, template variables, where the known speaker was
/// introduced, and a replacement with whether it is certain.
pub struct Raw {
    pub span: Span,
    pub vars: Vec<(&'static str, String)>,
    pub label_at: Option<Span>,
    pub fix: Option<(String, bool)>,
}

#[derive(Default)]
pub struct Findings {
    misattribution: Vec<Raw>,
    contradiction: Vec<Raw>,
    spelling: Vec<Raw>,
    inverted: Vec<Raw>,
    unattributed: Vec<Raw>,
}

impl Findings {
    pub fn of(&self, flag: Flag) -> &[Raw] {
        match flag {
            Flag::Misattribution => &self.misattribution,
            Flag::Contradiction => &self.contradiction,
            Flag::Spelling => &self.spelling,
            Flag::Inverted => &self.inverted,
            Flag::Unattributed => &self.unattributed,
        }
    }
}

pub fn analyze(doc: &Document, lex: &Lexicon, known: &ledger::Known, run_window: usize, min_words: usize) -> Findings {
    let mut f = Findings::default();
    let toks = Toks::new(doc);
    if toks.len() == 0 {
        return f;
    }
    let p = Parser::new(&toks, lex);
    let clauses = p.clauses();
    let res = ledger::resolve(&p, &clauses, ledger::introductions(&p), known);
    f.inverted = inverted(&p, &clauses);
    f.misattribution = misattribution(&p, &clauses, &res, run_window);
    conflicts(&p, &res, &mut f);
    f.unattributed = unattributed(doc, &p, min_words);
    f
}

fn inverted(p: &Parser, clauses: &[clauses::Clause]) -> Vec<Raw> {
    let t = p.t;
    let mut out = Vec::new();
    for c in clauses.iter().filter(|c| c.kind == ClauseKind::Inverted) {
        let m = &c.mention;
        let verb = t.span(c.verb.0, c.verb.1);
        // The subject must end the clause, or moving the verb after it would split a phrase:
        // "as noted the head of the press department, ..." takes the words up to the comma.
        let ends_clause = |b: usize| {
            let next = t.text[t.toks[b].span.end..].chars().find(|c| !c.is_whitespace());
            b + 1 >= t.len()
                || t.toks[b + 1].sentence != t.toks[b].sentence
                || next.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '–' | '—'))
        };
        let mut b = m.b;
        while !ends_clause(b) && b < m.b + 10 && t.joined(b + 1) && !t.toks[b + 1].quoted {
            b += 1;
        }
        let closed = ends_clause(b);
        if !closed {
            b = m.b;
        }
        let subject = t.span(m.a, b);
        let span = Span::new(verb.start, subject.end);
        let replacement = format!("{} {}", subject.text(t.text), verb.text(t.text));
        // Certain only for a short phrase the parser recognized whole, headed by a name, a
        // pronoun or a known role or body.
        let plain = b == m.b
            && m.b - m.a < 6
            && (m.kind != Kind::Impersonal || (m.a..=m.b).any(|k| p.impersonal_at(k).or(p.org_at(k)).is_some()));
        out.push(Raw {
            span,
            vars: vec![("match", span.text(t.text).to_string()), ("replacement", replacement.clone())],
            label_at: None,
            fix: closed.then_some((replacement, plain)),
        });
    }
    out
}

fn misattribution(p: &Parser, clauses: &[clauses::Clause], res: &ledger::Resolved, run_window: usize) -> Vec<Raw> {
    let t = p.t;
    // How often every role and organization is named in the article.
    let mut role_count: HashMap<usize, usize> = HashMap::new();
    let mut org_count: HashMap<usize, usize> = HashMap::new();
    let count_in = |a: usize, b: usize, role: Option<usize>, org: Option<usize>| {
        let (mut r, mut o) = (0, 0);
        for i in a..=b {
            if p.role_at(i).is_some_and(|(_, x)| Some(x) == role) {
                r += 1;
            }
            if p.org_at(i).is_some_and(|(_, x)| Some(x) == org) {
                o += 1;
            }
        }
        (r, o)
    };
    for i in 0..t.len() {
        if let Some((_, r)) = p.role_at(i) {
            *role_count.entry(r).or_default() += 1;
        }
        if let Some((_, o)) = p.org_at(i) {
            *org_count.entry(o).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    let mut prev: Option<usize> = None; // last clause with a person as speaker
    for (ci, c) in clauses.iter().enumerate() {
        let m = &c.mention;
        if res.unresolved[ci]
            && m.kind == Kind::Role
            && let Some(pi) = prev
            && let Some(speaker) = res.speakers[pi]
        {
            let ent = &res.entities[speaker];
            let here = &t.toks[m.a];
            let there = &t.toks[clauses[pi].mention.a];
            let near =
                here.sentence.saturating_sub(there.sentence) <= run_window && here.para.saturating_sub(there.para) <= 1;
            let (r_in, o_in) = count_in(m.a, m.b, m.role, m.org);
            let role_elsewhere = m.role.is_some_and(|r| role_count.get(&r).copied().unwrap_or(0) > r_in);
            let org_elsewhere = m.org.is_some_and(|o| org_count.get(&o).copied().unwrap_or(0) > o_in);
            // Without an organization in the description, the speaker's own role must be known,
            // or the description may be theirs.
            let known = m.org.is_some() || m.body.is_some() || ent.role.is_some() || ent.org.is_some();
            // No one from the organization can have been introduced if the article never names
            // it; without an organization, the role noun itself must be new to the article.
            let body_elsewhere = m.body.is_some_and(|h| {
                let word = &t.toks[h].lower;
                t.toks.iter().enumerate().any(|(i, x)| (i < m.a || i > m.b) && x.lower == *word)
            });
            let unknown = match (m.org, m.body) {
                (Some(_), _) => !org_elsewhere,
                (None, Some(_)) => !body_elsewhere,
                (None, None) => !role_elsewhere,
            };
            if ent.named() && known && !m.former && near && unknown {
                let span = t.span(m.a, m.b);
                out.push(Raw {
                    span,
                    vars: vec![("match", span.text(t.text).to_string()), ("speaker", ent.label.clone())],
                    label_at: Some(ent.intro),
                    fix: None,
                });
            }
        }
        if res.speakers[ci].is_some() {
            prev = Some(ci);
        }
    }
    out
}

fn conflicts(p: &Parser, res: &ledger::Resolved, f: &mut Findings) {
    let text = p.t.text;
    for c in &res.conflicts {
        match c {
            Conflict::Spelling { at, entity, expected } => {
                let ent = &res.entities[*entity];
                f.spelling.push(Raw {
                    span: *at,
                    vars: vec![
                        ("match", at.text(text).to_string()),
                        ("speaker", ent.label.clone()),
                        ("replacement", expected.clone()),
                    ],
                    label_at: Some(ent.intro),
                    fix: Some((expected.clone(), true)),
                });
            }
            Conflict::Title { at, entity } => {
                let ent = &res.entities[*entity];
                let was = ent.title.map_or(String::new(), |s| s.text(text).to_string());
                f.contradiction.push(Raw {
                    span: *at,
                    vars: vec![
                        ("match", at.text(text).to_string()),
                        ("speaker", ent.label.clone()),
                        ("introduced", was),
                    ],
                    label_at: Some(ent.intro),
                    fix: None,
                });
            }
        }
    }
}

fn unattributed(doc: &Document, p: &Parser, min_words: usize) -> Vec<Raw> {
    let t = p.t;
    // Paragraphs that hold an attribution: a verb of saying or a source marker outside
    // quotations, or a colon before a quotation.
    let mut attributed = vec![false; doc.paragraphs.len()];
    for i in 0..t.len() {
        let tok = &t.toks[i];
        if attributed[tok.para] {
            continue;
        }
        if tok.quoted {
            if i > 0 && !t.toks[i - 1].quoted && t.gap(i).contains(':') {
                attributed[tok.para] = true;
            }
            continue;
        }
        if p.verb_at(i).or_else(|| p.source_at(i)).or_else(|| p.media_at(i)).is_some() {
            attributed[tok.para] = true;
        }
    }
    let ends_with_colon: Vec<bool> = doc.paragraphs.iter().map(|pa| doc.slice(pa.span).ends_with(':')).collect();
    let regions = clauses::quote_regions(doc);
    let mut has_quote = vec![false; doc.paragraphs.len()];
    regions.iter().for_each(|q| has_quote[q.para] = true);
    // A run of quoted paragraphs continues the speaker of the attributed one that opens it.
    let continues = |pi: usize| {
        let mut k = pi;
        while k > 0 {
            k -= 1;
            if attributed[k] || ends_with_colon[k] {
                return true;
            }
            if !has_quote[k] {
                return false;
            }
        }
        false
    };
    let mut out = Vec::new();
    for q in regions {
        let inner = q.span.text(t.text);
        let statement = inner.trim_end().ends_with(['.', '!', '?', '…']);
        if !q.balanced || !statement || hard_break(inner) {
            continue;
        }
        let words = doc.word_index_from(q.span.end) - doc.word_index_from(q.span.start);
        let pi = q.para;
        let covered = attributed[pi] || attributed.get(pi + 1).copied().unwrap_or(false) || continues(pi);
        if words < min_words || covered {
            continue;
        }
        // Only a quotation that is a sentence of its own: anything before or after it in the
        // sentence ("..., the team shouted") is an attribution, whatever its verb.
        let Some(si) = doc.sentence_at(q.span.start) else { continue };
        let sent = doc.sentences[si].span;
        let before = &t.text[sent.start.min(q.outer.start)..q.outer.start];
        let last = doc.sentence_at(q.outer.end).unwrap_or(si);
        let after = &t.text[q.outer.end..doc.sentences[last].span.end.max(q.outer.end)];
        let alone = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
        if !alone(before) || !alone(after) {
            continue;
        }
        out.push(Raw {
            span: q.outer,
            vars: vec![("match", q.outer.text(t.text).to_string())],
            label_at: None,
            fix: None,
        });
    }
    out
}

/// Does the text hold a line break that ends a sentence (the next line does not start in lower
/// case)? A quotation across one is a pairing of marks from different segments.
fn hard_break(s: &str) -> bool {
    s.split('\n').skip(1).any(|line| !line.trim_start().starts_with(char::is_lowercase))
}
