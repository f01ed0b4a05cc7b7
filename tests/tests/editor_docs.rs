//! The editor setups and the hadolint migration guide stay true:
//! - every snippet in `editors/README.md` names `dockward lsp` and the
//!   Dockerfile names, and parses in its own format (TOML, JSON; the Emacs
//!   regexps are run on real names);
//! - the JetBrains snippet is the template shipped in `editors/jetbrains`;
//! - the Zed extension starts `dockward lsp` for the `Dockerfile` language;
//! - every rule code the migration guide names exists;
//! - the README links the guide and the editor setups;
//! - the Lua snippets of the Neovim README load (when `nvim` is installed).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use dockward_tests::{dockward, skip_without, tool_runs, workspace_root};
use serde_json::Value;

fn read(rel: &str) -> String {
    std::fs::read_to_string(workspace_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `(heading, language, body)` of each fenced block, with the `##` heading it
/// sits under.
fn code_blocks(markdown: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        if let Some((lang, body)) = current.as_mut() {
            if line.starts_with("```") {
                out.push((heading.clone(), lang.clone(), std::mem::take(body)));
                current = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_owned();
        } else if let Some(lang) = line.strip_prefix("```") {
            current = Some((lang.trim().to_owned(), String::new()));
        }
    }
    out
}

/// The text of the `## heading` section.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("\n## {heading}"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &markdown[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

const NAMES: [&str; 8] = [
    "Dockerfile",
    "Containerfile",
    "Dockerfile.dev",
    "Containerfile.prod",
    "api.Dockerfile",
    "api.dockerfile",
    "web.Containerfile",
    "dockerfile",
];

#[test]
fn every_editor_snippet_names_the_command_and_the_file_types() {
    let readme = read("editors/README.md");
    let blocks = code_blocks(&readme);
    let editors = [
        "Helix",
        "Emacs (eglot)",
        "Zed",
        "Sublime Text (LSP)",
        "JetBrains IDEs (LSP4IJ)",
    ];
    for editor in editors {
        let mine: Vec<_> = blocks.iter().filter(|(h, _, _)| h == editor).collect();
        assert!(!mine.is_empty(), "no snippet for {editor}");
        for (_, lang, body) in &mine {
            assert!(
                body.contains("dockward") && body.contains("lsp"),
                "{editor} ({lang}) snippet does not name `dockward lsp`:\n{body}"
            );
        }
        let text = section(&readme, editor);
        for name in [
            "Containerfile",
            "Dockerfile.*",
            "*.Dockerfile",
            "dockerfile",
        ] {
            assert!(text.contains(name), "{editor} section never names {name}");
        }
    }
}

#[test]
fn helix_snippet_is_valid_toml_for_dockward_lsp() {
    let readme = read("editors/README.md");
    let (_, _, body) = code_blocks(&readme)
        .into_iter()
        .find(|(h, l, _)| h == "Helix" && l == "toml")
        .unwrap();
    let v: toml::Table = body.parse().expect("Helix snippet parses as TOML");
    let server = &v["language-server"]["dockward"];
    assert_eq!(server["command"].as_str(), Some("dockward"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &vec![toml::Value::from("lsp")]
    );
    let lang = &v["language"].as_array().unwrap()[0];
    assert_eq!(lang["name"].as_str(), Some("dockerfile"));
    assert_eq!(
        lang["language-servers"].as_array().unwrap()[0].as_str(),
        Some("dockward")
    );
    let mut extensions = BTreeSet::new();
    let mut globs = BTreeSet::new();
    for ft in lang["file-types"].as_array().unwrap() {
        match ft {
            toml::Value::String(s) => {
                extensions.insert(s.clone());
            }
            toml::Value::Table(t) => {
                globs.insert(t["glob"].as_str().unwrap().to_owned());
            }
            other => panic!("unexpected file type {other:?}"),
        }
    }
    for ext in ["Dockerfile", "dockerfile", "Containerfile"] {
        assert!(extensions.contains(ext), "extension {ext}");
    }
    for glob in [
        "Dockerfile",
        "Dockerfile.*",
        "Containerfile",
        "Containerfile.*",
    ] {
        assert!(globs.contains(glob), "glob {glob}");
    }
}

#[test]
fn json_snippets_parse_and_start_dockward_lsp() {
    let readme = read("editors/README.md");
    let blocks = code_blocks(&readme);
    let json = |editor: &str| -> Value {
        let (_, _, body) = blocks
            .iter()
            .find(|(h, l, _)| h == editor && l == "json")
            .unwrap_or_else(|| panic!("no JSON snippet for {editor}"));
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{editor} snippet: {e}\n{body}"))
    };
    // Zed
    let zed = json("Zed");
    assert_eq!(
        zed["lsp"]["dockward"]["binary"]["arguments"],
        serde_json::json!(["lsp"])
    );
    assert_eq!(zed["lsp"]["dockward"]["binary"]["path"], "dockward");
    assert_eq!(
        zed["languages"]["Dockerfile"]["language_servers"][0],
        "dockward"
    );
    let zed_types = zed["file_types"]["Dockerfile"].to_string();
    assert!(zed_types.contains("\"Dockerfile.*\"") && zed_types.contains("\"Containerfile.*\""));
    // Sublime Text
    let sublime = json("Sublime Text (LSP)");
    let client = &sublime["clients"]["dockward"];
    assert_eq!(client["command"], serde_json::json!(["dockward", "lsp"]));
    assert_eq!(client["selector"], "source.dockerfile");
    // JetBrains: the snippet is the template shipped in the repo.
    let jetbrains = json("JetBrains IDEs (LSP4IJ)");
    let template: Value =
        serde_json::from_str(&read("editors/jetbrains/dockward/template.json")).unwrap();
    assert_eq!(jetbrains, template);
    assert_eq!(template["programArgs"]["default"], "dockward lsp");
    let patterns: Vec<&str> = template["fileTypeMappings"][0]["fileType"]["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for p in [
        "Dockerfile",
        "Dockerfile.*",
        "*.Dockerfile",
        "*.dockerfile",
        "Containerfile",
        "Containerfile.*",
        "*.Containerfile",
    ] {
        assert!(patterns.contains(&p), "LSP4IJ pattern {p}");
    }
    assert_eq!(template["fileTypeMappings"][0]["languageId"], "dockerfile");
}

/// Turns an Emacs regexp (as written inside an Elisp string) into a Rust one.
fn emacs_regex(elisp_string: &str) -> regex::Regex {
    let unescaped = elisp_string.replace("\\\\", "\\");
    let rust = unescaped
        .replace("\\(?:", "(?:")
        .replace("\\)", ")")
        .replace("\\|", "|")
        .replace("\\'", "$")
        .replace("\\`", "^");
    regex::Regex::new(&rust).unwrap_or_else(|e| panic!("{rust}: {e}"))
}

#[test]
fn emacs_snippet_maps_every_dockerfile_name_and_starts_dockward_lsp() {
    let readme = read("editors/README.md");
    let (_, _, body) = code_blocks(&readme)
        .into_iter()
        .find(|(h, l, _)| h == "Emacs (eglot)" && l == "elisp")
        .unwrap();
    assert!(body.contains("(\"dockward\" \"lsp\")"), "{body}");
    assert_eq!(
        body.matches('(').count(),
        body.matches(')').count(),
        "unbalanced parentheses:\n{body}"
    );
    // The auto-mode-alist patterns, applied to full paths as Emacs does.
    let patterns: Vec<regex::Regex> = body
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let inner = l.strip_prefix("'(\"")?;
            let end = inner.find("\" . ")?;
            Some(emacs_regex(&inner[..end]))
        })
        .collect();
    assert_eq!(patterns.len(), 2, "{body}");
    let matches = |path: &str| patterns.iter().any(|r| r.is_match(path));
    for name in NAMES {
        assert!(matches(&format!("/src/app/{name}")), "{name} not mapped");
    }
    for other in [
        "/src/app/notes.txt",
        "/src/Dockerfiles/x.c",
        "/src/app/mydockerfile.sh",
    ] {
        assert!(!matches(other), "{other} mapped");
    }
}

#[test]
fn zed_extension_starts_dockward_lsp_for_dockerfiles() {
    let manifest: toml::Table = read("editors/zed/extension.toml").parse().unwrap();
    let server = &manifest["language_servers"]["dockward"];
    assert!(
        server["languages"]
            .as_array()
            .unwrap()
            .contains(&toml::Value::from("Dockerfile"))
    );
    assert_eq!(
        server["language_ids"]["Dockerfile"].as_str(),
        Some("dockerfile")
    );
    // The keys Zed requires of an extension manifest; the version is the
    // crate's.
    for key in [
        "id",
        "name",
        "version",
        "schema_version",
        "authors",
        "description",
        "repository",
    ] {
        assert!(manifest.contains_key(key), "extension.toml has no {key}");
    }
    let cargo: toml::Table = read("editors/zed/Cargo.toml").parse().unwrap();
    assert_eq!(manifest["version"], cargo["package"]["version"]);
    assert_eq!(
        cargo["lib"]["crate-type"].as_array().unwrap(),
        &[toml::Value::from("cdylib")]
    );
    // Nothing else is declared: no grammar or language of its own (the
    // `Dockerfile` language comes from Zed's Dockerfile extension).
    let servers: Vec<&String> = manifest["language_servers"]
        .as_table()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(servers, ["dockward"]);
    assert!(!manifest.contains_key("grammars") && !manifest.contains_key("languages"));
    // The command itself (`dockward lsp`, PATH or `lsp.dockward.binary`) is
    // covered by the extension's own unit tests, run by
    // `zed_extension_compiles_and_passes_its_tests`.
}

#[test]
fn migration_guide_names_only_existing_rules() {
    let guide = read("docs/migrating-from-hadolint.md");
    let listed = dockward()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let rules: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let known: BTreeSet<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str().map(str::to_owned))
        .collect();
    let code = regex::Regex::new(r"\b(?:DL|DW)\d{4}\b").unwrap();
    let mentioned: BTreeSet<&str> = code.find_iter(&guide).map(|m| m.as_str()).collect();
    assert!(mentioned.len() > 10, "{mentioned:?}");
    // Codes hadolint retired, named by the guide as ones to remove.
    let retired = ["DL3005", "DL3017", "DL3031", "DL3039"];
    for code in retired {
        assert!(!known.contains(code), "{code} exists: update the guide");
    }
    let unknown: Vec<&&str> = mentioned
        .iter()
        .filter(|c| !known.contains(**c) && !retired.contains(*c))
        .collect();
    assert!(
        unknown.is_empty(),
        "the guide names rules dockward does not have: {unknown:?}"
    );
    // Every link to another doc resolves.
    assert_local_links_resolve(&guide, "docs");
}

#[test]
fn readme_links_the_guide_and_the_editor_setups() {
    let readme = read("README.md");
    for target in ["docs/migrating-from-hadolint.md", "editors/README.md"] {
        // Absolute: PyPI and crates.io show the README (dist_release.rs).
        assert!(
            readme.contains(&format!(
                "]({}/blob/main/{target})",
                env!("CARGO_PKG_REPOSITORY")
            )),
            "README does not link {target}"
        );
        assert!(workspace_root().join(target).exists());
    }
    assert_local_links_resolve(&read("editors/README.md"), "editors");
}

/// Every relative Markdown link in `text` (a file in `dir`, relative to the
/// workspace root) names an existing file.
fn assert_local_links_resolve(text: &str, dir: &str) {
    let link = regex::Regex::new(r"\]\(([^)#]+)(?:#[^)]*)?\)").unwrap();
    for cap in link.captures_iter(text) {
        let target = &cap[1];
        if target.starts_with("http") {
            continue;
        }
        assert!(
            workspace_root().join(dir).join(target).exists(),
            "{dir}: broken link {target}"
        );
    }
}

#[test]
fn neovim_readme_lua_snippets_load() {
    if !tool_runs("nvim") {
        skip_without("nvim", "the Lua syntax check");
        return;
    }
    let readme = read("editors/neovim/README.md");
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (i, (_, lang, body)) in code_blocks(&readme).into_iter().enumerate() {
        if lang != "lua" {
            continue;
        }
        // lazy.nvim specs are table expressions, not statements.
        let chunk = if body.trim_start().starts_with('{') {
            format!("return {body}")
        } else {
            body
        };
        let file = tmp.path().join(format!("snippet{i}.lua"));
        std::fs::write(&file, chunk).unwrap();
        check_lua_syntax(&file);
        checked += 1;
    }
    assert!(checked >= 4, "{checked} Lua snippets");
}

/// Compiles (without running) a Lua file in a headless Neovim.
fn check_lua_syntax(file: &Path) {
    let script = format!(
        "lua local f, err = loadfile([[{}]]); if not f then io.stderr:write(err) vim.cmd('cquit 1') end",
        file.display()
    );
    let out = Command::new("nvim")
        .args(["--headless", "--noplugin", "-n", "-i", "NONE", "-u", "NONE"])
        .args(["-c", &script, "-c", "qall!"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Zed extension compiles against `zed_extension_api` and its unit tests
/// pass (built for the host; Zed itself builds it for wasm32-wasip2, and the
/// tests call no host function). Its crates are fetched by `.ci/run`
/// (`cargo fetch`); the build runs offline.
#[test]
fn zed_extension_compiles_and_passes_its_tests() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = workspace_root().join("editors/zed/Cargo.toml");
    let out = Command::new(cargo)
        .args(["test", "--offline", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/zed-extension"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("offline") && std::env::var_os("CI").is_none() {
        eprintln!(
            "the Zed extension's crates are not fetched: skipping \
             (cargo fetch --manifest-path editors/zed/Cargo.toml)"
        );
        return;
    }
    assert!(
        out.status.success(),
        "cargo test editors/zed:\n{stdout}\n{stderr}"
    );
    let passed: usize = regex::Regex::new(r"test result: ok\. (\d+) passed")
        .unwrap()
        .captures_iter(&stdout)
        .map(|c| c[1].parse::<usize>().unwrap())
        .sum();
    assert!(passed >= 6, "{passed} Zed extension tests ran:\n{stdout}");
}

/// hadolint 2.15.1's rules and default severities (its README table and
/// `src/Hadolint/Rule/*.hs`; `ignore` means off by default).
const HADOLINT_2_15_1: &str = "
    DL1001:ignore DL3000:error DL3001:info DL3002:warning DL3003:warning DL3004:error
    DL3006:warning DL3007:warning DL3008:warning DL3009:info DL3010:info DL3011:error
    DL3012:error DL3013:warning DL3014:warning DL3015:info DL3016:warning
    DL3018:warning DL3019:info DL3020:error DL3021:error DL3022:warning DL3023:error
    DL3024:error DL3025:warning DL3026:error DL3027:warning DL3028:warning
    DL3029:warning DL3030:warning DL3032:warning DL3033:warning DL3034:warning
    DL3035:warning DL3036:warning DL3037:warning DL3038:warning DL3040:warning
    DL3041:warning DL3042:warning DL3043:error DL3044:error DL3045:warning
    DL3046:warning DL3047:info DL3048:style DL3049:info DL3050:info DL3051:warning
    DL3052:warning DL3053:warning DL3054:warning DL3055:warning DL3056:warning
    DL3057:ignore DL3058:warning DL3059:info DL3060:info DL3061:error DL3062:warning
    DL3063:warning DL3064:warning DL3065:warning DL3066:info DL3067:warning
    DL4000:error DL4001:warning DL4003:warning DL4004:error DL4005:warning
    DL4006:warning
";

#[test]
fn every_hadolint_rule_exists_with_its_default_severity() {
    let listed = dockward()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let rules: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let ours = |code: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .map(|r| {
                (
                    r["severity"].as_str().unwrap().to_owned(),
                    r["enabled"] == true,
                )
            })
    };
    let mut count = 0;
    for pair in HADOLINT_2_15_1.split_whitespace() {
        let (code, severity) = pair.split_once(':').unwrap();
        count += 1;
        let (our_severity, on) = ours(code).unwrap_or_else(|| panic!("no rule {code}"));
        match (code, severity) {
            // The two exceptions docs/migrating-from-hadolint.md explains.
            ("DL1001", "ignore") => assert!(!on, "DL1001 is off by default"),
            ("DL3057", "ignore") => assert!(on, "DL3057 is on by default"),
            _ => {
                assert_eq!(our_severity, severity, "{code}: default severity");
                assert!(on, "{code} is on by default in hadolint");
            }
        }
    }
    assert_eq!(count, 71);
}
