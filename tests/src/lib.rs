//! End-to-end test package; the tests live in `tests/`. This library finds
//! (and if needed builds) the real `dockward` binary and the shared corpus.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root.
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The `dockward` binary of this workspace, built with the test's profile.
/// `DOCKWARD_BIN` overrides it (e.g. to test a release build).
///
/// # Panics
/// When the binary cannot be built.
pub fn dockward_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("DOCKWARD_BIN") {
            return PathBuf::from(bin);
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(workspace_root()).args([
            "build",
            "--quiet",
            "-p",
            "dockward",
            "--bin",
            "dockward",
            "--message-format=json",
        ]);
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("run cargo build");
        assert!(
            out.status.success(),
            "building dockward failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == "dockward")
            .find_map(|v| v["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the dockward executable")
    })
}

/// A command running the real binary.
#[must_use]
pub fn dockward() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(dockward_bin());
    // Tests see plain output whatever the environment says.
    cmd.env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env("NO_COLOR", "1");
    cmd
}

/// The read-only reference folder's corpus beside the checkout, if present.
#[must_use]
pub fn corpus() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// This package's fixture directory.
#[must_use]
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}
