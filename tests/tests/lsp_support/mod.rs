//! A small LSP client over the spawned `dockward lsp` process, for the
//! end-to-end tests: framing, requests with ids, notifications, and a reader
//! thread that records everything the server sends.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The `dockward` binary of this workspace (built if needed; `DOCKWARD_BIN`
/// overrides it), from the end-to-end test library.
pub fn dockward_bin() -> PathBuf {
    dockward_tests::dockward_bin().to_path_buf()
}

/// The shared reference folder beside the checkout, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    root.is_dir().then_some(root)
}

/// The LSP sample Dockerfiles from the shared tools folder, if present.
pub fn samples() -> Vec<(String, String)> {
    let Some(dir) = shared_dir().map(|d| d.join("tools/lsp/samples")) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    out
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages received but not yet consumed.
    pub inbox: Vec<Value>,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Server {
    pub fn spawn() -> Server {
        let mut child = Command::new(dockward_bin())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dockward lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            rx,
            next_id: 0,
            inbox: Vec::new(),
        }
    }

    /// Spawns and initializes with the given client capabilities and options.
    pub fn start(capabilities: Value, options: Value) -> (Server, Value) {
        let mut s = Server::spawn();
        let result = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        let result = result.expect("initialize succeeds");
        s.notify("initialized", json!({}));
        (s, result)
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n", body.len());
        let _ = stdin.write_all(body);
        let _ = stdin.flush();
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        self.send_raw(&body);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Receives the next message, answering the server's own requests.
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.rx.recv_timeout(left) {
                Ok(msg) => {
                    if msg.get("method").is_some() && msg.get("id").is_some() {
                        // A server-to-client request: answer like a plain client.
                        let id = msg["id"].clone();
                        let result = match msg["method"].as_str() {
                            Some("workspace/configuration") => json!([null]),
                            _ => Value::Null,
                        };
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                        continue;
                    }
                    return Some(msg);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Waits for the response to request `id`: `Ok(result)` or `Err(error)`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let deadline = Instant::now() + TIMEOUT;
        if let Some(pos) = self
            .inbox
            .iter()
            .position(|m| m["id"] == json!(id) && m.get("method").is_none())
        {
            let m = self.inbox.remove(pos);
            return m
                .get("error")
                .cloned()
                .map_or_else(|| Ok(m["result"].clone()), Err);
        }
        loop {
            let m = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to request {id}"));
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m
                    .get("error")
                    .cloned()
                    .map_or_else(|| Ok(m["result"].clone()), Err);
            }
            self.inbox.push(m);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Waits for a message matching `pred` (also looking at the inbox).
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(pos) = self.inbox.iter().position(&pred) {
            return Some(self.inbox.remove(pos));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let m = self.recv(deadline)?;
            if pred(&m) {
                return Some(m);
            }
            self.inbox.push(m);
        }
    }

    /// The next `publishDiagnostics` for `uri` (params).
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        let m = self
            .wait_for(TIMEOUT, |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .unwrap_or_else(|| panic!("no diagnostics for {uri}"));
        m["params"].clone()
    }

    /// The diagnostics for `uri` published for `version`, skipping older ones.
    pub fn diagnostics_for_version(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let p = self.diagnostics(uri);
            if p["version"] == json!(version) {
                return p["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
        );
    }

    /// Opens a document with the given language id (`dockercompose`,
    /// `yaml`, `json`…).
    pub fn open_as(&mut self, uri: &str, language_id: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        );
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Everything the server wrote to stderr (after it exited).
    pub fn stderr(&mut self) -> String {
        let mut s = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }

    /// `shutdown` then `exit`; returns the exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        self.wait_exit(TIMEOUT).and_then(|s| s.code())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Client capabilities like VS Code's, with the given position encodings.
pub fn vscode_caps(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}, "configuration": true},
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "tagSupport": {"valueSet": [1, 2]}, "codeDescriptionSupport": true, "dataSupport": true},
            "completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown", "plaintext"]}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "diagnostic": {"dynamicRegistration": false},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}}, "isPreferredSupport": true}
        }
    })
}

/// A client model of a document: text plus LSP-position edits.
pub struct TextDoc {
    pub text: String,
    pub utf16: bool,
}

impl TextDoc {
    /// Byte offset of a (line, character) position.
    pub fn offset(&self, line: u64, character: u64) -> usize {
        let mut start = 0;
        for _ in 0..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[start..end].trim_end_matches('\r');
        let mut units = 0u64;
        for (i, c) in line_text.char_indices() {
            if units >= character {
                return start + i;
            }
            units += if self.utf16 {
                c.len_utf16() as u64
            } else {
                c.len_utf8() as u64
            };
        }
        start + line_text.len()
    }

    pub fn position(&self, offset: usize) -> Value {
        let before = &self.text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col: usize = if self.utf16 {
            before[line_start..].encode_utf16().count()
        } else {
            before.len() - line_start
        };
        json!({"line": line, "character": col})
    }

    /// Applies LSP text edits (non-overlapping, any order).
    pub fn apply_edits(&mut self, edits: &[Value]) {
        let mut spans: Vec<(usize, usize, String)> = edits
            .iter()
            .map(|e| {
                let r = &e["range"];
                let a = self.offset(
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                );
                let b = self.offset(
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                );
                (a, b, e["newText"].as_str().unwrap().to_owned())
            })
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (a, b, t) in spans {
            self.text.replace_range(a..b, &t);
        }
    }
}

/// The text edits of a workspace edit for `uri` (documentChanges or changes).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(dc) = edit["documentChanges"].as_array() {
        return dc
            .iter()
            .filter(|d| d["textDocument"]["uri"] == uri)
            .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// Diagnostics reduced to what must match between two analyses of one text.
pub fn diag_keys(diags: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = diags
        .iter()
        .map(|d| format!("{} {} {}", d["range"], d["code"], d["message"]))
        .collect();
    keys.sort();
    keys
}
