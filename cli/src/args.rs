//! The command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dockward_analyzer::rule::FileKind;

/// A fast Dockerfile linter, formatter and language server.
#[derive(Debug, Parser)]
#[command(name = "dockward", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is
    /// set (CLICOLOR_FORCE forces colour).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Dockerfiles, Compose files, daemon.json and seccomp profiles,
    /// and report findings.
    Lint(LintArgs),
    /// Format Dockerfiles.
    Fmt(FmtArgs),
    /// Print the parse of Dockerfiles (debugging and conformance).
    Parse(ParseArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Run the language server over stdio.
    Lsp(LspArgs),
}

/// `dockward lsp`.
#[derive(Clone, Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that always pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Rich terminal diagnostics with source snippets.
    Tty,
    /// One JSON document (see docs/ci.md for the contract).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// Checkstyle XML.
    Checkstyle,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// `path:line:col: severity: message [code]`.
    Gnu,
}

impl OutputFormat {
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        <OutputFormat as ValueEnum>::from_str(dockward_config::output_format(name)?, true).ok()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThresholdArg {
    Error,
    Warning,
    Info,
    Style,
    None,
}

/// A kind of file (`--kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Dockerfile,
    Compose,
    Daemon,
    Seccomp,
}

impl KindArg {
    #[must_use]
    pub fn file_kind(self) -> FileKind {
        match self {
            KindArg::Dockerfile => FileKind::Dockerfile,
            KindArg::Compose => FileKind::Compose,
            KindArg::Daemon => FileKind::Daemon,
            KindArg::Seccomp => FileKind::Seccomp,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and directories to check (`-` reads standard input). Directories
    /// are searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
    /// Containerfile and Containerfile.*; compose.yaml, compose.yml,
    /// docker-compose.yaml, docker-compose.yml and their .override. files;
    /// daemon.json. A file named explicitly is read by its name (any
    /// *.yml|yaml is a Compose file), else as a Dockerfile. Default: the
    /// current directory.
    pub paths: Vec<PathBuf>,
    /// Read the files named on the command line and standard input as this
    /// kind, whatever their names (files found in directories keep the kind
    /// of their names). Seccomp profiles have no name of their own: lint
    /// them with `--kind seccomp` (profiles a Compose service names are
    /// checked with the Compose file).
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindArg>,
    /// Output format (default: the config's `format`, else `tty`).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 only for findings at or above this severity (default: info).
    #[arg(long, short = 't', value_enum)]
    pub failure_threshold: Option<ThresholdArg>,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub no_fail: bool,
    /// Run exactly these rules (code, name or alias; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Run these rules in addition to the selected ones.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Change a rule's severity: `RULE=error|warning|info|style|off`.
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Use this config file (`.toml` dockward's schema, `.yaml` hadolint's)
    /// instead of discovering one.
    #[arg(long, short = 'c', value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long)]
    pub isolated: bool,
    /// The path standard input stands for (names it in reports, finds its config).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with `--fix`, `--diff` or `--fix-only`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Apply fixes and report only what was fixed.
    #[arg(long)]
    pub fix_only: bool,
    /// Print nothing for files without findings, and no summary (tty).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files and directories to format (`-` formats standard input to standard
    /// output). Directories are searched for Dockerfiles only; Compose files
    /// and daemon.json named explicitly are skipped with a note (dockward
    /// formats Dockerfiles). Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 when a file would change.
    #[arg(long)]
    pub check: bool,
    /// Print a unified diff instead of writing (exit 1 when a file would change).
    #[arg(long)]
    pub diff: bool,
    /// The path standard input stands for (names it, finds its config).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Use this config file's `[formatter]` settings instead of discovering one.
    #[arg(long, short = 'c', value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no config file (default formatter settings).
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// The lossless tree with spans.
    Tree,
    /// One JSON line per file: BuildKit's parser records.
    Json,
    /// BuildKit's `Node.Dump` s-expressions.
    Sexp,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to parse (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = ParseFormat::Tree)]
    pub format: ParseFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
    /// List only the rules that check this kind of file.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindArg>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, name or alias.
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}
