//! Integrations that need outside tools: the SARIF 2.1.0 schema and
//! pre-commit. `.ci/run` installs them (a venv with pre-commit and
//! jsonschema in `target/ci-venv`, the schema from the `serde-sarif` crate in
//! `target/sarif-schema`). Elsewhere the tests skip with a note, except under
//! CI, where a missing tool is a failure.

use std::path::PathBuf;
use std::process::Command;

use dockward_tests::{
    dockward, fixtures, git, path_with_dockward_first, pre_commit, skip_without, venv_tool,
    workspace_root,
};

fn sarif_schema() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOCKWARD_SARIF_SCHEMA") {
        return Some(PathBuf::from(p));
    }
    let dir = workspace_root().join("target/sarif-schema");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("src/schema.json"))
        .find(|p| p.is_file())
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let (Some(python), Some(schema)) = (venv_tool("python"), sarif_schema()) else {
        skip_without(
            "python with jsonschema, or the SARIF schema",
            "the SARIF schema check",
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.sarif");
    let o = dockward()
        .current_dir(fixtures())
        .args(["lint", "--isolated", "-f", "sarif", "-o"])
        .arg(&report)
        .args(["lint/clean.Dockerfile", "lint/findings.Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  doc = json.load(open(sys.argv[2]))\n\
                  jsonschema.Draft7Validator(schema).validate(doc)\n\
                  assert doc['runs'][0]['results'], 'no results'\n\
                  print('valid')\n";
    let v = Command::new(python)
        .args(["-c", script])
        .arg(&schema)
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        v.status.success(),
        "SARIF invalid:\n{}",
        String::from_utf8_lossy(&v.stderr)
    );
}

/// The `dockward-system` hook (`language: system`) runs the dockward on PATH.
/// The self-installing `language: python` hooks: `dist_python.rs`.
#[test]
fn pre_commit_hooks_work_through_pre_commit_try_repo() {
    let Some(pre_commit) = pre_commit() else {
        skip_without("pre-commit", "the pre-commit hook test");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("svc")).unwrap();
    std::fs::write(
        repo.join("svc/Dockerfile"),
        "FROM alpine:3.20\nRUNN echo hi\n",
    )
    .unwrap();
    std::fs::write(repo.join("svc/Dockerfile.md"), "RUNN is not checked here\n").unwrap();
    std::fs::write(repo.join("README.md"), "RUNN neither\n").unwrap();
    // Compose files go through the lint hook too.
    let compose = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
    std::fs::write(repo.join("svc/compose.yaml"), compose).unwrap();
    std::fs::write(repo.join("values.yaml"), "privileged: true\n").unwrap();
    // The repository's config applies through the hook.
    std::fs::write(
        repo.join("dockward.toml"),
        "select = [\"DL1000\", \"DW5001\"]\n",
    )
    .unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);

    // The hook runs the installed binary: put this build first on PATH.
    let path = path_with_dockward_first();
    let try_repo = |hook: &str| {
        Command::new(&pre_commit)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .args(["try-repo"])
            .arg(workspace_root())
            .args([hook, "--all-files", "--color", "never"])
            .output()
            .unwrap()
    };
    let o = try_repo("dockward-system");
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{text}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.contains("svc/Dockerfile:2:1"), "{text}");
    assert!(text.contains("unknown instruction: RUNN"), "{text}");
    assert!(!text.contains("Dockerfile.md"), "{text}");
    assert!(text.contains("svc/compose.yaml:4:"), "{text}");
    assert!(text.contains("DW5001"), "{text}");
    assert!(!text.contains("values.yaml"), "{text}");

    std::fs::write(
        repo.join("svc/Dockerfile"),
        "FROM alpine:3.20\nRUN echo hi\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("svc/compose.yaml"),
        compose.replace("privileged: true", "read_only: true"),
    )
    .unwrap();
    git(&repo, &["add", "."]);
    let o = try_repo("dockward-system");
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("dockward lint") && text.contains("Passed"),
        "{text}"
    );
}
