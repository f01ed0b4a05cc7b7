//! End-to-end LSP sessions with the real `dockward lsp` binary over stdio.

mod lsp_support;

use std::time::Duration;

use lsp_support::{Server, TextDoc, diag_keys, edits_for, samples, vscode_caps};
use serde_json::{Value, json};

const EMOJI: &str = "FROM alpine\nHEALTHCHECK --timeout=🐳 --interval=abc CMD true\nFOOBAR x\n";

fn find<'a>(diags: &'a [Value], message: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["message"].as_str().is_some_and(|m| m.contains(message)))
        .unwrap_or_else(|| panic!("no diagnostic containing {message:?} in {diags:#?}"))
}

#[test]
fn diagnostics_are_pushed_on_open_with_version_and_utf16_columns() {
    let (mut s, init) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "dockward");
    s.open("file:///w/Dockerfile", EMOJI);
    let p = s.diagnostics("file:///w/Dockerfile");
    assert_eq!(p["version"], 1);
    let diags = p["diagnostics"].as_array().unwrap();
    let d = find(diags, "\"abc\"");
    // `--interval=abc` starts after `--timeout=🐳 `: the whale is two UTF-16 units.
    assert_eq!(d["range"]["start"], json!({"line": 1, "character": 25}));
    assert_eq!(d["range"]["end"], json!({"line": 1, "character": 39}));
    assert_eq!(d["code"], "DL1000");
    assert_eq!(d["source"], "dockward");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("rules.md#dl1000-syntax-error")
    );
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn utf8_is_negotiated_when_offered_and_utf16_when_nothing_is_said() {
    let (mut s, init) = Server::start(vscode_caps(&["utf-16", "utf-8"]), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    s.open("file:///w/Dockerfile", EMOJI);
    let diags = s.diagnostics_for_version("file:///w/Dockerfile", 1);
    let d = find(&diags, "\"abc\"");
    assert_eq!(d["range"]["start"], json!({"line": 1, "character": 27}));
    drop(s);
    let (_s, init) = Server::start(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
}

#[test]
fn incremental_edits_give_the_diagnostics_of_a_fresh_open() {
    let (mut s, _) = Server::start(
        vscode_caps(&["utf-16"]),
        json!({"diagnostics": {"debounceMs": 10}}),
    );
    let uri = "file:///w/edit.Dockerfile";
    let start = "FROM alpine\r\n# 🐳 é\r\nRUN echo hi\r\n";
    s.open(uri, start);
    s.diagnostics_for_version(uri, 1);
    let mut doc = TextDoc {
        text: start.to_owned(),
        utf16: true,
    };
    let edits = [
        // Type an unknown instruction after the emoji line, one character at a time.
        (2, 0, 2, 0, "F"),
        (2, 1, 2, 1, "O"),
        (2, 2, 2, 2, "O x\r\n"),
        // Replace across lines, then a change in the middle of the emoji comment.
        (0, 5, 1, 3, "busybox\r\n# 🐳"),
        (1, 4, 1, 4, "🐋"),
        (3, 0, 3, 3, "HEALTHCHECK --interval=zz CMD"),
    ];
    let mut version = 1;
    for (l0, c0, l1, c1, text) in edits {
        version += 1;
        let change = json!({"range": {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}}, "text": text});
        doc.apply_edits(&[json!({"range": change["range"], "newText": text})]);
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
    }
    let edited = s.diagnostics_for_version(uri, version);
    let fresh_uri = "file:///w/fresh.Dockerfile";
    s.open(fresh_uri, &doc.text);
    let fresh = s.diagnostics_for_version(fresh_uri, 1);
    assert_eq!(diag_keys(&edited), diag_keys(&fresh));
    assert!(fresh.len() >= 2, "{fresh:#?}");
    // And the document symbols agree too.
    let a = s
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let b = s
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": fresh_uri}}),
        )
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn close_clears_diagnostics_and_pull_matches_push() {
    let (mut s, init) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "dockward"
    );
    let uri = "file:///w/Dockerfile";
    s.open(uri, EMOJI);
    let pushed = s.diagnostics_for_version(uri, 1);
    let pulled = s
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    assert_eq!(pulled["kind"], "full", "{pulled}");
    assert_eq!(pulled["items"].as_array().unwrap(), &pushed);
    let id = pulled["resultId"].as_str().unwrap().to_owned();
    let again = s
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": id}),
        )
        .unwrap();
    assert_eq!(again["kind"], "unchanged");
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    // The publish after close carries no version and clears the list.
    let p = loop {
        let p = s.diagnostics(uri);
        if p["version"].is_null() {
            break p;
        }
    };
    assert_eq!(p["diagnostics"], json!([]));
}

#[test]
fn editor_features_answer_on_every_sample() {
    let samples = samples();
    let texts: Vec<(String, String)> = if samples.is_empty() {
        vec![("inline".into(), EMOJI.into())]
    } else {
        samples
    };
    let (mut s, init) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
        .as_array()
        .unwrap()
        .len() as u64;
    for (name, text) in texts {
        let uri = format!("file:///w/{name}");
        s.open(&uri, &text);
        s.diagnostics(&uri);
        let td = json!({"uri": uri});
        let doc = TextDoc {
            text: text.clone(),
            utf16: true,
        };
        // Semantic tokens decode into in-bounds, non-overlapping, sorted tokens.
        let tokens = s
            .request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": td}),
            )
            .unwrap();
        let data: Vec<u64> = tokens["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(data.len() % 5, 0);
        assert!(!data.is_empty(), "{name}: no tokens");
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        let (mut line, mut col, mut prev_end) = (0u64, 0u64, 0u64);
        for t in data.chunks(5) {
            if t[0] > 0 {
                line += t[0];
                col = t[1];
                prev_end = 0;
            } else {
                col += t[1];
            }
            assert!(t[2] > 0, "{name}: empty token");
            assert!(t[3] < legend, "{name}: token type out of legend");
            assert!(col >= prev_end, "{name}: overlapping tokens on line {line}");
            let width = lines[line as usize].encode_utf16().count() as u64;
            assert!(
                col + t[2] <= width,
                "{name}: token past the end of line {line}"
            );
            prev_end = col + t[2];
        }
        // Hover on the first keyword, completion at the start of a line.
        let first = text.lines().position(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        });
        if let Some(line) = first {
            let indent = text.lines().nth(line).unwrap().len()
                - text.lines().nth(line).unwrap().trim_start().len();
            let hover = s
                .request("textDocument/hover", json!({"textDocument": td, "position": {"line": line, "character": indent + 1}}))
                .unwrap();
            assert!(
                hover["contents"]["value"]
                    .as_str()
                    .is_some_and(|v| !v.is_empty()),
                "{name}: {hover}"
            );
        }
        let completion = s
            .request(
                "textDocument/completion",
                json!({"textDocument": td, "position": doc.position(text.len())}),
            )
            .unwrap();
        assert!(
            completion.is_array() || completion.is_object(),
            "{name}: {completion}"
        );
        let symbols = s
            .request("textDocument/documentSymbol", json!({"textDocument": td}))
            .unwrap();
        assert!(symbols.as_array().is_some_and(|a| !a.is_empty()), "{name}");
        let folds = s
            .request("textDocument/foldingRange", json!({"textDocument": td}))
            .unwrap();
        assert!(folds.is_array(), "{name}");
    }
}

#[test]
fn every_quick_fix_removes_its_diagnostic() {
    let mut texts = samples();
    texts.push(("inline".into(), EMOJI.into()));
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let mut checked = 0;
    for (name, text) in texts {
        let uri = format!("file:///w/{name}");
        s.open(&uri, &text);
        let diags = s.diagnostics_for_version(&uri, 1);
        for d in &diags {
            let actions = s
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
                )
                .unwrap();
            for a in actions.as_array().unwrap() {
                if a["kind"] != "quickfix" {
                    continue;
                }
                let mut doc = TextDoc {
                    text: text.clone(),
                    utf16: true,
                };
                doc.apply_edits(&edits_for(&a["edit"], &uri));
                checked += 1;
                let fixed_uri = format!("file:///w/fixed-{checked}.Dockerfile");
                s.open(&fixed_uri, &doc.text);
                let after = s.diagnostics_for_version(&fixed_uri, 1);
                let same = |x: &Value| x["code"] == d["code"] && x["message"] == d["message"];
                assert!(
                    after.iter().filter(|x| same(x)).count()
                        < diags.iter().filter(|x| same(x)).count(),
                    "{name}: {:?} did not remove {}",
                    a["title"],
                    d["message"]
                );
                s.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": fixed_uri}}),
                );
            }
        }
    }
}

#[test]
fn protocol_errors_have_the_right_codes() {
    // Before initialize.
    let mut s = Server::spawn();
    let err = s.request("textDocument/hover", json!({})).unwrap_err();
    assert_eq!(err["code"], -32002);
    drop(s);

    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    s.send_raw(b"{not json");
    let m = s
        .wait_for(Duration::from_secs(10), |m| {
            m.get("error").is_some() && m["id"].is_null()
        })
        .expect("a parse error reply");
    assert_eq!(m["error"]["code"], -32700);
    let err = s.request("dockward/noSuchMethod", json!({})).unwrap_err();
    assert_eq!(err["code"], -32601);
    let err = s
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///x"}, "position": "abc"}),
        )
        .unwrap_err();
    assert_eq!(err["code"], -32602);
    // Requests about documents that are not open get empty answers, not errors.
    let td = json!({"uri": "file:///w/unopened"});
    assert_eq!(
        s.request(
            "textDocument/hover",
            json!({"textDocument": td, "position": {"line": 0, "character": 0}})
        ),
        Ok(Value::Null)
    );
    assert_eq!(
        s.request(
            "textDocument/formatting",
            json!({"textDocument": td, "options": {"tabSize": 4, "insertSpaces": true}})
        ),
        Ok(Value::Null)
    );
    // Positions past the end are clamped.
    s.open("file:///w/Dockerfile", "FROM a\n");
    let r = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 99999, "character": 99999}}),
    );
    assert!(r.is_ok());
    // After shutdown: invalid request, then exit 0.
    s.request("shutdown", Value::Null).unwrap();
    let err = s
        .request(
            "textDocument/hover",
            json!({"textDocument": td, "position": {"line": 0, "character": 0}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], -32600);
    s.notify("exit", Value::Null);
    assert_eq!(
        s.wait_exit(Duration::from_secs(10))
            .and_then(|st| st.code()),
        Some(0)
    );
    let stderr = s.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn exit_codes_without_shutdown_and_on_end_of_input() {
    let (mut s, _) = Server::start(json!({}), Value::Null);
    s.notify("exit", Value::Null);
    assert_eq!(
        s.wait_exit(Duration::from_secs(10))
            .and_then(|st| st.code()),
        Some(1)
    );

    let (mut s, _) = Server::start(json!({}), Value::Null);
    s.close_stdin();
    let status = s.wait_exit(Duration::from_secs(10));
    assert!(status.is_some(), "the server must exit when its input ends");
}
