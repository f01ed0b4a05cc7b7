//! The PyPI channel: the maturin wheel of the binary (`cli/pyproject.toml`)
//! installs into a fresh venv and lints through the installed command, and
//! the `language: python` pre-commit hooks (root `pyproject.toml`, a
//! placeholder that pins the wheel) install and run through
//! `pre-commit try-repo` on a fresh clone.
//!
//! `.ci/run` builds the wheel once (`maturin build`, into `target/wheels`,
//! or `DOCKWARD_WHEEL_DIR`) and puts setuptools' wheel beside it, the
//! placeholder's build backend. Both tests install from that directory only
//! (`PIP_NO_INDEX`, `PIP_FIND_LINKS`): nothing comes from the network while
//! they run. Without the wheel the tests skip with a note, except under CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dockward_tests::{git, pre_commit, skip_without, venv_tool, workspace_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The directory holding this version's dockward wheel.
fn wheel_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DOCKWARD_WHEEL_DIR")
        .map_or_else(|| workspace_root().join("target/wheels"), PathBuf::from);
    let prefix = format!("dockward-{VERSION}-");
    let found = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".whl")
        });
    found.then_some(dir)
}

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// pip and pre-commit see only the local wheel directory.
fn offline(cmd: &mut Command, wheels: &Path) {
    cmd.env("PIP_NO_INDEX", "1")
        .env("PIP_FIND_LINKS", wheels)
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
        .env_remove("PIP_INDEX_URL")
        .env_remove("PIP_EXTRA_INDEX_URL")
        .env_remove("VIRTUAL_ENV");
}

#[test]
fn the_wheel_installs_into_a_fresh_venv_and_lints() {
    let (Some(python), Some(wheels)) = (venv_tool("python"), wheel_dir()) else {
        skip_without("the dockward wheel (target/wheels)", "the wheel test");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let venv = tmp.path().join("venv");
    let made = Command::new(&python)
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let mut pip = Command::new(venv.join("bin/pip"));
    pip.args(["install", &format!("dockward=={VERSION}")]);
    offline(&mut pip, &wheels);
    let o = pip.output().unwrap();
    assert!(o.status.success(), "{}", text(&o));

    // The installed command, not the workspace's build.
    let installed = venv.join("bin/dockward");
    assert!(installed.is_file(), "pip put no dockward in the venv");
    let o = Command::new(&installed).arg("--version").output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("dockward {VERSION}")
    );

    let lint = |dockerfile: &str| -> Output {
        let mut child = Command::new(&installed)
            .args([
                "lint",
                "--isolated",
                "--select",
                "DL3007,DL4000",
                "--format",
                "json",
                "-",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), dockerfile.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = lint("FROM ubuntu:latest\nMAINTAINER jane\n");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"DL3007") && codes.contains(&"DL4000"),
        "{codes:?}"
    );
    let o = lint("FROM alpine:3.20\n");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn python_hooks_install_the_wheel_and_run_through_pre_commit_try_repo() {
    let (Some(pre_commit), Some(wheels)) = (pre_commit(), wheel_dir()) else {
        skip_without(
            "pre-commit or the dockward wheel (target/wheels)",
            "the python pre-commit hook test",
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // A fresh clone: the hooks work from what is committed, not from files
    // lying around in the checkout.
    let clone = tmp.path().join("dockward");
    let o = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(workspace_root())
        .arg(&clone)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));

    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("svc")).unwrap();
    // A syntax error (lint) that is also badly formatted (fmt).
    std::fs::write(
        repo.join("svc/Dockerfile"),
        "from alpine:3.20\nRUNN echo hi\n",
    )
    .unwrap();
    std::fs::write(repo.join("svc/Dockerfile.md"), "RUNN not checked\n").unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);

    // No dockward on PATH: the hook can only run the one pip installed into
    // its environment (from the local wheel: the index is off).
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("dockward").exists())
        .collect();
    let path = std::env::join_paths(path).unwrap();
    let try_repo = |hook: &str| -> Output {
        let mut cmd = Command::new(&pre_commit);
        cmd.current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .arg("try-repo")
            .arg(&clone)
            .args([hook, "--all-files", "--color", "never"]);
        offline(&mut cmd, &wheels);
        cmd.output().unwrap()
    };

    let o = try_repo("dockward");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("svc/Dockerfile:2:1"), "{out}");
    assert!(out.contains("unknown instruction: RUNN"), "{out}");
    assert!(!out.contains("Dockerfile.md"), "{out}");
    let o = try_repo("dockward-fmt");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("svc/Dockerfile"), "{}", text(&o));

    // Clean under the default rules, and formatted.
    std::fs::write(
        repo.join("svc/Dockerfile"),
        "FROM alpine:3.20\nRUN echo hi\nUSER 65532\nHEALTHCHECK NONE\n",
    )
    .unwrap();
    git(&repo, &["add", "."]);
    for hook in ["dockward", "dockward-fmt"] {
        let o = try_repo(hook);
        assert_eq!(o.status.code(), Some(0), "{hook}: {}", text(&o));
        assert!(text(&o).contains("Passed"), "{}", text(&o));
    }
}
