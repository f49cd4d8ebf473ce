//! SARIF 2.1.0, as GitHub code scanning accepts it: one run, the tool's rules with their help,
//! results with regions (1-based lines, columns in Unicode code points, byte offsets) and fixes.

use super::{FileReport, Renderer, RuleDoc, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    rules: Vec<RuleDoc>,
    index: HashMap<String, usize>,
    results: Vec<Value>,
    artifacts: Vec<Value>,
}

impl Sarif {
    pub fn new(rules: Vec<RuleDoc>) -> Self {
        let index = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        Sarif { rules, index, results: Vec::new(), artifacts: Vec::new() }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path: forward slashes, reserved characters percent-encoded.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(r: &FileReport, start: usize, end: usize, snippet: bool) -> Value {
    let (sl, sc) = r.line_col(start);
    let (el, ec) = r.line_col(end);
    let mut v = json!({
        "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
        "byteOffset": start, "byteLength": end - start,
    });
    if snippet {
        v["snippet"] = json!({ "text": &r.text[start..end] });
    }
    v
}

fn rule_doc(r: &RuleDoc) -> Value {
    json!({
        "id": r.id,
        "name": r.id.replace(['.', '-'], "_"),
        "shortDescription": { "text": r.short },
        "fullDescription": { "text": r.full },
        "help": { "text": r.help, "markdown": format!("{}\n\n**How to fix:** {}", r.full, r.help) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": [r.category.clone(), "translation-quality"] },
    })
}

impl Sarif {
    fn result(&mut self, r: &FileReport, d: &Diagnostic, artifact: usize) -> Value {
        let location = json!({
            "physicalLocation": {
                "artifactLocation": { "uri": uri(r.path), "uriBaseId": "%SRCROOT%", "index": artifact },
                "region": region(r, d.span.start, d.span.end, true),
            }
        });
        let mut v = json!({
            "ruleId": &*d.rule,
            "level": level(d.severity),
            "message": { "text": match &d.help { Some(h) => format!("{} (help: {h})", d.message), None => d.message.clone() } },
            "locations": [location],
            "partialFingerprints": {
                "mtlintContext/v1": crate::baseline::context(r.text, d),
            },
            "properties": { "category": d.category.as_str() },
        });
        if let Some(&i) = self.index.get(&*d.rule) {
            v["ruleIndex"] = json!(i);
        }
        if !d.fixes.is_empty() {
            let fixes: Vec<Value> = d
                .fixes
                .iter()
                .map(|f| {
                    json!({
                        "description": { "text": format!("{}{}", f.message, if f.applicability == Applicability::Unsafe { " (unsafe)" } else { "" }) },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri(r.path), "uriBaseId": "%SRCROOT%", "index": artifact },
                            "replacements": f.edits.iter().map(|e| json!({
                                "deletedRegion": region(r, e.start, e.end, false),
                                "insertedContent": { "text": e.replacement },
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            v["fixes"] = json!(fixes);
        }
        v
    }
}

impl Renderer for Sarif {
    fn file(&mut self, _out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        if r.diagnostics.is_empty() {
            return Ok(());
        }
        let artifact = self.artifacts.len();
        self.artifacts.push(json!({
            "location": { "uri": uri(r.path), "uriBaseId": "%SRCROOT%" },
            "length": r.text.len(),
            "encoding": "utf-8",
        }));
        for d in r.diagnostics {
            let v = self.result(r, d, artifact);
            self.results.push(v);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _s: &Summary) -> io::Result<()> {
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "mtlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": self.rules.iter().map(rule_doc).collect::<Vec<_>>(),
                }},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the directory mtlint ran in" } } },
                "artifacts": std::mem::take(&mut self.artifacts),
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        out.write_all(b"\n")
    }
}
