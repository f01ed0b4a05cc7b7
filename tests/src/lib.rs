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

/// A finished command's standard output, as text.
#[must_use]
pub fn stdout_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A finished command's standard error, as text.
#[must_use]
pub fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The read-only reference folder's corpus: `shared/corpus` beside the
/// checkout, or beside a folder above it (a git worktree under `wt/`), if
/// present.
#[must_use]
pub fn corpus() -> Option<PathBuf> {
    workspace_root()
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/corpus"))
        .find(|dir| dir.is_dir())
}

/// This package's fixture directory.
#[must_use]
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Called by a test whose outside tool (`tool`: nvim, pre-commit, npm…) is
/// missing, before it returns early: on a developer machine the test is
/// skipped with a note; under `CI` (set by `.ci/run`, which installs every
/// tool) it fails.
///
/// # Panics
/// Under `CI`.
pub fn skip_without(tool: &str, test: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{tool} is missing; .ci/run installs it"
    );
    eprintln!("{tool} not found: skipping {test} (.ci/run installs it)");
}

/// Whether `program --version` runs.
#[must_use]
pub fn tool_runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tool from the Python venv `.ci/run` makes (`target/ci-venv`, or
/// `DOCKWARD_CI_VENV`).
#[must_use]
pub fn venv_tool(name: &str) -> Option<PathBuf> {
    let venv = std::env::var_os("DOCKWARD_CI_VENV")
        .map_or_else(|| workspace_root().join("target/ci-venv"), PathBuf::from);
    let tool = venv.join("bin").join(name);
    tool.is_file().then_some(tool)
}

/// pre-commit: the venv's, else one on the PATH.
#[must_use]
pub fn pre_commit() -> Option<PathBuf> {
    venv_tool("pre-commit").or_else(|| tool_runs("pre-commit").then(|| PathBuf::from("pre-commit")))
}

/// Runs `git args…` in `dir` with a throwaway identity.
///
/// # Panics
/// When git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `PATH` with this build's `dockward` first, for hooks and editors that
/// run the installed binary.
///
/// # Panics
/// When the directories cannot be joined into a PATH.
#[must_use]
pub fn path_with_dockward_first() -> std::ffi::OsString {
    let bin_dir = dockward_bin()
        .parent()
        .expect("the binary is in a directory")
        .to_path_buf();
    std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a valid PATH")
}
