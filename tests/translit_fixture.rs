//! The transliteration rules on a fixture article of our own: what fires, where, with which fix,
//! and that the legitimate spellings in the same article stay quiet.

use mtlint::fix::{FixLevel, apply};
use mtlint::{Engine, RuleSet};

fn engine() -> Engine {
    let mut set = RuleSet::builtin().expect("built-in rules load");
    set.filter(&["translit".to_string()], &[]);
    Engine::new(set).unwrap()
}

#[test]
fn fixture_article_fires_exactly_where_names_are_garbled() {
    let text = std::fs::read_to_string("tests/fixtures/translit-summit.txt").unwrap();
    let diags = engine().lint(&text);
    let found: Vec<(&str, &str, Option<&str>)> = diags
        .iter()
        .map(|d| {
            let fix = d.fixes.first().and_then(|f| f.edits.first()).map(|e| e.replacement.as_str());
            (&*d.rule, &text[d.span.start..d.span.end], fix)
        })
        .collect();
    let expected: Vec<(&str, &str, Option<&str>)> = vec![
        ("translit.round-trip", "Dzhordzh Bush", Some("George Bush")),
        ("translit.round-trip", "Gerkhard Shreder", Some("Gerhard Schroeder")),
        ("translit.round-trip", "Dzhordzh Bush", Some("George Bush")),
        ("translit.round-trip", "Gerkhard Shreder", Some("Gerhard Schroeder")),
        ("translit.round-trip", "Angela Merkel'", Some("Angela Merkel")),
        ("translit.cyrillic-word", "Коммерсант", None),
        ("translit.homoglyph", "Mоscow", Some("Moscow")),
        ("translit.round-trip", "Shreder", Some("Schroeder")),
        ("translit.arabic-article", "an-Nusra", Some("al-Nusra")),
        ("translit.arabic-article", "ash-Shabab", Some("al-Shabaab")),
        ("translit.arabic-article", "al-sham", Some("al-Sham")),
        ("translit.homoglyph", "С", Some("C")),
    ];
    assert_eq!(found, expected);
    let cyr = diags.iter().find(|d| &*d.rule == "translit.cyrillic-word").unwrap();
    assert!(cyr.help.as_deref().unwrap_or("").contains("Kommersant"), "help suggests a romanization: {:?}", cyr.help);
}

#[test]
fn fixing_the_fixture_leaves_nothing_to_flag() {
    let e = engine();
    let text = std::fs::read_to_string("tests/fixtures/translit-summit.txt").unwrap();
    let (fixed, n) = apply(&text, &e.lint(&text), FixLevel::Unsafe);
    assert_eq!(n, 11);
    assert!(fixed.contains("George Bush said on Tuesday that his talks with Gerhard Schroeder in 2003"));
    let left: Vec<String> = e.lint(&fixed).iter().map(|d| d.rule.to_string()).collect();
    assert_eq!(left, vec!["translit.cyrillic-word".to_string()]);
}

#[test]
fn odd_input_never_panics_and_spans_stay_on_char_boundaries() {
    let e = engine();
    let inputs = [
        "",
        "'",
        "Merkel'",
        "Merkel’s ‘Merkel' Merkel'",
        "ash-",
        "-ash-Sh al-",
        "al-ш EN-Nусра ad-Dаwla",
        "Dzhordzh\u{301} Bush\u{0}",
        "Dzhordzh-Bush Dzhordzh  Bush Dzhordzh\nBush",
        "С",
        "оо о М. Сс",
        "Коммерсант.рф Коммерсант@ /Коммерсант",
        "Gerkhard Shreder' Shreder'' x",
    ];
    for t in inputs {
        for d in e.lint(t) {
            assert!(t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end), "{t:?}: {d:?}");
            for f in &d.fixes {
                for ed in &f.edits {
                    assert!(t.is_char_boundary(ed.start) && t.is_char_boundary(ed.end) && ed.end <= t.len());
                }
            }
        }
    }
}

#[test]
fn odd_gazetteer_people_load_and_stay_sane() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("odd.toml");
    std::fs::write(
        &g,
        r#"
[[entity]]
name = "Владимир Путин"
type = "person"

[[entity]]
name = "Seán O'Brien-Ó Súilleabháin"
type = "person"

[[entity]]
name = "X"
type = "person"

[[entity]]
name = "Grzegorz Krychowiak"
type = "person"
"#,
    )
    .unwrap();
    let opts = mtlint::rules::LoadOptions { builtin: true, gazetteers: vec![g], ..Default::default() };
    let mut set = RuleSet::load(&opts).unwrap_or_else(|_| panic!("odd gazetteer must load"));
    set.filter(&["translit.round-trip".to_string()], &[]);
    let e = Engine::new(set).unwrap();
    let text = "Vladimir Putin met Sean O'Brien. Midfielder Grzhegozh Krykhovyak scored.";
    let found: Vec<&str> = e.lint(text).iter().map(|d| &text[d.span.start..d.span.end]).collect();
    // The Polish name is not in the token table: the letter rules' guesses still find it.
    assert_eq!(found, vec!["Krykhovyak"]);
}
