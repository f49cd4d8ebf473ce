//! `attribution`: who said it. An analyzer in three stages, configured by a data file:
//!
//! 1. [`clauses`]: quotations (balanced, nested, unclosed) and attribution clauses around them
//!    and around reported speech: "X said", "said X", "– added X", "according to X", "As X
//!    explained", "X: “...”".
//! 2. [`ledger`]: a ledger of speakers as the article introduces them (name, role, organization),
//!    and the resolution of later mentions (surname, role noun, pronoun) to them.
//! 3. The flags, one per rule (`flag = ...`):
//!    - `misattribution`: a quote credited to "the <role> [of <organization>]" that fits no one
//!      introduced, whose role and organization the article never names elsewhere, right after
//!      attributions to one introduced person;
//!    - `contradiction`: a title that gives a known person another organization or role;
//!    - `spelling`: a known person's surname in another romanization;
//!    - `inverted`: "As explained Ryabkov" -> "As Ryabkov explained";
//!    - `unattributed`: a quotation with no attribution in its paragraph or the next.
//!
//! ```toml
//! kind = "attribution"
//! flag = "misattribution"
//! data = "data/attribution.toml"   # verbs, role nouns, organizations, pronouns, ...
//! label = "quotes before this are attributed to {speaker}, introduced here"
//! ```
//! Templates: `{match}` is the flagged text; `{speaker}` the known person; `{replacement}` the fix.

mod clauses;
mod ledger;
mod lexicon;

use super::util::expand;
use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::{Fix, Span};
use clauses::{ClauseKind, Kind, Parser, Toks};
use ledger::Conflict;
use lexicon::Lexicon;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Flag {
    Misattribution,
    Contradiction,
    Spelling,
    Inverted,
    Unattributed,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    flag: Flag,
    data: String,
    /// Secondary label on where the known speaker was introduced.
    #[serde(default)]
    label: Option<String>,
    /// Fix mode for `inverted` (safe when the subject is a plain noun phrase) and `spelling`.
    #[serde(default)]
    fix: Option<FixMode>,
    /// `misattribution`: how far back (in sentences) the previous attribution may lie.
    #[serde(default = "default_run_window")]
    run_window: usize,
    /// `unattributed`: fewest words a quotation needs to count as a quoted statement.
    #[serde(default = "default_min_words")]
    min_words: usize,
}

fn default_run_window() -> usize {
    8
}

fn default_min_words() -> usize {
    6
}

pub struct Attribution {
    flag: Flag,
    lex: Arc<Lexicon>,
    label: String,
    fix: FixMode,
    run_window: usize,
    min_words: usize,
}

impl Attribution {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let file = cx.data("data", &p.data)?;
        let lex = Lexicon::parse(&file.name, &file.text)?;
        let label = p.label.unwrap_or_else(|| match p.flag {
            Flag::Misattribution => "quotes before this are attributed to {speaker}, introduced here".to_string(),
            _ => "{speaker} was introduced here".to_string(),
        });
        let fix = p.fix.unwrap_or(match p.flag {
            Flag::Inverted => FixMode::Safe,
            Flag::Spelling => FixMode::Unsafe,
            _ => FixMode::None,
        });
        Ok(Attribution {
            flag: p.flag,
            lex: Arc::new(lex),
            label,
            fix,
            run_window: p.run_window,
            min_words: p.min_words.max(1),
        })
    }
}

impl Check for Attribution {
    fn check(&self, cx: &mut Ctx) {
        let toks = Toks::new(cx.doc);
        if toks.len() == 0 {
            return;
        }
        let parser = Parser::new(&toks, &self.lex);
        let clauses = parser.clauses();
        match self.flag {
            Flag::Inverted => self.inverted(cx, &parser, &clauses),
            Flag::Unattributed => self.unattributed(cx, &parser),
            Flag::Misattribution | Flag::Contradiction | Flag::Spelling => {
                let intros = ledger::introductions(&parser);
                let res = ledger::resolve(&parser, &clauses, intros);
                match self.flag {
                    Flag::Misattribution => self.misattribution(cx, &parser, &clauses, &res),
                    _ => self.conflicts(cx, &res),
                }
            }
        }
    }
}

impl Attribution {
    fn emit(&self, cx: &mut Ctx, span: Span, vars: &[(&str, &str)]) -> usize {
        let message = expand(&cx.meta.message, vars);
        let help = expand(&cx.meta.help, vars);
        let d = cx.report(span);
        d.message = message;
        d.help = (!help.is_empty()).then_some(help);
        cx.out.len() - 1
    }

    fn inverted(&self, cx: &mut Ctx, p: &Parser, clauses: &[clauses::Clause]) {
        let t = p.t;
        for c in clauses.iter().filter(|c| c.kind == ClauseKind::Inverted) {
            let m = &c.mention;
            let verb = t.span(c.verb.0, c.verb.1);
            let subject = t.span(m.a, m.b);
            let span = Span::new(verb.start, subject.end);
            let replacement = format!("{} {}", subject.text(t.text), verb.text(t.text));
            let next = t.text[subject.end..].chars().find(|c| !c.is_whitespace());
            let closed = m.b + 1 >= t.len()
                || t.toks[m.b + 1].sentence != t.toks[m.b].sentence
                || next.is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '–' | '—'));
            let plain = m.b - m.a < 6;
            let found = span.text(t.text).to_string();
            let i = self.emit(cx, span, &[("match", &found), ("replacement", &replacement)]);
            let fix = if !closed {
                FixMode::None
            } else if plain {
                self.fix
            } else {
                FixMode::Unsafe
            };
            if let Some(app) = fix.applicability() {
                cx.out[i].fixes.push(Fix::replace(span, replacement, app));
            }
        }
    }

    fn misattribution(&self, cx: &mut Ctx, p: &Parser, clauses: &[clauses::Clause], res: &ledger::Resolved) {
        let t = p.t;
        let lex = p.lex;
        // Where every role and organization is named in the article.
        let lowers = &p.lowers;
        let mut role_at: Vec<(usize, usize)> = Vec::new();
        let mut org_at: Vec<(usize, usize)> = Vec::new();
        for i in 0..t.len() {
            if let Some((_, r)) = lex.role_nouns.at(lowers, i, |x| t.joined(x)) {
                role_at.push((r, i));
            }
            if let Some((_, o)) = lex.org_words.at(lowers, i, |x| t.joined(x)) {
                org_at.push((o, i));
            }
        }
        let mut prev: Option<usize> = None; // last clause with a person as speaker
        for (ci, c) in clauses.iter().enumerate() {
            let m = &c.mention;
            if res.unresolved[ci]
                && m.kind == Kind::Role
                && let Some(pi) = prev
            {
                let speaker = res.speakers[pi].expect("prev has a speaker");
                let ent = &res.entities[speaker];
                let here = &t.toks[m.a];
                let there = &t.toks[clauses[pi].mention.a];
                let near = here.sentence.saturating_sub(there.sentence) <= self.run_window
                    && here.para.saturating_sub(there.para) <= 1;
                let outside = |at: usize| at < m.a || at > m.b;
                let role_elsewhere = role_at.iter().any(|&(r, at)| Some(r) == m.role && outside(at));
                let org_elsewhere = m.org.is_some_and(|o| org_at.iter().any(|&(x, at)| x == o && outside(at)));
                // The known speaker's role must be known, or the description may be theirs.
                let known = ent.role.is_some() || ent.org.is_some();
                if ent.named() && known && !m.former && near && !role_elsewhere && !org_elsewhere {
                    let span = t.span(m.a, m.b);
                    let found = span.text(t.text).to_string();
                    let speaker_name = ent.label.clone();
                    let vars = [("match", found.as_str()), ("speaker", speaker_name.as_str())];
                    let label = expand(&self.label, &vars);
                    let i = self.emit(cx, span, &vars);
                    cx.out[i].add_label(ent.intro, label);
                }
            }
            if res.speakers[ci].is_some() {
                prev = Some(ci);
            }
        }
    }

    fn conflicts(&self, cx: &mut Ctx, res: &ledger::Resolved) {
        let text = cx.text();
        for c in &res.conflicts {
            match (self.flag, c) {
                (Flag::Spelling, Conflict::Spelling { at, entity, expected }) => {
                    let ent = &res.entities[*entity];
                    let found = at.text(text).to_string();
                    let vars = [
                        ("match", found.as_str()),
                        ("speaker", ent.label.as_str()),
                        ("replacement", expected.as_str()),
                    ];
                    let label = expand(&self.label, &vars);
                    let i = self.emit(cx, *at, &vars);
                    cx.out[i].add_label(ent.intro, label);
                    if let Some(app) = self.fix.applicability() {
                        cx.out[i].fixes.push(Fix::replace(*at, expected.clone(), app));
                    }
                }
                (Flag::Contradiction, Conflict::Title { at, entity }) => {
                    let ent = &res.entities[*entity];
                    let found = at.text(text).to_string();
                    let was = ent.title.map_or(String::new(), |s| s.text(text).to_string());
                    let vars =
                        [("match", found.as_str()), ("speaker", ent.label.as_str()), ("introduced", was.as_str())];
                    let label = expand(&self.label, &vars);
                    let i = self.emit(cx, *at, &vars);
                    cx.out[i].add_label(ent.intro, label);
                }
                _ => {}
            }
        }
    }

    fn unattributed(&self, cx: &mut Ctx, p: &Parser) {
        let t = p.t;
        let doc = cx.doc;
        let lex = p.lex;
        // Paragraphs that hold an attribution: a verb of saying or a source marker outside
        // quotations, or a colon before a quotation.
        let mut attributed = vec![false; doc.paragraphs.len()];
        for i in 0..t.len() {
            let tok = &t.toks[i];
            if tok.quoted {
                if i > 0 && !t.toks[i - 1].quoted && t.gap(i).contains(':') {
                    attributed[tok.para] = true;
                }
                continue;
            }
            let j = |x: usize| t.joined(x);
            if [&lex.verbs, &lex.sources, &lex.media].iter().any(|table| table.at(&p.lowers, i, j).is_some()) {
                attributed[tok.para] = true;
            }
        }
        let ends_with_colon: Vec<bool> = doc.paragraphs.iter().map(|pa| doc.slice(pa.span).ends_with(':')).collect();
        for q in clauses::quote_regions(doc) {
            let inner = q.span.text(t.text);
            let words = doc.word_index_from(q.span.end) - doc.word_index_from(q.span.start);
            let statement = inner.trim_end().ends_with(['.', '!', '?', '…']);
            if !q.balanced || words < self.min_words || !statement || hard_break(inner) {
                continue;
            }
            // Only a quotation that is a sentence of its own: anything before or after it in the
            // sentence ("..., the team shouted") is an attribution, whatever its verb.
            let Some(si) = doc.sentence_at(q.span.start) else { continue };
            let sent = doc.sentences[si].span;
            let before = &t.text[sent.start.min(q.span.start)..q.span.start];
            let after_end =
                doc.sentences.get(doc.sentence_at(q.span.end).unwrap_or(si)).map_or(sent.end, |s| s.span.end);
            let after = &t.text[q.span.end..after_end.max(q.span.end)];
            let alone = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
            if !alone(before) || !alone(after) {
                continue;
            }
            let pi = q.para;
            let covered = attributed[pi]
                || attributed.get(pi + 1).copied().unwrap_or(false)
                || (pi > 0 && ends_with_colon[pi - 1]);
            if covered {
                continue;
            }
            let mark = doc
                .quotes
                .iter()
                .find(|x| x.open.is_some_and(|o| o.span.end == q.span.start) || x.inner() == Some(q.span))
                .and_then(|x| x.outer().or(x.open.map(|o| o.span)))
                .unwrap_or(q.span);
            let found = mark.text(t.text).to_string();
            self.emit(cx, mark, &[("match", found.as_str())]);
        }
    }
}

/// Does the text hold a line break that ends a sentence (the next line does not start in lower
/// case)? A quotation across one is a pairing of marks from different segments.
fn hard_break(s: &str) -> bool {
    s.split('\n').skip(1).any(|line| !line.trim_start().starts_with(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn lexicon() -> Lexicon {
        Lexicon::parse("attribution.toml", include_str!("../../../rules/data/attribution.toml")).unwrap()
    }

    /// Every clause as (kind, mention text, speaker label or "-").
    fn speakers(text: &str) -> Vec<(ClauseKind, String, String)> {
        let lex = lexicon();
        let doc = Document::new(text);
        let toks = Toks::new(&doc);
        let p = Parser::new(&toks, &lex);
        let clauses = p.clauses();
        let res = ledger::resolve(&p, &clauses, ledger::introductions(&p));
        clauses
            .iter()
            .zip(&res.speakers)
            .map(|(c, s)| {
                let who = s.map_or("-".to_string(), |e| res.entities[e].label.clone());
                (c.kind, toks.span(c.mention.a, c.mention.b).text(text).to_string(), who)
            })
            .collect()
    }

    fn s(kind: ClauseKind, m: &str, who: &str) -> (ClauseKind, String, String) {
        (kind, m.to_string(), who.to_string())
    }

    #[test]
    fn clause_shapes_and_resolution() {
        use ClauseKind::*;
        let text = "Deputy Foreign Minister Sergei Ryabkov spoke in Geneva. “We keep working,” – said Ryabkov. \
                    According to the diplomat, talks go on. As explained Ryabkov, nothing is agreed. \
                    The minister also stressed that “time is short.” He added: “We wait.”";
        assert_eq!(
            speakers(text),
            vec![
                s(Verb, "Ryabkov", "Sergei Ryabkov"),
                s(Source, "the diplomat", "Sergei Ryabkov"),
                s(Inverted, "Ryabkov", "Sergei Ryabkov"),
                s(Verb, "The minister", "Sergei Ryabkov"),
                s(Verb, "He", "Sergei Ryabkov"),
            ]
        );
    }

    #[test]
    fn appositions_introduce_roles_both_ways() {
        use ClauseKind::*;
        let text = "Dmitry Peskov, the Kremlin spokesman, said the date was set. \
                    The Finnish ambassador in Moscow, Mikko Lahtinen, disagreed. “No date,” Lahtinen said. \
                    “We wait,” the ambassador added. “It is set,” the spokesman said.";
        assert_eq!(
            speakers(text),
            vec![
                s(Verb, "Dmitry Peskov", "Dmitry Peskov"),
                s(Verb, "Lahtinen", "Mikko Lahtinen"),
                s(Verb, "the ambassador", "Mikko Lahtinen"),
                s(Verb, "the spokesman", "Dmitry Peskov"),
            ]
        );
    }

    #[test]
    fn unintroduced_role_stays_unresolved_and_impersonal_is_nobody() {
        use ClauseKind::*;
        let text = "Interior Minister Anna Berg spoke. “Ready,” Berg said. “Done,” summed up the representative of the Embassy. \
                    The statement said the roads were open. A spokesman for the police said: “Calm.”";
        assert_eq!(
            speakers(text),
            vec![
                s(Verb, "Berg", "Anna Berg"),
                s(Verb, "the representative of the Embassy", "-"),
                s(Verb, "The statement", "-"),
                s(Verb, "A spokesman for the police", "A spokesman for the police"),
            ]
        );
    }

    #[test]
    fn verbs_inside_quotes_and_non_speakers_make_no_clause() {
        assert!(speakers("“I said no,” was all. As expected, prices rose. As noted above, it works.").is_empty());
        assert!(speakers("As reported by the agency, it works.").is_empty());
    }

    #[test]
    fn spelling_key_joins_romanizations() {
        let lex = lexicon();
        assert_eq!(lex.spelling_key("Ryabkov"), lex.spelling_key("Riabkov"));
        assert_eq!(lex.spelling_key("Khodorkovsky"), lex.spelling_key("Hodorkovskiy"));
        assert_ne!(lex.spelling_key("Ryabkov"), lex.spelling_key("Rybakov"));
    }
}
