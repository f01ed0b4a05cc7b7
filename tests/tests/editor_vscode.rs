//! The VS Code extension (`editors/vscode`) from `cargo test`: it compiles
//! (`npm run compile`), its mocha tests pass against this build of
//! `dockward lsp` (`npm test` with `DOCKWARD_BIN`), and both .vsix kinds build
//! (`scripts/package.sh`: universal, and a platform one with this binary
//! bundled, checked inside the archive and run from it).
//!
//! Needs Node.js and the extension's devDependencies, which `.ci/run`
//! installs with `npm ci` (from the npm registry; nothing is downloaded while
//! the tests run). Without them the test says so and passes, except under CI
//! (`CI` set), where that is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dockward_tests::{dockward_bin, skip_without, tool_runs, workspace_root};

fn extension_dir() -> PathBuf {
    workspace_root().join("editors/vscode")
}

fn run(cmd: &mut Command, what: &str) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The `vsce package --target` name for this machine, if it has one.
fn this_target() -> Option<&'static str> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("linux-x64"),
        ("linux", "aarch64") => Some("linux-arm64"),
        ("macos", "x86_64") => Some("darwin-x64"),
        ("macos", "aarch64") => Some("darwin-arm64"),
        _ => None,
    }
}

/// Lists a .vsix (a zip) with Python's zipfile: name and Unix mode per entry,
/// and extracts `extract` (if any) into `dest`.
fn vsix_entries(vsix: &Path, extract: Option<(&str, &Path)>) -> Vec<(String, u32)> {
    let script = "import sys, zipfile\n\
                  z = zipfile.ZipFile(sys.argv[1])\n\
                  for i in z.infolist():\n\
                  \x20   print('%o %s' % ((i.external_attr >> 16) & 0o7777, i.filename))\n\
                  if len(sys.argv) > 3:\n\
                  \x20   z.extract(sys.argv[2], sys.argv[3])\n";
    let mut cmd = Command::new("python3");
    cmd.args(["-c", script]).arg(vsix);
    if let Some((name, dest)) = extract {
        cmd.arg(name).arg(dest);
    }
    let out = run(&mut cmd, "python3 zipfile");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (mode, name) = l.split_once(' ')?;
            Some((name.to_owned(), u32::from_str_radix(mode, 8).ok()?))
        })
        .collect()
}

#[test]
fn vscode_extension_compiles_passes_its_tests_and_packages() {
    let dir = extension_dir();
    if !tool_runs("npm") {
        skip_without("npm", "the VS Code extension test");
        return;
    }
    if !dir.join("node_modules/.bin/vsce").exists() || !dir.join("node_modules/.bin/mocha").exists()
    {
        skip_without(
            "editors/vscode/node_modules (npm ci)",
            "the VS Code extension test",
        );
        return;
    }
    let bin = dockward_bin();

    run(
        Command::new("npm")
            .current_dir(&dir)
            .args(["run", "compile"]),
        "npm run compile",
    );
    let test = run(
        Command::new("npm")
            .current_dir(&dir)
            .args(["test"])
            .env("DOCKWARD_BIN", bin)
            .env("NO_COLOR", "1"),
        "npm test",
    );
    let report = String::from_utf8_lossy(&test.stdout);
    eprintln!("{report}");
    assert!(report.contains("passing"), "{report}");
    assert!(
        !report.contains("pending"),
        "tests against the real server were skipped: {report}"
    );
    assert!(!report.contains("failing"), "{report}");

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();

    // Universal .vsix: the compiled extension and its runtime dependencies,
    // no binary.
    run(
        Command::new(dir.join("scripts/package.sh"))
            .current_dir(&dir)
            .arg("--out")
            .arg(out),
        "scripts/package.sh",
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap()).unwrap();
    let version = manifest["version"].as_str().unwrap();
    let universal = vsix_entries(&out.join(format!("dockward-{version}.vsix")), None);
    let names: Vec<&str> = universal.iter().map(|(n, _)| n.as_str()).collect();
    for needed in [
        "extension/package.json",
        "extension/out/src/extension.js",
        "extension/out/src/binary.js",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/readme.md",
    ] {
        assert!(names.contains(&needed), "{needed} missing: {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.starts_with("extension/bin/")
            || n.starts_with("extension/src/")
            || n.starts_with("extension/test/")
            || n.starts_with("extension/node_modules/mocha/")),
        "{names:?}"
    );

    // Platform .vsix with this build bundled where the extension looks.
    let Some(target) = this_target() else {
        eprintln!("no vsce target for this machine: platform .vsix not built");
        return;
    };
    run(
        Command::new(dir.join("scripts/package.sh"))
            .current_dir(&dir)
            .args(["--target", target, "--binary"])
            .arg(bin)
            .arg("--out")
            .arg(out),
        "scripts/package.sh --target",
    );
    assert!(
        !dir.join("bin").exists(),
        "package.sh left editors/vscode/bin behind"
    );
    let bundled = format!("extension/bin/{target}/dockward");
    let vsix = out.join(format!("dockward-{target}-{version}.vsix"));
    let entries = vsix_entries(&vsix, Some((&bundled, &out.join("x"))));
    let (_, mode) = entries
        .iter()
        .find(|(n, _)| *n == bundled)
        .unwrap_or_else(|| panic!("{bundled} missing: {entries:?}"));
    assert!(mode & 0o111 != 0, "{bundled} is not executable: {mode:o}");
    assert!(entries.iter().any(|(n, _)| n == "extension.vsixmanifest"));
    // The bundled file is this dockward and runs.
    let extracted = out.join("x").join(&bundled);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&extracted, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let version_out = run(
        Command::new(&extracted).arg("--version"),
        "bundled dockward --version",
    );
    assert!(String::from_utf8_lossy(&version_out.stdout).starts_with("dockward "));
}
