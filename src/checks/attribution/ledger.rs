//! Stages 2 and 3: the ledger of speakers and the resolution of every mention against it.
//!
//! People enter the ledger where the article introduces them (a title or apposition with a name,
//! a full name as a speaker, "a spokesman for ..."); later mentions resolve to them by surname,
//! by a role noun that fits (same role, or a generic role that fits their organization) and by
//! pronoun (the person mentioned last). Each clause gets its speaker; mentions that contradict
//! the ledger are recorded for the flags.

use super::clauses::{Clause, Kind, Mention, Parser};
use crate::diagnostic::Span;
use std::collections::HashMap;

/// Lookups into the ledger by lowercase surname and by spelling key.
#[derive(Default)]
struct Index {
    by_surname: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, Vec<usize>>,
}

/// People the gazetteer knows with a role ("Sergei Lavrov": Russian foreign minister), by
/// lowercase surname: (spelling key of the first name, role, organization).
#[derive(Default)]
pub struct Known {
    by_surname: HashMap<String, Vec<KnownPerson>>,
}

/// (spelling key of the first name, role, organization)
type KnownPerson = (Option<String>, Option<usize>, Option<usize>);

impl Known {
    pub fn new(g: &crate::gazetteer::Gazetteer, lex: &super::lexicon::Lexicon) -> Known {
        let mut k = Known::default();
        for e in g.of_type(crate::gazetteer::EntityType::Person) {
            let Some(role_text) = &e.role else { continue };
            let (role, org) = lex.describe(role_text);
            if role.is_none() && org.is_none() {
                continue;
            }
            for name in std::iter::once(&e.name).chain(&e.variants) {
                let parts: Vec<&str> = name.split_whitespace().collect();
                let Some(last) = parts.last() else { continue };
                let first = (parts.len() > 1).then(|| lex.spelling_key(parts[0]));
                k.by_surname.entry(last.to_lowercase()).or_default().push((first, role, org));
            }
        }
        k
    }

    /// Role and organization of a known person with this surname (and first name, if given).
    fn lookup(&self, surname_lower: &str, first_key: Option<&str>) -> Option<(Option<usize>, Option<usize>)> {
        let cands = self.by_surname.get(surname_lower)?;
        let mut fitting = cands.iter().filter(|(f, _, _)| match (f.as_deref(), first_key) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        });
        let (_, role, org) = fitting.next()?;
        // Two known people share the surname: say nothing.
        if fitting.any(|(_, r, o)| (r, o) != (role, org)) {
            return None;
        }
        Some((*role, *org))
    }
}

/// How many of the most recent people a role description may refer back to.
const ROLE_LOOKBACK: usize = 64;

#[derive(Debug, Clone)]
pub struct Entity {
    pub first_key: Option<String>,
    /// First name as written where the person was introduced.
    pub first: Option<String>,
    pub surname: Option<String>,
    pub role: Option<usize>,
    pub org: Option<usize>,
    /// The mention that introduced the person (name with its title).
    pub intro: Span,
    /// Name as introduced ("Sergei Ryabkov"), or the role description.
    pub label: String,
    /// Title or description as introduced.
    pub title: Option<Span>,
    /// Whether the title as introduced holds a rank word ("deputy").
    pub ranked: Option<bool>,
}

impl Entity {
    pub fn named(&self) -> bool {
        self.surname.is_some()
    }
}

/// A finding of the ledger stage.
#[derive(Debug, Clone)]
pub enum Conflict {
    /// A surname spelled differently from its introduction.
    Spelling { at: Span, entity: usize, expected: String },
    /// A title that gives a known person another organization or role.
    Title { at: Span, entity: usize },
}

pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Speaker of each clause (index into `entities`), in clause order.
    pub speakers: Vec<Option<usize>>,
    /// Clauses whose definite role description resolved to nobody.
    pub unresolved: Vec<bool>,
    pub conflicts: Vec<Conflict>,
}

enum Event {
    Intro(Mention),
    Clause(usize),
}

impl Event {
    fn pos(&self, clauses: &[Clause]) -> (usize, u8) {
        match self {
            Event::Intro(m) => (m.a, 0),
            Event::Clause(c) => (clauses[*c].mention.a.min(clauses[*c].verb.0), 1),
        }
    }
}

/// Person introductions outside clauses: a title before a name, or a name with an apposition.
pub fn introductions(p: &Parser) -> Vec<Mention> {
    let t = p.t;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let tok = &t.toks[i];
        let starts = !tok.quoted && (i == 0 || !t.joined(i) || !(t.toks[i - 1].cap || p.nameish(i - 1)));
        if !starts {
            i += 1;
            continue;
        }
        match p.forward(i).map(|m| p.with_apposition(m)) {
            Some(m) if m.kind == Kind::Name && (m.role.is_some() || m.org.is_some()) => {
                i = m.b + 1;
                out.push(m);
            }
            Some(r) if r.kind == Kind::Role => match p.named_after(&r) {
                Some(m) => {
                    i = m.b + 1;
                    out.push(m);
                }
                None => i = r.b + 1,
            },
            _ => i += 1,
        }
    }
    out
}

pub fn resolve(p: &Parser, clauses: &[Clause], intros: Vec<Mention>, known: &Known) -> Resolved {
    let lex = p.lex;
    let t = p.t;
    let mut events: Vec<Event> = intros.into_iter().map(Event::Intro).collect();
    events.extend((0..clauses.len()).map(Event::Clause));
    events.sort_by_key(|e| e.pos(clauses));
    let mut r = Resolved {
        entities: Vec::new(),
        speakers: vec![None; clauses.len()],
        unresolved: vec![false; clauses.len()],
        conflicts: Vec::new(),
    };
    let mut last_person: Option<usize> = None;
    let mut last_speaker: Option<usize> = None;
    // Name mentions already entered (token of the surname) -> entity.
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut index = Index::default();
    for ev in events {
        match ev {
            Event::Intro(m) => {
                if let Some(e) = name_entity(p, &m, &mut r, &mut seen, &mut index, known) {
                    last_person = Some(e);
                }
            }
            Event::Clause(ci) => {
                let m = &clauses[ci].mention;
                let speaker = match m.kind {
                    Kind::Name => name_entity(p, m, &mut r, &mut seen, &mut index, known),
                    Kind::Pronoun => last_person,
                    Kind::Role if m.definite => {
                        let role = m.role.expect("a role mention has a role");
                        let fits = |e: &Entity| {
                            let same_role = e.role.is_some_and(|er| er == role);
                            let same_org = m.org.is_none_or(|mo| e.org.is_none_or(|eo| eo == mo));
                            // A generic description ("the head of the government") may name the
                            // body loosely: a related body (sharing a tag) will do.
                            let related_org = m.org.is_none_or(|mo| e.org.is_none_or(|eo| lex.related(mo, eo)));
                            let generic_fit =
                                lex.roles[role].generic && e.org.is_none_or(|o| lex.role_fits(role, o)) && related_org;
                            // A body the tables do not know must be named where the person was
                            // introduced.
                            let body_ok = m.body.is_none_or(|h| {
                                e.intro.text(t.text).to_lowercase().contains(t.toks[h].lower.as_ref() as &str)
                            });
                            ((same_role && same_org) || generic_fit) && body_ok
                        };
                        let pick = last_speaker.filter(|&e| fits(&r.entities[e])).or_else(|| {
                            let n = r.entities.len();
                            (n.saturating_sub(ROLE_LOOKBACK)..n).rev().find(|&e| fits(&r.entities[e]))
                        });
                        if pick.is_none() {
                            r.unresolved[ci] = true;
                        }
                        pick
                    }
                    Kind::Role => {
                        // "a spokesman for the ministry": a new, unnamed person.
                        r.entities.push(Entity {
                            first_key: None,
                            first: None,
                            surname: None,
                            role: m.role,
                            org: m.org,
                            intro: t.span(m.a, m.b),
                            label: t.span(m.a, m.b).text(t.text).to_string(),
                            title: Some(t.span(m.a, m.b)),
                            ranked: m.ranked(p),
                        });
                        Some(r.entities.len() - 1)
                    }
                    Kind::Org | Kind::Impersonal => None,
                };
                r.speakers[ci] = speaker;
                if let Some(e) = speaker {
                    last_person = Some(e);
                    last_speaker = Some(e);
                }
            }
        }
    }
    r
}

/// Find or enter the person a name mention refers to; records conflicts with the ledger.
fn name_entity(
    p: &Parser,
    m: &Mention,
    r: &mut Resolved,
    seen: &mut HashMap<usize, usize>,
    index: &mut Index,
    known: &Known,
) -> Option<usize> {
    let lex = p.lex;
    let t = p.t;
    let s_tok = m.surname?;
    if let Some(&e) = seen.get(&s_tok) {
        return Some(e);
    }
    let surname = p.bare(s_tok).to_string();
    let skey = lex.spelling_key(&surname);
    let first_key = m.first.map(|f| lex.spelling_key(p.bare(f)));
    let same_first = |e: &Entity| match (&first_key, &e.first_key) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let lower = surname.to_lowercase();
    let exact =
        index.by_surname.get(&lower).and_then(|es| es.iter().rev().copied().find(|&e| same_first(&r.entities[e])));
    let name_span = t.span(m.first.unwrap_or(s_tok), s_tok);
    if let Some(e) = exact {
        seen.insert(s_tok, e);
        check_title(p, m, e, r);
        // "Sergei Ryabkov" ... "Sergey Ryabkov": the first name in another romanization.
        if let (Some(f), Some(known_first)) = (m.first, r.entities[e].first.clone()) {
            let written = p.bare(f);
            if !written.eq_ignore_ascii_case(&known_first) {
                let at = Span::new(t.toks[f].span.start, t.toks[f].span.start + written.len());
                r.conflicts.push(Conflict::Spelling { at, entity: e, expected: known_first });
            }
        }
        let ent = &mut r.entities[e];
        if ent.role.is_none() && !m.former && m.role.is_some() {
            ent.role = m.role;
            ent.ranked = m.ranked(p);
        }
        if ent.org.is_none() && !m.former {
            ent.org = m.org;
        }
        if ent.first_key.is_none() {
            ent.first_key = first_key;
            ent.first = m.first.map(|f| p.bare(f).to_string());
        }
        return Some(e);
    }
    // Same name in another romanization: one person spelled two ways.
    let variants: Vec<usize> = index
        .by_key
        .get(&skey)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&e| {
            let ent = &r.entities[e];
            same_first(ent)
                && skey.chars().count() >= 4
                && ent.surname.as_deref().is_some_and(|s| s.to_lowercase() != lower)
        })
        .collect();
    if let [e] = variants[..] {
        let expected = r.entities[e].surname.clone().unwrap_or_default();
        // The surname without a possessive ending, so the fix keeps the ending.
        let start = t.toks[s_tok].span.start;
        let at = Span::new(start, start + surname.len());
        r.conflicts.push(Conflict::Spelling { at, entity: e, expected });
        seen.insert(s_tok, e);
        return Some(e);
    }
    // A person the gazetteer knows brings their role when the article gives none.
    let (role, org, ranked) = if m.former {
        (None, None, None)
    } else if m.role.is_some() || m.org.is_some() {
        (m.role, m.org, m.ranked(p))
    } else {
        known.lookup(&lower, first_key.as_deref()).map_or((None, None, None), |(r, o)| (r, o, None))
    };
    r.entities.push(Entity {
        first: m.first.map(|f| p.bare(f).to_string()),
        first_key,
        surname: Some(surname),
        role,
        org,
        intro: m.title.map_or(name_span, |(a, b)| {
            let s = t.span(a, b);
            Span::new(s.start.min(name_span.start), s.end.max(name_span.end))
        }),
        label: {
            let start = t.toks[m.first.unwrap_or(s_tok)].span.start;
            t.text[start..t.toks[s_tok].span.start + p.bare(s_tok).len()].to_string()
        },
        title: m.title.map(|(a, b)| t.span(a, b)),
        ranked: if role.is_some() { ranked } else { None },
    });
    let e = r.entities.len() - 1;
    seen.insert(s_tok, e);
    index.by_surname.entry(lower).or_default().push(e);
    index.by_key.entry(skey).or_default().push(e);
    Some(e)
}

/// A title on a later mention that gives a known person another organization, or another role
/// within the same organization.
fn check_title(p: &Parser, m: &Mention, e: usize, r: &mut Resolved) {
    let lex = p.lex;
    let ent = &r.entities[e];
    if m.former || m.title.is_none() {
        return;
    }
    let org_clash = matches!((m.org, ent.org), (Some(a), Some(b)) if a != b);
    let role_clash = matches!((m.role, ent.role), (Some(a), Some(b))
        if a != b && !lex.roles[a].generic && !lex.roles[b].generic
            && !lex.roles[a].combinable && !lex.roles[b].combinable)
        && m.org.is_some()
        && m.org == ent.org;
    // "Deputy Foreign Minister Ryabkov" ... "Foreign Minister Ryabkov": the same role, another rank.
    let rank_clash = m.role.is_some()
        && m.role == ent.role
        && m.org == ent.org
        && matches!((m.ranked(p), ent.ranked), (Some(a), Some(b)) if a != b);
    if org_clash || role_clash || rank_clash {
        let (a, b) = m.title.expect("checked above");
        r.conflicts.push(Conflict::Title { at: p.t.span(a, b), entity: e });
    }
}
