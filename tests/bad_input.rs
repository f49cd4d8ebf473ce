//! The bad-input catalogue, end to end through the binary: every bad input gets a message naming
//! the file (and the place, where there is one), the run exits 2, and every other file is still
//! linted. No test depends on timing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mtlint");

/// A clean sentence and one with a finding of the built-in `caps.institution-case` rule.
const CLEAN: &str = "The Ministry of Foreign Affairs said on Monday that talks would go on.\n";
const FINDING: &str = "Officials of the state Department declined to comment.\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn done(o: Output) -> Run {
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    done(Command::new(BIN).current_dir(dir).args(args).stdin(Stdio::null()).output().expect("mtlint runs"))
}

fn run_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mtlint runs");
    let mut stdin = child.stdin.take().unwrap();
    // The reader may stop early (size limit): a write error here is part of the test.
    let _ = stdin.write_all(input);
    drop(stdin);
    done(child.wait_with_output().unwrap())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The good file's finding is reported: the run went on past the bad input.
fn assert_other_file_linted(r: &Run, name: &str) {
    assert!(
        r.stdout.contains(&format!("{name}:1:18: warning[caps.institution-case]")),
        "the other file was not linted:\n{}\n{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn invalid_utf8_names_the_file_line_column_and_byte() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", FINDING);
    write(d.path(), "bad.txt", b"First line is fine.\nSecond \xe9t\xe9 line.\n");
    let r = run_in(d.path(), &["check", "--format", "concise", "bad.txt", "good.txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("error: bad.txt: invalid UTF-8 at line 2, column 8 (byte 27, 0xe9)"), "{}", r.stderr);
    assert!(r.stderr.contains("--encoding"), "the message says how to go on: {}", r.stderr);
    assert_other_file_linted(&r, "good.txt");
}

#[test]
fn legacy_encodings_are_decoded_on_request() {
    let d = tempfile::tempdir().unwrap();
    // "Москва: " in Windows-1251, then a finding.
    let mut cp1251 = vec![0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0, b':', b' '];
    cp1251.extend_from_slice(FINDING.as_bytes());
    write(d.path(), "cp.txt", &cp1251);
    let mut latin1 = b"Caf\xe9 news: ".to_vec();
    latin1.extend_from_slice(FINDING.as_bytes());
    write(d.path(), "l1.txt", &latin1);
    let r = run_in(d.path(), &["check", "--format", "json", "--select", "caps", "--encoding", "cp1251", "cp.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let diags = &v["files"][0]["diagnostics"];
    assert_eq!(diags.as_array().unwrap().len(), 1, "{}", r.stdout);
    // Columns count the decoded characters: 8 Cyrillic/ASCII chars, then "Officials of the ".
    assert_eq!(diags[0]["column"], 26, "{}", r.stdout);
    let r = run_in(d.path(), &["check", "--format", "concise", "--encoding", "latin1", "l1.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("l1.txt:1:29: warning[caps.institution-case]"), "{}", r.stdout);
    // Without the flag the same file is an error.
    assert_eq!(run_in(d.path(), &["check", "l1.txt"]).code, 2);
}

#[test]
fn binary_files_are_skipped_with_a_note_not_a_failure() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", CLEAN);
    write(d.path(), "image.txt", b"GIF89a\x01\x00\x00\x00state Department\n");
    write(d.path(), "utf16.txt", b"\xff\xfeH\x00i\x00");
    let r = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(r.code, 0, "a skipped binary file does not fail the run: {}", r.stderr);
    assert!(r.stderr.contains("note: ./image.txt: binary file (NUL byte at line 1, byte 7), skipped"), "{}", r.stderr);
    assert!(r.stderr.contains("note: ./utf16.txt: UTF-16 text"), "{}", r.stderr);
    assert!(!r.stdout.contains("image.txt"), "nothing is reported inside a binary file: {}", r.stdout);
}

#[test]
fn empty_and_blank_files_are_clean() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "empty.txt", "");
    write(d.path(), "blank.txt", "\n\r\n  \t\n\r");
    write(d.path(), "bom.txt", "\u{feff}");
    let r = run_in(d.path(), &["check", "empty.txt", "blank.txt", "bom.txt"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("No problems found in 3 files."), "{}", r.stdout);
    let r = run_stdin(d.path(), &["check", "-"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A line far longer than any article: linted, located, and not echoed once per finding.
#[test]
fn a_long_single_line_is_linted_with_bounded_output() {
    let d = tempfile::tempdir().unwrap();
    let unit = "Officials of the state Department and “the Ministry” declined, he said; ";
    let line = unit.repeat(300_000 / unit.len());
    write(d.path(), "line.txt", &line);
    let r = run_in(d.path(), &["check", "line.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let second_col = unit.chars().count() + 18;
    assert!(r.stdout.contains(&format!("line.txt:1:{second_col} (line too long to show)")), "{}", &r.stdout[..2000]);
    assert!(r.stdout.contains("later findings are not shown"), "the finding cap is announced");
    // At most 1000 findings a rule, each a few hundred bytes: echoing the line would be 300 KB each.
    assert!(r.stdout.len() < 1000 * 512, "the giant line is not echoed per finding ({} bytes)", r.stdout.len());
}

#[test]
fn a_50_mb_single_line_is_refused_past_the_size_limit() {
    let d = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(d.path().join("huge.txt")).unwrap();
    f.set_len(50 << 20).unwrap(); // sparse: 50 MB of NUL bytes, never read
    write(d.path(), "good.txt", FINDING);
    let r = run_in(d.path(), &["check", "--format", "concise", "--max-file-size", "16M", "huge.txt", "good.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "error: huge.txt: file is 50.0 MiB, over the size limit of 16.0 MiB (raise it with --max-file-size)"
        ),
        "{}",
        r.stderr
    );
    assert_other_file_linted(&r, "good.txt");
    // Stdin has no size up front: it is read no further than the limit.
    let r = run_stdin(d.path(), &["check", "--max-file-size", "1K", "-"], FINDING.repeat(100).as_bytes());
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>: file is more than the limit, over the size limit of 1.0 KiB"), "{}", r.stderr);
    let r = run_in(d.path(), &["check", "--max-file-size", "12Q", "good.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown size unit"), "{}", r.stderr);
}

/// The full 50 MB line through the whole pipeline. A debug build needs about a minute for it,
/// so it runs in release: `cargo test --release --test bad_input -- --ignored`.
#[test]
#[ignore = "slow in debug builds: cargo test --release --test bad_input -- --ignored"]
fn a_50_mb_single_line_is_linted() {
    let d = tempfile::tempdir().unwrap();
    let unit = "Officials of the state Department, “the Ministry” and the committee declined to comment on Monday ";
    let line = unit.repeat((50 << 20) / unit.len() + 1);
    write(d.path(), "line50.txt", &line);
    let r = run_in(d.path(), &["check", "--format", "concise", "line50.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1000, "one rule reports at most 1000 findings a file");
    assert!(r.stdout.starts_with("line50.txt:1:18: warning[caps.institution-case]"));
}

#[test]
fn lone_cr_line_ends_count_as_lines() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "mac.txt", format!("Headline\r\rFirst para.\r{FINDING}").replace('\n', "\r"));
    let r = run_in(d.path(), &["check", "--format", "concise", "mac.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("mac.txt:4:18: warning[caps.institution-case]"), "{}", r.stdout);
}

#[test]
fn a_directory_where_a_file_is_expected_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", FINDING);
    std::fs::create_dir(d.path().join("folder.txt")).unwrap();
    // A directory named like an article inside a walk is not a file: skipped silently.
    let r = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_other_file_linted(&r, "./good.txt");
    // Stdin redirected from a directory.
    let dir = std::fs::File::open(d.path()).unwrap();
    let o = Command::new(BIN)
        .current_dir(d.path())
        .args(["check", "--format", "concise", "-", "good.txt"])
        .stdin(dir)
        .output()
        .unwrap();
    let r = done(o);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("error: <stdin>: is a directory, not a file"), "{}", r.stderr);
    assert_other_file_linted(&r, "good.txt");
    // A directory given as a gazetteer file.
    let r = run_in(d.path(), &["check", "--gazetteer", "folder.txt", "good.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("folder.txt"), "{}", r.stderr);
}

#[test]
fn unreadable_files_are_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", FINDING);
    let secret = write(d.path(), "secret.txt", CLEAN);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root reads any file: run the binary as `nobody` then (setpriv, util-linux).
    let is_root = std::fs::read(&secret).is_ok();
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let o = cmd.current_dir(d.path()).args(["check", "--format", "concise", "secret.txt", "good.txt"]).output();
    let r = match o {
        Ok(o) if !(is_root && o.status.code() == Some(127)) => done(o),
        _ => panic!("cannot run as an unprivileged user (setpriv missing?)"),
    };
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("error: secret.txt: permission denied"), "{}", r.stderr);
    assert_other_file_linted(&r, "good.txt");
}

#[test]
fn symlink_loops_are_reported_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", FINDING);
    symlink("b.txt", d.path().join("a.txt")).unwrap();
    symlink("a.txt", d.path().join("b.txt")).unwrap();
    let r = run_in(d.path(), &["check", "--format", "concise", "a.txt", "good.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("error: a.txt: too many levels of symbolic links"), "{}", r.stderr);
    assert_other_file_linted(&r, "good.txt");
    // A directory link back to its parent inside a walk.
    std::fs::create_dir(d.path().join("sub")).unwrap();
    write(&d.path().join("sub"), "inner.txt", FINDING);
    symlink("..", d.path().join("sub/up")).unwrap();
    let r = run_in(d.path(), &["check", "--format", "concise", "sub"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("error: sub/up: symbolic link loop, skipped"), "{}", r.stderr);
    assert_other_file_linted(&r, "sub/inner.txt");
}

#[test]
fn a_fifo_in_a_directory_does_not_hang_the_walk() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", FINDING);
    let ok = Command::new("mkfifo").arg(d.path().join("pipe.txt")).status().is_ok_and(|s| s.success());
    assert!(ok, "mkfifo is needed for this test");
    let r = run_in(d.path(), &["check", "--format", "concise", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_other_file_linted(&r, "./good.txt");
}

#[test]
fn stdin_closed_or_cut_short() {
    let d = tempfile::tempdir().unwrap();
    // A closed stdin reads as empty: nothing to lint, no error.
    let o = Command::new("sh").arg("-c").arg(format!("exec '{BIN}' check - <&-")).current_dir(d.path()).output();
    let r = done(o.unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    // A producer that dies in the middle of a character: the place is named.
    let mut cut = FINDING.as_bytes().to_vec();
    cut.extend_from_slice("Москва".as_bytes());
    cut.pop();
    let r = run_stdin(d.path(), &["check", "--stdin-filename", "article.txt", "-"], &cut);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("error: article.txt: invalid UTF-8 at line 2, column 6"), "{}", r.stderr);
}

#[test]
fn output_to_a_closed_pipe_exits_quietly() {
    let d = tempfile::tempdir().unwrap();
    // Far more output than a pipe buffer holds.
    for i in 0..40 {
        write(d.path(), &format!("f{i:02}.txt"), FINDING.repeat(200));
    }
    let mut child = Command::new(BIN)
        .current_dir(d.path())
        .args(["check", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let r = done(child.wait_with_output().unwrap());
    assert!(r.code == 1 || r.code == 0, "exit {}: {}", r.code, r.stderr);
    assert!(r.stderr.is_empty(), "nothing on stderr: {}", r.stderr);
}

/// Files vanish between listing and reading: the run is mid-way when `b.txt` goes.
#[test]
fn a_file_deleted_mid_run_is_an_error_for_that_file_only() {
    use mtlint::runner::{RunOptions, run_with};
    let d = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        write(d.path(), name, FINDING);
    }
    let (inputs, errors) = mtlint::input::expand(&[d.path().to_path_buf()], &["txt".to_string()]);
    assert!(errors.is_empty() && inputs.len() == 3);
    let engine = mtlint::Engine::new(mtlint::RuleSet::builtin().unwrap()).unwrap();
    let outcome = |r: mtlint::runner::FileResult| {
        let name = Path::new(&r.path).file_name().unwrap().to_string_lossy().into_owned();
        (name, r.outcome.map(|l| l.diagnostics.len()).map_err(|e| e.message))
    };
    let want = vec![
        ("a.txt".to_string(), Ok(1)),
        ("b.txt".to_string(), Err("no such file or directory".to_string())),
        ("c.txt".to_string(), Ok(1)),
    ];
    // One job: b.txt is deleted while the result of a.txt is being handled.
    let mut seen = Vec::new();
    run_with(&engine, inputs.clone(), &RunOptions { jobs: 1, ..RunOptions::default() }, |r| {
        if seen.is_empty() {
            std::fs::remove_file(d.path().join("b.txt")).unwrap();
        }
        seen.push(outcome(r));
        true
    });
    assert_eq!(seen, want);
    // Two jobs: results still come back in input order.
    let mut seen = Vec::new();
    run_with(&engine, inputs, &RunOptions { jobs: 2, ..RunOptions::default() }, |r| {
        seen.push(outcome(r));
        true
    });
    assert_eq!(seen, want);
}

#[test]
fn the_parallel_runner_keeps_order_and_stops_when_asked() {
    use mtlint::runner::{RunOptions, run_with};
    let d = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for i in 0..60 {
        // Uneven sizes so workers finish out of order.
        let text = if i % 7 == 0 { FINDING.repeat(300) } else { FINDING.to_string() };
        inputs.push(mtlint::input::Input::File(write(d.path(), &format!("f{i:02}.txt"), text)));
    }
    let engine = mtlint::Engine::new(mtlint::RuleSet::builtin().unwrap()).unwrap();
    let mut order = Vec::new();
    run_with(&engine, inputs.clone(), &RunOptions { jobs: 2, ..RunOptions::default() }, |r| {
        order.push(r.path.clone());
        true
    });
    let want: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            mtlint::input::Input::File(p) => p.display().to_string(),
            mtlint::input::Input::Stdin => unreachable!(),
        })
        .collect();
    assert_eq!(order, want);
    let mut n = 0;
    run_with(&engine, inputs, &RunOptions { jobs: 2, ..RunOptions::default() }, |_| {
        n += 1;
        n < 5
    });
    assert_eq!(n, 5, "no result is handed over after `each` says stop");
}
