//! Ordering regression test: thousands of incremental edits interleaved with
//! slow requests, over the real transport (the spawned binary on stdio).
//!
//! tower-lsp-server runs up to four handlers at once; the server stays correct
//! only because `didChange` hands each edit to the document actor before its
//! first `.await`. If that ever breaks (a framework upgrade, an `.await` added
//! in a notification handler), edits get applied out of order and the edited
//! document stops matching a fresh open of the client's text.

mod lsp_support;

use lsp_support::{Server, TextDoc, diag_keys, vscode_caps};
use serde_json::{Value, json};

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn base_text() -> String {
    let mut t = String::from("# 🐳 é ordering\nFROM alpine:3.20 AS base\n");
    for i in 0..200 {
        t.push_str(&format!(
            "RUN echo step {i} && \\\n    true\nENV V{i}=x{i}\n"
        ));
    }
    t
}

fn run(encodings: &[&str], utf16: bool, edits: usize) {
    let (mut s, init) = Server::start(
        vscode_caps(encodings),
        json!({"diagnostics": {"debounceMs": 50}}),
    );
    assert_eq!(
        init["capabilities"]["positionEncoding"],
        if utf16 { "utf-16" } else { "utf-8" }
    );
    let uri = "file:///w/ordering.Dockerfile";
    let mut doc = TextDoc {
        text: base_text(),
        utf16,
    };
    s.open(uri, &doc.text);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut version = 1;
    let mut pending = Vec::new();
    for n in 0..edits {
        let line_count = doc.text.matches('\n').count() as u64;
        let (start, end, text) = match rng.below(4) {
            // Type right after the whale on line 0: UTF-8 and UTF-16 columns differ.
            0 => {
                let col = if utf16 { 4 } else { 6 };
                let p = json!({"line": 0, "character": col});
                (
                    p.clone(),
                    p,
                    ["a", "é", "🐋", "b"][rng.below(4) as usize].to_owned(),
                )
            }
            // Append an instruction (sometimes an invalid one) at the end.
            1 => {
                let p = doc.position(doc.text.len());
                let word = if rng.below(3) == 0 { "FOOBAR" } else { "RUN" };
                (p.clone(), p, format!("{word} n{n}\n"))
            }
            // Delete a whole line in the middle.
            2 if line_count > 10 => {
                let l = 2 + rng.below(line_count - 4);
                (
                    json!({"line": l, "character": 0}),
                    json!({"line": l + 1, "character": 0}),
                    String::new(),
                )
            }
            // Replace a range spanning a line break.
            _ => {
                let l = 1 + rng.below(line_count.saturating_sub(3).max(1));
                (
                    json!({"line": l, "character": 1}),
                    json!({"line": l + 1, "character": 2}),
                    format!("X{n}\nRU"),
                )
            }
        };
        let change = json!({"range": {"start": start, "end": end}, "text": text});
        doc.apply_edits(&[json!({"range": change["range"], "newText": text})]);
        version += 1;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        if n % 40 == 0 {
            // Slow requests occupy the server's concurrent handler slots.
            pending.push(s.send_request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": {"uri": uri}}),
            ));
            pending.push(s.send_request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            ));
            pending.push(s.send_request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
            ));
        }
    }
    for id in pending {
        match s.response(id) {
            Ok(_) => {}
            // The document moved on while the request ran: allowed.
            Err(e) => assert_eq!(e["code"], -32801, "request {id}: {e}"),
        }
    }
    let edited = s.diagnostics_for_version(uri, version);
    let fresh_uri = "file:///w/fresh.Dockerfile";
    s.open(fresh_uri, &doc.text);
    let fresh = s.diagnostics_for_version(fresh_uri, 1);
    assert_eq!(
        diag_keys(&edited),
        diag_keys(&fresh),
        "diagnostics diverged"
    );
    for method in [
        "textDocument/semanticTokens/full",
        "textDocument/documentSymbol",
    ] {
        let a = s
            .request(method, json!({"textDocument": {"uri": uri}}))
            .unwrap();
        let b = s
            .request(method, json!({"textDocument": {"uri": fresh_uri}}))
            .unwrap();
        assert_eq!(
            a, b,
            "{method} diverged: the server's text is not the client's"
        );
    }
    assert!(
        fresh.len() > 3,
        "the edits should have left invalid instructions"
    );
    let _ = Value::Null;
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn three_thousand_edits_with_slow_requests_stay_in_order_utf16() {
    run(&["utf-16"], true, 3000);
}

#[test]
fn edits_stay_in_order_with_utf8_positions() {
    run(&["utf-8", "utf-16"], false, 1500);
}
