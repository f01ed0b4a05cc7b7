//! End-to-end LSP sessions on Compose files and `daemon.json` with the real
//! `dockward lsp` binary over stdio: the kind comes from the language id
//! and the file name; diagnostics (with the `.env` beside the file read by
//! the server), quick fixes, completion, hover, definition, symbols and
//! links.

mod lsp_support;

use std::path::Path;

use lsp_support::{Server, TextDoc, edits_for, vscode_caps};
use serde_json::{Value, json};

const COMPOSE: &str = "\
services:
  web:
    image: registry.example.com/web:1.4
    privileged: true
    build:
      context: ./app
    env_file: ./web.env
    depends_on:
      - db
    networks:
      - back
  db:
    image: postgres:${TAG}
networks:
  back: {}
";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().filter_map(|d| d["code"].as_str()).collect()
}

/// The (line, character) of the first `needle`, plus `skip` characters.
fn pos(text: &str, needle: &str, skip: usize) -> Value {
    let at = text.find(needle).unwrap() + skip;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

/// A project directory: the Compose file, its `.env`, the Dockerfile it
/// builds and its `env_file`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("compose.yaml"), COMPOSE).unwrap();
    std::fs::write(dir.path().join(".env"), "TAG=latest\n").unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    std::fs::write(
        dir.path().join("app/Dockerfile"),
        "FROM alpine:3.20\nUSER app\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("web.env"), "MODE=prod\n").unwrap();
    dir
}

#[test]
fn compose_session_diagnostics_fix_completion_hover_definition_symbols_links() {
    let dir = project();
    let uri = file_uri(&dir.path().join("compose.yaml"));
    let (mut s, _) = Server::start(
        vscode_caps(&["utf-16"]),
        json!({"diagnostics": {"debounceMs": 10}}),
    );
    s.open_as(&uri, "dockercompose", COMPOSE);
    let diags = s.diagnostics_for_version(&uri, 1);
    let found = codes(&diags);
    assert!(found.contains(&"DW5001"), "privileged: {found:?}");
    // `${TAG}` is `latest` through the `.env` the server read beside the file.
    assert!(found.contains(&"DW5050"), "latest through .env: {found:?}");
    assert!(
        diags.iter().all(|d| d["source"] == "dockward"),
        "{diags:#?}"
    );
    let privileged = diags
        .iter()
        .find(|d| d["code"] == "DW5001")
        .unwrap()
        .clone();

    // Quick fixes for the finding: the rule's fix and the suppression comment.
    let actions = s
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": privileged["range"],
                "context": {"diagnostics": [privileged]},
            }),
        )
        .unwrap();
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Ignore DW5001 for this entry"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Ignore DW5001 in this file"), "{titles:?}");
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && !a["title"].as_str().unwrap().starts_with("Ignore")
                && a["diagnostics"][0]["code"] == "DW5001"
        })
        .unwrap_or_else(|| panic!("a fix for DW5001 in {titles:?}"));
    let mut doc = TextDoc {
        text: COMPOSE.to_owned(),
        utf16: true,
    };
    doc.apply_edits(&edits_for(&fix["edit"], &uri));
    assert!(!doc.text.contains("privileged"), "{}", doc.text);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": doc.text}]}),
    );
    let after = s.diagnostics_for_version(&uri, 2);
    assert!(!codes(&after).contains(&"DW5001"), "{after:#?}");
    let text = doc.text.clone();

    // Hover on a key: the Compose Specification's description.
    let hover = s
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, "depends_on", 2)}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**depends_on**"), "{value}");
    // Hover on a finding adds the rule's documentation.
    let hover = s
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, "postgres", 2)}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("DW5050"), "{value}");

    // Go to definition: a service's `depends_on` to the service, `networks`
    // to the top-level network, `build.context` to the Dockerfile.
    let def = s
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, "- db", 3)}),
        )
        .unwrap();
    assert_eq!(def["uri"], uri.as_str());
    assert_eq!(def["range"]["start"], pos(&text, "  db:", 2));
    let def = s
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, "- back", 3)}),
        )
        .unwrap();
    assert_eq!(def["range"]["start"], pos(&text, "  back: {}", 2));
    let def = s
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": pos(&text, "./app", 2)}),
        )
        .unwrap();
    assert_eq!(
        def["uri"],
        file_uri(&dir.path().join("app/Dockerfile")).as_str()
    );

    // Symbols: sections holding services and networks.
    let symbols = s
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let outline: Vec<(String, Vec<String>)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|sym| {
            let children = sym["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect();
            (sym["name"].as_str().unwrap().to_owned(), children)
        })
        .collect();
    assert_eq!(
        outline,
        [
            (
                "services".to_owned(),
                vec!["web".to_owned(), "db".to_owned()]
            ),
            ("networks".to_owned(), vec!["back".to_owned()]),
        ]
    );

    // Links: `build.context` to its Dockerfile, `env_file` to the file.
    let links = s
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let targets: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["target"].as_str())
        .collect();
    assert_eq!(
        targets,
        [
            file_uri(&dir.path().join("app/Dockerfile")).as_str(),
            file_uri(&dir.path().join("web.env")).as_str(),
        ]
    );

    // Completion on a half-typed key: the service keys the schema allows.
    let half = text.replace("    env_file", "    read\n    env_file");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"text": half}]}),
    );
    let list = s
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(&half, "    read\n", 8)}),
        )
        .unwrap();
    let items = list["items"].as_array().unwrap();
    let read_only = items
        .iter()
        .find(|i| i["label"] == "read_only")
        .unwrap_or_else(|| panic!("read_only in {items:#?}"));
    assert_eq!(read_only["textEdit"]["newText"], "read_only: ");
    assert_eq!(
        read_only["textEdit"]["range"]["start"],
        pos(&half, "read\n", 0)
    );
    assert!(
        items.iter().all(|i| i["label"] != "image"),
        "already written"
    );
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn daemon_json_diagnostic_and_quick_fix() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let uri = "file:///etc/docker/daemon.json";
    let text = "{\n  \"icc\": true,\n  \"live-restore\": true\n}\n";
    s.open_as(uri, "json", text);
    let diags = s.diagnostics_for_version(uri, 1);
    let icc = diags
        .iter()
        .find(|d| d["code"] == "DW6004")
        .unwrap_or_else(|| panic!("icc-enabled in {diags:#?}"))
        .clone();
    let actions = s
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": icc["range"],
                   "context": {"diagnostics": [icc]}}),
        )
        .unwrap();
    let actions = actions.as_array().unwrap();
    // JSON has no comments: a rule's fix, no suppression action.
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Ignore")),
        "{actions:#?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "DW6004")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let mut doc = TextDoc {
        text: text.to_owned(),
        utf16: true,
    };
    doc.apply_edits(&edits_for(&fix["edit"], uri));
    assert!(doc.text.contains("\"icc\": false"), "{}", doc.text);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": doc.text}]}),
    );
    let after = s.diagnostics_for_version(uri, 2);
    assert!(!codes(&after).contains(&"DW6004"), "{after:#?}");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn kinds_come_from_the_language_id_and_the_name() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let compose = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
    // `yaml` is Compose only for a Compose-named file.
    s.open_as("file:///w/values.yaml", "yaml", compose);
    assert_eq!(
        s.diagnostics_for_version("file:///w/values.yaml", 1),
        Vec::<Value>::new()
    );
    s.open_as("file:///w/docker-compose.prod.yml", "yaml", compose);
    let d = s.diagnostics_for_version("file:///w/docker-compose.prod.yml", 1);
    assert!(codes(&d).contains(&"DW5001"), "{d:#?}");
    // `dockercompose` is Compose whatever the name.
    s.open_as("file:///w/stack.yml", "dockercompose", compose);
    let d = s.diagnostics_for_version("file:///w/stack.yml", 1);
    assert!(codes(&d).contains(&"DW5001"), "{d:#?}");
    // `json` is daemon.json only by name.
    s.open_as("file:///w/package.json", "json", "{\"icc\": true}");
    assert_eq!(
        s.diagnostics_for_version("file:///w/package.json", 1),
        Vec::<Value>::new()
    );
    // A Compose file is never read as a Dockerfile: no DL codes.
    assert!(codes(&d).iter().all(|c| c.starts_with("DW")), "{d:#?}");
    // Requests only Dockerfiles answer give empty answers, not errors.
    let tokens = s
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": "file:///w/stack.yml"}}),
        )
        .unwrap();
    assert_eq!(tokens, Value::Null);
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn seccomp_profiles_are_analysed_when_the_settings_name_them() {
    let (mut s, _) = Server::start(
        vscode_caps(&["utf-16"]),
        json!({"seccompProfiles": ["profile.json"]}),
    );
    let text = "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}\n";
    s.open_as("file:///w/profile.json", "json", text);
    let d = s.diagnostics_for_version("file:///w/profile.json", 1);
    assert!(codes(&d).iter().any(|c| c.starts_with("DW61")), "{d:#?}");
    s.open_as("file:///w/other.json", "json", text);
    assert_eq!(
        s.diagnostics_for_version("file:///w/other.json", 1),
        Vec::<Value>::new()
    );
    assert_eq!(s.shutdown(), Some(0));
}

/// A Compose file of `services` services sharing anchors, about 450 bytes
/// each (the shape of the analyzer's `generated_compose`), `services` last
/// so that text typed at the end adds services.
fn generated(services: usize) -> String {
    let mut out = String::from(
        "x-defaults: &defaults\n  restart: unless-stopped\n  logging: &logging\n    driver: json-file\n  networks: [backend]\nnetworks:\n  backend: {}\nservices:\n  db:\n    image: postgres:16.4\n",
    );
    for i in 0..services {
        out.push_str(&format!(
            "  # service {i}\n  svc{i}:\n    <<: *defaults\n    image: \"registry.example.org:5000/team/app{i}:1.{i}.0\"\n    environment:\n      APP_ID: \"{i}\"\n      DATABASE_URL: postgres://user:${{DB_PASSWORD:-secret}}@db{i}:5432/app\n    ports:\n      - \"127.0.0.1:{}:80\"\n      - 9{:03}:9000\n    volumes:\n      - ./data/{i}:/var/lib/app:rw\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/health\"]\n    depends_on: [db]\n    logging: *logging\n",
            8000 + i % 1000,
            i % 1000
        ));
    }
    out
}

#[test]
fn a_burst_of_edits_is_coalesced_and_ends_as_a_fresh_open() {
    let (mut s, _) = Server::start(
        vscode_caps(&["utf-16"]),
        json!({"diagnostics": {"debounceMs": 50}}),
    );
    let uri = "file:///w/burst/compose.yaml";
    let mut doc = TextDoc {
        text: generated(150),
        utf16: true,
    };
    s.open_as(uri, "dockercompose", &doc.text);
    s.diagnostics_for_version(uri, 1);
    let edits = 300;
    let mut pending = Vec::new();
    for n in 0..edits {
        // Type a new service at the end, one piece at a time; every tenth
        // edit makes a service privileged.
        let end = doc.position(doc.text.len());
        let text = match n % 10 {
            0 => format!("  extra{n}:\n"),
            5 => "    privileged: true\n".to_owned(),
            _ => format!("    # {n}\n"),
        };
        let change = json!({"range": {"start": end, "end": end}, "text": text});
        doc.apply_edits(&[json!({"range": change["range"], "newText": text})]);
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [change]}),
        );
        if n % 25 == 0 {
            let last = doc.position(doc.text.len());
            pending.push(s.send_request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            ));
            pending.push(s.send_request(
                "textDocument/completion",
                json!({"textDocument": {"uri": uri}, "position": last}),
            ));
            pending.push(s.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 5}}),
            ));
        }
    }
    for id in pending {
        if let Err(e) = s.response(id) {
            // The document moved on while the request ran: allowed.
            assert_eq!(e["code"], -32801, "request {id}: {e}");
        }
    }
    let last = i64::try_from(edits + 1).unwrap();
    let mut publishes = 0;
    let edited = loop {
        let p = s.diagnostics(uri);
        publishes += 1;
        if p["version"] == json!(last) {
            break p["diagnostics"].as_array().cloned().unwrap_or_default();
        }
    };
    assert!(
        publishes < edits / 10,
        "{publishes} publishes for {edits} edits: not coalesced"
    );
    let fresh_uri = "file:///w/fresh/compose.yaml";
    s.open_as(fresh_uri, "dockercompose", &doc.text);
    let fresh = s.diagnostics_for_version(fresh_uri, 1);
    assert_eq!(
        lsp_support::diag_keys(&edited),
        lsp_support::diag_keys(&fresh)
    );
    assert_eq!(
        codes(&fresh).iter().filter(|c| **c == "DW5001").count(),
        edits / 10,
        "every privileged service typed is reported"
    );
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn huge_and_hostile_compose_documents_survive() {
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let big = generated(2_300);
    assert!(big.len() > 900_000, "{}", big.len());
    let mut laughs = String::from("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        laughs.push_str(&format!(
            "x-{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
        prev = c;
    }
    laughs.push_str("services:\n  web:\n    image: nginx:1.27\n    command: *j\n");
    let deep = format!("services:\n  web:\n    command: {}\n", "[".repeat(100_000));
    for (name, text) in [("big", &big), ("laughs", &laughs), ("deep", &deep)] {
        let uri = format!("file:///w/{name}/compose.yaml");
        s.open_as(&uri, "dockercompose", text);
        let diags = s.diagnostics_for_version(&uri, 1);
        if name != "big" {
            assert!(!diags.is_empty(), "{name}: a finding says why");
        }
        for (method, extra) in [
            ("textDocument/documentSymbol", json!(null)),
            ("textDocument/hover", json!({"line": 3, "character": 6})),
            (
                "textDocument/completion",
                json!({"line": 3, "character": 4}),
            ),
            ("textDocument/documentLink", json!(null)),
        ] {
            let mut params = json!({"textDocument": {"uri": uri}});
            if !extra.is_null() {
                params["position"] = extra;
            }
            assert!(s.request(method, params).is_ok(), "{name}: {method}");
        }
    }
    let stderr_ok = s.shutdown();
    assert_eq!(stderr_ok, Some(0));
}

#[test]
fn a_profile_an_open_compose_file_names_is_read_as_seccomp() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sec")).unwrap();
    let profile = "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}\n";
    std::fs::write(dir.path().join("sec/profile.json"), profile).unwrap();
    let compose = "services:\n  web:\n    image: registry.example.com/web:1.4\n    security_opt:\n      - seccomp=./sec/profile.json\n";
    let (mut s, _) = Server::start(vscode_caps(&["utf-16"]), Value::Null);
    let profile_uri = file_uri(&dir.path().join("sec/profile.json"));
    // Opened before any Compose file names it: plain JSON, not analysed.
    s.open_as(&profile_uri, "json", profile);
    assert_eq!(
        s.diagnostics_for_version(&profile_uri, 1),
        Vec::<Value>::new()
    );
    let compose_uri = file_uri(&dir.path().join("compose.yaml"));
    s.open_as(&compose_uri, "dockercompose", compose);
    s.diagnostics_for_version(&compose_uri, 1);
    // Once the Compose file is analysed, the profile is re-read as one.
    let d = loop {
        let d = s.diagnostics_for_version(&profile_uri, 1);
        if !d.is_empty() {
            break d;
        }
    };
    assert!(codes(&d).iter().any(|c| c.starts_with("DW61")), "{d:#?}");
    assert_eq!(s.shutdown(), Some(0));
}
