//! The `dockward-fmt-system` pre-commit hook (`language: system`, the
//! dockward on PATH) through pre-commit itself (`pre-commit try-repo`), next
//! to `integrations.rs`, which covers `dockward-system` (lint); the
//! self-installing `language: python` hooks are tested in `dist_python.rs`. pre-commit comes from PyPI into `target/ci-venv`
//! (`.ci/run`); elsewhere the test skips with a note, except under CI.

use std::process::{Command, Output};

use dockward_tests::{
    dockward_bin, git, path_with_dockward_first, pre_commit, skip_without, workspace_root,
};

#[test]
fn dockward_fmt_hook_runs_through_pre_commit_try_repo() {
    let Some(pre_commit) = pre_commit() else {
        skip_without("pre-commit", "the dockward-fmt hook test");
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

    let path = path_with_dockward_first();
    let try_repo = || -> Output {
        Command::new(&pre_commit)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .arg("try-repo")
            .arg(workspace_root())
            .args(["dockward-fmt-system", "--all-files", "--color", "never"])
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
