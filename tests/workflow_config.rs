//! mtlint.toml: discovery, every key, errors that point at the key, `mtlint init`.

mod workflow_support;

use workflow_support::*;

fn rules_fired(o: &Out) -> Vec<String> {
    jsonl(&o.stdout).iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn nearest_config_wins_walking_up_from_each_file() {
    let t = project();
    write(t.path(), "news/desk/b.txt", &read(&t.path().join("news/a.txt")));
    write(t.path(), "mtlint.toml", "select = [\"caps\"]\nignore = [\"caps.title-case\"]\n");
    write(t.path(), "news/desk/mtlint.toml", "select = [\"caps.title-case\"]\n");
    let o = run(t.path(), &["check", "--format", "jsonl", "news"]);
    let diags = jsonl(&o.stdout);
    let for_path = |p: &str| -> Vec<&str> {
        diags.iter().filter(|d| d["path"].as_str().unwrap().ends_with(p)).map(|d| d["rule"].as_str().unwrap()).collect()
    };
    let a = for_path("news/a.txt");
    let b = for_path("desk/b.txt");
    assert!(!a.is_empty() && a.iter().all(|r| *r == "caps.institution-case"), "{a:?}");
    assert!(!b.is_empty() && b.iter().all(|r| *r == "caps.title-case"), "{b:?}");
    // --config overrides discovery; --isolated ignores every file.
    let cfg = write(t.path(), "other.toml", "select = [\"caps.institution-case\"]\n");
    let o = run(t.path(), &["check", "--format", "jsonl", "--config", cfg.to_str().unwrap(), "news/desk/b.txt"]);
    assert!(rules_fired(&o).iter().all(|r| r == "caps.institution-case"));
    let o = run(t.path(), &["check", "--format", "jsonl", "--isolated", "news/desk/b.txt"]);
    let r = rules_fired(&o);
    assert!(r.contains(&"caps.title-case".to_string()) && r.contains(&"caps.institution-case".to_string()));
}

#[test]
fn severity_overrides_and_fail_on() {
    let t = project();
    write(
        t.path(),
        "mtlint.toml",
        "select = [\"caps\"]\nfail-on = \"error\"\n[severity]\ncaps = \"info\"\n\"caps.title-case\" = \"error\"\n",
    );
    let o = run(t.path(), &["check", "--format", "jsonl", "news/a.txt"]);
    for d in jsonl(&o.stdout) {
        let want = if d["rule"] == "caps.title-case" { "error" } else { "info" };
        assert_eq!(d["severity"], want, "{d}");
    }
    assert_eq!(o.code, 1, "title-case is an error now");
    write(t.path(), "mtlint.toml", "select = [\"caps\"]\nfail-on = \"error\"\n[severity]\ncaps = \"info\"\n");
    assert_eq!(run(t.path(), &["check", "news/a.txt"]).code, 0, "only infos, fail-on error");
    assert_eq!(run(t.path(), &["check", "--fail-on", "info", "news/a.txt"]).code, 1, "the flag wins");
}

#[test]
fn exclude_extensions_and_per_path_ignores() {
    let t = project();
    let text = read(&t.path().join("news/a.txt"));
    write(t.path(), "news/archive/old.txt", &text);
    write(t.path(), "news/opinion/col.txt", &text);
    write(t.path(), "news/wire.text", &text);
    write(
        t.path(),
        "mtlint.toml",
        "extensions = [\"txt\", \".text\"]\nexclude = [\"news/archive/**\"]\n\
         [per-path-ignores]\n\"news/opinion/*.txt\" = [\"caps.title-case\"]\n",
    );
    let o = run(t.path(), &["check", "--format", "jsonl", "."]);
    let diags = jsonl(&o.stdout);
    let paths: std::collections::BTreeSet<&str> = diags.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.iter().any(|p| p.ends_with("wire.text")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("archive")), "{paths:?}");
    let opinion: Vec<&str> = diags
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("opinion"))
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!opinion.is_empty() && !opinion.contains(&"caps.title-case"), "{opinion:?}");
    // Named files are linted even when excluded, unless --force-exclude (pre-commit, editors).
    let old = "news/archive/old.txt";
    assert_eq!(run(t.path(), &["check", old]).code, 1);
    let o = run(t.path(), &["check", "--force-exclude", "--format", "jsonl", old, "news/a.txt"]);
    assert!(!o.stdout.contains("archive") && o.stdout.contains("news/a.txt"), "{}", o.stdout);
    let args = ["check", "--fix", "--force-exclude", "--stdin-filename", old, "-"];
    let o = run_in(t.path(), &args, text.as_bytes());
    assert_eq!((o.code, o.stdout.as_str()), (0, text.as_str()), "excluded buffer comes back untouched");
}

#[test]
fn rule_dirs_and_gazetteers_load_relative_to_the_config() {
    let t = tempdir();
    house_pack(&t.path().join("style"));
    write(t.path(), "mtlint.toml", "rule-dirs = [\"style/house\"]\nselect = [\"house\"]\n");
    write(t.path(), "desk/a.txt", "Interfaks reported it.\n");
    let o = run(&t.path().join("desk"), &["check", "--format", "jsonl", "a.txt"]);
    assert_eq!(rules_fired(&o), vec!["house.agency"], "{}", o.stderr);
    // A newsroom gazetteer is loaded: an error in it is reported with its own file name.
    write(t.path(), "people.toml", "[[entity]]\nname = \"Ana Ruiz\"\ntype = \"person\"\nrole = 3\n");
    write(t.path(), "mtlint.toml", "gazetteers = [\"people.toml\"]\n");
    let o = run(t.path(), &["check", "--select", "caps", "desk/a.txt"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("people.toml:4:"), "{}", o.stderr);
    write(t.path(), "people.toml", "[[entity]]\nname = \"Ana Ruiz\"\ntype = \"person\"\n");
    assert_eq!(run(t.path(), &["check", "--select", "caps", "desk/a.txt"]).code, 0);
}

/// The `line:col` of the first `┌─ FILE:LINE:COL` in compiler-style output.
fn pointed_line(stderr: &str) -> usize {
    let at = stderr.find("mtlint.toml:").unwrap_or_else(|| panic!("no location in: {stderr}"));
    let rest = &stderr[at + "mtlint.toml:".len()..];
    rest.split(':').next().unwrap().parse().unwrap()
}

#[test]
fn config_errors_point_at_the_key() {
    let t = project();
    let cases: &[(&str, usize, &str)] = &[
        ("select = [\"caps\"]\n\nfail_on = \"error\"\n", 3, "unknown field `fail_on`"),
        ("ignore = []\nfail-on = \"sometimes\"\n", 2, "unknown variant `sometimes`"),
        (
            "[severity]\n\"caps.title-case\" = \"warning\"\n\"caps.nope\" = \"error\"\n",
            3,
            "unknown rule or pack `caps.nope`",
        ),
        ("select = [\n  \"caps\",\n  \"capz\",\n]\n", 3, "unknown rule or pack `capz`"),
        ("exclude = [\"a/**\", \"b/[\"]\n", 1, "invalid glob"),
        ("\n\nrule-dirs = [\"no/such/dir\"]\n", 3, "does not exist"),
        ("extensions = \"txt\"\n", 1, "invalid type"),
        ("select = [\"caps\"\n", 1, ""),
    ];
    for (text, line, needle) in cases {
        write(t.path(), "mtlint.toml", text);
        let o = run(t.path(), &["check", "news/a.txt"]);
        assert_eq!(o.code, 2, "{text:?} should be an error");
        assert!(o.stderr.contains(needle), "{text:?}: {}", o.stderr);
        assert_eq!(pointed_line(&o.stderr), *line, "{text:?}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "nothing is linted with a broken config");
    }
}

#[test]
fn init_writes_a_starter_that_loads_and_refuses_to_overwrite() {
    let t = project();
    let o = run(t.path(), &["init"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = read(&t.path().join("mtlint.toml"));
    assert!(text.lines().filter(|l| l.starts_with('#')).count() > 10, "starter is commented");
    assert_eq!(run(t.path(), &["check", "news/a.txt"]).code, 1, "the starter config loads and lints");
    assert_eq!(run(t.path(), &["init"]).code, 2, "no overwrite without --force");
    assert_eq!(run(t.path(), &["init", "--force"]).code, 0);
    // Uncommenting the documented examples gives a valid config too.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let uncommented =
        uncommented.replace("rule-dirs = [\"style/rules\"]", "").replace("gazetteers = [\"style/people.toml\"]", "");
    write(t.path(), "mtlint.toml", &uncommented);
    let o = run(t.path(), &["check", "news/a.txt"]);
    assert_ne!(o.code, 2, "uncommented starter fails: {}", o.stderr);
}

#[test]
fn pyproject_tool_mtlint_table_is_a_config_too() {
    let t = project();
    write(
        t.path(),
        "pyproject.toml",
        "[project]\nname = \"newsroom-tools\"\n\n[tool.mtlint]\nselect = [\"caps.title-case\"]\n",
    );
    let o = run(t.path(), &["check", "--format", "jsonl", "news/a.txt"]);
    let r = rules_fired(&o);
    assert!(!r.is_empty() && r.iter().all(|x| x == "caps.title-case"), "{r:?} {}", o.stderr);
    // Errors point into pyproject.toml.
    write(t.path(), "pyproject.toml", "[project]\nname = \"x\"\n\n[tool.mtlint]\nselect = [\"caps.nope\"]\n");
    let o = run(t.path(), &["check", "news/a.txt"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("pyproject.toml:5:"), "{}", o.stderr);
    // mtlint.toml in the same folder wins.
    write(t.path(), "mtlint.toml", "select = [\"caps.institution-case\"]\n");
    let r = rules_fired(&run(t.path(), &["check", "--format", "jsonl", "news/a.txt"]));
    assert!(!r.is_empty() && r.iter().all(|x| x == "caps.institution-case"), "{r:?}");
    // A pyproject.toml without the table is not a config: the search goes on upwards.
    std::fs::remove_file(t.path().join("mtlint.toml")).unwrap();
    write(t.path(), "news/pyproject.toml", "[project]\nname = \"y\"\n");
    assert_eq!(run(t.path(), &["check", "news/a.txt"]).code, 2, "the root pyproject (with its bad name) is used");
}
