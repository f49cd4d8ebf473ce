//! Property tests over generated text: the whole pipeline keeps its promises (see
//! `verify::pipeline_invariants`) and the document model's spans nest and stay on char
//! boundaries, whatever the input. The fuzz target (fuzz/) checks the same contract unguided.

use mtlint::input::{Encoding, decode_with};
use mtlint::rules::{LoadOptions, RuleSet};
use mtlint::{Document, Engine, verify};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/all-kinds");
        let set = RuleSet::load(&LoadOptions { builtin: true, dirs: vec![pack], ..LoadOptions::default() })
            .unwrap_or_else(|e| panic!("{e:?}"));
        Engine::new(set).unwrap()
    })
}

/// Pieces of news text and of everything that trips tokenizers: rule triggers, quotes of every
/// style, abbreviations, line ends of every kind, non-ASCII letters, combining marks, emoji.
const PIECES: &[&str] = &[
    "state Department",
    "State Duma",
    "Ministry of foreign Affairs",
    "it became known",
    "in the framework of",
    "2,5 billion",
    " ,",
    " .",
    "on earth",
    "don't",
    "don’t",
    "x",
    "Mr.",
    "U.S.",
    "Nov. 29",
    "J.",
    "e.g.",
    "said",
    "the",
    "talks",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    ".",
    "!",
    "?",
    "…",
    ",",
    ":",
    ";",
    "—",
    "–",
    "-",
    "“",
    "”",
    "„",
    "\"",
    "«",
    "»",
    "‘",
    "’",
    "'",
    "(",
    ")",
    "[",
    "]",
    "доллар",
    "Министерство",
    "ё",
    "é",
    "e\u{301}",
    "\u{feff}",
    "\u{a0}",
    "\u{200b}",
    "😀",
    "👩‍👩‍👧",
    "ß",
    "İ",
    "ǅ",
    "Σ",
    "0",
    "42",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => news_text(), 1 => any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_pipeline_keeps_its_promises(text in any_text()) {
        if let Err(broken) = verify::pipeline_invariants(engine(), &text) {
            prop_assert!(false, "{}", broken);
        }
    }

    #[test]
    fn document_spans_nest_and_sit_on_char_boundaries(text in any_text()) {
        let doc = Document::new(&text);
        let on = |s: mtlint::Span| s.start <= s.end && s.end <= text.len()
            && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
        let mut prev_end = 0;
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            prop_assert!(on(p.span) && p.span.start >= prev_end && !p.span.is_empty());
            prev_end = p.span.end;
            for si in p.sentences.0..p.sentences.1 {
                let s = doc.sentences[si];
                prop_assert!(on(s.span) && p.span.contains(s.span) && s.paragraph == pi);
                for w in &doc.words[s.words.0..s.words.1] {
                    prop_assert!(on(w.span) && s.span.contains(w.span) && w.sentence == si);
                }
            }
            for q in &doc.quotes[p.quotes.0..p.quotes.1] {
                let m = q.mark();
                prop_assert!(on(m.span) && p.span.contains(m.span));
                if let Some(inner) = q.inner() {
                    prop_assert!(on(inner) && inner.start <= inner.end);
                }
            }
        }
        prop_assert!(doc.words.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        prop_assert!(doc.sentences.windows(2).all(|s| s[0].span.end <= s[1].span.start));
    }

    #[test]
    fn columns_never_run_backwards_within_a_line(text in any_text()) {
        let doc = Document::new(&text);
        let mut last = (1, 0);
        for (pos, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let lc = doc.lines.line_col(&text, pos);
            prop_assert!(lc > last, "{:?} then {:?} at {}", last, lc, pos);
            prop_assert!(lc.0 <= doc.lines.len());
            last = lc;
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), which in 0..3u8) {
        let enc = [Encoding::Utf8, Encoding::Latin1, Encoding::Cp1251][which as usize];
        match decode_with(bytes.clone(), "p.txt", enc) {
            Ok(text) => {
                prop_assert!(!bytes.contains(&0));
                // UTF-8 is taken as it is; a legacy decoding gives one char per byte.
                prop_assert!(text.as_bytes() == &bytes[..] || (enc != Encoding::Utf8 && text.chars().count() == bytes.len()));
                prop_assert!(verify::pipeline_invariants(engine(), &text).is_ok());
            }
            Err(e) => prop_assert!(e.skipped || (enc == Encoding::Utf8 && e.message.contains("invalid UTF-8"))),
        }
    }
}
