//! `docs/parity.md` and the generated SC block of
//! `tests/parity/hadolint-false-positives.tsv` are what the parity generator
//! makes of the corpus and the current rules (`parity --check`, which needs
//! no ShellCheck). Regenerate with
//! `cargo run --release -p dockward-tests --bin parity -- --classify-sc --write docs/parity.md`.

use std::process::Command;

use dockward_tests::{corpus, workspace_root};

#[test]
fn parity_report_is_up_to_date() {
    let Some(corpus) = corpus() else {
        eprintln!("shared corpus not found: skipping parity_report_is_up_to_date");
        return;
    };
    let root = workspace_root();
    let out = Command::new(env!("CARGO_BIN_EXE_parity"))
        .current_dir(&root)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--check")
        .arg(root.join("docs/parity.md"))
        .output()
        .expect("run the parity generator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
