//! `dockward rules`, `explain`, `completions`, `--version`, `fmt` and usage errors.

use dockward_tests::dockward;
use serde_json::Value;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = dockward().args(args).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn rules_lists_every_rule() {
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let rules: Vec<Value> = serde_json::from_str(&out).unwrap();
    let syntax = rules.iter().find(|r| r["code"] == "DL1000").unwrap();
    assert_eq!(syntax["name"], "syntax-error");
    assert_eq!(syntax["severity"], "error");
    assert_eq!(syntax["enabled"], true);
    assert_eq!(syntax["fixable"], "no");
    assert!(
        syntax["summary"]
            .as_str()
            .unwrap()
            .starts_with("Reports text")
    );
    assert!(
        syntax["url"]
            .as_str()
            .unwrap()
            .ends_with("/rules.md#dl1000-syntax-error")
    );
    for r in &rules {
        for key in [
            "code", "name", "aliases", "severity", "enabled", "fixable", "summary",
        ] {
            assert!(!r[key].is_null(), "{key} in {r}");
        }
    }
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("CODE"), "{out}");
    assert!(out.contains("DL1000  syntax-error"), "{out}");
    assert!(out.contains(&format!("{} rules", rules.len())), "{out}");
}

#[test]
fn explain_prints_a_rules_documentation() {
    for id in ["DL1000", "syntax-error", "SYNTAX-ERROR"] {
        let (code, out, _) = run(&["explain", id]);
        assert_eq!(code, Some(0));
        assert!(out.starts_with("# syntax-error (DL1000)\n"), "{out}");
        assert!(out.contains("## What it does"), "{out}");
    }
    let (code, out, _) = run(&["explain", "MaintainerDeprecated"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("(DL4000)"), "{out}");
    let (code, _, err) = run(&["explain", "syntax-eror"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `syntax-error`"), "{err}");
}

#[test]
fn completions_and_version() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, Some(0));
        assert!(out.contains("dockward"), "{shell}");
        assert!(out.contains("lint"), "{shell}");
    }
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out.trim(),
        format!("dockward {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, err) = run(&["lint", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--bogus"), "{err}");
    let (code, _, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, Some(0));
    for cmd in ["lint", "fmt", "parse", "rules", "explain", "completions"] {
        assert!(out.contains(cmd), "{cmd}");
    }
}

#[test]
fn broken_stdout_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(dockward_tests::dockward_bin())
        .args(["rules"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert!(status.code().is_some(), "no crash by signal");
}

#[test]
fn fmt_check_diff_write_and_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let df = tmp.path().join("Dockerfile");
    let messy = "from alpine:3.20   as build\nrun apt-get update &&   \\\n  apt-get install -y curl\nCMD [\"a\",\"b\"]   \n\n\n\nENV A=1\n";
    std::fs::write(&df, messy).unwrap();
    let fmt = |args: &[&str]| {
        dockward()
            .current_dir(tmp.path())
            .arg("fmt")
            .args(args)
            .output()
            .unwrap()
    };
    let o = fmt(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Would reformat: Dockerfile"));
    let o = fmt(&["--diff"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("fmt_diff", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        std::fs::read_to_string(&df).unwrap(),
        messy,
        "check and diff write nothing"
    );
    let o = fmt(&[]);
    assert_eq!(o.status.code(), Some(0));
    let formatted = std::fs::read_to_string(&df).unwrap();
    assert!(
        formatted.starts_with("FROM alpine:3.20 AS build\nRUN apt-get update && \\\n    apt-get")
    );
    assert_eq!(fmt(&["--check"]).status.code(), Some(0), "idempotent");

    // Config: [formatter] settings; --isolated ignores them.
    std::fs::write(
        tmp.path().join("dockward.toml"),
        "[formatter]\nkeyword-case = \"lower\"\nindent = 2\n",
    )
    .unwrap();
    assert_eq!(fmt(&["--check"]).status.code(), Some(1));
    assert_eq!(fmt(&["--check", "--isolated"]).status.code(), Some(0));
    let o = dockward()
        .current_dir(tmp.path())
        .args(["fmt", "-", "--stdin-filename", "Dockerfile"])
        .write_stdin("FROM x\nRUN a \\\n b\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "from x\nrun a \\\n  b\n"
    );
    std::fs::write(
        tmp.path().join("dockward.toml"),
        "[formatter]\nindent = 0\n",
    )
    .unwrap();
    let o = fmt(&["--check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("dockward.toml:2:10: invalid indent"));
}
