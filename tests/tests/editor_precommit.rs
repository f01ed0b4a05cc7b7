//! The `dockward-fmt` pre-commit hook through pre-commit itself
//! (`pre-commit try-repo`), next to `integrations.rs`, which covers the
//! `dockward` (lint) hook. pre-commit comes from PyPI into `target/ci-venv`
//! (`.ci/run`); elsewhere the test skips with a note, except under CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dockward_tests::{dockward_bin, workspace_root};

fn pre_commit() -> Option<PathBuf> {
    let venv = std::env::var_os("DOCKWARD_CI_VENV")
        .map_or_else(|| workspace_root().join("target/ci-venv"), PathBuf::from);
    let tool = venv.join("bin/pre-commit");
    if tool.is_file() {
        return Some(tool);
    }
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("pre-commit"))
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dockward_fmt_hook_runs_through_pre_commit_try_repo() {
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is missing; .ci/run installs it"
        );
        eprintln!("pre-commit not found: skipping (see .ci/run)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("api")).unwrap();
    // Badly formatted: lowercase keyword, stray indentation.
    std::fs::write(
        repo.join("api/Containerfile"),
        "from alpine:3.20\n   run echo hi\n",
    )
    .unwrap();
    std::fs::write(repo.join("web.Dockerfile"), "FROM alpine:3.20\n").unwrap();
    std::fs::write(repo.join("Dockerfile.md"), "   not a dockerfile\n").unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);

    let bin_dir = dockward_bin().parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let try_repo = || -> Output {
        Command::new(&pre_commit)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .arg("try-repo")
            .arg(workspace_root())
            .args(["dockward-fmt", "--all-files", "--color", "never"])
            .output()
            .unwrap()
    };

    let out = try_repo();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("dockward fmt --check"), "{text}");
    assert!(text.contains("api/Containerfile"), "{text}");
    assert!(
        !text.contains("web.Dockerfile"),
        "formatted file reported: {text}"
    );
    assert!(!text.contains("Dockerfile.md"), "{text}");

    // Formatted, the hook passes.
    let fixed = Command::new(dockward_bin())
        .current_dir(&repo)
        .args(["fmt", "api/Containerfile"])
        .output()
        .unwrap();
    assert!(fixed.status.success(), "{fixed:?}");
    git(&repo, &["add", "."]);
    let out = try_repo();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Passed"), "{text}");
}
