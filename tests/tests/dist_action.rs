//! The GitHub Action (`action.yml`, `action/install.sh`, `action/run.sh`):
//! the scripts install dockward from a fake local release (a `file://`
//! `DOCKWARD_RELEASES_URL` laid out like GitHub's release downloads, with
//! archives named and laid out as cargo-dist's, holding a launcher of this
//! build's binary, and a `.sha256` beside each), then lint with annotations and SARIF and check
//! formatting, with temporary files as `GITHUB_PATH` and `GITHUB_OUTPUT`.
//! `action.yml` passes the GitHub Actions schema (`check-jsonschema`) and the
//! scripts pass `shellcheck`; both come from PyPI into `target/ci-venv`
//! (`.ci/run`). Only the Linux runner's path runs here.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dockward_tests::{dockward_bin, skip_without, venv_tool, workspace_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The runner architecture and the cargo-dist target of this host's archive.
fn runner_arch() -> (&'static str, &'static str) {
    match std::env::consts::ARCH {
        "aarch64" => ("ARM64", "aarch64-unknown-linux-musl"),
        _ => ("X64", "x86_64-unknown-linux-musl"),
    }
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the command runs")
}

fn sha256(file: &Path) -> String {
    let o = run(Command::new("sha256sum").arg(file));
    assert!(o.status.success(), "{}", text(&o));
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// A release directory for `tag` (`download/v0.1.0` or `latest/download`)
/// under `releases`, with this build's binary as the runner's archive.
fn fake_release(releases: &Path, tag: &str) -> PathBuf {
    let (_, target) = runner_arch();
    let dir = releases.join(tag);
    let stage = releases.join(format!("stage-{}", tag.replace('/', "-")));
    let inner = stage.join(format!("dockward-{target}"));
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    // A launcher for this build's binary: the debug binary is 150 MB, and
    // xz takes most of a minute to pack it on this machine.
    let launcher = inner.join("dockward");
    std::fs::write(
        &launcher,
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", dockward_bin().display()),
    )
    .unwrap();
    std::fs::set_permissions(&launcher, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::copy(workspace_root().join("README.md"), inner.join("README.md")).unwrap();
    let archive = format!("dockward-{target}.tar.xz");
    let o = run(Command::new("tar")
        .arg("-cJf")
        .arg(dir.join(&archive))
        .arg("-C")
        .arg(&stage)
        .arg(format!("dockward-{target}")));
    assert!(o.status.success(), "{}", text(&o));
    let sum = sha256(&dir.join(&archive));
    std::fs::write(
        dir.join(format!("{archive}.sha256")),
        format!("{sum} *{archive}\n"),
    )
    .unwrap();
    dir.join(archive)
}

/// One runner: a tool cache, a temp dir, GITHUB_PATH and GITHUB_OUTPUT.
struct Runner {
    root: tempfile::TempDir,
}

impl Runner {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        for dir in ["toolcache", "temp"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        Self { root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn script(&self, name: &str) -> Command {
        let (arch, _) = runner_arch();
        let mut cmd = Command::new("bash");
        cmd.arg(workspace_root().join("action").join(name))
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", arch)
            .env("RUNNER_TOOL_CACHE", self.path("toolcache"))
            .env("RUNNER_TEMP", self.path("temp"))
            .env("GITHUB_PATH", self.path("github_path"))
            .env("GITHUB_OUTPUT", self.path("github_output"))
            .env("NO_COLOR", "1")
            .env_remove("INPUT_VERSION")
            .env_remove("ACTION_REF");
        cmd
    }

    fn install(&self, releases: &Path, version: &str) -> Output {
        run(self
            .script("install.sh")
            .env(
                "DOCKWARD_RELEASES_URL",
                format!("file://{}", releases.display()),
            )
            .env("INPUT_VERSION", version))
    }

    /// The `key=value` lines written to GITHUB_OUTPUT (the last one wins).
    fn output(&self, key: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.path("github_output")).unwrap_or_default();
        text.lines()
            .filter_map(|l| l.strip_prefix(&format!("{key}=")))
            .next_back()
            .map(str::to_owned)
    }

    fn github_path(&self) -> Vec<PathBuf> {
        std::fs::read_to_string(self.path("github_path"))
            .unwrap_or_default()
            .lines()
            .map(PathBuf::from)
            .collect()
    }

    fn reset_outputs(&self) {
        let _ = std::fs::remove_file(self.path("github_output"));
        let _ = std::fs::remove_file(self.path("github_path"));
    }

    /// run.sh with the directories GITHUB_PATH gathered first on PATH.
    fn run_step(&self, dir: &Path, inputs: &[(&str, &str)]) -> Output {
        let path = std::env::join_paths(self.github_path().into_iter().chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap();
        let mut cmd = self.script("run.sh");
        cmd.current_dir(dir).env("PATH", path);
        for (k, v) in inputs {
            cmd.env(k, v);
        }
        run(&mut cmd)
    }
}

#[test]
fn install_script_installs_a_verified_release_archive_and_caches_it() {
    let releases = tempfile::tempdir().unwrap();
    fake_release(releases.path(), &format!("download/v{VERSION}"));
    let runner = Runner::new();

    let o = runner.install(releases.path(), &format!("v{VERSION}"));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(runner.output("version").as_deref(), Some(VERSION));
    let dirs = runner.github_path();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    assert!(dirs[0].starts_with(runner.path("toolcache")), "{dirs:?}");
    let installed = dirs[0].join("dockward");
    let v = run(Command::new(&installed).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("dockward {VERSION}")
    );
    // The download directory is cleaned up.
    assert_eq!(
        std::fs::read_dir(runner.path("temp")).unwrap().count(),
        0,
        "temporary files left behind"
    );

    // A second install of the same version comes from the tool cache: the
    // release is gone and it still works.
    drop(releases);
    runner.reset_outputs();
    let missing = tempfile::tempdir().unwrap();
    let o = runner.install(missing.path(), VERSION);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("from the tool cache"), "{}", text(&o));
    assert_eq!(runner.github_path(), dirs);

    // Another version is not in the cache and not in the release.
    runner.reset_outputs();
    let o = runner.install(missing.path(), "9.9.9");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("::error"), "{}", text(&o));
    assert!(runner.github_path().is_empty());
}

#[test]
fn install_script_follows_latest_and_the_action_tag() {
    let releases = tempfile::tempdir().unwrap();
    fake_release(releases.path(), "latest/download");
    let runner = Runner::new();
    // No version input, not run from a tag: `latest`, and the output names
    // the version the binary reports.
    let o = run(runner
        .script("install.sh")
        .env(
            "DOCKWARD_RELEASES_URL",
            format!("file://{}/", releases.path().display()),
        )
        .env("ACTION_REF", "main"));
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("latest/download"), "{}", text(&o));
    assert_eq!(runner.output("version").as_deref(), Some(VERSION));

    // Run from the tag `vX.Y.Z`, the action installs that version.
    let tagged = tempfile::tempdir().unwrap();
    fake_release(tagged.path(), &format!("download/v{VERSION}"));
    let runner = Runner::new();
    let o = run(runner
        .script("install.sh")
        .env(
            "DOCKWARD_RELEASES_URL",
            format!("file://{}", tagged.path().display()),
        )
        .env("ACTION_REF", format!("v{VERSION}")));
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains(&format!("download/v{VERSION}/")),
        "{}",
        text(&o)
    );
}

#[test]
fn install_script_refuses_an_archive_whose_checksum_differs() {
    let releases = tempfile::tempdir().unwrap();
    let archive = fake_release(releases.path(), &format!("download/v{VERSION}"));
    let sum = archive.with_file_name(format!(
        "{}.sha256",
        archive.file_name().unwrap().to_string_lossy()
    ));
    let good = std::fs::read_to_string(&sum).unwrap();
    std::fs::write(&sum, good.replacen(&good[..8], "00000000", 1)).unwrap();
    let runner = Runner::new();
    let o = runner.install(releases.path(), VERSION);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("checksum mismatch"), "{}", text(&o));
    assert!(runner.github_path().is_empty());
    assert!(runner.output("version").is_none());
    // Nothing was cached.
    assert_eq!(
        std::fs::read_dir(runner.path("toolcache"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().join(VERSION).exists())
            .count(),
        0
    );
}

#[test]
fn run_script_annotates_writes_sarif_and_checks_formatting() {
    let releases = tempfile::tempdir().unwrap();
    fake_release(releases.path(), &format!("download/v{VERSION}"));
    let runner = Runner::new();
    let o = runner.install(releases.path(), VERSION);
    assert!(o.status.success(), "{}", text(&o));

    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join("svc")).unwrap();
    std::fs::write(
        repo.path().join("svc/Dockerfile"),
        "FROM alpine:3.20\nRUNN echo hi\n",
    )
    .unwrap();
    std::fs::write(repo.path().join("dockward.toml"), "select = [\"DL1000\"]\n").unwrap();

    // Overlapping paths: each finding is annotated once.
    let o = runner.run_step(
        repo.path(),
        &[
            ("INPUT_COMMAND", "lint"),
            ("INPUT_PATHS", " .  svc\n"),
            ("INPUT_SARIF_FILE", "dockward.sarif"),
        ],
    );
    assert!(o.status.success(), "run.sh exits 0: {}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(annotations.len(), 1, "{out}");
    assert!(
        annotations[0].contains("svc/Dockerfile,line=2,col=1"),
        "{out}"
    );
    assert!(annotations[0].contains("title=DL1000"), "{out}");
    assert_eq!(runner.output("exit-code").as_deref(), Some("1"));
    assert_eq!(
        runner.output("sarif-file").as_deref(),
        Some("dockward.sarif")
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("dockward.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{sarif}");
    assert_eq!(results[0]["ruleId"], "DL1000");

    // `args` reach dockward: with the threshold above error, exit code 0.
    let o = runner.run_step(
        repo.path(),
        &[
            ("INPUT_COMMAND", "lint"),
            ("INPUT_PATHS", "svc"),
            ("INPUT_ARGS", "--failure-threshold none"),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(runner.output("exit-code").as_deref(), Some("0"));
    assert_eq!(runner.output("sarif-file").as_deref(), Some(""));

    // fmt --check: 1 while a file would change, 0 once formatted.
    std::fs::write(repo.path().join("svc/Dockerfile"), "from alpine:3.20\n").unwrap();
    let fmt = [("INPUT_COMMAND", "fmt"), ("INPUT_PATHS", ".")];
    let o = runner.run_step(repo.path(), &fmt);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(runner.output("exit-code").as_deref(), Some("1"));
    assert!(text(&o).contains("svc/Dockerfile"), "{}", text(&o));
    std::fs::write(repo.path().join("svc/Dockerfile"), "FROM alpine:3.20\n").unwrap();
    let o = runner.run_step(repo.path(), &fmt);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(runner.output("exit-code").as_deref(), Some("0"));

    // An unknown command is an error (exit code 2), not a silent pass.
    let o = runner.run_step(repo.path(), &[("INPUT_COMMAND", "check")]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(runner.output("exit-code").as_deref(), Some("2"));
    assert!(text(&o).contains("::error"), "{}", text(&o));
}

#[test]
fn action_yml_passes_the_github_actions_schema() {
    let Some(check) = venv_tool("check-jsonschema") else {
        skip_without("check-jsonschema", "the action.yml schema check");
        return;
    };
    let o = run(Command::new(check).current_dir(workspace_root()).args([
        "--builtin-schema",
        "vendor.github-actions",
        "action.yml",
    ]));
    assert!(o.status.success(), "{}", text(&o));

    // The inputs and outputs the docs promise, and each script's inputs
    // wired through.
    let action = std::fs::read_to_string(workspace_root().join("action.yml")).unwrap();
    for input in [
        "version",
        "command",
        "paths",
        "args",
        "sarif-file",
        "upload-sarif",
        "install-only",
        "category",
    ] {
        assert!(action.contains(&format!("\n  {input}:\n")), "input {input}");
    }
    for output in ["version", "exit-code", "sarif-file"] {
        assert!(
            action.contains(&format!("\n  {output}:\n")),
            "output {output}"
        );
    }
    for script in ["install.sh", "run.sh"] {
        let body = std::fs::read_to_string(workspace_root().join("action").join(script)).unwrap();
        for var in body
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.starts_with("INPUT_"))
        {
            assert!(
                action.contains(&format!("{var}: ${{{{ inputs.")),
                "{script} reads {var}, which action.yml does not set"
            );
        }
    }
}

#[test]
fn action_scripts_pass_shellcheck() {
    let Some(shellcheck) = venv_tool("shellcheck") else {
        skip_without("shellcheck", "the action scripts' shellcheck");
        return;
    };
    let o = run(Command::new(shellcheck)
        .current_dir(workspace_root())
        .args(["--shell=bash", "action/install.sh", "action/run.sh"]));
    assert!(o.status.success(), "{}", text(&o));
}
