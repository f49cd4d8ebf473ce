//! Snapshot tests of whole-article output (insta). Review changes with care; never accept blindly.

use std::process::Command;

fn lint(path: &str, format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--color", "never", "--format", format, path])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn sample_article_human_output() {
    insta::assert_snapshot!(lint("examples/talks-geneva.txt", "human"));
}

#[test]
fn sample_article_concise_output() {
    insta::assert_snapshot!(lint("examples/talks-geneva.txt", "concise"));
}
