//! The release channels' files stay true to each other and to the binary:
//! - the project's Dockerfiles lint clean under the default rules, are
//!   formatted, and parse with BuildKit's parser (the PyPI package
//!   `dockerfile`, in `target/ci-venv`), with the runtime the docs promise;
//! - one version everywhere a release pins it (crates, the pre-commit
//!   placeholder and image hooks, the Dockerfiles);
//! - one home URL: the links the binary prints start with the workspace's
//!   `repository`, and the README's links are absolute (PyPI and crates.io
//!   show the README) and resolve in this checkout;
//! - the release workflow's custom jobs exist as reusable workflows, every
//!   third-party action is pinned by commit, and the workflows pass the
//!   GitHub workflow schema;
//! - the release .vsix files build from cargo-dist archives;
//! - `dist plan` (written by `.ci/run`) lists the archive of every target
//!   under the names the action, the .vsix build and cargo-binstall use.
//!
//! No image is built here (no Docker daemon) and nothing is pushed or
//! published; `.ci/run` checks that the generated release workflow is current
//! (`dist generate --check`) and that `cargo publish --workspace --dry-run`
//! passes.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use dockward_tests::{dockward, dockward_bin, skip_without, venv_tool, workspace_root};
use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The workspace's `repository`, which every crate inherits.
const HOME: &str = env!("CARGO_PKG_REPOSITORY");

const DOCKERFILES: [&str; 4] = [
    "Dockerfile",
    "docker/release.Dockerfile",
    "docker/debian.Dockerfile",
    "docker/alpine.Dockerfile",
];

fn read(rel: &str) -> String {
    std::fs::read_to_string(workspace_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_project_dockerfiles_lint_clean_and_are_formatted() {
    let o = dockward()
        .current_dir(workspace_root())
        .args(["lint", "--isolated"])
        .args(DOCKERFILES)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = dockward()
        .current_dir(workspace_root())
        .args(["fmt", "--isolated", "--check"])
        .args(DOCKERFILES)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

/// BuildKit's instructions of each file: `[cmd, values, flags, json]`.
fn buildkit_parse(python: &Path) -> Value {
    let script = "import dockerfile, json, sys\n\
                  out = {}\n\
                  for f in sys.argv[1:]:\n\
                  \x20   out[f] = [[c.cmd.upper(), list(c.value), list(c.flags), c.json]\n\
                  \x20             for c in dockerfile.parse_file(f)]\n\
                  print(json.dumps(out))\n";
    let o = Command::new(python)
        .current_dir(workspace_root())
        .args(["-c", script])
        .args(DOCKERFILES)
        .output()
        .unwrap();
    assert!(o.status.success(), "BuildKit's parser: {}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn the_project_dockerfiles_parse_with_buildkit_and_run_dockward_unprivileged() {
    let Some(python) = venv_tool("python").filter(|p| {
        Command::new(p)
            .args(["-c", "import dockerfile"])
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        skip_without(
            "python with the `dockerfile` package",
            "the BuildKit parse of the Dockerfiles",
        );
        return;
    };
    let parsed = buildkit_parse(&python);
    let mut runtimes = Vec::new();
    for file in DOCKERFILES {
        let instructions = parsed[file].as_array().unwrap();
        let last_from = instructions
            .iter()
            .rposition(|i| i[0] == "FROM")
            .unwrap_or_else(|| panic!("{file}: no FROM"));
        let runtime = &instructions[last_from..];
        let find = |cmd: &str| -> Vec<&Value> { runtime.iter().filter(|i| i[0] == cmd).collect() };
        let user = find("USER");
        assert_eq!(user.len(), 1, "{file}: {user:?}");
        assert_eq!(strs(&user[0][1]), ["65532:65532"], "{file}: numeric user");
        let entrypoint = find("ENTRYPOINT");
        assert_eq!(strs(&entrypoint[0][1]), ["dockward"], "{file}");
        assert_eq!(entrypoint[0][3], true, "{file}: exec form");
        let cmd = find("CMD");
        assert_eq!(strs(&cmd[0][1]), ["lint", "-"], "{file}");
        assert_eq!(cmd[0][3], true, "{file}: exec form");
        let labels: Vec<&str> = find("LABEL").iter().flat_map(|l| strs(&l[1])).collect();
        for (key, value) in [
            ("org.opencontainers.image.source", format!("\"{HOME}\"")),
            (
                "org.opencontainers.image.licenses",
                "\"MIT OR Apache-2.0\"".into(),
            ),
            ("org.opencontainers.image.version", "\"${VERSION}\"".into()),
        ] {
            let at = labels
                .iter()
                .position(|l| *l == key)
                .unwrap_or_else(|| panic!("{file}: no label {key}"));
            assert_eq!(labels[at + 1], value, "{file}: {key}");
        }
        let args: Vec<&str> = find("ARG").iter().flat_map(|a| strs(&a[1])).collect();
        assert!(
            args.contains(&format!("VERSION={VERSION}").as_str()),
            "{file}: ARG VERSION={VERSION}: {args:?}"
        );
        // The binary, and nothing else, is copied into the image.
        let copies = find("COPY");
        assert_eq!(copies.len(), 1, "{file}");
        assert_eq!(
            strs(&copies[0][1]).last(),
            Some(&"/usr/local/bin/dockward"),
            "{file}"
        );
        runtimes.push((
            file,
            runtime
                .iter()
                .filter(|i| i[0] != "COPY" && i[0] != "FROM" && i[0] != "LABEL")
                .cloned()
                .collect::<Vec<_>>(),
        ));
    }

    // The source build: a static binary built `--locked` into `FROM scratch`.
    let root = parsed["Dockerfile"].as_array().unwrap();
    let froms: Vec<Vec<&str>> = root
        .iter()
        .filter(|i| i[0] == "FROM")
        .map(|i| strs(&i[1]))
        .collect();
    assert_eq!(froms.len(), 2, "multi-stage: {froms:?}");
    assert!(froms[0][0].starts_with("rust:") && froms[0][0].ends_with("-alpine"));
    assert_eq!(froms[1], ["scratch"]);
    let run = root.iter().find(|i| i[0] == "RUN").unwrap();
    let script = strs(&run[1]).join(" ");
    assert!(
        script.contains("cargo build --locked --profile dist -p dockward"),
        "{script}"
    );
    assert_eq!(
        parsed["docker/release.Dockerfile"][0][1][0], "scratch",
        "the release image is FROM scratch"
    );

    // The source-built image and the release image run the same way.
    let (_, root_runtime) = &runtimes[0];
    let (_, release_runtime) = &runtimes[1];
    let without_arch = |r: &[Value]| -> Vec<Value> {
        r.iter()
            .filter(|i| i[1][0] != "TARGETARCH")
            .cloned()
            .collect()
    };
    assert_eq!(
        without_arch(root_runtime),
        without_arch(release_runtime),
        "Dockerfile and docker/release.Dockerfile differ at run time"
    );
}

/// `[workspace.package]` and `[workspace.dependencies]` of Cargo.toml.
fn workspace_manifest() -> toml::Table {
    read("Cargo.toml").parse::<toml::Table>().unwrap()["workspace"]
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn one_version_pins_every_channel() {
    let ws = workspace_manifest();
    assert_eq!(ws["package"]["version"].as_str(), Some(VERSION));
    for (name, dep) in ws["dependencies"].as_table().unwrap() {
        if dep.get("path").is_some() {
            assert_eq!(
                dep["version"].as_str(),
                Some(format!("={VERSION}").as_str()),
                "workspace.dependencies.{name}"
            );
        }
    }
    // The pre-commit placeholder pins this version's wheel.
    let placeholder = read("pyproject.toml").parse::<toml::Table>().unwrap();
    assert_eq!(
        placeholder["project"]["dependencies"].as_array().unwrap()[0].as_str(),
        Some(format!("dockward=={VERSION}").as_str())
    );
    // The wheel's version comes from Cargo.
    let wheel = read("cli/pyproject.toml").parse::<toml::Table>().unwrap();
    assert_eq!(wheel["project"]["dynamic"][0].as_str(), Some("version"));
    assert_eq!(wheel["tool"]["maturin"]["bindings"].as_str(), Some("bin"));

    // The hooks: python and system ones by name, docker ones pinned to
    // this version's image.
    let hooks = read(".pre-commit-hooks.yaml");
    for id in [
        "dockward",
        "dockward-fmt",
        "dockward-docker",
        "dockward-fmt-docker",
        "dockward-system",
        "dockward-fmt-system",
    ] {
        assert!(hooks.contains(&format!("- id: {id}\n")), "hook {id}");
    }
    let images: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: ghcr.io/"))
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    for image in images {
        assert!(
            image.starts_with(&format!("dockward/dockward:{VERSION} ")),
            "{image}"
        );
    }
    assert_eq!(hooks.matches("\n  language: python\n").count(), 2);
    assert_eq!(hooks.matches("\n  language: docker_image\n").count(), 2);
    assert_eq!(hooks.matches("\n  language: system\n").count(), 2);

    // The docs' snippets name this release.
    let ci = read("docs/ci.md");
    assert!(ci.contains(&format!("rev: v{VERSION}")), "docs/ci.md rev");
    assert!(
        ci.contains(&format!("dockward/dockward@v{VERSION}")),
        "docs/ci.md action"
    );
}

#[test]
fn every_printed_link_starts_at_the_workspace_home() {
    let ws = workspace_manifest();
    assert_eq!(ws["package"]["repository"].as_str(), Some(HOME));
    assert_eq!(ws["package"]["homepage"].as_str(), Some(HOME));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("Dockerfile"), "FROM ubuntu:latest\n").unwrap();
    let o = dockward()
        .current_dir(tmp.path())
        .args(["lint", "--isolated", "--format", "sarif", "Dockerfile"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], HOME);
    let rules = driver["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(uri.starts_with(&format!("{HOME}/")), "{uri}");
    }
    let o = dockward()
        .current_dir(tmp.path())
        .args(["lint", "--isolated", "Dockerfile"])
        .output()
        .unwrap();
    let tty = String::from_utf8_lossy(&o.stdout);
    let links: Vec<&str> = tty
        .split_whitespace()
        .filter(|w| w.starts_with("http"))
        .collect();
    assert!(!links.is_empty(), "{tty}");
    for link in links {
        assert!(link.starts_with(&format!("{HOME}/")), "{link}");
    }
    // The files the release channels ship name the same home.
    for file in [
        "Dockerfile",
        "action/install.sh",
        "cli/pyproject.toml",
        "README.md",
        "docs/ci.md",
    ] {
        for (at, _) in read(file).match_indices("github.com/dockward") {
            let rest = &read(file)[at..];
            assert!(
                format!("https://{rest}").starts_with(HOME),
                "{file}: {}",
                &rest[..rest.len().min(60)]
            );
        }
    }
}

#[test]
fn readme_links_are_absolute_and_resolve_here() {
    let readme = read("README.md");
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut count = 0;
    for cap in link.captures_iter(&readme) {
        let target = &cap[1];
        count += 1;
        assert!(
            target.starts_with("https://"),
            "README.md: relative link {target} (PyPI and crates.io show it)"
        );
        let Some(path) = target.strip_prefix(&format!("{HOME}/blob/main/")) else {
            continue;
        };
        let path = path.split('#').next().unwrap();
        assert!(
            workspace_root().join(path).exists(),
            "README.md: {target} names no file here"
        );
    }
    assert!(count > 5, "{count} links");
}

/// The `[dist]` table of dist-workspace.toml.
fn dist_config() -> toml::Table {
    read("dist-workspace.toml").parse::<toml::Table>().unwrap()["dist"]
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn the_release_workflow_is_dists_with_pinned_actions() {
    let dist = dist_config();
    let release = read(".github/workflows/release.yml");
    assert!(
        release.starts_with("# This file was autogenerated by dist"),
        "release.yml is generated by `dist generate`"
    );
    let mut custom = Vec::new();
    for key in [
        "local-artifacts-jobs",
        "global-artifacts-jobs",
        "publish-jobs",
    ] {
        for job in dist[key].as_array().unwrap() {
            let name = job.as_str().unwrap().strip_prefix("./").unwrap();
            custom.push(name.to_owned());
        }
    }
    for name in &custom {
        let file = format!(".github/workflows/{name}.yml");
        assert!(
            release.contains(&format!("uses: $/{file}")),
            "release.yml does not call {file}"
        );
        let body = read(&file);
        assert!(body.contains("workflow_call:"), "{file} is not reusable");
    }
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            dist["targets"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_str() == Some(target)),
            "{target}"
        );
    }
    assert_eq!(
        strs(&serde_json::to_value(&dist["installers"]).unwrap()),
        ["shell", "powershell"]
    );

    // Every `uses:` of a third-party action names a full commit.
    let pinned = regex::Regex::new(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$").unwrap();
    let mut files = vec![("action.yml".to_owned(), read("action.yml"))];
    for entry in std::fs::read_dir(workspace_root().join(".github/workflows")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!(
            ".github/workflows/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        files.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    let mut seen = 0;
    for (name, body) in &files {
        for line in body.lines() {
            let Some(used) = line.trim().trim_start_matches("- ").strip_prefix("uses: ") else {
                continue;
            };
            let used = used.split(" #").next().unwrap().trim();
            if used.starts_with("$/") || used.starts_with("./") {
                continue;
            }
            seen += 1;
            assert!(pinned.is_match(used), "{name}: {used} is not pinned");
        }
    }
    assert!(seen > 10, "{seen} uses");
}

#[test]
fn workflows_pass_the_github_workflow_schema() {
    let Some(check) = venv_tool("check-jsonschema") else {
        skip_without("check-jsonschema", "the workflow schema check");
        return;
    };
    let o = Command::new(check)
        .current_dir(workspace_root())
        .args(["--builtin-schema", "vendor.github-workflows"])
        .args(
            std::fs::read_dir(workspace_root().join(".github/workflows"))
                .unwrap()
                .map(|e| e.unwrap().path()),
        )
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn release_vsix_files_build_from_the_archives() {
    let vscode = workspace_root().join("editors/vscode");
    if !vscode.join("node_modules/.bin/vsce").exists() {
        skip_without(
            "editors/vscode/node_modules (npm ci)",
            "the release .vsix test",
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let distrib = tmp.path().join("distrib");
    let target = "x86_64-unknown-linux-musl";
    let inner = tmp.path().join(format!("stage/dockward-{target}"));
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::create_dir_all(&distrib).unwrap();
    // A stand-in binary: the test is about the packaging, and the debug
    // binary is 150 MB.
    let bin = inner.join("dockward");
    std::fs::write(
        &bin,
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", dockward_bin().display()),
    )
    .unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let archive = format!("dockward-{target}.tar.xz");
    let o = Command::new("tar")
        .arg("-cJf")
        .arg(distrib.join(&archive))
        .arg("-C")
        .arg(tmp.path().join("stage"))
        .arg(format!("dockward-{target}"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let sum = Command::new("sha256sum")
        .current_dir(&distrib)
        .arg(&archive)
        .output()
        .unwrap();
    std::fs::write(
        distrib.join(format!("{archive}.sha256")),
        String::from_utf8_lossy(&sum.stdout).replacen("  ", " *", 1),
    )
    .unwrap();

    let out = tmp.path().join("vsix");
    let o = Command::new(vscode.join("scripts/package-release.sh"))
        .arg(&distrib)
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let mut made: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(
        made,
        [
            format!("dockward-{VERSION}.vsix"),
            format!("dockward-alpine-x64-{VERSION}.vsix"),
            format!("dockward-linux-x64-{VERSION}.vsix"),
        ]
    );
    let listing = Command::new("unzip")
        .arg("-l")
        .arg(out.join(format!("dockward-linux-x64-{VERSION}.vsix")))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&listing.stdout).contains("extension/bin/linux-x64/dockward"),
        "{}",
        text(&listing)
    );

    // A tampered archive is refused.
    std::fs::write(
        distrib.join(format!("{archive}.sha256")),
        format!("{} *{archive}\n", "0".repeat(64)),
    )
    .unwrap();
    let o = Command::new(vscode.join("scripts/package-release.sh"))
        .arg(&distrib)
        .arg(tmp.path().join("vsix2"))
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
}

/// `dist plan --output-format=json`, which `.ci/run` writes to
/// `target/dist-plan.json` (or `DOCKWARD_DIST_PLAN`).
fn dist_plan() -> Option<Value> {
    let path = std::env::var_os("DOCKWARD_DIST_PLAN").map_or_else(
        || workspace_root().join("target/dist-plan.json"),
        std::path::PathBuf::from,
    );
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

#[test]
fn the_release_plan_has_the_archives_every_channel_downloads() {
    let Some(plan) = dist_plan() else {
        skip_without(
            "target/dist-plan.json (dist plan)",
            "the release plan check",
        );
        return;
    };
    assert_eq!(plan["releases"][0]["app_name"], "dockward");
    assert_eq!(plan["releases"][0]["app_version"], VERSION);
    let artifacts = plan["artifacts"].as_object().unwrap();
    let install = read("action/install.sh");
    let vsix = read("editors/vscode/scripts/package-release.sh");
    let targets = dist_config()["targets"].as_array().unwrap().clone();
    for target in targets.iter().map(|t| t.as_str().unwrap()) {
        let windows = target.contains("-windows-");
        let name = format!(
            "dockward-{target}{}",
            if windows { ".zip" } else { ".tar.xz" }
        );
        let archive = artifacts
            .get(&name)
            .unwrap_or_else(|| panic!("the plan has no {name}"));
        assert_eq!(archive["checksum"], format!("{name}.sha256"), "{name}");
        assert!(artifacts.contains_key(&format!("{name}.sha256")), "{name}");
        let exe = if windows { "dockward.exe" } else { "dockward" };
        assert!(
            archive["assets"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["kind"] == "executable" && a["path"] == exe),
            "{name} holds no {exe}"
        );
        // What the action and the release .vsix files download: every
        // target but the glibc ones (they take the static musl builds).
        if !target.ends_with("-linux-gnu") {
            assert!(install.contains(target), "action/install.sh lacks {target}");
            assert!(vsix.contains(target), "package-release.sh lacks {target}");
        }
    }
    for installer in ["dockward-installer.sh", "dockward-installer.ps1"] {
        assert!(artifacts.contains_key(installer), "{installer}");
    }
    // cargo-binstall looks for the same names.
    let cli = read("cli/Cargo.toml").parse::<toml::Table>().unwrap();
    let binstall = &cli["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }")
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("txz"));
    for target in ["x86_64-pc-windows-msvc", "aarch64-pc-windows-msvc"] {
        assert_eq!(
            binstall["overrides"][target]["pkg-fmt"].as_str(),
            Some("zip")
        );
    }
}
