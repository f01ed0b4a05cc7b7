//! `dockward lint` on Compose files, `daemon.json` and seccomp profiles, end
//! to end: the real binary over real files. Every output format as an insta
//! snapshot, `--kind`, directory walks, the `.env` beside a Compose file,
//! the Dockerfiles its services build (with `build.args`), the seccomp
//! profiles they name, fixes, configuration and suppressions.
//!
//! Snapshot runs pin the rule set with `--isolated --select …` so that rules
//! added later do not change them.

use std::fs;
use std::path::{Path, PathBuf};

use dockward_tests::{dockward, fixtures, stderr_of, stdout_of};
use serde_json::Value;

/// The rules the fixture project's snapshots show.
const PINNED: [&str; 3] = [
    "--isolated",
    "--select",
    "DW5001,DW5070,DW5050,DW6004,DW6101,DL3007",
];

fn project() -> PathBuf {
    fixtures().join("compose/project")
}

/// `(path, code, line)` of every finding of a JSON report.
fn findings(report: &Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn lint_json(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<(String, String, u64)>) {
    let o = dockward()
        .current_dir(dir)
        .args(["lint", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr_of(&o)
    );
    let report: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout_of(&o)));
    (o.status.code(), findings(&report))
}

fn has(found: &[(String, String, u64)], path: &str, code: &str) -> bool {
    found.iter().any(|(p, c, _)| p == path && c == code)
}

#[test]
fn every_format_snapshot_of_a_compose_project() {
    for format in [
        "tty",
        "json",
        "sarif",
        "checkstyle",
        "github",
        "gitlab",
        "junit",
        "gnu",
    ] {
        let o = dockward()
            .current_dir(project())
            .arg("lint")
            .args(PINNED)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr_of(&o));
        assert_eq!(stderr_of(&o), "", "{format}");
        let text = stdout_of(&o).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("compose_{format}"), text);
    }
}

#[test]
fn a_directory_walk_finds_compose_files_daemon_json_and_dockerfiles_and_follows_links() {
    let (code, found) = lint_json(&project(), &PINNED);
    assert_eq!(code, Some(1));
    // Found by name.
    assert!(has(&found, "compose.yaml", "DW5001"), "{found:?}");
    assert!(has(&found, "daemon.json", "DW6004"), "{found:?}");
    // Named by the Compose file: the profile a service's security_opt names,
    // reported on the profile itself.
    assert!(has(&found, "profiles/web.json", "DW6101"), "{found:?}");
    // The Dockerfile `web` builds, with `build.args` BASE_TAG=latest over
    // the written default 1.27: only the build-args view is latest.
    assert!(has(&found, "app/Dockerfile", "DL3007"), "{found:?}");
    // The Dockerfile was both walked and linked: one report, no duplicate.
    let dl3007 = found.iter().filter(|(_, c, _)| c == "DL3007").count();
    assert_eq!(dl3007, 1, "{found:?}");
}

#[test]
fn dotenv_beside_the_compose_file_is_read_and_unknown_stays_unknown() {
    let (_, found) = lint_json(
        &project(),
        &["--isolated", "--select", "DW5050", "compose.yaml"],
    );
    // db: `postgres:${PG_TAG}` with PG_TAG=latest in .env.
    assert_eq!(
        found,
        vec![("compose.yaml".to_owned(), "DW5050".to_owned(), 15)],
        "cache's ${{REDIS_TAG}} is unset in .env and must not be a finding"
    );
    // The same text without the .env: nothing is known, nothing is reported.
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(
        project().join("compose.yaml"),
        tmp.path().join("compose.yaml"),
    )
    .unwrap();
    let (code, found) = lint_json(tmp.path(), &["--isolated", "--select", "DW5050", "."]);
    assert_eq!((code, found), (Some(0), Vec::new()));
}

#[test]
fn the_real_environment_is_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("compose.yaml"),
        "services:\n  app:\n    image: nginx:${FROM_ENV}\n",
    )
    .unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .env("FROM_ENV", "latest")
        .args(["lint", "--isolated", "--select", "DW5050", "-f", "gnu"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        stdout_of(&o),
        stderr_of(&o)
    );
    assert_eq!(stdout_of(&o), "");
}

#[test]
fn a_linked_dockerfile_is_checked_with_build_args_even_when_not_an_input() {
    // Only the Compose file is named: its service's Dockerfile is read and
    // checked with the build args, and reported on its own path.
    // What the Dockerfile says on its own (DW1002: it never sets USER) is
    // reported too.
    let (code, found) = lint_json(
        &project(),
        &["--isolated", "--select", "DL3007,DW1002", "compose.yaml"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![
            ("app/Dockerfile".to_owned(), "DW1002".to_owned(), 3),
            ("app/Dockerfile".to_owned(), "DL3007".to_owned(), 3),
        ]
    );
    // Checked alone, the Dockerfile's default (1.27) is not latest.
    let (code, found) = lint_json(
        &project(),
        &["--isolated", "--select", "DL3007", "app/Dockerfile"],
    );
    assert_eq!((code, found), (Some(0), Vec::new()));
}

#[test]
fn files_a_compose_file_names_that_are_missing_are_not_errors() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("compose.yaml"),
        "services:\n  app:\n    build: ./nowhere\n    privileged: true\n    security_opt: [\"seccomp=./missing.json\"]\n    extends:\n      file: ./absent.yaml\n      service: base\n",
    )
    .unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .args(["lint", "--isolated", "--select", "DW5001", "-f", "gnu"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
    assert_eq!(stderr_of(&o), "");
    assert_eq!(
        stdout_of(&o),
        "compose.yaml:4:17: error: Service `app` runs privileged: every capability and host device, and no seccomp, AppArmor or SELinux confinement [DW5001]\n"
    );
}

#[test]
fn kind_forces_how_standard_input_and_named_files_are_read() {
    let compose = "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n";
    let o = dockward()
        .args(["lint", "--isolated", "-f", "gnu", "--kind", "compose", "-"])
        .write_stdin(compose)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout_of(&o).starts_with("-:4:17: error: Service `app` runs privileged"),
        "{}",
        stdout_of(&o)
    );
    assert!(
        !stdout_of(&o).contains("DL"),
        "read as Compose, not as a Dockerfile: {}",
        stdout_of(&o)
    );

    let daemon = "{\"icc\": true}";
    let o = dockward()
        .args(["lint", "--isolated", "--select", "DW6004", "-f", "gnu"])
        .args(["--kind", "daemon", "-"])
        .write_stdin(daemon)
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&o),
        "-:1:2: warning: `icc` is true: containers on the default bridge network can all reach each other [DW6004]\n"
    );

    // A seccomp profile has no name of its own: `--kind seccomp` on a path.
    let o = dockward()
        .current_dir(project())
        .args(["lint", "--isolated", "--select", "DW6101", "-f", "gnu"])
        .args(["--kind", "seccomp", "profiles/web.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
    assert!(
        stdout_of(&o)
            .starts_with("profiles/web.json:2:3: warning: `defaultAction` is `SCMP_ACT_ALLOW`"),
        "{}",
        stdout_of(&o)
    );

    // Without --kind, --stdin-filename's name decides.
    let o = dockward()
        .args(["lint", "--isolated", "-f", "gnu", "--select", "DW5001"])
        .args(["--stdin-filename", "docker-compose.yml", "-"])
        .write_stdin(compose)
        .output()
        .unwrap();
    assert!(
        stdout_of(&o).starts_with("docker-compose.yml:4:17: error"),
        "{}",
        stdout_of(&o)
    );
}

#[test]
fn explicit_compose_like_names_are_compose_and_walks_only_take_compose_names() {
    let tmp = tempfile::tempdir().unwrap();
    let privileged = "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n";
    for name in [
        "compose.prod.yaml",
        "docker-compose.override.yml",
        "stack.yml",
    ] {
        fs::write(tmp.path().join(name), privileged).unwrap();
    }
    let args = ["--isolated", "--select", "DW5001,DL1000"];
    // A walk finds the names Compose looks for (and override files) only.
    let (_, found) = lint_json(tmp.path(), &args);
    assert_eq!(
        found,
        vec![(
            "docker-compose.override.yml".to_owned(),
            "DW5001".to_owned(),
            4
        )]
    );
    // Named explicitly, any YAML is a Compose file.
    let mut named = args.to_vec();
    named.extend(["compose.prod.yaml", "stack.yml"]);
    let (_, found) = lint_json(tmp.path(), &named);
    assert_eq!(
        found,
        vec![
            ("compose.prod.yaml".to_owned(), "DW5001".to_owned(), 4),
            ("stack.yml".to_owned(), "DW5001".to_owned(), 4),
        ]
    );
}

#[test]
fn an_override_file_is_partial_so_missing_settings_are_not_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "services:\n  app:\n    image: alpine:3.20\n";
    fs::write(tmp.path().join("compose.yaml"), text).unwrap();
    fs::write(tmp.path().join("compose.override.yaml"), text).unwrap();
    // DW5030 (writable root filesystem) is about a missing setting.
    let (_, found) = lint_json(tmp.path(), &["--isolated", "--select", "DW5030"]);
    assert_eq!(
        found,
        vec![("compose.yaml".to_owned(), "DW5030".to_owned(), 2)]
    );
}

#[test]
fn the_same_file_given_twice_is_checked_once() {
    let (_, found) = lint_json(
        &project(),
        &[
            "--isolated",
            "--select",
            "DW5001,DW6004",
            "compose.yaml",
            "./compose.yaml",
            "daemon.json",
            ".",
        ],
    );
    assert_eq!(
        found,
        vec![
            ("compose.yaml".to_owned(), "DW5001".to_owned(), 8),
            ("daemon.json".to_owned(), "DW6004".to_owned(), 2),
        ]
    );
}

#[test]
fn fix_drops_privileged_and_keeps_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let original = "# The stack.\nservices:\n  app:\n    # Runs the app.\n    image: alpine:3.20\n    privileged: true\n    ports:\n      - \"8080:80\" # web\n";
    let file = tmp.path().join("compose.yaml");
    fs::write(&file, original).unwrap();
    let fix = [
        "lint",
        "--isolated",
        "--select",
        "DW5001,DW5070",
        "--fix",
        "-f",
        "gnu",
    ];
    // Dropping `privileged` may break a service that needs it: an unsafe
    // fix, not applied by `--fix` alone.
    let o = dockward()
        .current_dir(tmp.path())
        .args(fix)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}{}",
        stdout_of(&o),
        stderr_of(&o)
    );
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("privileged: true")
    );
    let o = dockward()
        .current_dir(tmp.path())
        .args(fix)
        .arg("--unsafe-fixes")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        stdout_of(&o),
        stderr_of(&o)
    );
    let fixed = fs::read_to_string(&file).unwrap();
    assert_eq!(
        fixed,
        "# The stack.\nservices:\n  app:\n    # Runs the app.\n    image: alpine:3.20\n    ports:\n      - \"127.0.0.1:8080:80\" # web\n"
    );
    // The fixed file is clean and re-parses (no compose-syntax-error).
    let (code, found) = lint_json(
        tmp.path(),
        &["--isolated", "--select", "DW5001,DW5070,DW5900"],
    );
    assert_eq!((code, found), (Some(0), Vec::new()));
}

#[test]
fn fix_on_daemon_json_writes_valid_json_and_unsafe_fixes_need_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("daemon.json");
    fs::write(&file, "{\n  \"icc\": true,\n  \"debug\": false\n}\n").unwrap();
    let args = [
        "lint",
        "--isolated",
        "--select",
        "DW6004",
        "-f",
        "gnu",
        "--fix",
    ];
    let o = dockward()
        .current_dir(tmp.path())
        .args(args)
        .output()
        .unwrap();
    let after_safe = fs::read_to_string(&file).unwrap();
    let o2 = dockward()
        .current_dir(tmp.path())
        .args(args)
        .arg("--unsafe-fixes")
        .output()
        .unwrap();
    let after_unsafe = fs::read_to_string(&file).unwrap();
    assert!(
        after_unsafe.contains("\"icc\": false"),
        "safe: {after_safe}\nunsafe: {after_unsafe}\n{}{}{}",
        stderr_of(&o),
        stdout_of(&o2),
        stderr_of(&o2)
    );
    assert_eq!(o2.status.code(), Some(0), "{}", stdout_of(&o2));
    let parsed: Value = serde_json::from_str(&after_unsafe).expect("still JSON");
    assert_eq!(parsed["debug"], Value::Bool(false));
}

#[test]
fn fix_never_writes_a_file_that_does_not_parse() {
    // A Compose file with a YAML error: fixes elsewhere in it are applied
    // only if the result has no more errors than before.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("compose.yaml");
    let broken =
        "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n  bad: [unclosed\n";
    fs::write(&file, broken).unwrap();
    let errors_before = count_code(tmp.path(), "DW5900");
    assert!(errors_before >= 1);
    let o = dockward()
        .current_dir(tmp.path())
        .args(["lint", "--isolated", "--fix", "--unsafe-fixes", "-f", "gnu"])
        .output()
        .unwrap();
    assert!(stdout_of(&o).contains("DW5900"), "{}", stdout_of(&o));
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.contains("bad: [unclosed"), "{after}");
    assert!(count_code(tmp.path(), "DW5900") <= errors_before, "{after}");
}

fn count_code(dir: &Path, code: &str) -> usize {
    let (_, found) = lint_json(dir, &["--isolated", "--select", code]);
    found.iter().filter(|(_, c, _)| c == code).count()
}

#[test]
fn config_selects_compose_rules_by_alias_and_group() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("compose.yaml"),
        "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n    network_mode: host\n",
    )
    .unwrap();
    // The CIS item of privileged containers, and a KICS query name.
    fs::write(
        tmp.path().join("dockward.toml"),
        "select = [\"CIS-5.5\", \"shared-host-network-namespace\"]\n",
    )
    .unwrap();
    let (_, found) = lint_json(tmp.path(), &[]);
    let codes: Vec<_> = found.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(codes, ["DW5001", "DW5010"]);

    // The `cis` group turns on the off-by-default hardening rules too.
    fs::write(
        tmp.path().join("dockward.toml"),
        "extend-select = [\"cis\"]\n",
    )
    .unwrap();
    let (_, found) = lint_json(tmp.path(), &[]);
    for code in ["DW5001", "DW5010", "DW5030", "DW5031", "DW5007"] {
        assert!(has(&found, "compose.yaml", code), "{code}: {found:?}");
    }

    // Each file is checked with the config nearest it: a directory's own
    // dockward.toml ignores a rule by name there only.
    fs::write(
        tmp.path().join("dockward.toml"),
        "select = [\"DW5001\", \"DW5010\"]\n",
    )
    .unwrap();
    fs::create_dir(tmp.path().join("sub")).unwrap();
    fs::copy(
        tmp.path().join("compose.yaml"),
        tmp.path().join("sub/compose.yaml"),
    )
    .unwrap();
    fs::write(
        tmp.path().join("sub/dockward.toml"),
        "select = [\"DW5001\", \"DW5010\"]\nignore = [\"privileged-service\"]\n",
    )
    .unwrap();
    let (_, found) = lint_json(tmp.path(), &[]);
    assert_eq!(
        found,
        vec![
            ("compose.yaml".to_owned(), "DW5001".to_owned(), 4),
            ("compose.yaml".to_owned(), "DW5010".to_owned(), 5),
            ("sub/compose.yaml".to_owned(), "DW5010".to_owned(), 5),
        ]
    );
}

#[test]
fn suppression_comments_work_through_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("compose.yaml"),
        "services:\n  app:\n    image: alpine:3.20\n    # dockward ignore=DW5001\n    privileged: true\n    network_mode: host\n  other:\n    image: alpine:3.20\n    privileged: true\n",
    )
    .unwrap();
    let (_, found) = lint_json(tmp.path(), &["--isolated", "--select", "DW5001,DW5010"]);
    assert_eq!(
        found,
        vec![
            ("compose.yaml".to_owned(), "DW5010".to_owned(), 6),
            ("compose.yaml".to_owned(), "DW5001".to_owned(), 9),
        ]
    );
    fs::write(
        tmp.path().join("compose.yaml"),
        "# dockward global ignore=host-network-mode\nservices:\n  app:\n    image: alpine:3.20\n    network_mode: host\n",
    )
    .unwrap();
    let (code, found) = lint_json(tmp.path(), &["--isolated", "--select", "DW5001,DW5010"]);
    assert_eq!((code, found), (Some(0), Vec::new()));
}

#[test]
fn fmt_skips_compose_files_and_daemon_json() {
    let tmp = tempfile::tempdir().unwrap();
    let compose = "services:\n  app:\n      image: alpine:3.20\n";
    fs::write(tmp.path().join("compose.yaml"), compose).unwrap();
    fs::write(tmp.path().join("daemon.json"), "{ }").unwrap();
    fs::write(tmp.path().join("Dockerfile"), "from alpine:3.20\n").unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .args(["fmt", "--isolated", "--check"])
        .output()
        .unwrap();
    // Only the Dockerfile is looked at (and would change).
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}{}",
        stdout_of(&o),
        stderr_of(&o)
    );
    assert!(!stderr_of(&o).contains("compose.yaml"), "{}", stderr_of(&o));
    let o = dockward()
        .current_dir(tmp.path())
        .args(["fmt", "--isolated", "compose.yaml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    assert!(
        stderr_of(&o).contains("compose.yaml: not a Dockerfile"),
        "{}",
        stderr_of(&o)
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("compose.yaml")).unwrap(),
        compose
    );
}

#[test]
fn rules_and_explain_know_the_compose_and_daemon_rules() {
    let o = dockward().args(["rules"]).output().unwrap();
    for code in ["DW5001", "DW6004", "DW6101"] {
        assert!(stdout_of(&o).contains(code), "{code}");
    }
    let o = dockward().args(["explain", "CIS-5.5"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    assert!(
        stdout_of(&o).contains("privileged-service"),
        "{}",
        stdout_of(&o)
    );
}

#[test]
fn a_binary_file_named_compose_is_reported_with_the_compose_syntax_rule() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("compose.yaml"), b"\x00\x01services").unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .args(["lint", "--isolated", "-f", "gnu"])
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&o),
        "compose.yaml:1:1: error: binary file: this is not a Compose file, so it was not analysed [DW5900]\n"
    );
}

#[test]
fn fmt_passes_compose_on_standard_input_through_unchanged() {
    let compose = "services:\n  app:\n      image: alpine:3.20\n";
    let o = dockward()
        .args(["fmt", "--isolated", "--stdin-filename", "compose.yaml", "-"])
        .write_stdin(compose)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    assert_eq!(stdout_of(&o), compose);
    assert!(
        stderr_of(&o).contains("passed through unchanged"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn the_shared_compose_corpus_lints_in_one_process_without_an_error() {
    let Some(corpus) = dockward_tests::corpus() else {
        eprintln!("shared corpus not found: skipping");
        return;
    };
    let root = corpus.join("compose/real");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 300, "{} files", files.len());
    // The corpus's names are flattened (`a__b__docker-compose.yml`), so
    // they are named explicitly, as Compose files, with every rule on.
    let o = dockward()
        .args([
            "lint",
            "--isolated",
            "--kind",
            "compose",
            "--extend-select",
            "ALL",
        ])
        .args(["-f", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
    assert_eq!(stderr_of(&o), "");
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        report["summary"]["files"].as_u64(),
        Some(files.len() as u64)
    );
}

#[test]
fn rules_lists_one_kind_of_file() {
    let o = dockward()
        .args(["rules", "--kind", "daemon", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    let rules: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"DW6004"), "{codes:?}");
    assert!(
        codes.iter().all(|c| c.starts_with("DW6") || *c == "DW1008"),
        "{codes:?}"
    );
}
