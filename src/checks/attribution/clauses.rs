//! Stage 1: quotations and attribution clauses.
//!
//! Works on the document's words (never re-tokenizes): each word gets its lowercase form and
//! whether it lies inside a quotation. A clause is a verb of saying with its speaker before it
//! ("Ryabkov said", "the diplomat stressed"), after it ("– said Ryabkov", "As explained Ryabkov"),
//! a source marker ("according to the diplomat") or a speaker before a colon and a quote.

use super::lexicon::{self as lx, Lexicon, Phrases};
use crate::diagnostic::Span;
use crate::document::Document;
use std::borrow::Cow;

pub struct Tok<'d> {
    pub span: Span,
    pub text: &'d str,
    /// Lowercase form (borrowed when the word has no capitals).
    pub lower: Cow<'d, str>,
    /// First letter is a capital.
    pub cap: bool,
    /// Inside a quotation (between its marks, or after an unclosed opener).
    pub quoted: bool,
    pub sentence: usize,
    pub para: usize,
}

/// Tokens of a document plus the text between them.
pub struct Toks<'d> {
    pub text: &'d str,
    pub toks: Vec<Tok<'d>>,
}

impl<'d> Toks<'d> {
    pub fn new(doc: &Document<'d>) -> Self {
        let text = doc.text;
        let mut toks: Vec<Tok> = doc
            .words
            .iter()
            .map(|w| {
                let t = doc.slice(w.span);
                Tok {
                    span: w.span,
                    text: t,
                    lower: if t.chars().any(char::is_uppercase) {
                        Cow::Owned(t.to_lowercase())
                    } else {
                        Cow::Borrowed(t)
                    },
                    cap: t.chars().next().is_some_and(char::is_uppercase),
                    quoted: false,
                    sentence: w.sentence,
                    para: doc.sentences[w.sentence].paragraph,
                }
            })
            .collect();
        for q in quote_regions(doc) {
            let a = doc.word_index_from(q.span.start);
            let b = doc.word_index_from(q.span.end);
            for t in &mut toks[a..b] {
                t.quoted = true;
            }
        }
        Toks { text, toks }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Text between token `i - 1` and token `i` ("" for the first).
    pub fn gap(&self, i: usize) -> &'d str {
        if i == 0 || i >= self.toks.len() {
            return "";
        }
        &self.text[self.toks[i - 1].span.end..self.toks[i].span.start]
    }

    /// Does token `i` continue a phrase with token `i - 1` (same sentence, only a space or hyphen)?
    pub fn joined(&self, i: usize) -> bool {
        i > 0
            && i < self.toks.len()
            && self.toks[i].sentence == self.toks[i - 1].sentence
            && self.gap(i).chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
            && !self.gap(i).is_empty()
    }

    pub fn lowers(&self) -> Vec<&str> {
        self.toks.iter().map(|t| t.lower.as_ref()).collect()
    }

    /// Span from token `a` to token `b` inclusive.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }
}

/// A quotation: balanced marks, or an unclosed opener running to the next dash or the paragraph end.
pub struct QuoteRegion {
    /// The quoted text (inside the marks).
    pub span: Span,
    /// The quotation with its marks (the opener alone for an unclosed one).
    pub outer: Span,
    pub para: usize,
    pub balanced: bool,
}

pub fn quote_regions(doc: &Document) -> Vec<QuoteRegion> {
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        for q in &doc.quotes[p.quotes.0..p.quotes.1] {
            if q.depth > 0 {
                continue;
            }
            if let Some(inner) = q.inner() {
                out.push(QuoteRegion { span: inner, outer: q.outer().unwrap_or(inner), para: pi, balanced: true });
            } else if let Some(open) = q.open {
                let rest = &doc.text[open.span.end..p.span.end];
                let end = [" – ", " — ", " - "]
                    .iter()
                    .filter_map(|d| rest.find(d))
                    .min()
                    .map_or(p.span.end, |i| open.span.end + i);
                out.push(QuoteRegion {
                    span: Span::new(open.span.end, end),
                    outer: open.span,
                    para: pi,
                    balanced: false,
                });
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Name,
    Role,
    Pronoun,
    Org,
    Impersonal,
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// Token range, inclusive.
    pub a: usize,
    pub b: usize,
    pub kind: Kind,
    /// For names: first-name token and surname token.
    pub first: Option<usize>,
    pub surname: Option<usize>,
    /// Role entry and organization named in the mention (its title, appositive or "of the ..." part).
    pub role: Option<usize>,
    pub org: Option<usize>,
    /// Tokens of the title or role description, inclusive.
    pub title: Option<(usize, usize)>,
    pub definite: bool,
    pub former: bool,
    /// Head word (token) of a body the tables do not know, named after the role: "the spokesman
    /// of Gazprom".
    pub body: Option<usize>,
}

impl Mention {
    /// Does the title hold a rank word ("deputy", "vice")? None without a title.
    pub fn ranked(&self, p: &Parser) -> Option<bool> {
        self.title.map(|(a, b)| (a..=b).any(|k| p.has(k, lx::RANK)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// "X said", "said X"
    Verb,
    /// "As said X": verb before its subject after "as".
    Inverted,
    /// "according to X"
    Source,
    /// "X: “...”"
    Colon,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub kind: ClauseKind,
    /// Tokens of the verb or marker, inclusive.
    pub verb: (usize, usize),
    pub mention: Mention,
}

/// The noun-phrase and clause parsers over the tokens, with every token's word classes.
pub struct Parser<'a, 'd> {
    pub t: &'a Toks<'d>,
    pub lex: &'a Lexicon,
    pub lowers: Vec<&'a str>,
    /// Class bits of every token (`lexicon::VERB_START`, ...).
    bits: Vec<u32>,
}

impl<'a, 'd> Parser<'a, 'd> {
    pub fn new(t: &'a Toks<'d>, lex: &'a Lexicon) -> Self {
        let lowers = t.lowers();
        let bits = lowers
            .iter()
            .map(|l| {
                let own = lex.words.get(*l).copied().unwrap_or(0);
                // "Kremlin's": the possessive keeps the word's title class.
                let bare = l.strip_suffix("’s").or_else(|| l.strip_suffix("'s"));
                own | bare.map_or(0, |b| lex.words.get(b).copied().unwrap_or(0) & lx::TITLE)
            })
            .collect();
        Parser { t, lex, lowers, bits }
    }

    pub fn has(&self, i: usize, bit: u32) -> bool {
        self.bits.get(i).is_some_and(|b| b & bit != 0)
    }

    fn table(&self, table: &Phrases, bit: u32, i: usize) -> Option<(usize, usize)> {
        if !self.has(i, bit) {
            return None;
        }
        table.at(&self.lowers, i, |x| self.t.joined(x))
    }

    pub fn verb_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.verbs, lx::VERB_START, i)
    }
    pub fn source_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.sources, lx::SOURCE_START, i)
    }
    pub fn media_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.media, lx::MEDIA_START, i)
    }
    pub fn impersonal_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.impersonal, lx::IMPERSONAL_START, i)
    }
    pub fn org_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.org_words, lx::ORG_START, i)
    }
    pub fn role_at(&self, i: usize) -> Option<(usize, usize)> {
        self.table(&self.lex.role_nouns, lx::ROLE_START, i)
    }

    fn tok(&self, i: usize) -> &Tok<'d> {
        &self.t.toks[i]
    }

    /// The word without a possessive ending.
    pub fn bare(&self, i: usize) -> &'d str {
        let s = self.tok(i).text;
        s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s)
    }

    /// Could token `i` be part of a personal name?
    pub fn nameish(&self, i: usize) -> bool {
        let t = self.tok(i);
        let bare = self.bare(i);
        let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
        t.cap
            && letters >= 2
            && !bare.contains('.')
            && !(bare.chars().all(|c| !c.is_lowercase()))
            && !self.has(i, lx::TITLE | lx::NOT_NAME | lx::PRONOUN | lx::DEFINITE | lx::INDEFINITE | lx::VERB_START)
    }

    fn titleish(&self, i: usize) -> bool {
        self.has(i, lx::TITLE)
    }

    /// Role and organization named in tokens `a..=b` (the last role noun wins).
    pub fn role_org(&self, a: usize, b: usize) -> (Option<usize>, Option<usize>, bool) {
        let (mut role, mut org, mut former) = (None, None, false);
        // After "of"/"for" following the role, nouns complement it: "press secretary of the
        // President" is a press secretary.
        let mut complement = false;
        let mut k = a;
        while k <= b {
            former |= self.has(k, lx::FORMER);
            if role.is_some() && self.has(k, lx::CONNECTOR) {
                complement = true;
            }
            // A rank word right before the role noun ("deputy minister") is not the role itself.
            if self.has(k, lx::RANK) && k < b && self.t.joined(k + 1) {
                k += 1;
                continue;
            }
            if let Some((n, id)) = self.org_at(k).filter(|(n, _)| k + n - 1 <= b) {
                org = Some(id);
                // "foreign minister", "secretary of state" name both the body and the role.
                for x in (k..k + n).filter(|_| !complement) {
                    if let Some((_, r)) = self.role_at(x) {
                        role = Some(r);
                    }
                }
                k += n;
            } else if let Some((n, id)) = self.role_at(k).filter(|(n, _)| k + n - 1 <= b) {
                if !complement {
                    role = Some(id);
                }
                k += n;
            } else {
                k += 1;
            }
        }
        (role, org, former)
    }

    /// Organization named by an "of/for/at the ..." phrase starting at `i`; returns (org, last token).
    fn org_phrase(&self, i: usize) -> Option<(usize, usize)> {
        let n = self.t.len();
        if i >= n || !self.has(i, lx::CONNECTOR) || self.has(i, lx::DEFINITE) {
            return None;
        }
        let mut k = i + 1;
        let mut found = None;
        while k < n && k <= i + 7 && self.t.joined(k) && !self.tok(k).quoted {
            if let Some((len, id)) = self.org_at(k) {
                found = Some((id, k + len - 1));
                k += len;
                continue;
            }
            if self.has(k, lx::DEFINITE | lx::CONNECTOR) || self.tok(k).cap {
                k += 1;
                continue;
            }
            break;
        }
        found
    }

    /// A body the tables do not know, named by an "of/for the ..." phrase starting at `i`:
    /// (its last capitalized word, the phrase's last token).
    fn body_phrase(&self, i: usize) -> Option<(usize, usize)> {
        let n = self.t.len();
        if i >= n || !self.has(i, lx::CONNECTOR) || self.has(i, lx::DEFINITE) {
            return None;
        }
        let mut k = i + 1;
        let mut head = None;
        while k < n && k <= i + 7 && self.t.joined(k) && !self.tok(k).quoted {
            if self.tok(k).cap && !self.has(k, lx::NOT_NAME) {
                head = Some(k);
            } else if !self.has(k, lx::DEFINITE | lx::CONNECTOR) {
                break;
            }
            k += 1;
        }
        head.map(|h| (h, h))
    }

    /// A speaker noun phrase starting at token `i`, all within one clause.
    pub fn forward(&self, i: usize) -> Option<Mention> {
        let n = self.t.len();
        if i >= n || self.tok(i).quoted {
            return None;
        }
        let blank = Mention {
            a: i,
            b: i,
            kind: Kind::Pronoun,
            first: None,
            surname: None,
            role: None,
            org: None,
            title: None,
            definite: false,
            former: false,
            body: None,
        };
        if self.has(i, lx::PRONOUN) {
            return Some(blank);
        }
        let det = self.has(i, lx::DEFINITE | lx::INDEFINITE);
        let mut k = if det { i + 1 } else { i };
        if det && !self.t.joined(k) {
            return None;
        }
        // Title or description words, then an optional name.
        let mut last_desc: Option<usize> = None;
        let mut impersonal_end: Option<usize> = None;
        while k < n && k < i + 10 && (k == i || self.t.joined(k)) && !self.tok(k).quoted {
            if let Some((len, _)) = self.org_at(k) {
                last_desc = Some(k + len - 1);
                k += len;
            } else if let Some((len, _)) = self.role_at(k) {
                last_desc = Some(k + len - 1);
                k += len;
            } else if let Some((len, _)) = self.impersonal_at(k) {
                impersonal_end = Some(k + len - 1);
                last_desc = Some(k + len - 1);
                k += len;
            } else if self.titleish(k) || (k > i && self.describes_role(k)) {
                k += 1;
            } else if self.has(k, lx::CONNECTOR)
                && last_desc.is_some()
                && k + 1 < n
                && self.t.joined(k + 1)
                && (self.titleish(k + 1) || self.has(k + 1, lx::CONNECTOR))
            {
                // "Minister of the Interior": more title follows.
                k += 1;
            } else if self.tok(k).cap && !self.nameish_run_starts(k) {
                // Nationality or place adjective ("Russian", "U.S."), part of the description.
                k += 1;
            } else {
                break;
            }
        }
        // "President of Russia Vladimir Putin": after a connector, a run of three or more
        // capitalized words starts with the place or body the title belongs to.
        if last_desc.is_some() && k + 1 < n && self.has(k, lx::CONNECTOR) && self.t.joined(k + 1) {
            let mut e = k + 1;
            while e < n && self.t.joined(e) && !self.tok(e).quoted && self.nameish(e) {
                e += 1;
            }
            if e >= k + 4 {
                k += 2;
            }
        }
        // A name run right after the description.
        let name_start = k;
        let mut e = k;
        while e < n && (e == name_start || self.t.joined(e)) && !self.tok(e).quoted && self.name_token(e) {
            e += 1;
        }
        while e > name_start && self.has(e - 1, lx::PARTICLE) {
            e -= 1;
        }
        let attached = name_start == i || self.t.joined(name_start);
        if attached && e > name_start && (e == name_start + 1 || !self.has(name_start, lx::PARTICLE)) {
            let b = e - 1;
            // "Semilarski's lawyer": the possessor is not the speaker.
            if self.bare(b).len() < self.tok(b).text.len() && b + 1 < n && self.t.joined(b + 1) {
                return None;
            }
            // "a counsellor to President Saied": when the words after the last connector hold a
            // role of their own, only they are the person's title.
            let mut a = i;
            if let Some(c) = (i..name_start).rev().find(|&c| self.has(c, lx::CONNECTOR))
                && c + 1 < name_start
                && self.role_org(c + 1, name_start - 1).0.is_some()
            {
                a = c + 1;
            }
            let (role, org, former) =
                if name_start > a { self.role_org(a, name_start - 1) } else { (None, None, false) };
            let first = (b > name_start).then_some(name_start);
            return Some(Mention {
                a,
                b,
                kind: Kind::Name,
                first,
                surname: Some(b),
                role,
                org,
                title: (name_start > a).then(|| (a, name_start - 1)),
                former,
                ..blank
            });
        }
        let last = last_desc?;
        let (mut role, mut org, former) = self.role_org(i, last);
        let mut b = last;
        let mut body = None;
        if role.is_some() && self.t.joined(last + 1) {
            if let Some((o, end)) = self.org_phrase(last + 1) {
                org = Some(o);
                b = end;
            } else if let Some((head, end)) = self.body_phrase(last + 1) {
                body = Some(head);
                b = end;
            }
        }
        let kind = if role.is_some() {
            Kind::Role
        } else if impersonal_end == Some(last) {
            Kind::Impersonal
        } else if org.is_some() {
            Kind::Org
        } else {
            return None;
        };
        if kind != Kind::Role {
            role = None;
        }
        Some(Mention {
            b,
            kind,
            role,
            org,
            title: Some((i, b)),
            definite: self.has(i, lx::DEFINITE),
            former,
            body,
            ..blank
        })
    }

    fn name_token(&self, i: usize) -> bool {
        self.nameish(i) || (self.has(i, lx::PARTICLE) && i + 1 < self.t.len() && self.t.joined(i + 1))
    }

    /// Is token `k` the start of a personal name rather than an adjective in a title ("Russian
    /// foreign minister")? A name-like word followed by title material is part of the title.
    fn nameish_run_starts(&self, k: usize) -> bool {
        if !self.nameish(k) {
            return false;
        }
        let next = k + 1;
        !(next < self.t.len()
            && self.t.joined(next)
            && !self.tok(next).quoted
            && (self.titleish(next)
                || self.org_at(next).is_some()
                || self.impersonal_at(next).is_some()
                || self.describes_role(next)))
    }

    /// A plain lowercase word right before a role noun or body ("district" in "Ruza district
    /// head"): part of a description.
    fn describes_role(&self, k: usize) -> bool {
        let next = k + 1;
        !self.tok(k).cap
            && !self.tok(k).quoted
            && !self.has(k, lx::CONNECTOR | lx::ADVERB | lx::VERB_START | lx::DEFINITE | lx::INDEFINITE | lx::PRONOUN)
            && next < self.t.len()
            && self.t.joined(next)
            && (self.role_at(next).is_some() || self.org_at(next).is_some())
    }

    /// "The Finnish ambassador in Moscow, Mikko Lahtinen, said": a role description, then (after
    /// a short phrase) a name set off by commas. The name takes the role.
    pub fn named_after(&self, r: &Mention) -> Option<Mention> {
        let t = self.t;
        let mut k = r.b + 1;
        while k < t.len() && k <= r.b + 10 && t.toks[k].sentence == t.toks[r.b].sentence && !t.toks[k].quoted {
            if t.gap(k).trim() == "," {
                let m = self.forward(k).filter(|m| m.kind == Kind::Name && m.title.is_none())?;
                let closed = m.b + 1 >= t.len() || t.gap(m.b + 1).trim_start().starts_with([',', '.', ';']);
                return closed.then_some(Mention {
                    role: r.role,
                    org: r.org,
                    title: Some((r.a, r.b)),
                    former: r.former,
                    ..m
                });
            }
            if !t.joined(k) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// A speaker noun phrase ending at token `j` (inclusive), within one clause.
    pub fn backward(&self, j: usize) -> Option<Mention> {
        let lo = j.saturating_sub(10);
        let mut start = j;
        while start > lo && self.t.joined(start) && !self.tok(start - 1).quoted {
            start -= 1;
        }
        (start..=j).find_map(|s| self.forward(s).filter(|m| m.b == j))
    }

    /// After "as" + verb, a determiner and plain words up to the end of the clause ("as reported
    /// the local newspaper,"): a subject the role and organization tables do not know.
    fn loose_subject(&self, i: usize) -> Option<Mention> {
        let n = self.t.len();
        if i >= n || !self.has(i, lx::DEFINITE | lx::INDEFINITE) {
            return None;
        }
        let mut b = i;
        while b < i + 5 {
            let next = b + 1;
            if next >= n || !self.t.joined(next) || self.tok(next).quoted {
                break;
            }
            if self.verb_at(next).is_some() {
                return None;
            }
            b = next;
        }
        let end = b + 1;
        let closed = end >= n
            || self.tok(end).sentence != self.tok(b).sentence
            || self.t.gap(end).trim_start().starts_with([',', '.', ';', ':', '–', '—']);
        // "as said the other day": a time or circumstance, not a speaker.
        (closed && b > i && !self.has(b, lx::NOT_SPEAKER)).then_some(Mention {
            a: i,
            b,
            kind: Kind::Impersonal,
            first: None,
            surname: None,
            role: None,
            org: None,
            title: Some((i, b)),
            definite: true,
            former: false,
            body: None,
        })
    }

    /// Skip adverbs and auxiliaries backwards from `i` (exclusive); the token before them.
    fn before_adverbs(&self, i: usize) -> Option<usize> {
        let mut j = i.checked_sub(1)?;
        while self.has(j, lx::ADVERB) && self.t.joined(j + 1) {
            j = j.checked_sub(1)?;
        }
        Some(j)
    }

    /// Every attribution clause in the document, in order.
    pub fn clauses(&self) -> Vec<Clause> {
        let n = self.t.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if self.tok(i).quoted {
                i += 1;
                continue;
            }
            if let Some((len, _)) = self.media_at(i) {
                // "quoted by RIA Novosti": the outlet, not the speaker.
                i += len;
                continue;
            }
            if let Some((len, _)) = self.source_at(i) {
                let after = i + len;
                if after < n
                    && self.tok(after).sentence == self.tok(i).sentence
                    && let Some(m) = self.forward(after).filter(|_| self.t.joined(after))
                {
                    out.push(Clause { kind: ClauseKind::Source, verb: (i, after - 1), mention: m });
                }
                i = after;
                continue;
            }
            let Some((len, _)) = self.verb_at(i) else {
                i += 1;
                continue;
            };
            let verb = (i, i + len - 1);
            let after = i + len;
            let same = |k: usize| k < n && self.tok(k).sentence == self.tok(i).sentence && self.t.joined(k);
            // "As explained Ryabkov": inverted.
            if i > 0 && self.has(i - 1, lx::INVERSION) && self.t.joined(i) {
                if let Some(m) =
                    same(after).then(|| self.forward(after).or_else(|| self.loose_subject(after))).flatten()
                    && (m.kind != Kind::Impersonal || m.definite)
                {
                    out.push(Clause { kind: ClauseKind::Inverted, verb, mention: m });
                }
                i = after;
                continue;
            }
            // Subject before the verb.
            let subject = self.before_adverbs(i).filter(|&j| {
                self.tok(j).sentence == self.tok(i).sentence
                    && !self.tok(j).quoted
                    && (j + 1..=i).all(|k| self.t.joined(k))
            });
            if let Some(m) = subject.and_then(|j| self.backward(j)) {
                out.push(Clause { kind: ClauseKind::Verb, verb, mention: self.with_apposition(m) });
                i = after;
                continue;
            }
            // Apposition before the verb: "Sergei Ryabkov, the deputy minister, said".
            if let Some(m) = self.appositive_subject(i) {
                out.push(Clause { kind: ClauseKind::Verb, verb, mention: m });
                i = after;
                continue;
            }
            // Subject after the verb: after a quotation, a comma or a dash, or at sentence start.
            let gap = self.t.gap(i);
            let boundary = i == 0
                || self.tok(i - 1).sentence != self.tok(i).sentence
                || gap.contains([',', '–', '—', ':', '”', '"', '»', '’'])
                || self.tok(i - 1).quoted;
            let object_verb = self.lex.object_verbs.contains(&self.lowers[i..after].join(" "));
            if boundary
                && !object_verb
                && same(after)
                && let Some(m) = self.forward(after)
            {
                // "said the deputy minister of ecology for the region, Dmitry Kurakin."
                let m = if m.kind == Kind::Role { self.named_after(&m).unwrap_or(m) } else { m };
                out.push(Clause { kind: ClauseKind::Verb, verb, mention: self.with_apposition(m) });
            }
            i = after;
        }
        // "Ryabkov: “...”"
        for (k, t) in self.t.toks.iter().enumerate() {
            if k == 0 || !t.quoted || self.tok(k - 1).quoted {
                continue;
            }
            let gap = self.t.gap(k);
            if gap.trim_start().starts_with(':')
                && self.tok(k - 1).sentence == t.sentence
                && let Some(m) = self.backward(k - 1).filter(|m| m.kind != Kind::Impersonal)
            {
                out.push(Clause { kind: ClauseKind::Colon, verb: (k - 1, k - 1), mention: m });
            }
        }
        out.sort_by_key(|c| c.verb.0);
        out
    }

    /// "Ryabkov, deputy foreign minister, said" (or "The deputy minister, Dmitry Kurkin, said"):
    /// a name and a role phrase set off by commas before the verb.
    fn appositive_subject(&self, verb: usize) -> Option<Mention> {
        if verb == 0 || self.t.gap(verb).trim() != "," {
            return None;
        }
        let inner = self.backward(verb - 1)?;
        if inner.a == 0 || self.t.gap(inner.a).trim() != "," {
            return None;
        }
        let outer = self.backward(inner.a - 1)?;
        // "The deputy minister, Dmitry Kurkin, said": the name is the inner part.
        let (role, mut name) = match (outer.kind, inner.kind) {
            (Kind::Name, Kind::Role) => (inner, outer),
            (Kind::Role, Kind::Name) if inner.title.is_none() => (outer, inner),
            _ => return None,
        };
        if name.role.is_none() {
            name.role = role.role;
            name.org = name.org.or(role.org);
            name.title = Some((role.a, role.b));
            name.former |= role.former;
        }
        Some(name)
    }

    /// A name followed by ", the/a <role> ..." takes that role as its title.
    pub fn with_apposition(&self, mut m: Mention) -> Mention {
        if m.kind != Kind::Name || m.role.is_some() {
            return m;
        }
        let k = m.b + 1;
        if k < self.t.len()
            && self.t.gap(k).trim() == ","
            && self.tok(k).sentence == self.tok(m.b).sentence
            && let Some(r) = self.forward(k).filter(|r| r.kind == Kind::Role)
        {
            let end = r.b + 1;
            let closed = end >= self.t.len() || self.t.gap(end).trim_start().starts_with([',', '.', ';', ')']);
            if closed {
                m.role = r.role;
                m.org = m.org.or(r.org);
                m.title = Some((r.a, r.b));
                m.former |= r.former;
            }
        }
        m
    }
}
