//! A machine-translated article of our own with the artifacts of the phrasing packs: what fires,
//! where, and what the fixes make of it.

use mtlint::fix::{FixLevel, fix_until_stable};
use mtlint::{Engine, RuleSet};

const ARTICLE: &str = include_str!("fixtures/phrasing-ru-mt.txt");

fn engine() -> Engine {
    Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("engine builds")
}

/// (rule, flagged text) of every diagnostic of the phrasing packs.
fn findings(engine: &Engine, text: &str) -> Vec<(String, String)> {
    let packs = ["calques-ru.", "typography.", "locale.", "boilerplate."];
    engine
        .lint(text)
        .into_iter()
        .filter(|d| packs.iter().any(|p| d.rule.starts_with(p)))
        .map(|d| (d.rule.to_string(), d.span.text(text).to_string()))
        .collect()
}

#[test]
fn phrasing_fixture_fires_where_expected() {
    let engine = engine();
    let found = findings(&engine, ARTICLE);
    let expect = [
        ("typography.quote-dash", "”, – said Peskov"),
        ("typography.quoted-name", "agency “Interfax”"),
        ("calques-ru.false-friend", "carry out negotiations"),
        ("calques-ru.idiom", "in the nearest future"),
        ("calques-ru.connector", "within the framework of"),
        ("calques-ru.reporting", "it became known"),
        ("locale.decimal-comma", "4,5"),
        ("locale.numeric-date", "01.03.2021"),
        ("typography.unbalanced-quotes", "“"),
        ("calques-ru.idiom", "last year’s snow"),
        ("typography.quote-dash", "” – summed up the official"),
        ("calques-ru.discourse-opener", "Note that"),
        ("calques-ru.false-friend", "deputy from"),
        ("typography.quoted-name", "party “Just Russia”"),
        ("typography.vice-title", "Vice-Premier"),
        ("typography.glued-words", "confirmedthat"),
        ("typography.glued-words", "theParliament"),
        ("typography.double-space", "  "),
        ("typography.space-before-punctuation", " "),
        ("boilerplate.page-furniture", "Share this news"),
        ("boilerplate.page-furniture", "Share to VKontakte"),
        ("boilerplate.page-furniture", "Photo: press service of the Kremlin"),
    ];
    for (rule, text) in expect {
        assert!(found.iter().any(|(r, t)| r == rule && t == text), "expected {rule} on {text:?}; found:\n{found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "unexpected findings:\n{found:#?}");
}

#[test]
fn phrasing_fixture_fixes_read_as_english() {
    let engine = engine();
    let own = |t: &str| engine.lint(t);
    let (safe, _) = fix_until_stable(ARTICLE, FixLevel::Safe, 10, own);
    // Safe fixes: decimal comma, glued words, spacing; nothing else changes.
    assert!(safe.contains("fall by 4.5% from"));
    assert!(safe.contains("confirmed that the documents"));
    assert!(safe.contains("to the Parliament next week"));
    assert!(safe.contains("went on as planned, officials"));
    assert!(safe.contains("“Interfax”"), "unsafe fixes must wait for --unsafe-fixes");
    let (all, _) = fix_until_stable(ARTICLE, FixLevel::Unsafe, 10, own);
    assert!(all.contains("agreed,” Peskov said, quoted by the agency Interfax."));
    assert!(all.contains("“old news,” the official summed up."));
    assert!(all.contains("will hold talks in the near future under the union treaty"));
    assert!(all.contains("from March 1, 2021."));
    assert!(!all.contains("Share this news") && !all.contains("Share to VKontakte") && !all.contains("Photo:"));
    // Fixing converges: a second lint of the fixed text finds no fixable phrasing issue left.
    let again = engine.lint(&all);
    assert!(again.iter().all(|d| d.fixes.is_empty() || !d.rule.starts_with("locale.")), "{again:#?}");
}

#[test]
fn edited_english_stays_quiet() {
    let engine = engine();
    let clean = "Kremlin denies report of new gas talks with Minsk\n\n\
        The Kremlin on Wednesday denied a newspaper report of secret gas talks with Belarus. \
        “Nothing of the kind is being discussed,” Dmitry Peskov told Interfax.\n\n\
        The two sides will hold talks soon under the union treaty, he said. Prices could fall \
        by 4.5% from March 1, 2021, and about 3,500 companies would benefit.\n\n\
        Deputy Prime Minister Alexey Overchuk confirmed that the documents would be sent to \
        parliament. “It is old news,” an official said, adding: “We will wait.”\n";
    let found = findings(&engine, clean);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn bad_input_does_not_panic() {
    let engine = engine();
    for text in
        ["“", "”, –", "”, – said", "29.02.2021", "3,5", "\u{feff}Share", "a\r\nShare this news\r\n", "theА", "”,"]
    {
        for d in engine.lint(text) {
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
    }
}

#[test]
fn random_text_never_breaks_spans_or_fixes() {
    let engine = engine();
    let pieces = [
        "“",
        "”",
        "\"",
        "«",
        "»",
        "’",
        ", – said ",
        "said",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        "29.11.2016",
        "3,5 million",
        "4,7%",
        "confirmedthat",
        "theMinistry",
        "Russiaand",
        "Share this news",
        "Photo: AP",
        "party",
        "RIA",
        "Novosti",
        "it became known",
        "Note that",
        "on earth",
        "Vice-Premier",
        " ,",
        "ё",
        "Дума",
        "🙂",
        "\u{feff}",
        "0.",
        ".",
        "-",
        "—",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..24 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let diags = engine.lint(&text);
        for d in &diags {
            assert!(
                d.span.end <= text.len() && text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end)
            );
            for f in &d.fixes {
                for e in &f.edits {
                    assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "{text:?}");
                }
            }
        }
        // Applying every safe fix, pass after pass, converges: no safe fix is left over.
        let (fixed, _) = fix_until_stable(&text, FixLevel::Safe, 10, |t| engine.lint(t));
        let left: Vec<_> = engine
            .lint(&fixed)
            .into_iter()
            .filter(|d| d.fixes.iter().any(|f| f.applicability == mtlint::Applicability::Safe))
            .map(|d| d.rule.to_string())
            .collect();
        assert!(left.is_empty(), "{text:?} -> {fixed:?}: {left:?}");
    }
}
