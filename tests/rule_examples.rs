//! Every example of every built-in rule: bad examples fire and fix to `fixed`, good ones stay quiet.

use mtlint::{Engine, RuleSet};

#[test]
fn builtin_rule_examples_hold() {
    let set = RuleSet::builtin().unwrap_or_else(|errs| {
        panic!("built-in rules fail to load:\n{}", errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))
    });
    assert!(!set.rules.is_empty());
    let engine = Engine::new(set).unwrap();
    let failures = mtlint::verify::verify_all(&engine);
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_rule_is_documented_without_template_text() {
    let set = RuleSet::builtin().unwrap();
    for r in &set.rules {
        let m = &r.meta;
        for (field, value) in [("what", &m.what), ("why", &m.why), ("help", &m.help)] {
            assert!(value.trim().len() >= 10, "{}: `{field}` is too short to document the rule", m.id);
            let lower = value.to_lowercase();
            assert!(
                !lower.contains("todo") && !lower.contains("lorem") && !lower.contains("fixme"),
                "{}: `{field}` holds placeholder text",
                m.id
            );
        }
        assert!(!m.message.ends_with('.') && !m.message.starts_with(char::is_uppercase), "{}: message style", m.id);
    }
}
