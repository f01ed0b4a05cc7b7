//! The `dockward` binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        // `dockward lsp` serves the language server over stdio; `--stdio` is
        // accepted because some editor plugins always pass it.
        Some("lsp") => {
            let code = dockward_lsp::run_stdio();
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        _ => {
            eprintln!("usage: dockward lsp");
            ExitCode::from(2)
        }
    }
}
