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

/// The mechanical shell fixes of issue 10 are quick fixes in the editor, each
/// turning its line into the expected text.
#[test]
fn shell_fixes_are_quick_fixes() {
    let text = "FROM debian:12\n\
        RUN v=`uname -m` && echo \"$v\"\n\
        RUN x=$(pwd) && ls $x\n\
        RUN rm $(ls /tmp)\n\
        RUN rm -f *.log\n\
        RUN cd /src; make\n\
        RUN set -e; export v=$(uname -m); echo \"$v\"\n\
        RUN echo $[1 + 2]\n";
    let expected = [
        ("SC2006", 1, "RUN v=$(uname -m) && echo \"$v\""),
        ("SC2086", 2, "RUN x=$(pwd) && ls \"$x\""),
        ("SC2046", 3, "RUN rm \"$(ls /tmp)\""),
        ("SC2035", 4, "RUN rm -f ./*.log"),
        ("SC2164", 5, "RUN cd /src || exit; make"),
        (
            "SC2155",
            6,
            "RUN set -e; v=$(uname -m); export v; echo \"$v\"",
        ),
        ("SC2007", 7, "RUN echo $((1 + 2))"),
    ];
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///w/shell-fixes.Dockerfile";
    s.open(uri, text);
    let diags = s.diagnostics_for_version(uri, 1);
    for (code, line, want) in expected {
        let d = diags
            .iter()
            .find(|d| d["code"] == code && d["range"]["start"]["line"] == line)
            .unwrap_or_else(|| panic!("no {code} on line {line}: {diags:?}"));
        let actions = s
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
            )
            .unwrap();
        let fix = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == code)
            .unwrap_or_else(|| panic!("no quick fix for {code}: {actions}"));
        let mut doc = TextDoc {
            text: text.to_owned(),
            utf16: true,
        };
        doc.apply_edits(&edits_for(&fix["edit"], uri));
        assert_eq!(doc.text.lines().nth(line).unwrap(), want, "{code}");
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

const NAV: &str = "ARG V=1\nFROM alpine:$V AS base\nARG V\nRUN echo $V\nENV V=2\nRUN echo $V\nFROM base\nCOPY --from=base /a /b\n";

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

#[test]
fn navigation_follows_the_model_flow_sensitively() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///w/nav.Dockerfile";
    s.open(uri, NAV);
    s.diagnostics(uri);
    let td = json!({"uri": uri});
    let def = |s: &mut Server, p: Value| {
        let r = s
            .request(
                "textDocument/definition",
                json!({"textDocument": td, "position": p}),
            )
            .unwrap();
        r["range"]["start"]["line"].as_u64()
    };
    // `$V` in FROM → the global ARG; in the first RUN → the stage's `ARG V`;
    // after `ENV V=2` → the ENV.
    assert_eq!(def(&mut s, pos(1, 13)), Some(0));
    assert_eq!(def(&mut s, pos(3, 10)), Some(2));
    assert_eq!(def(&mut s, pos(5, 10)), Some(4));
    // Stage references: definition and references.
    assert_eq!(def(&mut s, pos(7, 13)), Some(1));
    let refs = s
        .request(
            "textDocument/references",
            json!({"textDocument": td, "position": pos(1, 20), "context": {"includeDeclaration": false}}),
        )
        .unwrap();
    let lines: Vec<u64> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [6, 7]);
    // Highlights: the ENV definition (write) and its one use (read).
    let hl = s
        .request(
            "textDocument/documentHighlight",
            json!({"textDocument": td, "position": pos(4, 4)}),
        )
        .unwrap();
    let kinds: Vec<(u64, u64)> = hl
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["range"]["start"]["line"].as_u64().unwrap(),
                h["kind"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [(4, 3), (5, 2)]);
    // Hover shows the resolved value.
    let hover = s
        .request(
            "textDocument/hover",
            json!({"textDocument": td, "position": pos(1, 13)}),
        )
        .unwrap();
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**V** (ARG) = `1`"), "{text}");
    // Rename of the global ARG renames its stage redeclaration and their uses,
    // not the ENV of the same name.
    let prep = s
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": td, "position": pos(0, 4)}),
        )
        .unwrap();
    assert_eq!(prep["placeholder"], "V");
    let edit = s
        .request(
            "textDocument/rename",
            json!({"textDocument": td, "position": pos(0, 4), "newName": "VERSION"}),
        )
        .unwrap();
    let mut doc = TextDoc {
        text: NAV.to_owned(),
        utf16: true,
    };
    doc.apply_edits(&edits_for(&edit, uri));
    assert_eq!(
        doc.text,
        "ARG VERSION=1\nFROM alpine:$VERSION AS base\nARG VERSION\nRUN echo $VERSION\nENV V=2\nRUN echo $V\nFROM base\nCOPY --from=base /a /b\n"
    );
    let err = s
        .request(
            "textDocument/rename",
            json!({"textDocument": td, "position": pos(0, 4), "newName": "1bad"}),
        )
        .unwrap_err();
    assert_eq!(err["code"], -32602);
    // Inlay hint with the resolved value after `$V` in FROM; a link for alpine.
    let hints = s
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": td, "range": {"start": pos(0, 0), "end": pos(8, 0)}}),
        )
        .unwrap();
    assert_eq!(hints[0]["label"], "= 1");
    assert_eq!(hints[0]["position"], pos(1, 14));
    let links = s
        .request("textDocument/documentLink", json!({"textDocument": td}))
        .unwrap();
    assert_eq!(links[0]["target"], "https://hub.docker.com/_/alpine");
}

#[test]
fn completion_offers_flags_mount_keys_stages_and_scoped_variables() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///w/c.Dockerfile";
    let text = "FROM alpine AS build\nARG GREETING=hi\nRUN --mount=type=cache,ta\nFROM alpine\nCOPY --from=\nRUN echo ${GR\nRUN --\n";
    s.open(uri, text);
    s.diagnostics(uri);
    let labels = |s: &mut Server, p: Value| -> Vec<String> {
        let r = s
            .request(
                "textDocument/completion",
                json!({"textDocument": {"uri": uri}, "position": p}),
            )
            .unwrap();
        let items = r
            .as_array()
            .cloned()
            .or_else(|| r["items"].as_array().cloned())
            .unwrap_or_default();
        items
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(labels(&mut s, pos(2, 25)).contains(&"target".to_owned()));
    assert_eq!(labels(&mut s, pos(4, 12)), ["build"]);
    // GREETING is an ARG of the first stage: not visible in the second.
    let vars = labels(&mut s, pos(5, 13));
    assert!(!vars.contains(&"GREETING".to_owned()), "{vars:?}");
    assert!(vars.contains(&"TARGETPLATFORM".to_owned()));
    let flags = labels(&mut s, pos(6, 6));
    for f in ["--mount", "--network", "--security"] {
        assert!(flags.contains(&f.to_owned()), "{flags:?}");
    }
    let kw = labels(&mut s, pos(7, 0));
    assert!(
        kw.contains(&"HEALTHCHECK".to_owned()) && kw.len() == 18,
        "{kw:?}"
    );
}

#[test]
fn settings_select_rules_and_fix_all_applies_safe_fixes() {
    let text = "from alpine:3.20\nMAINTAINER me\nRUN echo hi\n";
    // initializationOptions: DL4000 off.
    let (mut s, _) = Server::start(json!({}), json!({"ignore": ["DL4000"]}));
    let uri = "file:///w/settings.Dockerfile";
    s.open(uri, text);
    let codes = |d: &[Value]| {
        d.iter()
            .map(|x| x["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let first = codes(&s.diagnostics_for_version(uri, 1));
    assert!(!first.contains(&"DL4000".to_owned()), "{first:?}");
    assert!(first.contains(&"DW2004".to_owned()), "{first:?}");
    // source.fixAll.dockward, asked for by kind, fixes what is safely fixable.
    let actions = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .unwrap();
    let fix_all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll.dockward")
        .expect("a fix-all action");
    let mut doc = TextDoc {
        text: text.to_owned(),
        utf16: true,
    };
    doc.apply_edits(&edits_for(&fix_all["edit"], uri));
    assert_eq!(doc.text, "FROM alpine:3.20\nMAINTAINER me\nRUN echo hi\n");
    // didChangeConfiguration (no workspace/configuration support): DL4000
    // back on, DW2004 off; the open document is re-analysed.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dockward": {"ignore": ["DW2004"]}}}),
    );
    let again = loop {
        let p = s.diagnostics(uri);
        let c = codes(p["diagnostics"].as_array().unwrap());
        if c.contains(&"DL4000".to_owned()) {
            break c;
        }
    };
    assert!(!again.contains(&"DW2004".to_owned()), "{again:?}");
    // Not offered to a plain request, where it would pose as a quick fix.
    let plain = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(1, 0), "end": pos(1, 0)}, "context": {"diagnostics": []}}),
        )
        .unwrap();
    assert!(
        plain
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] != "source.fixAll.dockward")
    );
}

#[test]
fn hover_documents_every_flag_and_mount_key() {
    let text = "FROM --platform=linux/amd64 alpine\nRUN --mount=type=cache,target=/c,sharing=locked --network=none --security=sandbox true\nCOPY --link --chmod=755 --parents --exclude=*.md a b\nADD --checksum=sha256:00 --keep-git-dir http://x/y /z\nHEALTHCHECK --start-interval=5s CMD true\n";
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///w/flags.Dockerfile";
    s.open(uri, text);
    s.diagnostics(uri);
    let doc = TextDoc {
        text: text.to_owned(),
        utf16: true,
    };
    let cases = [
        ("--platform", "platform"),
        ("type=cache", "mount type"),
        ("target=/c", "Where the mount appears"),
        ("sharing", "concurrent builds"),
        ("--network", "network"),
        ("--security", "insecure"),
        ("--link", "independent layer"),
        ("--chmod", "Permissions"),
        ("--parents", "parent directories"),
        ("--exclude", "Leaves out"),
        ("--checksum", "digest"),
        ("--keep-git-dir", ".git"),
        ("--start-interval", "start period"),
        ("HEALTHCHECK", "check"),
    ];
    for (needle, expect) in cases {
        let at = text.find(needle).unwrap() + 2;
        let hover = s
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": doc.position(at)}),
            )
            .unwrap();
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(value.contains(expect), "hover on {needle}: {value:?}");
    }
}

#[test]
fn completion_survives_wide_whitespace_and_odd_positions() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///w/odd.Dockerfile";
    // U+3000 (ideographic space) is three bytes in UTF-8.
    let text = "FROM alpine\nRUN echo\u{3000}$HO\nRUN <<EOF\n$X\nEOF\n# dockward ignore=DL\n";
    s.open(uri, text);
    s.diagnostics(uri);
    let doc = TextDoc {
        text: text.to_owned(),
        utf16: true,
    };
    for at in 0..=text.len() {
        if !text.is_char_boundary(at) {
            continue;
        }
        let r = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": doc.position(at)}),
        );
        assert!(r.is_ok(), "completion at byte {at}: {r:?}");
    }
    let r = s
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(5, 20)}),
        )
        .unwrap();
    let codes: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(codes.contains(&"DL3007"), "{codes:?}");
}

#[test]
fn the_nearest_config_file_applies_and_reloads_on_change() {
    let dir = std::env::temp_dir().join(format!("dockward-lsp-config-{}", std::process::id()));
    let sub = dir.join("app");
    std::fs::create_dir_all(&sub).unwrap();
    let config = dir.join("dockward.toml");
    std::fs::write(&config, "ignore = [\"DL4000\"]\n").unwrap();
    let file = sub.join("Dockerfile");
    let uri = format!("file://{}", file.display());
    let (mut s, _) = Server::start(json!({}), Value::Null);
    s.open(&uri, "FROM alpine:3.20\nMAINTAINER me\n");
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = codes(&s.diagnostics(&uri));
    assert!(!first.contains(&"DL4000".to_owned()), "{first:?}");
    // The config changes on disk; the client reports it.
    std::fs::write(&config, "ignore = []\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}),
    );
    let found = (0..10).any(|_| codes(&s.diagnostics(&uri)).contains(&"DL4000".to_owned()));
    assert!(
        found,
        "DL4000 is reported once the config no longer ignores it"
    );
    // An invalid config is reported to the user, and analysis goes on.
    std::fs::write(&config, "ignore = [\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}),
    );
    let warn = s
        .wait_for(Duration::from_secs(10), |m| {
            m["method"] == "window/showMessage"
        })
        .expect("a message about the broken config");
    assert!(
        warn["params"]["message"]
            .as_str()
            .unwrap()
            .contains("dockward.toml"),
        "{warn}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
