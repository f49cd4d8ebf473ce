//! Bad rule packs, end to end: `mtlint rules --check DIR` and `mtlint check --rules DIR` report
//! each problem compiler-style, pointing at the line in the rule file, and exit 2.

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mtlint");

/// A valid rule; tests break one thing in it.
const GOOD_RULE: &str = r#"[pack]
name = "news"

[[rule]]
id = "news.calque"
kind = "phrases"
severity = "warning"
category = "calque"
message = "calque: `{match}`"
help = "write `{replacement}`"
what = "A phrase copied word for word from Russian."
why = "It reads as a literal translation."
good = ["It was reported on Monday."]
bad = [{ text = "It became known on Monday.", fixed = "It was reported on Monday." }]
phrases = [{ find = "it became known", replace = "it was reported" }]
"#;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(BIN).current_dir(dir).args(args).stdin(Stdio::null()).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Write `packs/news.toml` with `GOOD_RULE` edited by `from -> to`; return the temp dir.
fn pack_with(from: &str, to: &str) -> tempfile::TempDir {
    assert!(GOOD_RULE.contains(from), "test edit does not apply: {from}");
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("packs")).unwrap();
    std::fs::write(d.path().join("packs/news.toml"), GOOD_RULE.replacen(from, to, 1)).unwrap();
    std::fs::write(d.path().join("article.txt"), "It became known on Monday.\n").unwrap();
    d
}

/// Both entry points fail with the message, and point at `line` of the pack file.
fn assert_reported(d: &tempfile::TempDir, message: &str, line: usize) {
    let place = format!("packs/news.toml:{line}:");
    let (code, _, err) = run(d.path(), &["rules", "--check", "packs"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(message), "`{message}` not in:\n{err}");
    assert!(err.contains(&place), "`{place}` not in:\n{err}");
    let (code, out, err2) = run(d.path(), &["check", "--rules", "packs", "article.txt"]);
    assert_eq!(code, 2, "{err2}");
    assert!(out.is_empty(), "nothing is linted with a broken pack: {out}");
    assert!(err2.contains(message) && err2.contains(&place), "{err2}");
}

#[test]
fn a_valid_pack_passes_and_is_used() {
    let d = pack_with("", "");
    let (code, out, err) = run(d.path(), &["rules", "--check", "packs"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("packs: 1 rules in 1 packs load and pass their examples"), "{out}");
    let (code, out, _) = run(d.path(), &["check", "--format", "concise", "--rules", "packs", "article.txt"]);
    assert_eq!(code, 1);
    assert!(out.contains("article.txt:1:1: warning[news.calque]"), "{out}");
}

#[test]
fn toml_syntax_errors_point_at_the_place() {
    let d = pack_with("severity = \"warning\"", "severity = \"warning");
    assert_reported(&d, "error: ", 7);
}

#[test]
fn unknown_keys_are_named() {
    let d = pack_with("phrases = [", "phrasez = [");
    assert_reported(&d, "unknown field `phrasez`", 15);
    let d = pack_with("help = ", "hlep = ");
    assert_reported(&d, "unknown field `hlep` (did you mean `help`?)", 10);
}

#[test]
fn unknown_check_kinds_list_the_known_ones() {
    let d = pack_with("kind = \"phrases\"", "kind = \"phrase\"");
    assert_reported(&d, "unknown check kind `phrase` (known: ", 6);
}

#[test]
fn unknown_enum_values_point_at_the_value() {
    let d = pack_with("category = \"calque\"", "category = \"fluency\"");
    assert_reported(&d, "unknown variant `fluency`", 8);
}

#[test]
fn duplicate_ids_point_at_the_second_definition() {
    let second = GOOD_RULE.split_once("[[rule]]").unwrap().1;
    let d = pack_with("", "");
    let text = format!("{GOOD_RULE}\n[[rule]]{second}");
    std::fs::write(d.path().join("packs/news.toml"), &text).unwrap();
    let line = text[..text.rfind("id = ").unwrap()].lines().count() + 1;
    assert_reported(&d, "duplicate rule id `news.calque`", line);
}

#[test]
fn duplicates_of_built_in_ids_are_caught_unless_built_ins_are_off() {
    let d = pack_with("", "");
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let copy = d.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(&builtin).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "toml") {
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
    }
    let (code, _, err) = run(d.path(), &["rules", "--check", "copy"]);
    assert_eq!(code, 2);
    assert!(err.contains("duplicate rule id"), "{err}");
    // The built-in packs themselves validate on their own.
    let (code, out, err) = run(d.path(), &["rules", "--check", builtin.to_str().unwrap(), "--no-builtin-rules"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("load and pass their examples"), "{out}");
}

#[test]
fn invalid_regexes_point_at_the_key() {
    let d = pack_with(
        "phrases = [{ find = \"it became known\", replace = \"it was reported\" }]",
        "phrases = [{ find = \"it became known\", replace = \"it was reported\", unless = \"(unclosed\" }]",
    );
    assert_reported(&d, "invalid regex in `unless`", 15);
}

#[test]
fn oversized_regexes_are_refused() {
    let d =
        pack_with("kind = \"phrases\"", "kind = \"pattern\"\npattern = '\\w{1000}\\w{1000}\\w{1000}'\nfix = \"none\"");
    let text = std::fs::read_to_string(d.path().join("packs/news.toml")).unwrap();
    std::fs::write(
        d.path().join("packs/news.toml"),
        text.replace("phrases = [{ find = \"it became known\", replace = \"it was reported\" }]\n", ""),
    )
    .unwrap();
    assert_reported(&d, "invalid regex in `pattern`", 7);
}

#[test]
fn failing_examples_point_at_the_example() {
    let d = pack_with("bad = [{ text = \"It became known", "bad = [{ text = \"It is known");
    let (code, _, err) = run(d.path(), &["rules", "--check", "packs"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad example does not fire: \"It is known on Monday.\""), "{err}");
    assert!(err.contains("packs/news.toml:14:18"), "{err}");
    assert!(err.contains("1 failing example(s) in packs"), "{err}");
    let d = pack_with("good = [\"It was reported", "good = [\"It became known");
    let (code, _, err) = run(d.path(), &["rules", "--check", "packs"]);
    assert_eq!(code, 2);
    assert!(err.contains("good example fires on \"It became known\""), "{err}");
    assert!(err.contains("packs/news.toml:13:"), "{err}");
}

#[test]
fn a_rule_directory_that_is_not_one() {
    let d = pack_with("", "");
    let (code, _, err) = run(d.path(), &["rules", "--check", "article.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("article.txt: not a rule directory"), "{err}");
    let (code, _, err) = run(d.path(), &["rules", "--check", "missing"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn the_all_kinds_test_pack_is_valid() {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/all-kinds");
    let (code, out, err) = run(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules", "--check", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("4 rules in 1 packs"), "{out}");
}
