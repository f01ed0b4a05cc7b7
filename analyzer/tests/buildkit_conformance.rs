//! Conformance with BuildKit's parser, on the read-only corpus beside the
//! checkout (`../shared/corpus`). Skipped when the corpus is absent.

use dockward_analyzer::syntax::{BuildkitInstruction, parse};
use serde_json::Value;

mod support;
use support::{corpus, read_lossy};

#[test]
fn buildkit_testfiles_match_their_dumps() {
    let Some(corpus) = corpus() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(corpus.join("buildkit-parser")).unwrap() {
        let dir = entry.unwrap().path();
        let src = read_lossy(&dir.join("Dockerfile"));
        let expected = read_lossy(&dir.join("result"));
        let df = parse(&src);
        let got = df.buildkit_dump();
        count += 1;
        if got.trim_end() != expected.trim_end() || df.rejection().is_some() {
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- got\n{}\n--- rejection {:?}",
                dir.display(),
                expected,
                got,
                df.rejection()
            ));
        }
    }
    assert_eq!(count, 33);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn buildkit_negative_cases_are_rejected() {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut count = 0;
    for entry in std::fs::read_dir(corpus.join("buildkit-parser-negative")).unwrap() {
        let dir = entry.unwrap().path();
        let df = parse(&read_lossy(&dir.join("Dockerfile")));
        assert!(df.rejection().is_some(), "{} accepted", dir.display());
        count += 1;
    }
    assert_eq!(count, 4);
}

fn to_json(i: &BuildkitInstruction) -> Value {
    // The reference crossed cgo as C strings: values end at the first NUL.
    let cut = |s: &str| s.split('\0').next().unwrap_or("").to_owned();
    serde_json::json!({
        "cmd": i.cmd,
        "sub_cmd": i.sub_cmd,
        "json": i.json,
        "flags": i.flags.iter().map(|f| cut(f)).collect::<Vec<_>>(),
        "value": i.value.iter().map(|v| cut(v)).collect::<Vec<_>>(),
        "start_line": i.start_line,
        "end_line": i.end_line,
        "heredocs": i.heredocs.iter().map(|h| serde_json::json!({"name": h.name, "content": cut(&h.content)})).collect::<Vec<_>>(),
    })
}

#[test]
fn real_corpus_matches_buildkit_reference() {
    let Some(corpus) = corpus() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let reference = std::fs::read_to_string(corpus.join("reference/buildkit-ref.jsonl")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in reference.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let path = rec["path"].as_str().unwrap();
        let src = read_lossy(&corpus.join(path));
        let df = parse(&src);
        let ok = df.rejection().is_none();
        checked += 1;
        if ok != rec["ok"].as_bool().unwrap() {
            failures.push(format!(
                "{path}: ok={ok} expected {}: {:?}",
                rec["ok"],
                df.rejection()
            ));
            continue;
        }
        if !ok {
            let want = rec["error"]
                .as_str()
                .unwrap()
                .trim_start_matches("GoParseError: ");
            let got = &df.rejection().unwrap().message;
            if got != want {
                failures.push(format!("{path}: error {got:?} expected {want:?}"));
            }
            continue;
        }
        let got: Vec<Value> = df.buildkit_instructions().iter().map(to_json).collect();
        let want = rec["instructions"].as_array().unwrap();
        if got.len() != want.len() {
            failures.push(format!(
                "{path}: {} instructions, expected {}",
                got.len(),
                want.len()
            ));
            continue;
        }
        for (g, w) in got.iter().zip(want) {
            if g != w {
                failures.push(format!("{path}:\n  got  {g}\n  want {w}"));
                break;
            }
        }
    }
    assert_eq!(checked, 2947);
    assert!(
        failures.is_empty(),
        "{} of {checked} files differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
