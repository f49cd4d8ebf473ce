//! `mtlint rules` and `mtlint explain`.

use super::{ExplainArgs, RulesArgs, load_rules};
use crate::rules::Rule;
use std::fmt::Write as _;

pub fn list(args: RulesArgs) -> u8 {
    if let Some(dir) = &args.check {
        return check_pack_dir(&args, dir);
    }
    let set = match load_rules(&args.rules, false) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let mut out = String::new();
    if args.json {
        let rows: Vec<_> = set
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": &*r.meta.id, "pack": r.meta.pack, "kind": r.meta.kind,
                    "severity": r.meta.severity, "category": r.meta.category,
                    "message": r.meta.message, "what": r.meta.what,
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&rows).unwrap_or_default();
        out.push('\n');
    } else {
        let w = set.rules.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
        for r in &set.rules {
            let _ = writeln!(
                out,
                "{:w$}  {:7}  {:14}  {}",
                r.meta.id,
                r.meta.severity.to_string(),
                r.meta.category.as_str(),
                first_line(&r.meta.what)
            );
        }
    }
    print_quietly(&out);
    0
}

pub fn explain(args: ExplainArgs) -> u8 {
    let set = match load_rules(&args.rules, false) {
        Ok(s) => s,
        Err(c) => return c,
    };
    match set.get(&args.rule) {
        Some(rule) => {
            print_quietly(&explain_text(rule));
            0
        }
        None if args.rule == crate::suppress::UNUSED_RULE => {
            use crate::suppress::{UNUSED_HELP, UNUSED_RULE, UNUSED_WHAT, UNUSED_WHY};
            print_quietly(&format!(
                "# {UNUSED_RULE}\n\ninfo · built in · reported by inline suppressions\n\n## What it finds\n\n{UNUSED_WHAT}\n\n\
                 ## Why it matters\n\n{UNUSED_WHY}\n\n## How to fix\n\n{UNUSED_HELP}\n"
            ));
            0
        }
        None => {
            eprintln!("error: unknown rule `{}` (see `mtlint rules`)", args.rule);
            2
        }
    }
}

fn first_line(s: &str) -> &str {
    s.trim().lines().next().unwrap_or("")
}

/// The documentation of one rule, as Markdown (also used to generate docs/rules/).
pub fn explain_text(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", m.id);
    let _ = writeln!(s, "{} · {} · kind `{}` · pack `{}` ({})\n", m.severity, m.category, m.kind, m.pack, m.file);
    let _ = writeln!(s, "Message: {}\n", m.message);
    let _ = writeln!(s, "## What it finds\n\n{}\n", m.what.trim());
    let _ = writeln!(s, "## Why it matters\n\n{}\n", m.why.trim());
    if !m.help.is_empty() {
        let _ = writeln!(s, "## How to fix\n\n{}\n", m.help.trim());
    }
    let _ = writeln!(s, "## Examples that fire\n");
    for b in &m.bad {
        let _ = writeln!(s, "- {}", b.text);
        if let Some(f) = &b.fixed {
            let _ = writeln!(s, "  fixed: {f}");
        }
    }
    let _ = writeln!(s, "\n## Examples that stay quiet\n");
    for g in &m.good {
        let _ = writeln!(s, "- {g}");
    }
    s
}

fn print_quietly(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// `mtlint rules --check DIR`: load the packs of DIR (with the built-in packs unless
/// `--no-builtin-rules`, so clashing ids are caught), then run every example of DIR's rules.
/// Every problem is printed compiler-style, pointing into the rule file; nothing is linted.
fn check_pack_dir(args: &RulesArgs, dir: &std::path::Path) -> u8 {
    use std::io::IsTerminal;
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if !dir.is_dir() {
        eprintln!("error: {}: not a rule directory", dir.display());
        return 2;
    }
    let mut rule_args = args.rules.clone();
    rule_args.rule_dirs.insert(0, dir.to_path_buf());
    let set = match super::load_rules(&rule_args, color) {
        Ok(s) => s,
        Err(code) => {
            eprintln!("error: the rule packs in {} do not load", dir.display());
            return code;
        }
    };
    let engine = match crate::Engine::new(set) {
        Ok(e) => e,
        Err(m) => {
            eprintln!("error: {m}");
            return 2;
        }
    };
    let in_dir = |file: &str| std::path::Path::new(file).parent() == Some(dir);
    let mine: Vec<usize> = (0..engine.rules.len()).filter(|&i| in_dir(&engine.rules[i].meta.file)).collect();
    let packs: std::collections::BTreeSet<&str> = mine.iter().map(|&i| engine.rules[i].meta.file.as_str()).collect();
    let mut failures = 0;
    for &i in &mine {
        let meta = &engine.rules[i].meta;
        let text = std::fs::read_to_string(&meta.file).ok();
        for f in crate::verify::verify_rule(&engine, i) {
            failures += 1;
            let span = text.as_deref().map_or(meta.span, |t| f.locate(t, meta));
            let err = crate::rules::RuleError::at(&meta.file, text.as_deref(), span, f.to_string_short());
            eprint!("{}", err.render(color));
        }
    }
    if failures > 0 {
        eprintln!("error: {failures} failing example(s) in {}", dir.display());
        return 2;
    }
    println!("{}: {} rules in {} packs load and pass their examples", dir.display(), mine.len(), packs.len());
    0
}
