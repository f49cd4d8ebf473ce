//! Command line: argument parsing, subcommands and exit codes.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage, I/O or
//! rule-file errors (the other files are still linted and each error names its file).

mod check;
mod explain;

use crate::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mtlint", version, about = "A translation-quality linter for machine-translated news", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint articles and print diagnostics.
    Check(CheckArgs),
    /// List the loaded rules (id, severity, category, one line).
    Rules(RulesArgs),
    /// Print a rule's documentation and examples.
    Explain(ExplainArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto`: colour only on a terminal and when NO_COLOR is unset.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Options that choose which rules are loaded.
#[derive(Args, Clone)]
pub struct RuleArgs {
    /// Also load the rule packs (top-level *.toml) of this directory. Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Also load entities from this gazetteer file (see docs/rules.md). Repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Do not load the built-in rule packs.
    #[arg(long)]
    pub no_builtin_rules: bool,
    /// Only run these rules or packs (comma-separated ids or pack names).
    #[arg(long, value_delimiter = ',', value_name = "RULE|PACK")]
    pub select: Vec<String>,
    /// Do not run these rules or packs (comma-separated ids or pack names).
    #[arg(long, value_delimiter = ',', value_name = "RULE|PACK")]
    pub ignore: Vec<String>,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to lint (directories are walked for .txt and .md; `-` reads stdin).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// When to colour human output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Name to show for text read from stdin.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Exit 1 when a diagnostic at or above this severity is found.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// File extensions to lint when walking directories (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "txt,md")]
    pub extensions: Vec<String>,
    /// Decode inputs that are not valid UTF-8 with this encoding (UTF-8 input stays UTF-8).
    #[arg(long, value_enum, default_value = "utf8", value_name = "ENCODING")]
    pub encoding: crate::input::Encoding,
    /// Refuse inputs larger than this (bytes, or with K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = crate::input::parse_size)]
    pub max_file_size: u64,
}

#[derive(Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// Validate the rule packs of DIR (loading, then every rule's examples) without linting.
    #[arg(long, value_name = "DIR")]
    pub check: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. `caps.institution-case`.
    pub rule: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Entry point used by the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Rules(a) => explain::list(a),
        Command::Explain(a) => explain::explain(a),
    };
    ExitCode::from(code)
}

/// Load the rule set the options ask for; errors are printed compiler-style.
pub fn load_rules(args: &RuleArgs, color: bool) -> Result<crate::RuleSet, u8> {
    use crate::rules::{LoadOptions, RuleSet};
    let opts = LoadOptions {
        builtin: !args.no_builtin_rules,
        dirs: args.rule_dirs.clone(),
        gazetteers: args.gazetteers.clone(),
    };
    let mut set = match RuleSet::load(&opts) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                eprint!("{}", e.render(color && std::io::stderr().is_terminal()));
            }
            return Err(2);
        }
    };
    for name in args.select.iter().chain(&args.ignore) {
        if !set.knows(name) {
            eprintln!("error: unknown rule or pack `{name}` (see `mtlint rules`)");
            return Err(2);
        }
    }
    set.filter(&args.select, &args.ignore);
    Ok(set)
}
