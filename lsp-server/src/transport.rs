//! The framing between the client and tower-lsp-server.
//!
//! tower-lsp-server's reader stops for good after the first message it cannot
//! decode (tokio-util's `FramedRead` ends the stream after a decoder error),
//! so one invalid JSON body would end the session. Every message therefore
//! passes through this pump first: well-formed JSON-RPC goes on unchanged;
//! invalid UTF-8 and lone UTF-16 surrogate escapes are replaced by U+FFFD (as
//! editors do); anything still unreadable is answered here, with −32700
//! (parse error) or −32600 (invalid request), and never reaches the server.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{Request, Response};

/// What the output writer is asked to do.
pub(crate) enum Out {
    Frame(Vec<u8>),
    Flush(oneshot::Sender<()>),
}

/// The writer's mailbox.
pub(crate) type OutSender = mpsc::UnboundedSender<Out>;

/// A framed JSON-RPC notification, serialized straight from its typed
/// params. Large diagnostic lists go out this way: tower-lsp-server's client
/// would first build a `serde_json::Value` tree of them and then re-frame
/// them through the in-memory pipe, which costs more than the analysis of a
/// 5,000-line file.
pub(crate) fn notification_frame<P: serde::Serialize>(
    method: &str,
    params: &P,
) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })?;
    Ok(frame(&body))
}

/// Reads one framed message body; `Ok(None)` at end of input. A header block
/// without a usable `Content-Length` gives an empty body (answered as a
/// parse error).
async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut len: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            len = value.trim().parse().ok();
        }
    }
    let Some(len) = len else {
        return Ok(Some(Vec::new()));
    };
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    Ok(Some(body))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Replaces `\uD800`–`\uDFFF` escapes that do not form a pair with `\uFFFD`.
fn fix_lone_surrogates(body: &str) -> String {
    let bytes = body.as_bytes();
    let hex = |i: usize| -> Option<u16> {
        let s = body.get(i..i + 4)?;
        u16::from_str_radix(s, 16).ok()
    };
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let mut last = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes[i + 1] == b'u'
                && let Some(u) = hex(i + 2)
            {
                let lone = if (0xD800..0xDC00).contains(&u) {
                    // A high surrogate needs a low one right after it.
                    let pair = bytes.get(i + 6) == Some(&b'\\')
                        && bytes.get(i + 7) == Some(&b'u')
                        && hex(i + 8).is_some_and(|l| (0xDC00..0xE000).contains(&l));
                    if pair {
                        i += 12;
                        continue;
                    }
                    true
                } else {
                    (0xDC00..0xE000).contains(&u)
                };
                if lone {
                    out.push_str(&body[last..i]);
                    out.push_str("\\uFFFD");
                    i += 6;
                    last = i;
                    continue;
                }
                i += 6;
                continue;
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    out.push_str(&body[last..]);
    out
}

fn is_message(body: &[u8]) -> bool {
    serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
}

/// Decides what to do with one body: forward it (possibly repaired), or
/// answer it with an error.
pub(crate) fn triage(body: Vec<u8>) -> Result<Vec<u8>, Value> {
    if is_message(&body) {
        return Ok(body);
    }
    let text = String::from_utf8_lossy(&body);
    let repaired = fix_lone_surrogates(&text);
    if is_message(repaired.as_bytes()) {
        return Ok(repaired.into_bytes());
    }
    let error = |code: i64, message: &str, id: Value| json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id});
    match serde_json::from_str::<Value>(&repaired) {
        Err(_) => Err(error(-32700, "Parse error", Value::Null)),
        Ok(v) => {
            let id = match v.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                _ => Value::Null,
            };
            if v.get("method").is_some() && v.get("id").is_none() {
                // A malformed notification gets no answer.
                tracing::warn!("ignoring a malformed notification");
                return Err(Value::Null);
            }
            Err(error(-32600, "Invalid request", id))
        }
    }
}

/// Reads the client's messages, forwards the good ones to `to_server`, and
/// answers the bad ones through `out`. Closes `to_server` at end of input.
pub(crate) async fn pump_input<R, W>(input: R, mut to_server: W, out: mpsc::UnboundedSender<Out>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(1 << 16, input);
    while let Ok(Some(body)) = read_frame(&mut reader).await {
        match triage(body) {
            Ok(body) => {
                if to_server.write_all(&frame(&body)).await.is_err() {
                    break;
                }
            }
            Err(Value::Null) => {}
            Err(reply) => {
                let bytes = serde_json::to_vec(&reply).unwrap_or_default();
                let _ = out.send(Out::Frame(frame(&bytes)));
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies the server's framed output into `out` until it ends.
pub(crate) async fn pump_server_output<R: AsyncRead + Unpin>(
    from_server: R,
    out: mpsc::UnboundedSender<Out>,
) {
    let mut reader = BufReader::with_capacity(1 << 16, from_server);
    while let Ok(Some(body)) = read_frame(&mut reader).await {
        if out.send(Out::Frame(frame(&body))).is_err() {
            break;
        }
    }
}

/// Writes whole frames to the client, in order.
pub(crate) async fn write_output<W: AsyncWrite + Unpin>(
    mut output: W,
    mut rx: mpsc::UnboundedReceiver<Out>,
) {
    while let Some(msg) = rx.recv().await {
        match msg {
            Out::Frame(bytes) => {
                if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                    break;
                }
            }
            Out::Flush(done) => {
                let _ = output.flush().await;
                let _ = done.send(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_frames_are_framed_json_rpc() {
        let frame = notification_frame("x/y", &json!({"a": [1, 2]})).expect("serializes");
        let text = String::from_utf8(frame).expect("utf-8");
        let (header, body) = text.split_once("\r\n\r\n").expect("header");
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).expect("json");
        assert_eq!(
            v,
            json!({"jsonrpc": "2.0", "method": "x/y", "params": {"a": [1, 2]}})
        );
    }

    #[test]
    fn lone_surrogates_are_replaced_and_pairs_kept() {
        assert_eq!(fix_lone_surrogates(r#""a\ud800b""#), r#""a\uFFFDb""#);
        assert_eq!(fix_lone_surrogates(r#""\udc00""#), r#""\uFFFD""#);
        let pair = r#""\ud83d\udc33 \\ud800""#;
        assert_eq!(fix_lone_surrogates(pair), pair);
    }

    #[test]
    fn triage_answers_what_the_server_cannot_decode() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{}}"#.to_vec();
        assert_eq!(triage(ok.clone()), Ok(ok));
        let bad = triage(b"{oops".to_vec()).unwrap_err();
        assert_eq!(bad["error"]["code"], -32700);
        let not_msg = triage(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#.to_vec()).unwrap_err();
        assert_eq!(
            (not_msg["error"]["code"].clone(), not_msg["id"].clone()),
            (json!(-32600), json!(7))
        );
        assert_eq!(
            triage(b"[1,2]".to_vec()).unwrap_err()["error"]["code"],
            -32600
        );
        let lone = br#"{"jsonrpc":"2.0","method":"n","params":{"t":"\ud800"}}"#.to_vec();
        assert!(triage(lone).is_ok());
        let mut utf8 = br#"{"jsonrpc":"2.0","method":"n","params":{"t":""}}"#.to_vec();
        utf8.insert(utf8.len() - 3, 0xff);
        assert!(triage(utf8).is_ok());
    }
}
