//! The Neovim plugin (`editors/neovim`) in a real, headless Neovim (Debian's
//! `neovim` package, 0.7.2, installed by `.ci/run`): `setup{}` detects the
//! file type, attaches `dockward lsp`, passes the settings, shows the
//! diagnostics; a quick fix applies; `:DockwardFixAll` and `:DockwardExplain`
//! work. The script is `editors/neovim/test/headless.lua`.
//!
//! Without `nvim` the test says so and passes, except under CI (`CI` set),
//! where `.ci/run` installs it and a missing `nvim` is a failure.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use dockward_tests::{dockward_bin, skip_without, tool_runs, workspace_root};
use serde_json::Value;

fn run_nvim(dir: &Path, file: &Path, names: &Path) -> Value {
    run_script("test/headless.lua", dir, file, names)
}

/// Runs one of the plugin's headless scripts on `file`.
fn run_script(script: &str, dir: &Path, file: &Path, names: &Path) -> Value {
    let plugin = workspace_root().join("editors/neovim");
    let out = dir.join("report.json");
    let mut child = Command::new("nvim")
        .args(["--headless", "--noplugin", "-n", "-i", "NONE", "-u"])
        .arg(plugin.join(script))
        .arg(file)
        .env("DOCKWARD_BIN", dockward_bin())
        .env("DOCKWARD_NVIM_PLUGIN", &plugin)
        .env("DOCKWARD_NVIM_OUT", &out)
        .env("DOCKWARD_NVIM_NAMES", names)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim hung (no report after 120 s)");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(&out)
        .unwrap_or_else(|e| panic!("nvim exited with {status} and wrote no report: {e}"));
    assert!(status.success(), "nvim exited with {status}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn neovim_plugin_attaches_shows_diagnostics_and_applies_fixes() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Neovim plugin test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // `*.Containerfile` is a name Neovim 0.7 does not know by itself: the
    // plugin's detection must make it a dockerfile buffer.
    let file = dir.join("svc/web.Containerfile");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "FROM alpine:latest\nMAINTAINER jane@example.com\nrun echo hi\ncopy . /src\nWORKDIR /src\n",
    )
    .unwrap();
    let names = dir.join("names");
    std::fs::create_dir_all(&names).unwrap();
    for name in [
        "Containerfile",
        "Containerfile.prod",
        "Dockerfile",
        "Dockerfile.dev",
        "api.Dockerfile",
        "api.dockerfile",
        "web.Containerfile",
        "Dockerfile.md",
        "notes.txt",
    ] {
        std::fs::write(names.join(name), "FROM scratch\n").unwrap();
    }

    let report = run_nvim(dir, &file, &names);
    eprintln!("nvim report: {report:#}");
    assert_eq!(report["error"], Value::Null, "{report}");
    assert_eq!(report["filetype"], "dockerfile", "{report}");
    assert_eq!(report["attached"], true, "{report}");
    if report["nvim"]
        .as_str()
        .is_some_and(|v| v.starts_with("0.7."))
    {
        assert_eq!(report["api_level"], "start_client");
    }

    // Diagnostics, with the plugin's settings applied by the server.
    let before = strings(&report["codes_before"]);
    assert!(before.contains(&"DW2004"), "{report}");
    assert!(before.contains(&"DL4000"), "{report}");
    assert!(
        !before.contains(&"DL3007"),
        "settings.ignore reached the server: {report}"
    );
    assert_eq!(
        report["severities"]["DW1002"], 1,
        "settings.severity reached the server (1 = error): {report}"
    );

    // The quick fix on `run echo hi` uppercased it and removed one finding.
    assert!(report["fix_title"].is_string(), "{report}");
    assert_eq!(report["fix_line"], 2, "{report}");
    assert_eq!(report["line_after_fix"], "RUN echo hi", "{report}");
    let count = |list: &Value| strings(list).iter().filter(|c| **c == "DW2004").count();
    assert_eq!(
        count(&report["codes_after_fix"]),
        count(&report["codes_before"]) - 1,
        "{report}"
    );

    // :DockwardFixAll fixed the rest (`copy` -> `COPY`).
    assert_eq!(count(&report["codes_after_fix_all"]), 0, "{report}");
    let text = report["text_after_fix_all"].as_str().unwrap();
    assert!(text.contains("\nCOPY . /src\n"), "{text}");
    assert!(
        text.contains("MAINTAINER"),
        "unsafe fixes are not applied: {text}"
    );

    // :DockwardExplain DL3007 showed the rule's documentation.
    let explain = report["explain_first_line"].as_str().unwrap_or_default();
    assert!(explain.contains("DL3007"), "{report}");
    assert_eq!(report["explain_filetype"], "markdown");

    // Filetype detection.
    let ft = &report["filetypes"];
    for name in [
        "Containerfile",
        "Containerfile.prod",
        "Dockerfile",
        "Dockerfile.dev",
        "api.Dockerfile",
        "api.dockerfile",
        "web.Containerfile",
    ] {
        assert_eq!(ft[name], "dockerfile", "{name}: {report}");
    }
    assert_eq!(ft["Dockerfile.md"], "markdown", "{report}");
    assert_ne!(ft["notes.txt"], "dockerfile", "{report}");
}

/// With the defaults, `setup{}` attaches to a Compose file and to
/// `daemon.json` (yaml and json buffers to Neovim 0.7) but not to another
/// yaml file; the Compose diagnostic's quick fix applies. The script is
/// `editors/neovim/test/compose.lua`.
#[test]
fn neovim_plugin_attaches_to_compose_files_and_daemon_json() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Neovim Compose test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = dir.join("compose.yaml");
    std::fs::write(
        &file,
        "services:\n  web:\n    image: registry.example.com/web:1.4\n    privileged: true\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("daemon.json"), "{\n  \"icc\": true\n}\n").unwrap();
    std::fs::write(
        dir.join("values.yaml"),
        "services:\n  web:\n    privileged: true\n",
    )
    .unwrap();
    let report = run_script("test/compose.lua", dir, &file, dir);
    eprintln!("nvim report: {report:#}");
    assert_eq!(report["error"], Value::Null, "{report}");
    assert_eq!(report["filetype"], "yaml", "{report}");
    assert_eq!(report["attached"], true, "{report}");
    assert!(
        strings(&report["codes_before"]).contains(&"DW5001"),
        "{report}"
    );
    assert!(
        strings(&report["codes_before"])
            .iter()
            .all(|c| c.starts_with("DW")),
        "read as Compose, not as a Dockerfile: {report}"
    );
    assert!(report["fix_title"].is_string(), "{report}");
    assert!(
        !strings(&report["codes_after_fix"]).contains(&"DW5001"),
        "{report}"
    );
    let text = report["text_after_fix"].as_str().unwrap();
    assert!(!text.contains("privileged"), "{text}");
    assert!(text.contains("127.0.0.1:8080:80"), "{text}");
    assert!(
        strings(&report["action_titles"]).contains(&"Ignore DW5001 for this entry"),
        "{report}"
    );

    assert_eq!(report["daemon_filetype"], "json", "{report}");
    assert_eq!(report["daemon_attached"], true, "{report}");
    assert!(
        strings(&report["daemon_codes"]).contains(&"DW6004"),
        "{report}"
    );
    assert_eq!(report["values_filetype"], "yaml", "{report}");
    assert_eq!(report["values_attached"], false, "{report}");
}

/// `setup{}` picks the client API by Neovim version and hands each the same
/// configuration. Newer APIs are stood in for (`test/api_levels.lua`), so the
/// 0.11 (`vim.lsp.config`/`enable`) and 0.8–0.10 (`vim.lsp.start`) paths are
/// checked on CI's 0.7.2 too; nothing is started.
#[test]
fn neovim_plugin_uses_the_right_client_api_per_version() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Neovim API-level test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("proj");
    std::fs::create_dir_all(project.join("svc")).unwrap();
    std::fs::write(project.join("dockward.toml"), "").unwrap();
    std::fs::write(project.join("svc/Dockerfile"), "FROM scratch\n").unwrap();
    std::fs::write(project.join("svc/api.Dockerfile"), "FROM scratch\n").unwrap();
    let plugin = workspace_root().join("editors/neovim");
    let out = tmp.path().join("report.json");
    let status = Command::new("nvim")
        .args(["--headless", "--noplugin", "-n", "-i", "NONE", "-u"])
        .arg(plugin.join("test/api_levels.lua"))
        .env("DOCKWARD_NVIM_PLUGIN", &plugin)
        .env("DOCKWARD_NVIM_OUT", &out)
        .env("DOCKWARD_NVIM_PROJECT", &project)
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .status()
        .expect("start nvim");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("nvim wrote its report"))
            .unwrap();
    assert!(status.success(), "{report}");
    assert_eq!(report["error"], Value::Null, "{report}");
    let settings = serde_json::json!({"dockward": {"ignore": ["DL3057"]}});
    let init = serde_json::json!({"ignore": ["DL3057"]});
    let root = project.to_string_lossy();

    let v11 = &report["v11"];
    assert_eq!(v11["api_level"], "config");
    assert_eq!(v11["config_name"], "dockward");
    assert_eq!(v11["enable"], "dockward");
    assert_eq!(v11["cmd"], serde_json::json!(["dockward", "lsp"]));
    // Dockerfiles, and yaml/json buffers (picked by name: Compose files,
    // daemon.json).
    assert_eq!(
        v11["filetypes"],
        serde_json::json!([
            "dockerfile",
            "yaml",
            "yaml.docker-compose",
            "dockercompose",
            "json",
            "jsonc"
        ])
    );
    assert_eq!(v11["root_markers"][0], "dockward.toml");
    assert_eq!(v11["settings"], settings);
    assert_eq!(v11["init_options"], init);
    assert_eq!(v11["started_directly"], false);

    let v10 = &report["v10"];
    assert_eq!(v10["api_level"], "start");
    assert_eq!(v10["filetype"], "dockerfile");
    assert_eq!(v10["name"], "dockward");
    assert_eq!(v10["cmd"], serde_json::json!(["/opt/bin/dockward", "lsp"]));
    assert_eq!(v10["root_dir"], *root);
    assert_eq!(v10["settings"], settings);
    assert_eq!(v10["init_options"], init);
    assert_eq!(v10["bufnr_passed"], true);

    let v7 = &report["v7"];
    assert_eq!(v7["api_level"], "start_client");
    assert_eq!(v7["started"], 1, "one client for both buffers of a root");
    assert_eq!(v7["attached"], serde_json::json!([42, 42]));
    assert_eq!(v7["cmd"], serde_json::json!(["dockward", "lsp"]));
    assert_eq!(v7["root_dir"], *root);
    assert_eq!(v7["settings"], settings);
}
