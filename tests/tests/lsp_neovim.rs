//! A real editor: headless Neovim (Debian's `neovim` package, installed by
//! `.ci/run`) drives `dockward lsp`. It must show the diagnostics, apply a
//! quick fix that removes its diagnostic, and format the buffer.
//!
//! Without `nvim` on the PATH the test says so and passes, except under CI
//! (`.ci/run` installs it), where that is a failure.

mod lsp_support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use dockward_tests::{skip_without, tool_runs};
use serde_json::Value;

/// Runs `tests/nvim/lsp_check.lua` on `name` holding `text` (in a fresh
/// directory), returning the report, the edited text and the directory.
fn check(name: &str, text: &str, tag: &str) -> (Value, String, PathBuf) {
    let dir = std::env::temp_dir().join(format!("dockward-nvim-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let out = dir.join("report.json");
    let result = dir.join(format!("result.{name}"));
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("nvim/lsp_check.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--noplugin", "-n", "-i", "NONE", "-u"])
        .arg(&script)
        .arg(&file)
        .env("DOCKWARD_BIN", lsp_support::dockward_bin())
        .env("DOCKWARD_NVIM_OUT", &out)
        .env("DOCKWARD_NVIM_RESULT", &result)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .spawn()
        .expect("start nvim");
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("nvim wrote its report"))
            .unwrap();
    eprintln!("nvim report: {report}");
    assert!(status.success(), "nvim exited with {status}");
    let edited = std::fs::read_to_string(&result).expect("nvim wrote the buffer");
    (report, edited, dir)
}

#[test]
fn neovim_shows_diagnostics_applies_a_quick_fix_and_formats() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Neovim LSP test");
        return;
    }
    let text = "from alpine:3.20\nMAINTAINER jane@example.com\nRUN echo 🐳 && \\\n      echo done\nFOOBAR x\nworkdir app\nHEALTHCHECK --interval=abc CMD true\n";
    let (report, edited, dir) = check("Dockerfile", text, "dockerfile");
    assert_eq!(report["error"], Value::Null, "{report}");
    assert_eq!(report["attached"], true);
    let before = report["diagnostics_before"].as_u64().unwrap();
    assert!(before >= 2, "{report}");
    let codes: Vec<&str> = report["codes_before"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(codes.contains(&"DL1000"), "{report}");
    // A quick fix, when the rules offer one for these findings, must remove
    // its diagnostic.
    if report["fix_title"].is_string() {
        let code = report["fix_code"].as_str().unwrap();
        let count = |key: &str| {
            report[key]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c.as_str() == Some(code))
                .count()
        };
        assert!(count("codes_after_fix") < count("codes_before"), "{report}");
        assert!(
            report["diagnostics_after_fix"].as_u64().unwrap() < before,
            "{report}"
        );
    }
    assert!(edited.contains("FOOBAR x"), "{edited}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same client on a Compose file: Neovim 0.7 sends it as `yaml`, the
/// server reads it as Compose by its name; the first quick fix (the rule's
/// own fix comes before the suppression actions) removes its diagnostic.
#[test]
fn neovim_shows_compose_diagnostics_and_applies_a_quick_fix() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Neovim LSP test");
        return;
    }
    let text = "services:\n  web:\n    image: registry.example.com/web:1.4\n    privileged: true\n";
    let (report, edited, dir) = check("docker-compose.yml", text, "compose");
    assert_eq!(report["error"], Value::Null, "{report}");
    assert_eq!(report["attached"], true);
    let codes: Vec<&str> = report["codes_before"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(codes.contains(&"DW5001"), "{report}");
    assert_eq!(report["fix_code"], "DW5001", "{report}");
    assert_eq!(report["fix_title"], "Remove `privileged: true`", "{report}");
    let after: Vec<&str> = report["codes_after_fix"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!after.contains(&"DW5001"), "{report}");
    assert!(!edited.contains("privileged"), "{edited}");
    assert!(
        edited.contains("image: registry.example.com/web:1.4"),
        "{edited}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
