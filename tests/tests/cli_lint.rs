//! `dockward lint` end to end: the real binary, every output format as an
//! insta snapshot, exit codes, colour, inputs, config, fixes, robustness.
//!
//! Snapshot runs pin the rule set with `--isolated --select …` so that rules
//! added later do not change them.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use dockward_tests::{dockward, fixtures, stderr_of, stdout_of};
use serde_json::Value;

const PINNED: [&str; 5] = [
    "--isolated",
    "--select",
    "DL1000,DL4000",
    "--severity",
    "deprecated-maintainer=warning",
];

fn lint_fixtures(format: &str) -> Output {
    dockward()
        .current_dir(fixtures())
        .arg("lint")
        .args(PINNED)
        .args(["--format", format])
        .args(["lint/clean.Dockerfile", "lint/findings.Dockerfile"])
        .output()
        .unwrap()
}

#[test]
fn every_format_snapshot() {
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
        let o = lint_fixtures(format);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr_of(&o));
        assert_eq!(stderr_of(&o), "", "{format}");
        let text = stdout_of(&o).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("lint_{format}"), text);
    }
}

#[test]
fn json_contract() {
    let o = lint_fixtures("json");
    let v: Value = serde_json::from_str(&stdout_of(&o)).unwrap();
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 3);
    let label = &diags[1];
    assert_eq!(label["path"], "lint/findings.Dockerfile");
    assert_eq!(label["code"], "DL1000");
    assert_eq!(label["name"], "syntax-error");
    assert_eq!(label["severity"], "error");
    // `LABEL x="🐳" --foo`: the emoji is one column; the end is exclusive.
    assert_eq!(label["range"]["start"]["line"], 4);
    assert_eq!(label["range"]["start"]["column"], 13);
    assert_eq!(label["range"]["end"]["line"], 4);
    assert_eq!(label["range"]["end"]["column"], 18);
    let maintainer = &diags[0];
    assert_eq!(maintainer["severity"], "warning");
    assert_eq!(maintainer["aliases"][0], "MaintainerDeprecated");
    assert_eq!(maintainer["fix"]["applicability"], "unsafe");
    assert!(maintainer["fix"]["edits"][0]["content"].is_string());
    let s = &v["summary"];
    assert_eq!(s["files"], 2);
    assert_eq!(s["diagnostics"], 3);
    assert_eq!(s["by_severity"]["error"], 2);
    assert_eq!(s["by_severity"]["warning"], 1);
    assert_eq!(s["fixable"], 0);
    assert_eq!(s["unsafe_fixable"], 1);
}

#[test]
fn colour_is_decided_once_from_flag_and_environment() {
    let run = |args: &[&str], env: &[(&str, &str)], remove_no_color: bool| {
        let mut cmd = dockward();
        if remove_no_color {
            cmd.env_remove("NO_COLOR");
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let o = cmd
            .current_dir(fixtures())
            .args(["lint", "--isolated", "lint/findings.Dockerfile"])
            .args(args)
            .output()
            .unwrap();
        stdout_of(&o).contains('\u{1b}')
    };
    assert!(run(&["--color", "always"], &[], false));
    assert!(!run(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
        true
    ));
    assert!(!run(&[], &[], false), "NO_COLOR turns auto off");
    assert!(!run(&[], &[], true), "not a terminal");
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")], true));
    assert!(
        !run(
            &["--color", "auto", "-f", "gnu"],
            &[("CLICOLOR_FORCE", "1")],
            true
        ),
        "only tty output is coloured"
    );
}

#[test]
fn exit_codes_and_thresholds() {
    let lint = |args: &[&str]| {
        dockward()
            .current_dir(fixtures())
            .arg("lint")
            .args(args)
            .output()
            .unwrap()
    };
    let clean = lint(&[
        "--isolated",
        "--select",
        "DL1000,DL4000",
        "lint/clean.Dockerfile",
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr_of(&clean));
    assert!(stdout_of(&clean).contains("No findings in 1 file."));
    let bad = [
        "--isolated",
        "--select",
        "DL1000,DL4000",
        "lint/findings.Dockerfile",
    ];
    assert_eq!(lint(&bad).status.code(), Some(1));
    assert_eq!(
        lint(&[&bad[..], &["--no-fail"]].concat()).status.code(),
        Some(0)
    );
    assert_eq!(
        lint(&[&bad[..], &["--failure-threshold", "none"]].concat())
            .status
            .code(),
        Some(0)
    );
    let only_warning = [
        "--isolated",
        "--select",
        "DL4000",
        "--severity",
        "DL4000=warning",
        "lint/findings.Dockerfile",
    ];
    assert_eq!(lint(&only_warning).status.code(), Some(1));
    assert_eq!(
        lint(&[&only_warning[..], &["-t", "error"]].concat())
            .status
            .code(),
        Some(0)
    );
    let o = lint(&["--select", "DL9999", "lint/clean.Dockerfile"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("unknown rule `DL9999`"),
        "{}",
        stderr_of(&o)
    );
    let o = lint(&["--severity", "DL1000", "lint/clean.Dockerfile"]);
    assert_eq!(o.status.code(), Some(2));
    let o = lint(&["--severity", "DL1000=fatal", "lint/clean.Dockerfile"]);
    assert_eq!(o.status.code(), Some(2));
    let o = lint(&["--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = lint(&["no/such/Dockerfile"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("no/such/Dockerfile: no such file or directory"),
        "{}",
        stderr_of(&o)
    );
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// The paths a checkstyle report lists (every file checked).
fn checked_files(o: &Output) -> Vec<String> {
    stdout_of(o)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<file name=\""))
        .map(|l| l.split('"').next().unwrap().to_owned())
        .collect()
}

#[test]
fn directories_are_searched_for_dockerfiles() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let df = "FROM alpine:3.20\n";
    for name in [
        "Dockerfile",
        "Containerfile",
        "api/Dockerfile.prod",
        "api/web.Dockerfile",
        "api/worker.dockerfile",
        "api/Containerfile.dev",
        ".devcontainer/Dockerfile",
        "vendor/Dockerfile",
        "scratch/Dockerfile",
        ".git/Dockerfile",
        "docs/Dockerfile.md",
        "docs/Dockerfile.dockerignore",
        "docs/README.md",
    ] {
        write(&root.join(name), df);
    }
    write(&root.join(".gitignore"), "vendor/\n");
    write(&root.join(".ignore"), "scratch/\n");
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "--isolated",
            "-f",
            "checkstyle",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    assert_eq!(
        checked_files(&o),
        [
            ".devcontainer/Dockerfile",
            "Containerfile",
            "Dockerfile",
            "api/Containerfile.dev",
            "api/Dockerfile.prod",
            "api/web.Dockerfile",
            "api/worker.dockerfile",
        ]
    );
    // A named directory keeps its prefix; a named file is checked whatever its name.
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--isolated",
            "-f",
            "checkstyle",
            "api",
            "docs/README.md",
        ])
        .output()
        .unwrap();
    assert_eq!(
        checked_files(&o),
        [
            "api/Containerfile.dev",
            "api/Dockerfile.prod",
            "api/web.Dockerfile",
            "api/worker.dockerfile",
            "docs/README.md",
        ]
    );
}

#[test]
fn config_files_are_discovered_and_validated() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let body = "FROM alpine:3.20\nMAINTAINER me\n";
    write(&root.join("a/Dockerfile"), body);
    write(&root.join("b/Dockerfile"), body);
    write(&root.join("c/Dockerfile"), body);
    write(
        &root.join("a/dockward.toml"),
        "ignore = [\"deprecated-maintainer\"]\n",
    );
    write(
        &root.join("b/.hadolint.yaml"),
        "override:\n  info:\n    - DL4000\nignored:\n  - SC1090\n",
    );
    let o = dockward()
        .current_dir(root)
        .args(["lint", "--select", "DL1000,DL4000", "-f", "gnu"])
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&o),
        "b/Dockerfile:2:1: info: MAINTAINER is deprecated [DL4000]\n\
         c/Dockerfile:2:1: error: MAINTAINER is deprecated [DL4000]\n"
    );
    assert!(
        stderr_of(&o).contains("ShellCheck codes"),
        "{}",
        stderr_of(&o)
    );
    assert_eq!(o.status.code(), Some(1));

    // --isolated ignores the files; --config replaces discovery.
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "-f",
            "gnu",
            "--isolated",
            "a",
        ])
        .output()
        .unwrap();
    assert!(
        stdout_of(&o).contains("a/Dockerfile:2:1: error"),
        "{}",
        stdout_of(&o)
    );
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "-f",
            "gnu",
            "--config",
            "a/dockward.toml",
            "c",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&o), "");
    assert_eq!(o.status.code(), Some(0));

    // A bad config is exit 2 with file, line and column.
    write(
        &root.join("c/.dockward.toml"),
        "ignore = []\nfailure-threshold = \"loud\"\n",
    );
    let o = dockward()
        .current_dir(root)
        .args(["lint", "c"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("c/.dockward.toml:2:21: invalid failure threshold `loud`"),
        "{}",
        stderr_of(&o)
    );
    let o = dockward()
        .current_dir(root)
        .args(["lint", "--config", "missing.toml", "c"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("missing.toml: cannot read"),
        "{}",
        stderr_of(&o)
    );

    // The run-wide settings of the current directory's config apply.
    write(
        &root.join("d/dockward.toml"),
        "format = \"gnu\"\nno-fail = true\n",
    );
    write(&root.join("d/Dockerfile"), body);
    let o = dockward()
        .current_dir(root.join("d"))
        .args(["lint", "--select", "DL1000,DL4000"])
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&o),
        "Dockerfile:2:1: error: MAINTAINER is deprecated [DL4000]\n"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn standard_input_is_named_by_stdin_filename() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        &tmp.path().join("sub/dockward.toml"),
        "select = [\"DL4000\"]\n[severity]\nDL4000 = \"style\"\n",
    );
    let o = dockward()
        .current_dir(tmp.path())
        .args([
            "lint",
            "-f",
            "gnu",
            "-",
            "--stdin-filename",
            "sub/Dockerfile",
        ])
        .write_stdin("FROM alpine:3.20\nMAINTAINER me\n")
        .output()
        .unwrap();
    assert_eq!(
        stdout_of(&o),
        "sub/Dockerfile:2:1: style: MAINTAINER is deprecated [DL4000]\n"
    );
    let o = dockward()
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "--isolated",
            "-f",
            "gnu",
            "-",
        ])
        .write_stdin("FROM alpine:3.20\nRUNN x\n")
        .output()
        .unwrap();
    assert!(
        stdout_of(&o).starts_with("-:2:1: error: unknown instruction"),
        "{}",
        stdout_of(&o)
    );
    let o = dockward().args(["lint", "-", "-"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fixes_are_applied_atomically_and_diffed() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("Dockerfile");
    let original = "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nRUN echo hi\n";
    let fixed = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\"\nRUN echo hi\n";
    write(&path, original);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let lint = |args: &[&str]| {
        dockward()
            .current_dir(tmp.path())
            .args(["lint", "--select", "DL1000,DL4000", "--isolated"])
            .args(args)
            .output()
            .unwrap()
    };

    // The fix is unsafe: plain --fix leaves the file alone.
    let o = lint(&["--fix"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert!(
        stdout_of(&o).contains("1 fixable with `--fix --unsafe-fixes`"),
        "{}",
        stdout_of(&o)
    );

    let o = lint(&["--diff", "--unsafe-fixes"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("fix_diff", stdout_of(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        original,
        "--diff writes nothing"
    );

    let o = lint(&["--fix", "--unsafe-fixes", "-f", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    let v: Value = serde_json::from_str(&stdout_of(&o)).unwrap();
    assert_eq!(v["summary"]["fixed"], 1);
    assert_eq!(v["summary"]["diagnostics"], 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "permissions kept");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no temp file left"
    );

    // --fix-only reports nothing but the count; standard input is fixed to standard output.
    write(&path, original);
    let o = lint(&["--fix-only", "--unsafe-fixes"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout_of(&o), "");
    assert!(
        stderr_of(&o).contains("fixed 1 finding, 0 remaining"),
        "{}",
        stderr_of(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    let o = dockward()
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "-",
        ])
        .write_stdin(original)
        .output()
        .unwrap();
    assert_eq!(stdout_of(&o), fixed);
    assert!(
        stderr_of(&o).contains("Fixed 1 finding."),
        "{}",
        stderr_of(&o)
    );

    // A file that does not parse cleanly keeps its errors, never new ones.
    write(&path, "FROM alpine:3.20\nMAINTAINER me\nRUNN x\n");
    let o = lint(&["--fix", "--unsafe-fixes", "-f", "gnu"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"me\"\nRUNN x\n"
    );
}

#[test]
fn output_file_and_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.sarif");
    let o = dockward()
        .current_dir(fixtures())
        .args(["lint", "--isolated", "-f", "sarif", "-o"])
        .arg(&report)
        .arg("lint/findings.Dockerfile")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout_of(&o), "");
    let v: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let o = dockward()
        .current_dir(fixtures())
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "--isolated",
            "-q",
            "lint/clean.Dockerfile",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&o), "");
}

#[test]
fn hostile_inputs_get_a_message_or_a_finding_never_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(
        root.join("binary.Dockerfile"),
        b"\x7fELF\x02\x01\x00\x00\x00",
    )
    .unwrap();
    fs::write(
        root.join("latin1.Dockerfile"),
        b"FROM alpine:3.20\nLABEL author=\"Jos\xe9\"\nRUNN x\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(root.join("missing"), root.join("dangling.Dockerfile")).unwrap();
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--select",
            "DL1000,DL4000",
            "--isolated",
            "-f",
            "gnu",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
    assert_eq!(
        stdout_of(&o),
        "binary.Dockerfile:1:1: error: binary file: this is not a Dockerfile, so it was not analysed [DL1000]\n\
         latin1.Dockerfile:2:18: error: invalid UTF-8 at byte 34: the file was read with replacement characters (U+FFFD) [DL1000]\n\
         latin1.Dockerfile:3:1: error: unknown instruction: RUNN (did you mean RUN?) [DL1000]\n"
    );
    assert!(
        stderr_of(&o).contains("dangling.Dockerfile: broken symbolic link, skipped"),
        "{}",
        stderr_of(&o)
    );

    // Named explicitly, a broken link or a directory without a Dockerfile.
    let o = dockward()
        .current_dir(root)
        .args(["lint", "--isolated", "dangling.Dockerfile"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("dangling.Dockerfile: broken symbolic link"),
        "{}",
        stderr_of(&o)
    );

    // A device is not read at all.
    let o = dockward()
        .args(["lint", "--isolated", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("/dev/zero: not a regular file"),
        "{}",
        stderr_of(&o)
    );

    // Unreadable files and directories (skipped when running as root, who can read them).
    let locked_dir = root.join("locked");
    write(&locked_dir.join("Dockerfile"), "FROM alpine:3.20\n");
    let locked_file = root.join("locked.Dockerfile");
    write(&locked_file, "FROM alpine:3.20\n");
    fs::set_permissions(&locked_file, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked_dir, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked_file).is_err() {
        let o = dockward()
            .current_dir(root)
            .args(["lint", "--isolated", "locked.Dockerfile", "locked"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr_of(&o).contains("locked.Dockerfile: permission denied"),
            "{}",
            stderr_of(&o)
        );
        assert!(
            stderr_of(&o).contains("locked: permission denied"),
            "{}",
            stderr_of(&o)
        );
    }
    fs::set_permissions(&locked_dir, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&locked_file, fs::Permissions::from_mode(0o644)).unwrap();

    // A 10 MB file: thousands of labels, tens of thousands of RUNs and one
    // long continued RUN.
    let mut big = String::from("FROM alpine:3.20\n");
    let mut i = 0;
    while big.len() < 3 * 1024 * 1024 {
        big.push_str(&format!(
            "LABEL key{i}=\"0123456789012345678901234567890123456789\"\n"
        ));
        i += 1;
    }
    while big.len() < 7 * 1024 * 1024 {
        big.push_str("RUN echo 0123456789012345678901234567890123456789012345678901234567890123\n");
    }
    big.push_str("RUN true");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(" \\\n    && echo 0123456789012345678901234567890123456789012345678901234567");
    }
    big.push_str("\nRUNN x\n");
    let big_lines = big.lines().count();
    write(&root.join("big/Dockerfile"), &big);
    let o = dockward()
        .current_dir(root)
        .args([
            "lint",
            "--isolated",
            "--select",
            "DL1000",
            "-f",
            "gnu",
            "big",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
    assert_eq!(
        stdout_of(&o),
        format!(
            "big/Dockerfile:{big_lines}:1: error: unknown instruction: RUNN (did you mean RUN?) [DL1000]\n"
        )
    );
}

#[test]
fn safe_fixes_from_several_rules_apply_with_plain_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("Dockerfile");
    write(
        &path,
        "FROM alpine:3.20 AS Build\nrun echo a\nRUN echo b\nEXPOSE 80/TCP\nENV FOO bar\n",
    );
    let select = "uppercase-stage-name,inconsistent-instruction-casing,uppercase-expose-protocol,legacy-key-value-format";
    let o = dockward()
        .current_dir(tmp.path())
        .args([
            "lint",
            "--isolated",
            "--select",
            select,
            "--fix",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr_of(&o));
    let v: Value = serde_json::from_str(&stdout_of(&o)).unwrap();
    assert_eq!(v["summary"]["fixed"], 4);
    assert_eq!(v["summary"]["diagnostics"], 0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "FROM alpine:3.20 AS build\nRUN echo a\nRUN echo b\nEXPOSE 80/tcp\nENV FOO=bar\n"
    );
}

#[test]
fn dockerignore_next_to_the_dockerfile_reaches_the_analyzer() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tmp.path().join("app");
    write(
        &app.join("Dockerfile"),
        "FROM alpine:3.20\nCOPY secret.txt /x\nCOPY keep.txt /y\n",
    );
    write(&app.join(".dockerignore"), "secret.txt\n");
    let lint = |extra: &[&str]| {
        let o = dockward()
            .current_dir(tmp.path())
            .args([
                "lint",
                "--isolated",
                "--select",
                "copy-ignored-file",
                "-f",
                "gnu",
            ])
            .args(extra)
            .write_stdin("FROM alpine:3.20\nCOPY secret.txt /x\nCOPY keep.txt /y\n")
            .output()
            .unwrap();
        stdout_of(&o)
    };
    assert!(
        lint(&["app"]).contains("app/Dockerfile:2:6:"),
        "{}",
        lint(&["app"])
    );
    // `<Dockerfile>.dockerignore` wins over the context's `.dockerignore`.
    write(&app.join("Dockerfile.dockerignore"), "keep.txt\n");
    let o = lint(&["app"]);
    assert!(
        o.contains("app/Dockerfile:3:6:") && !o.contains(":2:6:"),
        "{o}"
    );
    // Standard input finds it through --stdin-filename.
    let o = lint(&["-", "--stdin-filename", "app/Dockerfile"]);
    assert!(o.contains("app/Dockerfile:3:6:"), "{o}");
}
