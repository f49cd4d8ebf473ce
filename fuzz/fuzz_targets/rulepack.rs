//! Rule packs from arbitrary text: loading (TOML, every check kind's parameters, regexes under
//! size limits), error rendering into the file, and running the examples of whatever loads.
//! Bad packs must come back as errors, never as a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::rules::{LoadOptions, RuleSet};
use mtlint::{Engine, verify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(dir) = tempfile::tempdir() else { return };
    if std::fs::write(dir.path().join("pack.toml"), text).is_err() {
        return;
    }
    let opts = LoadOptions { builtin: false, dirs: vec![dir.path().to_path_buf()], ..LoadOptions::default() };
    match RuleSet::load(&opts) {
        Ok(set) => {
            if let Ok(engine) = Engine::new(set) {
                let _ = verify::verify_all(&engine);
            }
        }
        Err(errors) => {
            for e in errors {
                let _ = e.render(false);
                let _ = e.to_string();
            }
        }
    }
});
