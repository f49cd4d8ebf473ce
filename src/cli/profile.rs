//! A profile: one configuration (mtlint.toml or defaults) merged with the command line, with the
//! engine it builds. Files that share a config share a profile.

use super::RuleArgs;
use crate::config::{Config, FailOn, rule_matches};
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::engine::Engine;
use crate::render::RuleDoc;
use crate::rules::{LoadOptions, RuleError, RuleSet};
use crate::suppress;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub struct Profile {
    pub engine: Engine,
    pub config: Config,
    /// Report unused suppressions (config, and `mtlint.unused-suppression` selected).
    report_unused: bool,
    /// Rule ids and pack names that run (suppressions naming others are never "unused").
    active: Vec<String>,
    /// Every loaded rule id and pack name, selected or not.
    known: Vec<String>,
}

fn names(set: &RuleSet) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for r in &set.rules {
        v.push(r.meta.id.to_string());
        if !v.contains(&r.meta.pack) {
            v.push(r.meta.pack.clone());
        }
    }
    v
}

fn print_errors(errors: &[RuleError], color: bool) {
    for e in errors {
        eprint!("{}", e.render(color && std::io::stderr().is_terminal()));
    }
}

/// The configuration for files in `dir`: `--config`, nothing with `--isolated`, else the nearest
/// mtlint.toml.
pub fn config_for_dir(args: &RuleArgs, dir: &Path, color: bool) -> Result<Config, u8> {
    let path = match (&args.config, args.isolated) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => Config::discover(dir),
    };
    match path {
        None => Ok(Config::default()),
        Some(p) => Config::load(&p).map_err(|errors| {
            print_errors(&errors, color);
            2
        }),
    }
}

/// Load the rules a config plus the command line ask for; returns the set, whether unused
/// suppressions are reported, and every rule and pack name loaded before selection.
pub fn load_set_with_names(args: &RuleArgs, config: &Config, color: bool) -> Result<(RuleSet, bool, Vec<String>), u8> {
    let opts = LoadOptions {
        builtin: !args.no_builtin_rules && config.builtin_rules,
        dirs: config.rule_dirs.iter().chain(&args.rule_dirs).cloned().collect(),
        gazetteers: config.gazetteers.iter().chain(&args.gazetteers).cloned().collect(),
    };
    let mut set = RuleSet::load(&opts).map_err(|errors| {
        print_errors(&errors, color);
        2
    })?;
    let errors = config.check_names(&set, &[suppress::UNUSED_RULE]);
    if !errors.is_empty() {
        print_errors(&errors, color);
        return Err(2);
    }
    for name in args.select.iter().chain(&args.ignore) {
        if !set.knows(name) && name != suppress::UNUSED_RULE {
            eprintln!("error: unknown rule or pack `{name}` (see `mtlint rules`)");
            return Err(2);
        }
    }
    let select: Vec<String> =
        if args.select.is_empty() { config.select.clone().unwrap_or_default() } else { args.select.clone() };
    let ignore: Vec<String> = config.ignore.iter().chain(&args.ignore).cloned().collect();
    let hit = |list: &[String], id: &str| list.iter().any(|n| rule_matches(id, n));
    let report_unused = config.report_unused_suppressions
        && (select.is_empty() || hit(&select, suppress::UNUSED_RULE))
        && !hit(&ignore, suppress::UNUSED_RULE);
    let known = names(&set);
    set.filter(&select, &ignore);
    for rule in &mut set.rules {
        // The last matching entry wins, so a rule id written after its pack overrides the pack.
        if let Some((_, sev)) = config.severity.iter().rev().find(|(n, _)| rule_matches(&rule.meta.id, n)) {
            rule.meta.severity = *sev;
        }
    }
    Ok((set, report_unused, known))
}

/// [`load_set_with_names`] without the names.
pub fn load_set(args: &RuleArgs, config: &Config, color: bool) -> Result<(RuleSet, bool), u8> {
    load_set_with_names(args, config, color).map(|(s, r, _)| (s, r))
}

impl Profile {
    pub fn build(args: &RuleArgs, config: Config, color: bool) -> Result<Profile, u8> {
        let (set, report_unused, known) = load_set_with_names(args, &config, color)?;
        let active = names(&set);
        let engine = Engine::new(set).map_err(|m| {
            eprintln!("error: {m}");
            2u8
        })?;
        Ok(Profile { engine, config, report_unused, active, known })
    }

    pub fn fail_on(&self, cli: Option<FailOn>) -> FailOn {
        cli.or(self.config.fail_on).unwrap_or(FailOn::Warning)
    }

    /// What the engine found, less what the config and inline suppressions silence.
    pub fn post(
        &self,
        path: Option<&Path>,
        text: &str,
        lines: &LineIndex,
        mut diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if let Some(p) = path {
            let ignored = self.config.ignored_for(p);
            if !ignored.is_empty() {
                diags.retain(|d| !ignored.iter().any(|n| rule_matches(&d.rule, n)));
            }
        }
        let classify = |n: &str| {
            if n == "ALL" || self.active.iter().any(|a| a == n) {
                suppress::Name::Active
            } else if n == suppress::UNUSED_RULE || self.known.iter().any(|a| a == n) {
                suppress::Name::Inactive
            } else {
                suppress::Name::Unknown
            }
        };
        suppress::apply(text, lines, diags, self.report_unused, classify)
    }

    /// Lint a text from scratch (used between fix passes).
    pub fn lint(&self, path: Option<&Path>, text: &str) -> Vec<Diagnostic> {
        let doc = crate::document::Document::new(text);
        let diags = self.engine.lint_document(&doc);
        self.post(path, text, &doc.lines, diags)
    }

    /// Documentation of every rule this profile runs, for SARIF.
    pub fn rule_docs(&self) -> Vec<RuleDoc> {
        let mut docs: Vec<RuleDoc> = self
            .engine
            .rules
            .iter()
            .map(|r| {
                let m = &r.meta;
                RuleDoc {
                    id: m.id.to_string(),
                    severity: m.severity,
                    category: m.category.as_str().to_string(),
                    short: m.what.trim().lines().next().unwrap_or("").to_string(),
                    full: format!("{}\n\n{}", m.what.trim(), m.why.trim()),
                    help: m.help.clone(),
                }
            })
            .collect();
        if self.report_unused {
            docs.push(RuleDoc {
                id: suppress::UNUSED_RULE.to_string(),
                severity: crate::diagnostic::Severity::Info,
                category: "consistency".to_string(),
                short: suppress::UNUSED_WHAT.to_string(),
                full: format!("{}\n\n{}", suppress::UNUSED_WHAT, suppress::UNUSED_WHY),
                help: suppress::UNUSED_HELP.to_string(),
            });
        }
        docs
    }
}

/// Profiles by config file, built on first use.
pub struct Profiles<'a> {
    args: &'a RuleArgs,
    color: bool,
    pub list: Vec<Profile>,
    by_config: HashMap<Option<PathBuf>, usize>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'a> Profiles<'a> {
    pub fn new(args: &'a RuleArgs, color: bool) -> Self {
        Profiles { args, color, list: Vec::new(), by_config: HashMap::new(), by_dir: HashMap::new() }
    }

    /// The profile index for files in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<usize, u8> {
        let key = match (&self.args.config, self.args.isolated) {
            (Some(p), _) => Some(p.clone()),
            (None, true) => None,
            (None, false) => {
                let d = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
                match self.by_dir.get(d) {
                    Some(k) => k.clone(),
                    None => {
                        let k = Config::discover(d);
                        self.by_dir.insert(d.to_path_buf(), k.clone());
                        k
                    }
                }
            }
        };
        if let Some(&i) = self.by_config.get(&key) {
            return Ok(i);
        }
        let config = match &key {
            None => Config::default(),
            Some(p) => Config::load(p).map_err(|errors| {
                print_errors(&errors, self.color);
                2u8
            })?,
        };
        let profile = Profile::build(self.args, config, self.color)?;
        self.list.push(profile);
        self.by_config.insert(key, self.list.len() - 1);
        Ok(self.list.len() - 1)
    }
}
