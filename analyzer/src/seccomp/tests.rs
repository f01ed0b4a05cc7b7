use std::time::{Duration, Instant};

use super::*;

fn all_rules() -> Config {
    Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    }
}

#[test]
fn model_reads_like_go() {
    let src = r#"{
  "DefaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    {"names": ["read", 3, "write"], "action": "SCMP_ACT_ALLOW"},
    {"name": "mount", "Action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
    {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]},
    "junk"
  ]
}"#;
    let model = SeccompModel::new(src);
    assert_eq!(model.default_action_name(), Some("SCMP_ACT_ERRNO"));
    assert_eq!(model.rules().len(), 3);
    let names: Vec<&str> = model.rules()[0]
        .names
        .iter()
        .map(|n| model.name(n))
        .collect();
    assert_eq!(names, ["read", "write"]);
    assert_eq!(
        model.name_range(&model.rules()[0].names[1]).slice(src),
        "\"write\""
    );
    assert_eq!(model.action_name(&model.rules()[1]), Some("SCMP_ACT_ALLOW"));
    assert_eq!(model.rules()[1].requires_caps.len(), 1);
    assert!(model.rules()[2].has_args);
    assert!(model.unconfinement().is_none());
}

#[test]
fn unconfinement() {
    for (src, expected) in [
        ("{}", Some("empty")),
        ("null", Some("empty")),
        ("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}", Some("allows")),
        ("{\"defaultAction\": \"SCMP_ACT_LOG\"}", Some("allows")),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\"}", None),
        (
            "{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
            None,
        ),
        ("[]", None),
        ("", None),
    ] {
        let got = SeccompModel::new(src).unconfinement().map(|u| match u {
            Unconfinement::Empty => "empty",
            Unconfinement::DefaultAllows(_) => "allows",
        });
        assert_eq!(got, expected, "{src}");
    }
}

/// What the Compose engineer calls: the analysis of a profile a service
/// names, and whether it confines anything.
#[test]
fn analyze_entry_point() {
    let found = analyze(
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}",
        &Config::default(),
    );
    let codes: Vec<&str> = found.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["DW6101"]);
    assert!(found.model.unconfinement().is_some());
}

#[test]
fn hostile_inputs() {
    let big = "x".repeat(10 << 20);
    let many_names = format!(
        "{{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{{\"names\": [{}\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}}]}}",
        "\"keyctl\", \"mount\", ".repeat(100_000)
    );
    let many_entries = format!(
        "{{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{}{{}}]}}",
        "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALOW\"}, ".repeat(100_000)
    );
    let cases: Vec<(&str, String)> = vec![
        ("deep arrays", "[".repeat(100_000)),
        (
            "deep in syscalls",
            format!("{{\"syscalls\": {}", "[".repeat(100_000)),
        ),
        ("10 MB action", format!("{{\"defaultAction\": \"{big}\"}}")),
        (
            "10 MB name",
            format!(
                "{{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{{\"names\": [\"{big}\"], \"action\": \"SCMP_ACT_ALLOW\"}}]}}"
            ),
        ),
        (
            "10 MB kernel",
            format!(
                "{{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {{\"minKernel\": \"{big}\"}}}}]}}"
            ),
        ),
        ("200k flagged names", many_names),
        ("100k unknown actions", many_entries),
        ("a number", "12345".to_owned()),
    ];
    for (what, src) in &cases {
        let start = Instant::now();
        let found = analyze(src, &all_rules());
        let took = start.elapsed();
        for d in &found.diagnostics {
            assert!(d.range.end() <= src.len());
            assert!(
                d.message.len() < 1000,
                "{what}: message of {} bytes",
                d.message.len()
            );
        }
        assert!(took < Duration::from_secs(10), "{what}: {took:?}");
        eprintln!("seccomp hostile input {what}: {took:?}");
    }
}

#[test]
fn fix_all_converges_to_strict_json() {
    let src = "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\", // deny\n  \"syscalls\": [\n    {\"names\": [\"read\", \"keyctl\", \"mount\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"},\n  ]\n}\n";
    let outcome = fix_all(src, &all_rules(), true);
    assert!(outcome.converged && !outcome.rejected, "{outcome:?}");
    assert_eq!(
        outcome.text,
        "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n    {\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}\n  ]\n}\n"
    );
    let safe_only = fix_all(src, &all_rules(), false);
    assert!(safe_only.text.contains("keyctl"), "{}", safe_only.text);
}
