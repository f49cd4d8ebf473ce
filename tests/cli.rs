//! End-to-end tests of the `mtlint` binary: exit codes, formats, input handling, rule loading.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn mtlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    c.env_remove("NO_COLOR").current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    mtlint().args(args).output().expect("run mtlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SAMPLE: &str = "examples/talks-geneva.txt";
const CLEAN: &str = "tests/fixtures/clean-article.txt";

fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

#[test]
fn sample_article_gives_compiler_style_diagnostics_and_exit_1() {
    let o = run(&["check", SAMPLE]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("warning[caps.institution-case]: institution name in mixed case: `Ministry of foreign Affairs`")
    );
    assert!(out.contains("┌─ examples/talks-geneva.txt:1:5"), "{out}");
    assert!(out.contains("= fix: replace with `Ministry of Foreign Affairs`"));
    assert!(!out.contains("\u{1b}["), "no colour when stdout is not a terminal");
}

#[test]
fn clean_article_exits_0() {
    let o = run(&["check", CLEAN]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn missing_file_exits_2_names_it_and_other_files_are_still_linted() {
    let o = run(&["check", "--format", "concise", "no/such/article.txt", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/article.txt"), "{}", stderr(&o));
    assert!(stdout(&o).contains("examples/talks-geneva.txt:1:5: warning[caps.institution-case]"));
}

#[test]
fn jsonl_has_the_documented_fields_and_byte_offsets_into_the_stored_file() {
    let o = run(&["check", "--format", "jsonl", SAMPLE]);
    let raw = std::fs::read(SAMPLE).unwrap();
    let diags = jsonl(&o);
    assert!(!diags.is_empty());
    for d in &diags {
        for key in [
            "path",
            "rule",
            "severity",
            "category",
            "message",
            "start",
            "end",
            "line",
            "column",
            "end_line",
            "end_column",
            "fixes",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        let (s, e) = (d["start"].as_u64().unwrap() as usize, d["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&raw[s..e]).unwrap(), d["text"].as_str().unwrap());
        for f in d["fixes"].as_array().unwrap() {
            assert!(matches!(f["applicability"].as_str(), Some("safe" | "unsafe")));
            assert!(!f["edits"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn json_document_has_version_files_and_summary() {
    let o = run(&["check", "--format", "json", SAMPLE, CLEAN]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1]["path"], CLEAN);
    assert!(files[1]["diagnostics"].as_array().unwrap().is_empty());
    let n = files[0]["diagnostics"].as_array().unwrap().len() as u64;
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(
        v["summary"]["warnings"].as_u64().unwrap()
            + v["summary"]["errors"].as_u64().unwrap()
            + v["summary"]["infos"].as_u64().unwrap(),
        n
    );
}

#[test]
fn concise_lines_have_path_line_col_severity_rule_message() {
    let o = run(&["check", "--format", "concise", SAMPLE]);
    let re =
        regex::Regex::new(r"^examples/talks-geneva\.txt:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\.[a-z0-9-]+\] \S.*$")
            .unwrap();
    let out = stdout(&o);
    assert!(out.lines().count() > 3);
    for line in out.lines() {
        assert!(re.is_match(line), "{line}");
    }
}

#[test]
fn stdin_is_linted_under_its_stdin_filename() {
    let mut child = mtlint()
        .args(["check", "--format", "concise", "--stdin-filename", "draft.txt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("Officials of the state Department left.".as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("draft.txt:1:18: warning[caps.institution-case]"), "{}", stdout(&o));
}

#[test]
fn bom_and_crlf_keep_offsets_into_the_stored_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crlf.txt");
    let text = "\u{feff}Headline\r\n\r\nThe Минск talks: the defense Ministry said so.\r\n";
    std::fs::write(&p, text).unwrap();
    let o = run(&["check", "--format", "jsonl", "--select", "caps", p.to_str().unwrap()]);
    let d = &jsonl(&o)[0];
    let start = d["start"].as_u64().unwrap() as usize;
    assert_eq!(start, text.find("defense").unwrap());
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], "The Минск talks: the ".chars().count() + 1);
}

#[test]
fn directories_are_walked_for_txt_and_md_skipping_hidden_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "The defense Ministry spoke.\n";
    for name in ["a.txt", "b.md", "c.html", ".hidden.txt", "ignored.txt", "sub/d.txt"] {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bad).unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored.txt\n").unwrap();
    let o = run(&["check", "--format", "jsonl", dir.path().to_str().unwrap()]);
    let mut names: Vec<String> = jsonl(&o)
        .iter()
        .map(|d| Path::new(d["path"].as_str().unwrap()).strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    names.sort();
    assert_eq!(names, vec!["a.txt", "b.md", "sub/d.txt"]);
}

#[test]
fn select_ignore_and_fail_on_control_what_runs_and_the_exit_code() {
    let o = run(&["check", "--format", "jsonl", "--select", "caps.title-case", SAMPLE]);
    let rules: Vec<String> = jsonl(&o).iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect();
    assert!(!rules.is_empty() && rules.iter().all(|r| r == "caps.title-case"));

    let o = run(&["check", "--format", "jsonl", "--ignore", "caps", SAMPLE]);
    assert!(jsonl(&o).iter().all(|d| !d["rule"].as_str().unwrap().starts_with("caps.")));

    assert_eq!(run(&["check", "--select", "caps", "--fail-on", "error", SAMPLE]).status.code(), Some(0));
    assert_eq!(run(&["check", "--select", "caps", "--fail-on", "never", SAMPLE]).status.code(), Some(0));
    assert_eq!(run(&["check", "--select", "caps", "--fail-on", "info", SAMPLE]).status.code(), Some(1));

    let o = run(&["check", "--select", "no-such-rule", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-rule"));
}

#[test]
fn rules_lists_and_explain_documents_every_rule() {
    let o = run(&["rules", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!rules.is_empty());
    let text = stdout(&run(&["rules"]));
    for r in &rules {
        let id = r["id"].as_str().unwrap();
        assert!(text.contains(id));
        let e = run(&["explain", id]);
        assert_eq!(e.status.code(), Some(0), "explain {id}");
        let doc = stdout(&e);
        for part in
            [format!("# {id}"), "## What it finds".into(), "## Why it matters".into(), "## Examples that fire".into()]
        {
            assert!(doc.contains(&part), "explain {id} lacks {part}");
        }
    }
    assert_eq!(run(&["explain", "caps.nope"]).status.code(), Some(2));
}

fn pack_dir(pack: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("house.toml");
    std::fs::write(&p, pack).unwrap();
    (dir, p)
}

const HOUSE_PACK: &str = r#"[pack]
name = "house"

[[rule]]
id = "house.agency"
kind = "phrases"
severity = "error"
category = "consistency"
message = "house style: `{match}`"
help = "write `{replacement}`"
what = "Agency names in house style."
why = "One spelling of an agency across the site."
good = ["Interfax reported it."]
bad = [{ text = "Interfaks reported it.", fixed = "Interfax reported it." }]
fix = "safe"
phrases = [{ find = "Interfaks", replace = "Interfax" }]
"#;

#[test]
fn extra_rule_directory_adds_a_pack() {
    let (dir, _) = pack_dir(HOUSE_PACK);
    let o = mtlint()
        .args(["check", "--format", "jsonl", "--rules", dir.path().to_str().unwrap(), "--select", "house", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"Interfaks said so.")?;
            c.wait_with_output()
        })
        .unwrap();
    let d = &jsonl(&o)[0];
    assert_eq!(d["rule"], "house.agency");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["fixes"][0]["edits"][0]["replacement"], "Interfax");
}

#[test]
fn a_broken_rule_file_is_reported_at_its_place_with_exit_2() {
    let broken = HOUSE_PACK.replace("kind = \"phrases\"", "kind = \"phrases\"\nsevrity = \"error\"");
    let (dir, path) = pack_dir(&broken);
    let o = run(&["check", "--rules", dir.path().to_str().unwrap(), CLEAN]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("sevrity"), "{err}");
    assert!(err.contains(":7:"), "points at line 7: {err}");

    let bad_regex = HOUSE_PACK.replace(
        "phrases = [{ find = \"Interfaks\", replace = \"Interfax\" }]",
        "phrases = [{ find = \"Interfaks\", unless = \"(\" }]",
    );
    let (dir, _) = pack_dir(&bad_regex);
    let o = run(&["check", "--rules", dir.path().to_str().unwrap(), CLEAN]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid regex"), "{}", stderr(&o));
}

#[test]
fn help_lists_every_subcommand_and_check_option() {
    let top = stdout(&run(&["--help"]));
    for sub in ["check", "rules", "explain"] {
        assert!(top.contains(sub));
    }
    let check = stdout(&run(&["check", "--help"]));
    for opt in ["--format", "--select", "--ignore", "--fail-on", "--stdin-filename", "--rules", "--color", "--jobs"] {
        assert!(check.contains(opt), "check --help lacks {opt}");
    }
}
