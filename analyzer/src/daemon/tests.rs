use std::time::{Duration, Instant};

use super::*;
use crate::registry::DAEMON_RULES;

/// Every daemon rule on, fixes included.
fn all_rules() -> Config {
    Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    }
}

#[test]
fn settings_and_typed_accessors() {
    let src = r#"{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376", 3],
  "icc": false,
  "log-level": "warn",
  "log-level": "info",
  "proxies": {"http-proxy": "http://proxy:3128"},
  "log-opts": {"max-size": "10m"},
  "tls": null
}"#;
    let model = DaemonModel::new(src);
    assert!(model.is_whole());
    let keys: Vec<&str> = model.settings().iter().map(|s| model.key(s)).collect();
    assert_eq!(
        keys,
        [
            "hosts",
            "icc",
            "log-level",
            "log-level",
            "proxies",
            "http-proxy",
            "log-opts",
            "tls"
        ]
    );
    let (icc, s) = model.bool("icc").unwrap();
    assert!(!icc);
    assert_eq!(model.key_range(s).slice(src), "\"icc\"");
    assert_eq!(model.value_range(s).slice(src), "false");
    assert_eq!(model.string("log-level").unwrap().0, "info");
    assert_eq!(model.string("http-proxy").unwrap().0, "http://proxy:3128");
    let proxy = model.setting("http-proxy").unwrap();
    assert_eq!(proxy.lifted_from, Some(4));
    let hosts: Vec<&str> = model.strings("hosts").iter().map(|h| h.0).collect();
    assert_eq!(hosts, ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"]);
    assert_eq!(
        model.strings("hosts")[1].1.slice(src),
        "\"tcp://0.0.0.0:2376\""
    );
    // `null` is absent; `log-opts` is kept whole.
    assert!(model.setting("tls").is_none());
    assert!(model.setting("max-size").is_none());
}

#[test]
fn documents_that_are_not_configurations() {
    for (src, configuration, whole) in [
        ("", true, true),
        ("null", true, true),
        ("{}", true, true),
        ("[]", false, false),
        ("\"x\"", false, false),
        ("{\"icc\": ", true, false),
        ("{\"icc\": false // x\n}", true, true),
    ] {
        let model = DaemonModel::new(src);
        assert_eq!(model.is_configuration(), configuration, "{src:?}");
        assert_eq!(model.is_whole(), whole, "{src:?}");
    }
}

#[test]
fn analyze_reports_in_order_and_respects_configuration() {
    let src = "{\"icc\": true, \"hosts\": [\"tcp://0.0.0.0:2375\"], \"frob\": 1}";
    let found = analyze(src, &Config::default());
    let codes: Vec<&str> = found.diagnostics.iter().map(|d| d.code).collect();
    // Sorted by position; DW6002, DW6005, DW6007 point at the opening brace.
    assert_eq!(
        codes,
        ["DW6002", "DW6005", "DW6007", "DW6004", "DW6001", "DW6016"]
    );
    let quiet = Config {
        ignore: vec!["CIS-2.9".to_owned(), "daemon-tcp-without-tls".to_owned()],
        ..Config::default()
    };
    let codes: Vec<&str> = analyze(src, &quiet)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["DW6005", "DW6007", "DW6004", "DW6016"]);
    // One word selects the benchmark, off-by-default rules included.
    let cis = Config {
        extend_select: vec!["cis".to_owned()],
        ..Config::default()
    };
    let codes: Vec<&str> = analyze("{}", &cis)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(
        codes,
        [
            "DW6002", "DW6004", "DW6005", "DW6006", "DW6007", "DW6008", "DW6014", "DW6015"
        ]
    );
}

/// A hardened file passes every rule, including those off by default.
#[test]
fn hardened_file_is_clean() {
    let src = r#"{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tlsverify": true,
  "tlscacert": "/etc/docker/ca.pem",
  "tlscert": "/etc/docker/server.pem",
  "tlskey": "/etc/docker/server-key.pem",
  "userns-remap": "default",
  "icc": false,
  "live-restore": true,
  "no-new-privileges": true,
  "userland-proxy": false,
  "log-level": "info",
  "log-driver": "syslog",
  "log-opts": {"syslog-address": "tcp+tls://logs.example.com:6514"},
  "authorization-plugins": ["authz-broker"],
  "ip": "127.0.0.1",
  "storage-driver": "overlay2"
}
"#;
    let found = analyze(src, &all_rules());
    assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);
}

/// Fixing everything fixable gives strict JSON that dockerd reads, and
/// converges.
#[test]
fn fix_all_converges_to_strict_json() {
    let src = "{\n  // defaults\n  \"icc\": true,\n  \"live_restore\": true,\n  \"log-opts\": {\"max-file\": 3},\n  \"seccomp-profile\": \"unconfined\",\n}\n";
    let config = all_rules();
    let outcome = fix_all(src, &config, true);
    assert!(outcome.converged && !outcome.rejected, "{outcome:?}");
    let text = outcome.text;
    let model = DaemonModel::new(&text);
    assert!(model.json().errors().is_empty(), "{text}");
    let left: Vec<_> = check(&model, &config)
        .into_iter()
        .filter(|d| d.fix.is_some())
        .collect();
    assert!(left.is_empty(), "{text}\n{left:#?}");
    for key in ["icc", "live-restore", "userns-remap", "no-new-privileges"] {
        assert!(model.has(key), "{key} missing in\n{text}");
    }
}

fn time_all(src: &str) -> Duration {
    let start = Instant::now();
    let found = analyze(src, &all_rules());
    let elapsed = start.elapsed();
    for d in &found.diagnostics {
        assert!(d.range.end() <= src.len(), "{d:?}");
        assert!(src.is_char_boundary(d.range.start()) && src.is_char_boundary(d.range.end()));
        assert!(
            d.message.len() < 1000,
            "message of {} bytes",
            d.message.len()
        );
    }
    elapsed
}

/// Hostile inputs never panic and stay well under a second (the bound is
/// loose for debug builds on a shared machine; release runs are quoted in
/// docs/compose-and-daemon.md).
#[test]
fn hostile_inputs() {
    let big = "x".repeat(10 << 20);
    let many_keys: String = {
        let mut s = String::from("{");
        for i in 0..100_000 {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&format!("\"k{i}\": {i}"));
        }
        s.push('}');
        s
    };
    let same_key = format!("{{{}\"icc\": false}}", "\"icc\": true, ".repeat(100_000));
    let many_hosts = format!(
        "{{\"hosts\": [{}\"tcp://0.0.0.0:2375\"]}}",
        "\"tcp://0.0.0.0:2375\", ".repeat(100_000)
    );
    let cases: Vec<(&str, String)> = vec![
        ("array", "[1, 2, 3]".to_owned()),
        ("deep arrays", "[".repeat(100_000)),
        (
            "deep arrays closed",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        ("deep objects", "{\"a\":".repeat(100_000)),
        ("10 MB string", format!("{{\"labels\": [\"{big}\"]}}")),
        ("10 MB key", format!("{{\"{big}\": 1}}")),
        ("10 MB top-level string", format!("\"{big}\"")),
        ("10 MB bare word", big.clone()),
        ("100k unknown keys", many_keys),
        ("100k duplicates", same_key),
        ("100k tcp hosts", many_hosts),
        (
            "100k comments",
            "{".to_owned() + &"// c\n".repeat(100_000) + "}",
        ),
    ];
    for (what, src) in &cases {
        let took = time_all(src);
        assert!(took < Duration::from_secs(10), "{what}: {took:?}");
        eprintln!("daemon hostile input {what}: {took:?}");
    }
    assert!(DAEMON_RULES.len() >= 19);
}
