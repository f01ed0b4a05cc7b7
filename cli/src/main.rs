//! `dockward`: the command line. Subcommands: `lint` (Dockerfiles, Compose
//! files, `daemon.json`, seccomp profiles), `fmt`, `parse`, `rules`,
//! `explain`, `completions` (and `lsp`, the language server).
//!
//! Exit codes: 0 success; 1 findings at or above the failure threshold (or
//! `fmt --check` would change a file); 2 usage, config or IO errors.

mod analyze;
mod args;
mod color;
mod error;
mod fix;
mod fmt_cmd;
mod inputs;
mod lint;
mod output;
mod parse_cmd;
mod rules_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::args::{Cli, Command};
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = anstream::stderr();
            let _ = writeln!(stderr, "dockward: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, CliError> {
    let color = color::ColorSetting::from(cli.color);
    match cli.command {
        Command::Lint(args) => lint::run(&args, color),
        Command::Fmt(args) => fmt_cmd::run(&args, color),
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Rules(args) => rules_cmd::rules(&args),
        Command::Explain(args) => rules_cmd::explain(&args),
        Command::Completions(args) => {
            let mut cmd = Cli::command();
            let mut out = std::io::stdout().lock();
            clap_complete::generate(args.shell, &mut cmd, "dockward", &mut out);
            Ok(0)
        }
        Command::Lsp(_) => Ok(u8::try_from(dockward_lsp::run_stdio()).unwrap_or(1)),
    }
}
