//! The YAML tree on the shared Compose corpus (`../shared/corpus/compose`,
//! read in place; skipped when absent): every file parses without an error,
//! every span is in bounds, and the resolved view (aliases, `<<` merges)
//! agrees with an independent YAML reader (serde-saphyr) on every value.

use dockward_analyzer::TextRange;
use dockward_analyzer::yaml::{Kind, Value, Yaml, parse};
use serde_json::Value as Json;

mod support;
use support::{compose_files, read_lossy};

fn in_bounds(src: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end() <= src.len()
        && src.is_char_boundary(r.start())
        && src.is_char_boundary(r.end())
}

/// Compares our view with serde-saphyr's value. Scalars: ours are text, so a
/// typed value of theirs is compared with what the text means.
fn same(ours: Value<'_>, theirs: &Json, path: &str, diffs: &mut Vec<String>) {
    match (ours.kind(), theirs) {
        (Kind::Mapping, Json::Object(map)) => {
            if ours.len() != map.len() {
                diffs.push(format!("{path}: {} keys vs {}", ours.len(), map.len()));
            }
            for e in ours.entries() {
                let key = e.key_str().unwrap_or("?");
                match map.get(key) {
                    Some(v) => same(e.value, v, &format!("{path}.{key}"), diffs),
                    None => diffs.push(format!("{path}: key {key:?} only in ours")),
                }
            }
        }
        (Kind::Sequence, Json::Array(items)) => {
            if ours.len() != items.len() {
                diffs.push(format!("{path}: {} items vs {}", ours.len(), items.len()));
            }
            for (i, (a, b)) in ours.items().zip(items).enumerate() {
                same(a, b, &format!("{path}[{i}]"), diffs);
            }
        }
        (Kind::Scalar, theirs) => {
            let text = ours.as_str().unwrap();
            let ok = match theirs {
                // We keep no line feed after a block scalar's last line at the
                // end of the file (as libyaml and go-yaml); serde-saphyr adds one.
                Json::String(s) => {
                    s == text
                        || (ours.style().is_some_and(|s| s.is_block())
                            && s.strip_suffix('\n') == Some(text))
                }
                Json::Null => ours.is_null(),
                // serde-saphyr reads YAML 1.1 booleans (`off`) too.
                Json::Bool(b) => {
                    let words: &[&str] = if *b {
                        &["true", "yes", "on", "y"]
                    } else {
                        &["false", "no", "off", "n"]
                    };
                    words.iter().any(|w| text.eq_ignore_ascii_case(w))
                }
                Json::Number(n) => {
                    let t = text.replace('_', "");
                    t.parse::<f64>().ok() == n.as_f64()
                        || i64::from_str_radix(t.trim_start_matches("0o"), 8).ok() == n.as_i64()
                        || i64::from_str_radix(t.trim_start_matches("0x"), 16).ok() == n.as_i64()
                }
                _ => false,
            };
            if !ok {
                diffs.push(format!("{path}: {text:?} vs {theirs}"));
            }
        }
        (Kind::Alias, _) => diffs.push(format!("{path}: unresolved alias")),
        (_, theirs) => diffs.push(format!("{path}: {:?} vs {theirs}", ours.kind())),
    }
}

fn check_spans(src: &str, y: &Yaml) {
    for n in y.nodes() {
        assert!(in_bounds(src, n.full_span()));
    }
    for c in y.comments() {
        assert!(in_bounds(src, c.span));
        assert!(c.span.slice(src).starts_with('#'));
    }
}

#[test]
fn the_compose_corpus_parses_without_errors() {
    let files = compose_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    assert_eq!(files.len(), 396);
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut merges = 0;
    for path in &files {
        let src = read_lossy(path);
        let y = parse(&src);
        check_spans(&src, &y);
        if !y.errors().is_empty() || y.documents().iter().any(|d| !d.complete) {
            failures.push(format!("{}: {:?}", path.display(), y.errors()));
            continue;
        }
        if src.contains("<<") {
            merges += 1;
        }
        // The independent reader takes single-document files.
        if y.documents().len() != 1 {
            continue;
        }
        let Ok(theirs) = serde_saphyr::from_str::<Json>(&src) else {
            failures.push(format!("{}: serde-saphyr refuses it", path.display()));
            continue;
        };
        let mut diffs = Vec::new();
        same(y.root().unwrap(), &theirs, "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", path.display(), diffs.join("\n  ")));
        }
        compared += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{compared} files compared with serde-saphyr, {merges} with merge keys");
    assert!(compared >= 390, "{compared}");
    assert!(merges >= 4, "{merges}");
}

#[test]
fn the_generated_file_parses_and_merges() {
    let src = support::generated_compose(1_450);
    assert!(src.len() > 1_000_000);
    let y = parse(&src);
    assert!(y.errors().is_empty(), "{:?}", y.errors());
    // serde-saphyr's default budget refuses 4,350 aliases for 3 anchors.
    let theirs: Json =
        serde_saphyr::from_str_with_options(&src, serde_saphyr::options! { budget: None }).unwrap();
    let mut diffs = Vec::new();
    same(y.root().unwrap(), &theirs, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "{}",
        diffs[..diffs.len().min(20)].join("\n")
    );
    let svc = y
        .root()
        .unwrap()
        .get("services")
        .unwrap()
        .get("svc7")
        .unwrap();
    let restart = svc.get("restart").unwrap();
    assert!(restart.is_shared());
    assert_eq!(restart.span().slice(&src), "unless-stopped");
}
