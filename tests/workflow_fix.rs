//! `--fix`, `--unsafe-fixes`, `--diff`, `--show-fixes`, the stdin save hook, atomic writes and
//! fix convergence.

mod workflow_support;

use mtlint::fix::{self, FixLevel};
use mtlint::{Engine, RuleSet};
use std::os::unix::fs::PermissionsExt;
use workflow_support::*;

fn engine() -> Engine {
    Engine::new(RuleSet::builtin().unwrap()).unwrap()
}

/// After fixing at `level`, linting finds no fix of that level, and fixing again changes nothing.
fn assert_converges(engine: &Engine, name: &str, text: &str, level: FixLevel) {
    let (fixed, _) = fix::fix_until_stable(text, level, 10, |t| engine.lint(t));
    let left = engine.lint(&fixed);
    let remaining = fix::select(&left, level);
    assert!(
        remaining.is_empty(),
        "{name}: after fixing ({level:?}) a fix remains: {:?} at {:?}",
        remaining[0].0.rule,
        remaining[0].0.span.text(&fixed)
    );
    let (again, applied) = fix::fix_until_stable(&fixed, level, 10, |t| engine.lint(t));
    assert_eq!(again, fixed, "{name}: a second fix pass changed the text");
    assert!(applied.is_empty(), "{name}: a second fix pass applied {applied:?}");
}

#[test]
fn fixes_converge_over_every_rule_example() {
    let engine = engine();
    let mut all = String::new();
    let mut n = 0;
    for rule in &engine.rules {
        for (i, bad) in rule.meta.bad.iter().enumerate() {
            for level in [FixLevel::Safe, FixLevel::Unsafe] {
                assert_converges(&engine, &format!("{} bad[{i}]", rule.meta.id), &bad.text, level);
            }
            all.push_str(&bad.text);
            all.push_str("\n\n");
            n += 1;
        }
        for good in &rule.meta.good {
            all.push_str(good);
            all.push_str("\n\n");
        }
    }
    assert!(n > 0);
    // All examples in one text: fixes of different rules meet and must still settle.
    for level in [FixLevel::Safe, FixLevel::Unsafe] {
        assert_converges(&engine, "all examples", &all, level);
    }
}

#[test]
fn fixes_converge_over_sample_articles() {
    let engine = engine();
    for p in sample_articles() {
        let text = read(&p);
        for level in [FixLevel::Safe, FixLevel::Unsafe] {
            assert_converges(&engine, &p.display().to_string(), &text, level);
        }
    }
}

#[test]
fn fix_in_place_then_second_fix_changes_nothing() {
    let t = project();
    let file = t.path().join("news/a.txt");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = read(&file);
    let human = run(t.path(), &["check", "--diff", "news/a.txt"]);
    assert_eq!(human.code, 1);
    let copy = write(t.path(), "news/copy.txt", &before);
    let h = run(t.path(), &["check", "--select", "caps", "--fix", copy.to_str().unwrap()]);
    assert!(h.stdout.starts_with("Fixed 7 problems. "), "{}", h.stdout);
    std::fs::remove_file(&copy).unwrap();
    let o = run(t.path(), &["check", "--fix", "--show-fixes", "--format", "concise", "news/a.txt"]);
    let after = read(&file);
    assert_ne!(before, after, "nothing was fixed: {}", o.stderr);
    assert!(after.contains("The Ministry of Foreign Affairs of Russia"), "{after}");
    assert!(after.contains("Secretary of State Laura Mendes"), "{after}");
    assert!(o.stdout.contains("Fixed ") && o.stdout.contains("caps.institution-case"), "{}", o.stdout);
    let j = run(t.path(), &["check", "--fix", "--format", "json", "news/a.txt"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["summary"]["fixed"], 0, "already fixed by the first run");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640, "permissions kept");
    // No temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(t.path().join("news")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // What remains has no safe fix; a second run changes nothing.
    let json = run(t.path(), &["check", "--format", "jsonl", "news/a.txt"]);
    for d in jsonl(&json.stdout) {
        let safe = d["fixes"].as_array().unwrap().iter().any(|f| f["applicability"] == "safe");
        assert!(!safe, "a safe fix remains after --fix: {d}");
    }
    let o2 = run(t.path(), &["check", "--fix", "--show-fixes", "news/a.txt"]);
    assert_eq!(read(&file), after);
    assert!(o2.stdout.contains("No fixes applied."), "{}", o2.stdout);
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let t = project();
    let file = t.path().join("news/a.txt");
    let before = read(&file);
    let o = run(t.path(), &["check", "--diff", "news/a.txt"]);
    assert_eq!(o.code, 1, "--diff exits 1 when something would change");
    assert_eq!(read(&file), before);
    assert!(o.stdout.contains("--- news/a.txt") && o.stdout.contains("+++ news/a.txt"), "{}", o.stdout);
    assert!(o.stdout.contains("\n-The Ministry of foreign Affairs of Russia"), "{}", o.stdout);
    assert!(o.stdout.contains("\n+The Ministry of Foreign Affairs of Russia"), "{}", o.stdout);
    let clean = write(t.path(), "news/b.txt", "The Ministry of Foreign Affairs said nothing.\n");
    let o = run(t.path(), &["check", "--diff", clean.to_str().unwrap()]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

#[test]
fn unsafe_fixes_apply_only_with_the_flag() {
    let t = tempdir();
    house_pack(t.path());
    let text = "Interfaks said the road closed in connection with snow.\n";
    let f = write(t.path(), "x.txt", text);
    run(t.path(), &["check", "--rules", "house", "--select", "house", "--fix", "x.txt"]);
    assert_eq!(read(&f), "Interfax said the road closed in connection with snow.\n");
    write(t.path(), "x.txt", text);
    run(t.path(), &["check", "--rules", "house", "--select", "house", "--unsafe-fixes", "x.txt"]);
    assert_eq!(read(&f), "Interfax said the road closed because of snow.\n");
}

#[test]
fn stdin_save_hook_prints_fixed_text_and_diagnostics_to_stderr() {
    let t = tempdir();
    house_pack(t.path());
    let input = "It should be noted that Interfaks was first.\nDeputy foreign Minister Ana Ruiz met the press.\n";
    let args = [
        "check",
        "--rules",
        "house",
        "--select",
        "house,caps",
        "--fix",
        "--format",
        "concise",
        "--stdin-filename",
        "draft.txt",
        "-",
    ];
    let o = run_in(t.path(), &args, input.as_bytes());
    assert_eq!(
        o.stdout,
        "It should be noted that Interfax was first.\nDeputy Foreign Minister Ana Ruiz met the press.\n"
    );
    // What stays (advice without a fix) goes to stderr, never into the text.
    assert!(o.stderr.contains("draft.txt:1:1: info[house.noted]"), "{}", o.stderr);
    assert_eq!(o.code, 0, "an info finding does not fail at the default fail-on");
    let o = run_in(
        t.path(),
        &["check", "--rules", "house", "--select", "house,caps", "--fix", "--fail-on", "info", "-"],
        input.as_bytes(),
    );
    assert_eq!(o.code, 1);
    // --quiet: no diagnostics at all.
    let mut quiet = args.to_vec();
    quiet.insert(1, "-q");
    let o = run_in(t.path(), &quiet, input.as_bytes());
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    assert!(o.stdout.contains("Interfax"));
}

#[test]
fn stdin_save_hook_gives_bad_input_back_whole() {
    let t = tempdir();
    let bytes = b"Caf\xe9 society and the state Department.\n";
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--fix", "-"])
        .current_dir(t.path())
        .stdin(std::fs::File::open(write_bytes(t.path(), "in.bin", bytes)).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.stdout, bytes, "the editor buffer must come back unchanged");
    assert_eq!(o.status.code(), Some(2));
}

fn write_bytes(dir: &std::path::Path, rel: &str, b: &[u8]) -> std::path::PathBuf {
    let p = dir.join(rel);
    std::fs::write(&p, b).unwrap();
    p
}

#[test]
fn stdin_save_hook_uses_the_config_of_the_named_file() {
    let t = tempdir();
    write(t.path(), "desk/mtlint.toml", "select = [\"caps\"]\nignore = [\"caps.title-case\"]\n");
    let input = "Deputy foreign Minister Ana Ruiz met the state Department.\n";
    let o = run_in(t.path(), &["check", "--fix", "--stdin-filename", "desk/d.txt", "-"], input.as_bytes());
    assert_eq!(o.stdout, "Deputy foreign Minister Ana Ruiz met the State Department.\n");
}

#[test]
fn a_failed_write_loses_nothing() {
    let t = tempdir();
    let f = write(t.path(), "a.txt", "old text\n");
    // The write dies half-way (as a kill or a full disk would leave it).
    let r = mtlint::atomic::replace_with(&f, b"old text\n", b"new text that is longer\n", |file, bytes| {
        use std::io::Write;
        file.write_all(&bytes[..5])?;
        Err(std::io::Error::other("simulated crash"))
    });
    assert!(r.is_err());
    assert_eq!(read(&f), "old text\n");
    let names: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
    // The same call with a working write replaces the file.
    mtlint::atomic::replace(&f, b"old text\n", b"new\n").unwrap();
    assert_eq!(read(&f), "new\n");
}

#[test]
fn a_file_changed_while_linted_is_not_overwritten() {
    let t = tempdir();
    let f = write(t.path(), "a.txt", "edited by someone else\n");
    let r = mtlint::atomic::replace(&f, b"what was linted\n", b"fixed\n");
    assert!(matches!(r, Err(mtlint::atomic::WriteError::Changed)), "{r:?}");
    assert_eq!(read(&f), "edited by someone else\n");
}

#[test]
fn gold_article_fix_leaves_no_safe_fix() {
    // The shared evaluation article, when present (it is measured, never copied into the repo).
    let candidates =
        [manifest().join("../shared/gold/seed-aleppo.txt"), manifest().join("../../shared/gold/seed-aleppo.txt")];
    let Some(src) = candidates.iter().find(|p| p.is_file()) else {
        eprintln!("shared gold article not found; skipped");
        return;
    };
    let t = tempdir();
    let f = t.path().join("aleppo.txt");
    std::fs::copy(src, &f).unwrap();
    // The shared copy may be read-only; mtlint leaves read-only files alone.
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = jsonl(&run(t.path(), &["check", "--format", "jsonl", "aleppo.txt"]).stdout);
    let fixable =
        before.iter().filter(|d| d["fixes"].as_array().unwrap().iter().any(|x| x["applicability"] == "safe")).count();
    assert!(fixable > 0);
    run(t.path(), &["check", "--fix", "aleppo.txt"]);
    let fixed = read(&f);
    let after = jsonl(&run(t.path(), &["check", "--format", "jsonl", "aleppo.txt"]).stdout);
    assert!(after.iter().all(|d| d["fixes"].as_array().unwrap().iter().all(|x| x["applicability"] != "safe")));
    assert!(after.len() < before.len());
    run(t.path(), &["check", "--fix", "aleppo.txt"]);
    assert_eq!(read(&f), fixed, "second --fix changed the file");
}

#[test]
fn killing_fix_at_any_moment_leaves_every_file_old_or_new_whole() {
    const FILES: usize = 40;
    let engine = engine();
    let one = read(&manifest().join("tests/fixtures/workflow/ministers-vienna.txt"));
    let original = one.repeat(20);
    let (fixed, _) = fix::fix_until_stable(&original, FixLevel::Safe, 10, |t| engine.lint(t));
    assert_ne!(original, fixed);
    let setup = || {
        let t = tempdir();
        for i in 0..FILES {
            write(t.path(), &format!("news/{i:03}.txt"), &original);
        }
        t
    };
    let spawn = |dir: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(["check", "--fix", "-q", "-j", "2", "news"])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole run takes on this machine and build, to kill at points inside it.
    let t = setup();
    let start = std::time::Instant::now();
    spawn(t.path()).wait().unwrap();
    let full = start.elapsed();
    for i in 0..FILES {
        assert_eq!(read(&t.path().join(format!("news/{i:03}.txt"))), fixed);
    }
    for frac in [0.15, 0.4, 0.65, 0.9] {
        let t = setup();
        let mut child = spawn(t.path());
        std::thread::sleep(full.mul_f64(frac));
        let _ = child.kill(); // SIGKILL: no cleanup runs
        let _ = child.wait();
        let mut fixed_files = 0;
        for e in std::fs::read_dir(t.path().join("news")).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                assert!(name.ends_with(".mtlint-tmp"), "unexpected file {name}");
                continue;
            }
            let text = read(&e.path());
            assert!(text == original || text == fixed, "{name} is neither the old nor the new text (at {frac})");
            fixed_files += usize::from(text == fixed);
        }
        eprintln!("killed at {frac} of {full:?}: {fixed_files} of {FILES} files fixed");
        if frac == 0.4 {
            // Leftover temporary files are hidden: the next run skips them and finishes the job.
            let o = run(t.path(), &["check", "--fix", "-q", "news"]);
            assert_ne!(o.code, 2, "{}", o.stderr);
            for i in 0..FILES {
                assert_eq!(read(&t.path().join(format!("news/{i:03}.txt"))), fixed);
            }
        }
    }
}

#[test]
fn symlinks_are_written_through_and_read_only_files_left_alone() {
    let t = project();
    let target = t.path().join("news/a.txt");
    let link = t.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = run(t.path(), &["check", "--fix", "link.txt", "news/a.txt", "news/../news/a.txt"]);
    assert_ne!(o.code, 2, "one file named three ways is fixed once: {}", o.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert!(read(&target).contains("Ministry of Foreign Affairs of Russia"), "the target was fixed");
    let ro = write(t.path(), "ro.txt", "The state Department said so.\n");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(t.path(), &["check", "--fix", "ro.txt"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("read-only"), "{}", o.stderr);
    assert_eq!(read(&ro), "The state Department said so.\n");
}
