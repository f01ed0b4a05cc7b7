//! `dockward parse`: the real binary against BuildKit's reference parse of
//! the shared corpus, and snapshots of the three formats.

use std::process::Output;

use dockward_tests::{corpus, dockward, fixtures};
use serde_json::Value;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The reference crossed cgo as C strings: its strings end at the first NUL.
fn cut_at_nul(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Some(i) = s.find('\0') {
                s.truncate(i);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(cut_at_nul),
        Value::Object(map) => map.values_mut().for_each(cut_at_nul),
        _ => {}
    }
}

#[test]
fn parse_json_matches_buildkit_reference_on_the_corpus() {
    let Some(corpus) = corpus() else {
        eprintln!("../shared/corpus not found; skipping");
        return;
    };
    let reference = std::fs::read_to_string(corpus.join("reference/buildkit-ref.jsonl"))
        .expect("read the reference");
    let records: Vec<Value> = reference
        .lines()
        .map(|l| serde_json::from_str(l).expect("reference line is JSON"))
        .collect();
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().filter(|p| p.starts_with("real/")).count() >= 2910,
        "the reference covers corpus/real"
    );

    let out = dockward()
        .current_dir(&corpus)
        .args(["parse", "--format", "json"])
        .args(&paths)
        .output()
        .expect("run dockward parse");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), records.len(), "one JSON line per file");

    let mut failures = Vec::new();
    for (line, want) in lines.iter().zip(&records) {
        let mut got: Value = serde_json::from_str(line).expect("dockward prints JSON lines");
        cut_at_nul(&mut got);
        let path = want["path"].as_str().unwrap();
        assert_eq!(
            got["path"], want["path"],
            "paths are printed as given, in order"
        );
        let want_error = want["error"]
            .as_str()
            .map(|e| e.trim_start_matches("GoParseError: "));
        if got["ok"] != want["ok"] || got["error"].as_str() != want_error {
            failures.push(format!(
                "{path}: ok={} error={} expected ok={} error={want_error:?}",
                got["ok"], got["error"], want["ok"]
            ));
            continue;
        }
        let (g, w) = (
            got["instructions"].as_array().unwrap(),
            want["instructions"].as_array().unwrap(),
        );
        if g.len() != w.len() {
            failures.push(format!(
                "{path}: {} instructions, expected {}",
                g.len(),
                w.len()
            ));
            continue;
        }
        if let Some((g, w)) = g.iter().zip(w).find(|(g, w)| g != w) {
            failures.push(format!("{path}:\n  got  {g}\n  want {w}"));
        }
    }
    eprintln!(
        "{} of {} files equal to BuildKit's parse",
        records.len() - failures.len(),
        records.len()
    );
    assert!(
        failures.is_empty(),
        "{} files differ:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
}

#[test]
fn parse_formats_snapshots() {
    let file = fixtures().join("parse/heredoc-and-flags.Dockerfile");
    for format in ["tree", "json", "sexp"] {
        let out = dockward()
            .current_dir(fixtures())
            .args([
                "parse",
                "--format",
                format,
                "parse/heredoc-and-flags.Dockerfile",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        insta::assert_snapshot!(format!("parse_{format}"), stdout(&out));
    }
    assert!(file.is_file());
}

#[test]
fn parse_json_reports_rejections_and_reads_stdin() {
    let out = dockward()
        .args(["parse", "--format", "json", "-"])
        .write_stdin("# only a comment\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["path"], "-");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"], "file with no instructions");
    assert_eq!(v["instructions"], Value::Array(Vec::new()));
}

#[test]
fn parse_missing_file_is_exit_2_naming_the_file() {
    let out = dockward()
        .args(["parse", "no/such/Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/Dockerfile"), "{err}");
    assert!(err.contains("no such file or directory"), "{err}");
}

#[test]
fn parse_refuses_compose_and_daemon_files_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let compose = dir.path().join("compose.yaml");
    std::fs::write(&compose, "services:\n  web:\n    image: nginx\n").unwrap();
    let daemon = dir.path().join("daemon.json");
    std::fs::write(&daemon, "{}\n").unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(&dockerfile, "FROM alpine:3.20\n").unwrap();
    let out = dockward()
        .arg("parse")
        .args([&compose, &daemon, &dockerfile])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("compose.yaml: this is a Compose file"),
        "{err}"
    );
    assert!(
        err.contains("daemon.json: this is a daemon.json file"),
        "{err}"
    );
    // The Dockerfile among them is still shown.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FROM"), "{text}");
    assert!(!text.contains("services"), "{text}");
}
