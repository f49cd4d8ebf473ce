//! `mtlint.toml`: per-project configuration, found by walking up from each linted file (or named
//! with `--config FILE`). Unknown keys and bad values are errors rendered compiler-style into the
//! config file (the same [`RuleError`] rendering as rule files). See docs/config.md.

use crate::diagnostic::{Severity, Span};
use crate::rules::{RuleError, RuleSet};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for in each directory from the linted file up to the root.
pub const FILE_NAME: &str = "mtlint.toml";

/// Also read, as a `[tool.mtlint]` table, when a directory has no mtlint.toml.
pub const PYPROJECT: &str = "pyproject.toml";

/// `pyproject.toml`: only `[tool.mtlint]` is read; every other key belongs to other tools.
#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyTools>,
}

#[derive(Deserialize)]
struct PyTools {
    mtlint: Option<RawConfig>,
}

/// Exit 1 when a diagnostic at or above this severity is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    /// Does a finding of this severity fail the run?
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Info => true,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Error => s >= Severity::Error,
            FailOn::Never => false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Severity>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    rule_dirs: Vec<Spanned<String>>,
    #[serde(default)]
    gazetteers: Vec<Spanned<String>>,
    builtin_rules: Option<bool>,
    extensions: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    per_path_ignores: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    report_unused_suppressions: Option<bool>,
}

/// A parsed configuration. Paths in it are resolved against the directory of the config file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file (None: defaults, no file found).
    pub path: Option<PathBuf>,
    /// Directory globs and relative paths are resolved against.
    pub dir: PathBuf,
    text: String,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub fail_on: Option<FailOn>,
    pub rule_dirs: Vec<PathBuf>,
    pub gazetteers: Vec<PathBuf>,
    pub builtin_rules: bool,
    pub extensions: Option<Vec<String>>,
    exclude: GlobSet,
    per_path: Vec<(GlobSet, Vec<String>)>,
    pub report_unused_suppressions: bool,
    /// Every rule or pack name the file mentions, with where (checked once rules are loaded).
    names: Vec<(String, Span)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            dir: std::env::current_dir().unwrap_or_default(),
            text: String::new(),
            select: None,
            ignore: Vec::new(),
            severity: Vec::new(),
            fail_on: None,
            rule_dirs: Vec::new(),
            gazetteers: Vec::new(),
            builtin_rules: true,
            extensions: None,
            exclude: GlobSet::empty(),
            per_path: Vec::new(),
            report_unused_suppressions: true,
            names: Vec::new(),
        }
    }
}

/// Globs as in .gitignore: `*` stays within one path component, `**` crosses them.
fn new_glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn span(s: std::ops::Range<usize>) -> Span {
    Span::new(s.start, s.end)
}

/// Widen a span to the start of its line, so a label under a value also shows its key.
fn from_line_start(text: &str, s: Span) -> Span {
    let start = text[..s.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    Span::new(start, s.end)
}

impl Config {
    /// Read and parse a config file.
    pub fn load(path: &Path) -> Result<Config, Vec<RuleError>> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![RuleError::at(
                &name,
                None,
                Span::new(0, 0),
                format!("cannot read config: {}", crate::input::io_message(&e)),
            )]
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let parsed = if path.file_name().is_some_and(|n| n == PYPROJECT) {
            Config::parse_pyproject(&name, &text, &dir)
        } else {
            Config::parse(&name, &text, &dir)
        };
        parsed.map(|mut c| {
            c.path = Some(path.to_path_buf());
            c
        })
    }

    /// Parse config text; `name` is used in errors, `dir` resolves relative paths and globs.
    pub fn parse(name: &str, text: &str, dir: &Path) -> Result<Config, Vec<RuleError>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map(span).unwrap_or(Span::new(0, 0));
            vec![RuleError::at(name, Some(text), at, e.message().trim().to_string())]
        })?;
        Config::from_raw(name, text, dir, raw)
    }

    /// Parse the `[tool.mtlint]` table of a pyproject.toml (defaults when it has none). Error
    /// places point into the whole file.
    pub fn parse_pyproject(name: &str, text: &str, dir: &Path) -> Result<Config, Vec<RuleError>> {
        let py: Pyproject = toml::from_str(text).map_err(|e| {
            let at = e.span().map(span).unwrap_or(Span::new(0, 0));
            vec![RuleError::at(name, Some(text), at, e.message().trim().to_string())]
        })?;
        match py.tool.and_then(|t| t.mtlint) {
            Some(raw) => Config::from_raw(name, text, dir, raw),
            None => Ok(Config { dir: dir.to_path_buf(), text: text.to_string(), ..Config::default() }),
        }
    }

    fn from_raw(name: &str, text: &str, dir: &Path, raw: RawConfig) -> Result<Config, Vec<RuleError>> {
        let mut errors = Vec::new();
        let err = |s: Span, m: String| RuleError::at(name, Some(text), s, m);
        let mut names = Vec::new();
        let list = |v: &[Spanned<String>], names: &mut Vec<(String, Span)>| -> Vec<String> {
            v.iter()
                .map(|s| {
                    names.push((s.get_ref().clone(), span(s.span())));
                    s.get_ref().clone()
                })
                .collect()
        };
        let select = raw.select.as_ref().map(|v| list(v, &mut names));
        let ignore = list(&raw.ignore, &mut names);
        let mut severity = Vec::new();
        for (rule, sev) in &raw.severity {
            names.push((rule.clone(), from_line_start(text, span(sev.span()))));
            severity.push((rule.clone(), *sev.get_ref()));
        }
        let glob = |g: &Spanned<String>, errors: &mut Vec<RuleError>| match new_glob(g.get_ref()) {
            Ok(g) => Some(g),
            Err(e) => {
                errors.push(err(span(g.span()), format!("invalid glob `{}`: {}", g.get_ref(), e.kind())));
                None
            }
        };
        let mut exclude = GlobSetBuilder::new();
        for g in &raw.exclude {
            if let Some(g) = glob(g, &mut errors) {
                exclude.add(g);
            }
        }
        let mut per_path = Vec::new();
        for (pattern, rules) in &raw.per_path_ignores {
            let at = from_line_start(text, span(rules.span()));
            let mut b = GlobSetBuilder::new();
            match new_glob(pattern) {
                Ok(g) => {
                    b.add(g);
                }
                Err(e) => errors.push(err(at, format!("invalid glob `{pattern}`: {}", e.kind()))),
            }
            let ids = list(rules.get_ref(), &mut names);
            if let Ok(set) = b.build() {
                per_path.push((set, ids));
            }
        }
        let mut extensions = raw.extensions.clone();
        if let Some(exts) = &mut extensions {
            for e in exts.iter_mut() {
                *e = e.trim_start_matches('.').to_string();
            }
            if exts.iter().any(|e| e.is_empty()) {
                let at = crate::rules::find_key(text, Span::new(0, text.len()), "extensions");
                errors.push(err(at, "empty file extension in `extensions`".to_string()));
            }
        }
        let paths = |v: &[Spanned<String>], what: &str, errors: &mut Vec<RuleError>| -> Vec<PathBuf> {
            v.iter()
                .filter_map(|p| {
                    let full = dir.join(p.get_ref());
                    if full.exists() {
                        Some(full)
                    } else {
                        errors.push(err(span(p.span()), format!("{what} `{}` does not exist", full.display())));
                        None
                    }
                })
                .collect()
        };
        let rule_dirs = paths(&raw.rule_dirs, "rule directory", &mut errors);
        let gazetteers = paths(&raw.gazetteers, "gazetteer file", &mut errors);
        let exclude = exclude.build().unwrap_or_else(|_| GlobSet::empty());
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            path: None,
            dir: dir.to_path_buf(),
            text: text.to_string(),
            select,
            ignore,
            severity,
            fail_on: raw.fail_on,
            rule_dirs,
            gazetteers,
            builtin_rules: raw.builtin_rules.unwrap_or(true),
            extensions,
            exclude,
            per_path,
            report_unused_suppressions: raw.report_unused_suppressions.unwrap_or(true),
            names,
        })
    }

    /// The nearest `mtlint.toml` in `start` or one of its ancestors.
    /// The nearest `mtlint.toml`, or `pyproject.toml` with a `[tool.mtlint]` table, in `start`
    /// or one of its ancestors (mtlint.toml wins within one directory).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.as_os_str().is_empty() { Path::new(".") } else { start };
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        abs.ancestors().find_map(|d| {
            let own = d.join(FILE_NAME);
            if own.is_file() {
                return Some(own);
            }
            let py = d.join(PYPROJECT);
            let has_table = py.is_file()
                && std::fs::read_to_string(&py)
                    .is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with("[tool.mtlint")));
            has_table.then_some(py)
        })
    }

    /// Check every rule or pack name the config mentions against the loaded rules.
    pub fn check_names(&self, set: &RuleSet, extra: &[&str]) -> Vec<RuleError> {
        let name = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        self.names
            .iter()
            .filter(|(n, _)| !set.knows(n) && !extra.contains(&n.as_str()))
            .map(|(n, s)| {
                RuleError::at(&name, Some(&self.text), *s, format!("unknown rule or pack `{n}` (see `mtlint rules`)"))
            })
            .collect()
    }

    /// The path relative to the config directory, for glob matching.
    fn relative<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        let p = path.strip_prefix("./").unwrap_or(path);
        if let Ok(r) = p.strip_prefix(&self.dir) {
            return r.into();
        }
        match normalize(p).strip_prefix(normalize(&self.dir)) {
            Ok(r) => r.to_path_buf().into(),
            Err(_) => p.into(),
        }
    }

    /// Is this path excluded from directory walks?
    pub fn excludes(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(self.relative(path))
    }

    /// Rules and packs ignored for this path (`per-path-ignores`).
    pub fn ignored_for(&self, path: &Path) -> Vec<String> {
        if self.per_path.is_empty() {
            return Vec::new();
        }
        let rel = self.relative(path);
        self.per_path.iter().filter(|(g, _)| g.is_match(&rel)).flat_map(|(_, ids)| ids.iter().cloned()).collect()
    }
}

/// An absolute path without `.` or `..` (symlinks resolved when the path exists).
pub fn normalize(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Does a rule id answer to `name` (its id, its pack, or `ALL`)?
pub fn rule_matches(rule: &str, name: &str) -> bool {
    name == "ALL" || rule == name || rule.split_once('.').is_some_and(|(pack, _)| pack == name)
}

/// The commented starter file written by `mtlint init`.
pub const STARTER: &str = r#"# mtlint configuration. mtlint reads the nearest mtlint.toml above each linted file;
# paths and globs here are relative to this file. See docs/config.md.

# Run only these rules or packs (ids like "caps.institution-case", pack names like "caps",
# or "ALL"). Leave out to run every loaded rule.
# select = ["ALL"]

# Never run these rules or packs.
# ignore = []

# Exit with status 1 when a finding at or above this severity remains
# (info | warning | error | never). The command line's --fail-on wins.
# fail-on = "warning"

# The newsroom's own rule packs (directories of *.toml packs, with their data files) and
# gazetteers of people and organisations with their house spelling.
# rule-dirs = ["style/rules"]
# gazetteers = ["style/people.toml"]

# Set to false to run only the packs in rule-dirs.
# builtin-rules = true

# File extensions linted when walking a directory.
# extensions = ["txt", "md"]

# Files never linted when walking a directory (globs).
# exclude = ["archive/**", "**/wire-raw/*.txt"]

# Report `mtlint-disable` comments that suppress nothing (info).
# report-unused-suppressions = true

# Tables come last: every key after a [table] line belongs to that table.

# Change the severity (error | warning | info) of single rules.
# [severity]
# "caps.institution-case" = "error"

# Rules or packs ignored for some paths (globs).
# [per-path-ignores]
# "opinion/**" = ["caps"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_and_full_example_parses() {
        Config::parse("mtlint.toml", STARTER, Path::new(".")).unwrap();
        let text = "select = [\"caps\"]\nignore = [\"caps.x\"]\nfail-on = \"error\"\nexclude = [\"a/**\"]\n\
                    [severity]\n\"caps.y\" = \"info\"\n[per-path-ignores]\n\"op/*.txt\" = [\"caps\"]\n";
        let c = Config::parse("mtlint.toml", text, Path::new("/proj")).unwrap();
        assert_eq!(c.select.as_deref(), Some(&["caps".to_string()][..]));
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(c.severity, vec![("caps.y".to_string(), Severity::Info)]);
        assert!(c.excludes(Path::new("/proj/a/b/c.txt")));
        assert!(!c.excludes(Path::new("/proj/b/c.txt")));
        assert_eq!(c.ignored_for(Path::new("/proj/op/x.txt")), vec!["caps".to_string()]);
        assert!(c.ignored_for(Path::new("/proj/op/sub/x.txt")).is_empty());
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let text = "select = [\"caps\"]\nfail_on = \"error\"\n";
        let e = Config::parse("mtlint.toml", text, Path::new(".")).unwrap_err();
        assert_eq!(e[0].line_col().map(|l| l.0), Some(2), "{}", e[0]);
    }

    #[test]
    fn pyproject_table_is_read_and_errors_point_into_the_file() {
        let text =
            "[project]\nname = \"desk\"\n\n[tool.black]\nline-length = 99\n\n[tool.mtlint]\nselect = [\"caps\"]\n";
        let c = Config::parse_pyproject("pyproject.toml", text, Path::new(".")).unwrap();
        assert_eq!(c.select.as_deref(), Some(&["caps".to_string()][..]));
        let bad = "[project]\nname = \"desk\"\n\n[tool.mtlint]\nselect = [\"caps\"]\nfail_on = \"x\"\n";
        let e = Config::parse_pyproject("pyproject.toml", bad, Path::new(".")).unwrap_err();
        assert_eq!(e[0].line_col().map(|l| l.0), Some(6), "{}", e[0]);
        let none = Config::parse_pyproject("pyproject.toml", "[project]\nname = \"x\"\n", Path::new(".")).unwrap();
        assert!(none.select.is_none());
    }

    #[test]
    fn rule_matching_by_id_pack_and_all() {
        assert!(rule_matches("caps.x", "caps"));
        assert!(rule_matches("caps.x", "caps.x"));
        assert!(rule_matches("caps.x", "ALL"));
        assert!(!rule_matches("caps.x", "cap"));
    }
}
