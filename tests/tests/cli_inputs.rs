//! Inputs that name one file several times are linted once: overlapping
//! directories (`dockward lint . svc`), `./x` beside `x`, symbolic links.
//! The path shown is the first spelling met, as given or as discovered.

use std::path::Path;

use dockward_tests::dockward;
use serde_json::Value;

/// A Dockerfile with exactly one finding under `--select DL4000`.
const ONE_FINDING: &str = "FROM alpine:3.20\nMAINTAINER jane\n";

fn lint_json(dir: &Path, args: &[&str]) -> Value {
    let o = dockward()
        .current_dir(dir)
        .args([
            "lint",
            "--isolated",
            "--select",
            "DL4000",
            "--format",
            "json",
        ])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn paths(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect()
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("svc")).unwrap();
    std::fs::write(tmp.path().join("svc/Dockerfile"), ONE_FINDING).unwrap();
    tmp
}

#[test]
fn overlapping_directories_lint_each_file_once() {
    let tmp = project();
    let report = lint_json(tmp.path(), &[".", "svc"]);
    assert_eq!(paths(&report), ["./svc/Dockerfile"], "{report}");
    assert_eq!(report["summary"]["files"], 1, "{report}");

    // The other order: the path as found under `svc` is the one shown.
    let report = lint_json(tmp.path(), &["svc", "."]);
    assert_eq!(paths(&report), ["svc/Dockerfile"], "{report}");
    assert_eq!(report["summary"]["files"], 1, "{report}");
}

#[test]
fn one_file_named_two_ways_is_linted_once() {
    let tmp = project();
    let report = lint_json(
        tmp.path(),
        &[
            "./svc/Dockerfile",
            "svc/Dockerfile",
            "svc/../svc/Dockerfile",
        ],
    );
    assert_eq!(paths(&report), ["./svc/Dockerfile"], "{report}");
    assert_eq!(report["summary"]["files"], 1, "{report}");

    // An absolute path and a directory holding the file.
    let absolute = tmp.path().join("svc/Dockerfile");
    let report = lint_json(tmp.path(), &[absolute.to_str().unwrap(), "svc"]);
    assert_eq!(paths(&report), [absolute.to_str().unwrap()], "{report}");
    assert_eq!(report["summary"]["files"], 1, "{report}");
}

#[test]
fn a_symbolic_link_to_a_linted_file_is_not_linted_again() {
    let tmp = project();
    std::os::unix::fs::symlink("Dockerfile", tmp.path().join("svc/web.Dockerfile")).unwrap();
    std::os::unix::fs::symlink("svc", tmp.path().join("alias")).unwrap();

    // In one directory: the link and its target are one file.
    let report = lint_json(tmp.path(), &["svc"]);
    assert_eq!(paths(&report), ["svc/Dockerfile"], "{report}");

    // Named through a linked directory and directly.
    let report = lint_json(tmp.path(), &["alias/Dockerfile", "svc/Dockerfile"]);
    assert_eq!(paths(&report), ["alias/Dockerfile"], "{report}");
    assert_eq!(report["summary"]["files"], 1, "{report}");
}

#[test]
fn different_files_with_the_same_text_are_all_linted() {
    let tmp = project();
    std::fs::create_dir_all(tmp.path().join("api")).unwrap();
    std::fs::write(tmp.path().join("api/Dockerfile"), ONE_FINDING).unwrap();
    let report = lint_json(tmp.path(), &[".", "api", "svc/Dockerfile"]);
    assert_eq!(
        paths(&report),
        ["./api/Dockerfile", "./svc/Dockerfile"],
        "{report}"
    );
    assert_eq!(report["summary"]["files"], 2, "{report}");
}

#[test]
fn fmt_checks_a_file_named_twice_once() {
    let tmp = project();
    std::fs::write(tmp.path().join("svc/Dockerfile"), "from alpine:3.20\n").unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .args([
            "fmt",
            "--isolated",
            "--check",
            ".",
            "svc",
            "./svc/Dockerfile",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(text.matches("svc/Dockerfile").count(), 1, "{text}");
}
