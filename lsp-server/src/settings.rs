//! Editor settings: what the client sends in `initializationOptions`,
//! `workspace/configuration` (section `dockward`) or
//! `workspace/didChangeConfiguration`, and how they combine with the
//! configuration file nearest the document.
//!
//! Precedence, lowest first: the rule defaults, the nearest config file, the
//! editor's settings.

use dockward_analyzer::{Config, Severity};
use serde_json::Value;

/// Settings sent by the editor. Every field is optional; unknown keys are
/// ignored, and a value of the wrong type is ignored with a warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Replaces the enabled rule set (codes, names or aliases; `ALL`).
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity overrides, applied in order.
    pub severity: Vec<(String, Severity)>,
    pub disable_inline_pragmas: Option<bool>,
    /// Read `dockward.toml`/`.dockward.toml`/`.hadolint.yaml` next to the
    /// documents (default true).
    pub use_config_file: bool,
    /// Delay between the last edit and re-analysis (default 100 ms).
    pub debounce_ms: u64,
    /// Inlay hints with resolved ARG values in FROM (default true).
    pub inlay_arg_values: bool,
    /// Advertise pull diagnostics when the client supports them (default true).
    pub pull_diagnostics: bool,
    /// Publish diagnostics (default true). A client that pulls and would show
    /// both sets side by side (VS Code's) can turn this off.
    pub push_diagnostics: bool,
    /// At most this many diagnostics per document, the most severe first
    /// (default 5,000; 0: no limit). A generated 10 MiB file has 50,000
    /// findings, 31 MB of JSON that the editor would spend seconds decoding.
    pub max_diagnostics: usize,
    /// Documents to read as seccomp profiles (`seccompProfiles`): file
    /// names (`profile.json`) or path endings (`seccomp/default.json`). A
    /// profile has no name of its own, so it is analysed only when named.
    pub seccomp_profiles: Vec<String>,
}

/// The default of `diagnostics.maxCount`.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 5_000;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
            disable_inline_pragmas: None,
            use_config_file: true,
            debounce_ms: 100,
            inlay_arg_values: true,
            pull_diagnostics: true,
            push_diagnostics: true,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
            seccomp_profiles: Vec::new(),
        }
    }
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        ),
        _ => None,
    }
}

/// Finds a key written in camelCase, snake_case or kebab-case.
fn get<'a>(obj: &'a serde_json::Map<String, Value>, camel: &str) -> Option<&'a Value> {
    if let Some(v) = obj.get(camel) {
        return Some(v);
    }
    let mut snake = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            snake.push('_');
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push(c);
        }
    }
    obj.get(&snake)
        .or_else(|| obj.get(&snake.replace('_', "-")))
}

impl Settings {
    /// Reads settings from a JSON value. Accepts the settings object itself or
    /// one wrapped as `{"dockward": {...}}`; anything else gives the defaults.
    #[must_use]
    pub fn from_json(value: &Value) -> Settings {
        let mut s = Settings::default();
        s.merge_json(value);
        s
    }

    /// Overlays the keys present in `value` on `self`.
    pub fn merge_json(&mut self, value: &Value) {
        let Some(mut obj) = value.as_object() else {
            return;
        };
        if let Some(inner) = obj.get("dockward").and_then(Value::as_object) {
            obj = inner;
        }
        if let Some(v) = get(obj, "select") {
            self.select = if v.is_null() { None } else { strings(v) };
        }
        if let Some(v) = get(obj, "extendSelect").and_then(strings) {
            self.extend_select = v;
        }
        if let Some(v) = get(obj, "ignore").and_then(strings) {
            self.ignore = v;
        }
        if let Some(sev) = get(obj, "severity").and_then(Value::as_object) {
            self.severity = sev
                .iter()
                .filter_map(|(id, v)| {
                    let sev = v.as_str().and_then(Severity::from_name);
                    if sev.is_none() {
                        tracing::warn!("ignoring severity {v} for {id}");
                    }
                    Some((id.clone(), sev?))
                })
                .collect();
        }
        if let Some(v) = get(obj, "disableInlinePragmas").and_then(Value::as_bool) {
            self.disable_inline_pragmas = Some(v);
        }
        if let Some(v) = get(obj, "configFile").and_then(Value::as_bool) {
            self.use_config_file = v;
        }
        if let Some(d) = get(obj, "diagnostics").and_then(Value::as_object) {
            if let Some(ms) = get(d, "debounceMs").and_then(Value::as_u64) {
                self.debounce_ms = ms.min(10_000);
            }
            if let Some(v) = get(d, "pull").and_then(Value::as_bool) {
                self.pull_diagnostics = v;
            }
            if let Some(v) = get(d, "push").and_then(Value::as_bool) {
                self.push_diagnostics = v;
            }
            if let Some(v) = get(d, "maxCount").and_then(Value::as_u64) {
                self.max_diagnostics = usize::try_from(v).unwrap_or(usize::MAX);
            }
        }
        if let Some(v) = get(obj, "seccompProfiles").and_then(strings) {
            self.seccomp_profiles = v;
        }
        if let Some(h) = get(obj, "inlayHints").and_then(Value::as_object)
            && let Some(v) = get(h, "argValues").and_then(Value::as_bool)
        {
            self.inlay_arg_values = v;
        }
    }

    /// Whether the settings name the document at `uri` a seccomp profile.
    #[must_use]
    pub fn is_seccomp(&self, uri: &ls_types::Uri) -> bool {
        let path = uri.path().as_str();
        self.seccomp_profiles.iter().any(|p| {
            let p = p.trim_start_matches("./");
            !p.is_empty()
                && (path == p || path.strip_suffix(p).is_some_and(|rest| rest.ends_with('/')))
        })
    }

    /// The analyzer configuration for a document: the file configuration (if
    /// any) with these settings on top.
    #[must_use]
    pub fn config(&self, file: Option<&Config>) -> Config {
        let mut config = file.cloned().unwrap_or_default();
        if let Some(select) = &self.select {
            config.select = Some(select.clone());
        }
        config
            .extend_select
            .extend(self.extend_select.iter().cloned());
        config.ignore.extend(self.ignore.iter().cloned());
        config.severity.extend(self.severity.iter().cloned());
        if let Some(v) = self.disable_inline_pragmas {
            config.disable_inline_pragmas = v;
        }
        config
    }
}

/// File names whose change makes the server reload configuration.
pub use dockward_config::CONFIG_FILE_NAMES;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_wrapped_and_cased_keys() {
        let s = Settings::from_json(&json!({"dockward": {
            "select": "DL3007, DL3008",
            "extend_select": ["DW1001"],
            "ignore": ["DL3000"],
            "severity": {"DL3007": "error", "DL3008": "loud"},
            "diagnostics": {"debounceMs": 20, "pull": false, "push": false},
            "inlayHints": {"argValues": false},
        }}));
        assert_eq!(s.select, Some(vec!["DL3007".into(), "DL3008".into()]));
        assert_eq!(s.extend_select, vec!["DW1001".to_owned()]);
        assert_eq!(s.severity, vec![("DL3007".into(), Severity::Error)]);
        assert_eq!(s.debounce_ms, 20);
        assert!(!s.pull_diagnostics);
        assert!(!s.push_diagnostics);
        assert!(!s.inlay_arg_values);
    }

    #[test]
    fn seccomp_profiles_match_names_and_path_endings() {
        let s = Settings::from_json(&json!({"seccompProfiles": ["profile.json", "./sec/a.json"]}));
        let yes = |u: &str| s.is_seccomp(&u.parse().unwrap());
        assert!(yes("file:///w/profile.json"));
        assert!(yes("file:///w/sec/a.json"));
        assert!(!yes("file:///w/myprofile.json"));
        assert!(!yes("file:///w/a.json"));
        assert!(!Settings::default().is_seccomp(&"file:///w/profile.json".parse().unwrap()));
    }

    #[test]
    fn editor_settings_override_the_file() {
        let file = Config {
            ignore: vec!["DL3001".into()],
            severity: vec![("DL3007".into(), Severity::Info)],
            ..Config::default()
        };
        let s =
            Settings::from_json(&json!({"ignore": ["DL3002"], "severity": {"DL3007": "error"}}));
        let c = s.config(Some(&file));
        assert_eq!(c.ignore, vec!["DL3001".to_owned(), "DL3002".to_owned()]);
        assert_eq!(c.severity.last().unwrap().1, Severity::Error);
        assert_eq!(Settings::from_json(&json!(null)), Settings::default());
    }
}
