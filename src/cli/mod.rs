//! Command line: argument parsing, subcommands and exit codes.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage, I/O or
//! rule-file errors (the other files are still linted and each error names its file).

mod check;
mod explain;
mod init;
mod profile;

pub use crate::config::FailOn;
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
    /// Write a commented starter mtlint.toml.
    Init(InitArgs),
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

    /// Like [`ColorChoice::enabled`], for output on stderr (the stdin save hook's diagnostics).
    pub fn enabled_on_stderr(self) -> bool {
        match self {
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
            other => other.enabled(),
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
    /// Use this configuration file instead of the nearest mtlint.toml above each file.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every mtlint.toml.
    #[arg(long)]
    pub isolated: bool,
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
    /// Name of the text read from stdin (`-`): shown in output, used to find mtlint.toml and
    /// to match per-path settings.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Exit 1 when a diagnostic at or above this severity is found [default: warning, or the
    /// config's `fail-on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when findings remain (errors reading files or rules still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// File extensions to lint when walking directories (comma-separated) [default: txt,md, or
    /// the config's `extensions`].
    #[arg(long, value_delimiter = ',')]
    pub extensions: Option<Vec<String>>,
    /// Apply safe fixes in place (atomically); report what remains. With `-`, print the fixed
    /// text to stdout and the remaining diagnostics to stderr.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (likely but not certain); implies --fix unless --diff is given.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change, and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// List the fixes applied, per file and rule.
    #[arg(long)]
    pub show_fixes: bool,
    /// Print no diagnostics (the exit code still tells; fixes are still applied).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Record the current findings in FILE (JSON) and exit 0; `--baseline FILE` later reports
    /// only findings that are not in it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// Apply the config's `exclude` globs to files named on the command line (and to
    /// `--stdin-filename`) too, as pre-commit hooks and editors need.
    #[arg(long)]
    pub force_exclude: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Decode inputs that are not valid UTF-8 with this encoding (UTF-8 input stays UTF-8).
    #[arg(long, value_enum, default_value = "utf8", value_name = "ENCODING")]
    pub encoding: crate::input::Encoding,
    /// Refuse inputs larger than this (bytes, or with K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = crate::input::parse_size)]
    pub max_file_size: u64,
}

#[derive(Args)]
pub struct InitArgs {
    /// Directory to write mtlint.toml into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing mtlint.toml.
    #[arg(long)]
    pub force: bool,
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
        Command::Init(a) => init::run(a),
    };
    ExitCode::from(code)
}

/// Load the rule set the options ask for (merged with the mtlint.toml of the current directory,
/// or `--config`); errors are printed compiler-style.
pub fn load_rules(args: &RuleArgs, color: bool) -> Result<crate::RuleSet, u8> {
    let config = profile::config_for_dir(args, std::path::Path::new("."), color)?;
    profile::load_set(args, &config, color).map(|(set, _)| set)
}
