//! The names fixture: an article of our own with the name artifacts of machine translation.
//! Asserts exactly which name rules fire where, what their fixes make of the text, and that the
//! correct sentences of the same article stay quiet.

use mtlint::fix::{FixLevel, apply};
use mtlint::{Engine, RuleSet};

const NAME_PACKS: &[&str] = &["caps", "names", "consistency"];

fn lint(text: &str) -> Vec<(String, String)> {
    let mut set = RuleSet::builtin().expect("built-in rules load");
    set.filter(&NAME_PACKS.iter().map(|s| s.to_string()).collect::<Vec<_>>(), &[]);
    let engine = Engine::new(set).unwrap();
    engine.lint(text).iter().map(|d| (d.rule.to_string(), d.span.text(text).to_string())).collect()
}

#[test]
fn names_fixture_fires_exactly_where_expected() {
    let text = include_str!("fixtures/names-kazan-talks.txt");
    let found = lint(text);
    let expected: &[(&str, &str)] = &[
        ("caps.institution-case", "Ministry of agriculture"),
        ("caps.title-case", "Deputy foreign Minister"),
        ("names.nationality-case", "russian"),
        ("caps.institution-case", "National security Council"),
        ("names.surname-case", "tröger"),
        ("consistency.name-case", "wendtland"),
        ("names.entity-wrong-form", "“Union-90/Green”"),
        ("consistency.name-spelling", "Zelenskyy"),
        ("consistency.abbreviation", "US"),
        ("names.genitive-calque", "administration biden"),
        // Both true: the calque and the lowercased surname (their fixes overlap; the calque's wins).
        ("names.entity-case", "biden"),
        ("names.genitive-calque", "administration Trump"),
        ("caps.institution-case", "Foreign ministry"),
        ("names.entity-case", "Vladimir putin"),
        ("consistency.name-case", "wendtland"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(r, t)| (r.to_string(), t.to_string())).collect();
    assert_eq!(found, expected, "name diagnostics on the fixture differ");
}

#[test]
fn names_fixture_fixes_give_news_style() {
    let text = include_str!("fixtures/names-kazan-talks.txt");
    let mut set = RuleSet::builtin().unwrap();
    set.filter(&NAME_PACKS.iter().map(|s| s.to_string()).collect::<Vec<_>>(), &[]);
    let engine = Engine::new(set).unwrap();
    let (fixed, n) = apply(text, &engine.lint(text), FixLevel::Unsafe);
    assert_eq!(n, 14);
    for want in [
        "The Ministry of Agriculture of Russia",
        "Deputy Foreign Minister Andrei Rudenko",
        "the Russian side",
        "the National Security Council of Ukraine",
        "Klaus Wendtland, a lawmaker from the party Alliance 90/The Greens, asked",
        "Later that day Zelensky's office",
        "and the U.S. Navy said nothing",
        "until the Biden administration offers",
        "with the Trump administration.",
        "The Foreign Ministry of Turkey",
        "would call Vladimir Putin on Monday",
        "the plan; Wendtland said",
        "the Bundestag deputy Jürgen Tröger.",
    ] {
        assert!(fixed.contains(want), "fixed text lacks {want:?}:\n{fixed}");
    }
    // Quiet parts stay as written.
    for keep in ["The foreign minister said", "state department of agriculture of Kansas", "his trump card"] {
        assert!(fixed.contains(keep), "fixed text changed {keep:?}");
    }
    assert!(lint(&fixed).is_empty(), "fixed text still fires: {:?}", lint(&fixed));
}

#[test]
fn name_rules_survive_odd_input() {
    for text in [
        "",
        "the administration",
        "Donald",
        "Donald ",
        "“Union-90/Green",
        "U.S.",
        "US",
        "ÖSTERREICH öffnet Grenzen. Öl. ööö Ööö ö",
        "Mark\u{301} röttgen\u{200d}",
        "\u{feff}The Ministry of foreign\r\nAffairs said. foreign Ministry",
        "Sergei Ryabkov's  office; the administration trump's",
        "Zelenskyy Zelensky Zelenskiy zelensky ZELENSKY",
        "a\u{0308}bc Ábc ábc Àbc",
    ] {
        for (rule, found) in lint(text) {
            assert!(!found.is_empty(), "{rule} reported an empty span on {text:?}");
        }
    }
}

#[test]
fn newsroom_gazetteer_extends_a_builtin_entity() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("house.toml");
    std::fs::write(
        &file,
        "[[entity]]\nname = \"Olaf Scholz\"\ntype = \"person\"\nwrong = [\"Olaf Sholts\"]\n\n\
         [[entity]]\nname = \"Ivan Petrenkov\"\ntype = \"person\"\nvariants = [\"Ivan Petrenkow\"]\n",
    )
    .unwrap();
    let opts = mtlint::rules::LoadOptions { builtin: true, gazetteers: vec![file], ..Default::default() };
    let set = RuleSet::load(&opts).expect("rules load with a newsroom gazetteer");
    let scholz: Vec<_> = set.gazetteer.entities.iter().filter(|e| e.name == "Olaf Scholz").collect();
    assert_eq!(scholz.len(), 1, "the duplicate entity merges into the built-in one");
    assert!(scholz[0].wrong.iter().any(|w| w == "Olaf Sholts"));
    let engine = Engine::new(set).unwrap();
    let text = "Chancellor Olaf Sholts met Ivan Petrenkov. Later Petrenkov and Petrenkov spoke, and Petrenkow left.";
    let found: Vec<(String, String)> =
        engine.lint(text).iter().map(|d| (d.rule.to_string(), d.span.text(text).to_string())).collect();
    assert!(found.contains(&("names.entity-wrong-form".to_string(), "Olaf Sholts".to_string())), "{found:?}");
    assert!(found.contains(&("consistency.name-spelling".to_string(), "Petrenkow".to_string())), "{found:?}");
}
