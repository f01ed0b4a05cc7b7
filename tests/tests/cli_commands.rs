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
