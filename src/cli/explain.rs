//! `mtlint rules` and `mtlint explain`.

use super::{ExplainArgs, RulesArgs, load_rules};
use crate::rules::Rule;
use std::fmt::Write as _;

pub fn list(args: RulesArgs) -> u8 {
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
