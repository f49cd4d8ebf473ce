//! Helpers shared by the tests/workflow_*.rs suites: run the binary, make scratch projects.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `mtlint ARGS` in `dir` with `stdin` as input.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mtlint");
    {
        let mut si = child.stdin.take().unwrap();
        let _ = si.write_all(stdin);
    }
    let o = child.wait_with_output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

pub fn run(dir: &Path, args: &[&str]) -> Out {
    run_in(dir, args, b"")
}

/// A scratch directory under the target directory, not /tmp: mtlint looks for mtlint.toml in
/// every parent folder, and a stray /tmp/mtlint.toml must not change what the tests see.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample articles shipped with the repository (examples and workflow fixtures).
pub fn sample_articles() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures/workflow"] {
        if let Ok(rd) = std::fs::read_dir(manifest().join(dir)) {
            let mut v: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
                .collect();
            v.sort();
            out.extend(v);
        }
    }
    assert!(out.len() >= 3, "sample articles missing");
    out
}

/// A scratch directory holding a copy of the Vienna fixture as `news/a.txt`.
pub fn project() -> tempfile::TempDir {
    let t = tempdir();
    std::fs::create_dir_all(t.path().join("news")).unwrap();
    std::fs::copy(manifest().join("tests/fixtures/workflow/ministers-vienna.txt"), t.path().join("news/a.txt"))
        .unwrap();
    t
}

pub fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// Parse JSON Lines output.
pub fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("jsonl line")).collect()
}

/// A newsroom pack in `dir/house/`: a safe fix (`Interfaks` -> `Interfax`), an unsafe one
/// (`in connection with` -> `because of`) and advice without a fix (`it should be noted`).
pub fn house_pack(dir: &Path) -> PathBuf {
    write(
        dir,
        "house/house.toml",
        r#"[pack]
name = "house"

[[rule]]
id = "house.agency"
kind = "phrases"
severity = "warning"
category = "consistency"
message = "house style: `{match}`"
help = "write `{replacement}`"
what = "Agency names in house style."
why = "One spelling of an agency across the site."
good = ["Interfax reported the vote."]
bad = [{ text = "Interfaks reported the vote.", fixed = "Interfax reported the vote." }]
fix = "safe"
phrases = [{ find = "Interfaks", replace = "Interfax" }]

[[rule]]
id = "house.because"
kind = "phrases"
severity = "warning"
category = "mistranslation"
message = "calque: `{match}`"
help = "write `{replacement}` if that is the meaning"
what = "A calque of a Russian causal phrase."
why = "English news says it more directly."
good = ["The road closed because of snow."]
bad = [{ text = "The road closed in connection with snow.", fixed = "The road closed because of snow." }]
fix = "unsafe"
phrases = [{ find = "in connection with", replace = "because of" }]

[[rule]]
id = "house.noted"
kind = "phrases"
severity = "info"
category = "mistranslation"
message = "filler: `{match}`"
help = "drop the phrase and state the fact"
what = "A filler phrase of translated copy."
why = "It delays the fact."
good = ["The vote was close."]
bad = [{ text = "It should be noted that the vote was close." }]
fix = "none"
phrases = [{ find = "it should be noted" }]
"#,
    );
    dir.join("house")
}
