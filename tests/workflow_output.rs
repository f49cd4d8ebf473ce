//! CI output: github, sarif, junit; --statistics, --exit-zero, baselines; suppressions end to end.

mod workflow_support;

use serde_json::Value;
use workflow_support::*;

#[test]
fn sarif_has_the_required_shape_rules_regions_and_fixes() {
    let t = project();
    let o = run(t.path(), &["check", "--format", "sarif", "news/a.txt"]);
    assert_eq!(o.code, 1);
    let doc: Value = serde_json::from_str(&o.stdout).expect("SARIF is JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "mtlint");
    let rules = driver["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for r in rules {
        assert!(r["id"].is_string());
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!r[key]["text"].as_str().unwrap_or("").is_empty(), "rule {} lacks {key}", r["id"]);
        }
        assert!(["error", "warning", "note"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let text = read(&t.path().join("news/a.txt"));
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], id, "ruleIndex points at the rule");
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "news/a.txt");
        let region = &loc["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key}");
        }
        let (off, len) =
            (region["byteOffset"].as_u64().unwrap() as usize, region["byteLength"].as_u64().unwrap() as usize);
        assert_eq!(&text[off..off + len], region["snippet"]["text"].as_str().unwrap());
        let line = text.lines().nth(region["startLine"].as_u64().unwrap() as usize - 1).unwrap();
        let col = region["startColumn"].as_u64().unwrap() as usize - 1;
        assert!(line.chars().skip(col).collect::<String>().starts_with(region["snippet"]["text"].as_str().unwrap()));
    }
    // At least one result carries a fix whose replacement applies to the right bytes.
    let fix = results.iter().find_map(|r| r["fixes"].as_array().and_then(|f| f.first()).cloned()).expect("a fix");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "news/a.txt");
    let rep = &change["replacements"][0];
    assert!(rep["deletedRegion"]["byteOffset"].is_u64() && rep["insertedContent"]["text"].is_string());
    assert!(!fix["description"]["text"].as_str().unwrap().is_empty());
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let t = project();
    let o = run(t.path(), &["check", "--format", "github", "news/a.txt"]);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(["::warning ", "::error ", "::notice "].iter().any(|p| l.starts_with(p)), "{l}");
        assert!(l.contains(" file=news/a.txt,line="), "{l}");
        let (props, msg) = l[2..].split_once("::").unwrap();
        assert!(props.contains(",endLine=") && props.contains("title=mtlint "), "{props}");
        assert!(!msg.contains('\n') && msg.contains("%0Ahelp: "), "{msg}");
    }
    // Commas and colons in a path are escaped so they cannot split the properties.
    write(t.path(), "a,b:c.txt", "The state Department said.\n");
    let o = run(t.path(), &["check", "--format", "github", "a,b:c.txt"]);
    assert!(o.stdout.contains("file=a%2Cb%3Ac.txt,"), "{}", o.stdout);
}

#[test]
fn junit_counts_cases_and_escapes() {
    let t = project();
    write(t.path(), "news/clean.txt", "The State Department said <nothing> & left.\n");
    let o = run(t.path(), &["check", "--format", "junit", "news"]);
    let x = &o.stdout;
    assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert!(x.trim_end().ends_with("</testsuites>"));
    assert_eq!(x.matches("<testsuite ").count(), 2);
    let failures = x.matches("<failure ").count();
    let n = jsonl(&run(t.path(), &["check", "--format", "jsonl", "news"]).stdout).len();
    assert_eq!(failures, n);
    assert_eq!(x.matches("<testcase ").count(), n + 1, "the clean file is one passing case");
    assert!(x.contains(&format!("tests=\"{}\" failures=\"{n}\"", n + 1)));
    assert!(!x.contains("<nothing>"));
}

#[test]
fn statistics_and_exit_zero() {
    let t = project();
    let o = run(t.path(), &["check", "--statistics", "news/a.txt"]);
    assert_eq!(o.code, 1);
    let n = jsonl(&run(t.path(), &["check", "--format", "jsonl", "news/a.txt"]).stdout).len();
    let total: usize = o.stdout.lines().last().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(total, n);
    assert!(o.stdout.contains("caps.institution-case") && o.stdout.contains("fixable"), "{}", o.stdout);
    let j: Value =
        serde_json::from_str(&run(t.path(), &["check", "--statistics", "--format", "json", "news/a.txt"]).stdout)
            .unwrap();
    let sum: u64 = j.as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(sum as usize, n);
    let o = run(t.path(), &["check", "--exit-zero", "news/a.txt"]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("caps.institution-case"), "findings are still printed");
    assert_eq!(run(t.path(), &["check", "--exit-zero", "news/missing.txt"]).code, 2, "errors still fail");
}

#[test]
fn baseline_survives_edits_elsewhere_and_reports_new_findings() {
    let t = project();
    let file = t.path().join("news/a.txt");
    let o = run(t.path(), &["check", "--select", "caps", "--write-baseline", "mtlint-baseline.json", "news"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let b: Value = serde_json::from_str(&read(&t.path().join("mtlint-baseline.json"))).unwrap();
    assert!(b["entries"].as_array().unwrap().iter().all(|e| e["path"] == "news/a.txt" && e.get("line").is_none()));
    let o = run(t.path(), &["check", "--select", "caps", "--baseline", "mtlint-baseline.json", "news"]);
    assert_eq!((o.code, o.stdout.trim()), (0, "No problems found in 1 file."), "{}", o.stdout);
    // Edits elsewhere (a new first paragraph moves every line) keep the baseline valid...
    let text = read(&file);
    let edited = format!("An editor's note added on top.\n\nAnd one more paragraph.\n\n{text}");
    std::fs::write(&file, &edited).unwrap();
    let o = run(
        t.path(),
        &["check", "--select", "caps", "--baseline", "mtlint-baseline.json", "--format", "jsonl", "news"],
    );
    assert_eq!(o.stdout, "", "moved findings are still known");
    // ...while a new mistake, even a copy of a known one, is reported.
    std::fs::write(&file, format!("{edited}\nThe state Department was asked again.\n")).unwrap();
    let o = run(
        t.path(),
        &["check", "--select", "caps", "--baseline", "mtlint-baseline.json", "--format", "jsonl", "news"],
    );
    let new = jsonl(&o.stdout);
    assert_eq!(new.len(), 1, "{}", o.stdout);
    assert_eq!(new[0]["text"], "state Department");
    assert_eq!(o.code, 1);
    // The baseline resolves paths against its own directory, wherever mtlint runs.
    let o =
        run(&t.path().join("news"), &["check", "--baseline", "../mtlint-baseline.json", "--format", "jsonl", "a.txt"]);
    assert_eq!(jsonl(&o.stdout).len(), 1, "{}{}", o.stdout, o.stderr);
    assert_eq!(run(t.path(), &["check", "--baseline", "nope.json", "news"]).code, 2);
}

#[test]
fn suppressions_in_markdown_and_plain_text_and_unused_ones_reported() {
    let t = tempdir();
    std::fs::copy(manifest().join("tests/fixtures/workflow/council-notes.md"), t.path().join("c.md")).unwrap();
    let sel = "caps,mtlint.unused-suppression";
    let o = run(t.path(), &["check", "--select", sel, "--format", "jsonl", "c.md"]);
    let texts: Vec<String> = jsonl(&o.stdout).iter().map(|d| d["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, vec!["National security Council", "foreign Ministry"], "suppressed lines stay quiet");
    write(
        t.path(),
        "p.txt",
        "# mtlint-disable-next-line caps.institution-case -- the quote is verbatim\n\
         The state Department said so.\n\n\
         # mtlint-disable-next-line caps.title-case\n\
         The foreign ministry said so.\n",
    );
    let o = run(t.path(), &["check", "--select", sel, "--format", "jsonl", "p.txt"]);
    let d = jsonl(&o.stdout);
    assert_eq!(d.len(), 1, "{}", o.stdout);
    assert_eq!(d[0]["rule"], "mtlint.unused-suppression");
    assert_eq!(d[0]["severity"], "info");
    assert_eq!(d[0]["line"], 4);
    assert_eq!(o.code, 0, "an unused suppression is info only");
    // It can be turned off, and explained.
    write(t.path(), "mtlint.toml", "report-unused-suppressions = false\n");
    assert_eq!(run(t.path(), &["check", "--select", "caps", "--format", "jsonl", "p.txt"]).stdout, "");
    assert_eq!(run(t.path(), &["check", "--select", sel, "--format", "jsonl", "p.txt"]).stdout, "");
    let e = run(t.path(), &["explain", "mtlint.unused-suppression"]);
    assert_eq!(e.code, 0);
    assert!(e.stdout.contains("How to fix"));
}
