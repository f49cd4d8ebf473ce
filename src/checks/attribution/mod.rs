//! `attribution`: who said it. An analyzer in stages, configured by a data file
//! (`rules/data/attribution.toml`, compiled by `lexicon`):
//!
//! 1. `clauses`: quotations (balanced, nested, unclosed) and attribution clauses around them
//!    and around reported speech: "X said", "said X", "– added X", "according to X", "As X
//!    explained", "X: “...”".
//! 2. `ledger`: a ledger of speakers as the article introduces them (name, role, organization;
//!    gazetteer people bring their role), and the resolution of later mentions (surname, role
//!    noun, pronoun) to them.
//! 3. `flags`: the findings of every flag from one analysis; each rule reports one (`flag = ...`):
//!    - `misattribution`: a quote credited to `the <role> [of <organization>]` that fits no one
//!      introduced, whose organization (or role) the article never names elsewhere, right after
//!      attributions to one introduced person;
//!    - `contradiction`: a title that gives a known person another organization, role or rank;
//!    - `spelling`: a known person's name in another romanization;
//!    - `inverted`: "As explained Ryabkov" -> "As Ryabkov explained";
//!    - `unattributed`: a quotation with no attribution in its paragraph or the next.
//!
//! The analysis of a document is shared through the engine's per-document memo (`Ctx::memo`),
//! keyed by the compiled data, so the five rules of the pack analyze each document once.
//!
//! ```toml
//! kind = "attribution"
//! flag = "misattribution"
//! data = "data/attribution.toml"   # verbs, role nouns, organizations, pronouns, ...
//! label = "quotes before this are attributed to {speaker}, introduced here"
//! ```
//! Templates: `{match}` is the flagged text; `{speaker}` the known person; `{replacement}` the
//! fix; `{introduced}` the title the person was introduced with.

mod clauses;
mod flags;
mod ledger;
mod lexicon;

use super::util::expand;
use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::Fix;
use crate::gazetteer::Gazetteer;
use flags::Raw;
use lexicon::Lexicon;
use serde::Deserialize;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Flag {
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
    /// People of the shared gazetteer with their roles, read with this lexicon.
    known: Arc<ledger::Known>,
    label: String,
    fix: FixMode,
    run_window: usize,
    min_words: usize,
}

impl Attribution {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        let file = cx.data("data", &p.data)?;
        let lex = shared_lexicon(&file.name, &file.text)?;
        let known = shared_known(cx.gazetteer, &lex);
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
            lex,
            known,
            label,
            fix,
            run_window: p.run_window,
            min_words: p.min_words.max(1),
        })
    }
}

/// Compiled lexicons by the text of their data file.
type Interned = Mutex<Vec<(String, Arc<Lexicon>)>>;

/// Rules that read the same data file share one compiled lexicon (and so one analysis).
fn shared_lexicon(name: &str, text: &str) -> Result<Arc<Lexicon>, BuildError> {
    static LEXICONS: OnceLock<Interned> = OnceLock::new();
    let mut all = LEXICONS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, lex)) = all.iter().find(|(t, _)| t == text) {
        return Ok(lex.clone());
    }
    let lex = Arc::new(Lexicon::parse(name, text)?);
    all.push((text.to_string(), lex.clone()));
    Ok(lex)
}

/// Gazetteer people read with a lexicon, shared by the rules of one rule set.
type InternedKnown = Mutex<Vec<(Arc<Gazetteer>, Arc<Lexicon>, Arc<ledger::Known>)>>;

fn shared_known(g: &Arc<Gazetteer>, lex: &Arc<Lexicon>) -> Arc<ledger::Known> {
    static KNOWN: OnceLock<InternedKnown> = OnceLock::new();
    let mut all = KNOWN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, k)) = all.iter().find(|(g2, l2, _)| Arc::ptr_eq(g, g2) && Arc::ptr_eq(lex, l2)) {
        return k.clone();
    }
    let k = Arc::new(ledger::Known::new(g, lex));
    // Holding the gazetteer keeps its address from being reused by another one.
    all.push((g.clone(), lex.clone(), k.clone()));
    k
}

impl Check for Attribution {
    fn check(&self, cx: &mut Ctx) {
        // The analysis runs once per document; every attribution rule reports its own flag of it.
        // `known` is specific to the lexicon and the gazetteer, and kept alive by the interner.
        let key = [Arc::as_ptr(&self.known) as usize as u64, self.run_window as u64, self.min_words as u64]
            .iter()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, v| (h ^ v).wrapping_mul(0x100_0000_01b3));
        let findings = cx
            .memo
            .get_or_insert(key, || flags::analyze(cx.doc, &self.lex, &self.known, self.run_window, self.min_words));
        for f in findings.of(self.flag) {
            self.emit(cx, f);
        }
    }
}

impl Attribution {
    fn emit(&self, cx: &mut Ctx, f: &Raw) {
        let vars: Vec<(&str, &str)> = f.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let message = expand(&cx.meta.message, &vars);
        let help = expand(&cx.meta.help, &vars);
        let label = expand(&self.label, &vars);
        let d = cx.report(f.span);
        d.message = message;
        d.help = (!help.is_empty()).then_some(help);
        if let Some(at) = f.label_at {
            d.add_label(at, label);
        }
        if let Some((replacement, certain)) = &f.fix {
            let mode = if *certain || self.fix == FixMode::None { self.fix } else { FixMode::Unsafe };
            if let Some(app) = mode.applicability() {
                d.fixes.push(Fix::replace(f.span, replacement.clone(), app));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clauses::{ClauseKind, Parser, Toks};
    use super::flags::Findings;
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
        let res = ledger::resolve(&p, &clauses, ledger::introductions(&p), &ledger::Known::default());
        clauses
            .iter()
            .zip(&res.speakers)
            .map(|(c, s)| {
                let who = s.map_or("-".to_string(), |e| res.entities[e].label.clone());
                (c.kind, toks.span(c.mention.a, c.mention.b).text(text).to_string(), who)
            })
            .collect()
    }

    #[test]
    fn gazetteer_roles_make_a_bare_name_a_known_speaker() {
        let mut g = Gazetteer::default();
        let file = crate::rules::SourceFile {
            name: "people.toml".into(),
            text: "[[entity]]\nname = \"Ivan Dolgov\"\ntype = \"person\"\nrole = \"Russian finance minister\"\n".into(),
        };
        g.add_file(&file).unwrap();
        let lex = lexicon();
        let known = ledger::Known::new(&g, &lex);
        let text = "Ivan Dolgov spoke on Monday. “Taxes stay,” Dolgov said. “Nothing changes,” the spokesman added.";
        let doc = Document::new(text);
        let with = flags::analyze(&doc, &lex, &known, 8, 6);
        let without = flags::analyze(&doc, &lex, &ledger::Known::default(), 8, 6);
        let spans =
            |f: &Findings| f.of(Flag::Misattribution).iter().map(|r| r.span.text(text).to_string()).collect::<Vec<_>>();
        assert_eq!(spans(&with), vec!["the spokesman".to_string()]);
        assert!(spans(&without).is_empty(), "a speaker of unknown role may be the representative");
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
    fn spelling_variant_is_the_bare_surname() {
        let text = "Deputy Minister Sergei Ryabkov spoke. “Yes,” Riabkov’s aide said. “No,” Riabkov said.";
        let doc = Document::new(text);
        let f = flags::analyze(&doc, &lexicon(), &ledger::Known::default(), 8, 6);
        let found: Vec<&str> = f.of(Flag::Spelling).iter().map(|r| r.span.text(text)).collect();
        // The possessor in "Riabkov’s aide said" is not the speaker; only the bare name is flagged.
        assert_eq!(found, vec!["Riabkov"]);
        assert_eq!(f.of(Flag::Spelling)[0].fix.as_ref().map(|(r, _)| r.as_str()), Some("Ryabkov"));
    }

    #[test]
    fn descriptions_with_places_and_names_after_commas() {
        use ClauseKind::*;
        let text = "“It works,” said Lenino district head Pavel Orlov. “It is a start,” said the deputy \
                    minister of ecology and land use for the region, Dmitry Kurkin.";
        assert_eq!(
            speakers(text),
            vec![s(Verb, "Lenino district head Pavel Orlov", "Pavel Orlov"), s(Verb, "Dmitry Kurkin", "Dmitry Kurkin")]
        );
        let text = "The deputy minister, Dmitry Kurkin, said the plan was ready. “Soon,” the minister added.";
        assert_eq!(
            speakers(text),
            vec![s(Verb, "Dmitry Kurkin", "Dmitry Kurkin"), s(Verb, "the minister", "Dmitry Kurkin")]
        );
    }

    #[test]
    fn guillemets_straight_quotes_and_dashes() {
        use ClauseKind::*;
        let text = "Mayor Olga Lind spoke. «Roads are open», – said Lind. \"We are ready,\" she added. \
                    Lind: \"Nothing else.\"";
        assert_eq!(
            speakers(text),
            vec![s(Verb, "Lind", "Olga Lind"), s(Verb, "she", "Olga Lind"), s(Colon, "Lind", "Olga Lind")]
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
