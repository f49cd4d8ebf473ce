//! The whole pipeline on arbitrary bytes: decoding (UTF-8, or a legacy fallback chosen by the
//! first byte), the document model, every check kind (built-in packs plus the all-kinds test
//! pack), fixes to a fixed point and every renderer. Any broken promise of
//! `verify::pipeline_invariants` or any panic is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::input::{Encoding, decode_with};
use mtlint::rules::{LoadOptions, RuleSet};
use mtlint::{Engine, verify};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/packs/all-kinds");
        let opts = LoadOptions { builtin: true, dirs: vec![pack], ..LoadOptions::default() };
        let set = RuleSet::load(&opts).unwrap_or_else(|e| panic!("rules do not load: {e:?}"));
        Engine::new(set).expect("engine builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let encoding = match mode % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Latin1,
        _ => Encoding::Cp1251,
    };
    let Ok(text) = decode_with(rest.to_vec(), "fuzz.txt", encoding) else { return };
    if let Err(broken) = verify::pipeline_invariants(engine(), &text) {
        panic!("{broken}\ninput: {text:?}");
    }
});
