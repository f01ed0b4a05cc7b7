//! Configuration discovery and loading: the CLI and the server read files here
//! and hand the analyzer plain data ([`dockward_analyzer::Config`]).
//!
//! Two file formats are read:
//!
//! - dockward's own TOML (`dockward.toml`, `.dockward.toml`), documented in
//!   `docs/configuration.md`;
//! - hadolint's YAML (`.hadolint.yaml`, `.hadolint.yml`), with hadolint's keys,
//!   for drop-in migration.
//!
//! Discovery ([`discover`]) walks from a Dockerfile's directory up to the file
//! system root; the nearest directory holding any of these files wins, and in
//! one directory the order is `dockward.toml`, `.dockward.toml`,
//! `.hadolint.yaml`, `.hadolint.yml`. Files are not merged.
//!
//! Every unknown key and every bad value is an error that names the file, the
//! line and the column ([`ConfigError`]); nothing is silently ignored. Rule
//! identifiers (codes, names, peer aliases) are checked against the registry.

mod cache;
mod hadolint;
mod native;

use std::fmt;
use std::path::{Path, PathBuf};

use dockward_analyzer::{Config, Severity, registry};

pub use cache::ConfigCache;

/// Config file names, in the order they are looked for in one directory.
pub const CONFIG_FILE_NAMES: [&str; 4] = [
    "dockward.toml",
    ".dockward.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// Which syntax a config file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConfigFormat {
    /// dockward's TOML schema.
    Toml,
    /// hadolint's YAML schema.
    Hadolint,
}

impl ConfigFormat {
    /// The format a file name implies: `.toml` is dockward's, `.yaml`/`.yml`
    /// hadolint's.
    #[must_use]
    pub fn for_path(path: &Path) -> Option<ConfigFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(ConfigFormat::Toml),
            "yaml" | "yml" => Some(ConfigFormat::Hadolint),
            _ => None,
        }
    }
}

/// When findings make a run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureThreshold {
    /// Fail on a finding of this severity or worse.
    Severity(Severity),
    /// Never fail because of findings.
    None,
}

impl FailureThreshold {
    /// Parses `error`, `warning`, `info`, `style`, `none` (hadolint's `ignore`
    /// is accepted as `none`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<FailureThreshold> {
        if name.eq_ignore_ascii_case("none") || name.eq_ignore_ascii_case("ignore") {
            return Some(FailureThreshold::None);
        }
        Severity::from_name(name).map(FailureThreshold::Severity)
    }

    /// True when a finding of `severity` fails the run.
    #[must_use]
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailureThreshold::Severity(t) => severity.at_least(t),
            FailureThreshold::None => false,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FailureThreshold::Severity(s) => s.as_str(),
            FailureThreshold::None => "none",
        }
    }
}

/// Settings for the command line rather than the analyzer. `None` means the
/// file does not say; the CLI's own default (or flag) applies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CliSettings {
    pub failure_threshold: Option<FailureThreshold>,
    pub no_fail: Option<bool>,
    /// Output format name, as written (`tty`, `json`, …); the CLI validates it.
    pub format: Option<String>,
    pub no_color: Option<bool>,
}

/// A loaded configuration.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// What the analyzer reads.
    pub config: Config,
    /// What the formatter reads (`[formatter]` in dockward.toml).
    pub format_options: dockward_analyzer::format::FormatOptions,
    /// What the command line reads.
    pub cli: CliSettings,
    /// The file this came from; `None` for the defaults (no file found).
    pub path: Option<PathBuf>,
    pub format: Option<ConfigFormat>,
    /// Things worth telling the user that are not errors (e.g. ShellCheck
    /// codes in a hadolint config, which dockward does not implement).
    pub warnings: Vec<String>,
}

impl Loaded {
    /// The defaults, used when no config file applies.
    #[must_use]
    pub fn defaults() -> Loaded {
        Loaded::default()
    }
}

/// A problem with a config file: which file, where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when the problem has a position.
    pub line: Option<u32>,
    /// 1-based column (Unicode scalar values), when known.
    pub column: Option<u32>,
    pub message: String,
}

impl ConfigError {
    fn io(path: &Path, err: &std::io::Error) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the config file: {err}"),
        }
    }

    pub(crate) fn at(path: &Path, pos: Option<(u32, u32)>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The config file that applies to a Dockerfile at `path`: the nearest
/// ancestor directory (starting with the file's own) holding one of
/// [`CONFIG_FILE_NAMES`]. Relative paths are taken from the current directory.
#[must_use]
pub fn discover(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let start = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    discover_from_dir(start)
}

/// Like [`discover`], starting at directory `dir`.
#[must_use]
pub fn discover_from_dir(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(|d| {
        CONFIG_FILE_NAMES
            .iter()
            .map(|name| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Every path whose creation, change or removal can change which config
/// applies to a Dockerfile at `path`: the candidate names in each ancestor
/// directory. A language server watches these.
#[must_use]
pub fn candidate_paths(path: &Path) -> Vec<PathBuf> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let Some(start) = abs.parent() else {
        return Vec::new();
    };
    start
        .ancestors()
        .flat_map(|d| CONFIG_FILE_NAMES.iter().map(move |n| d.join(n)))
        .collect()
}

/// Finds and loads the config for a Dockerfile at `path`; the defaults when
/// there is none.
///
/// # Errors
/// The discovered file cannot be read or is invalid.
pub fn load_for(path: &Path) -> Result<Loaded, ConfigError> {
    match discover(path) {
        Some(file) => load_file(&file),
        None => Ok(Loaded::defaults()),
    }
}

/// Loads one config file; its format follows from its extension (`.toml` is
/// dockward's schema, `.yaml`/`.yml` hadolint's).
///
/// # Errors
/// The file cannot be read, has an unknown extension or is invalid.
pub fn load_file(path: &Path) -> Result<Loaded, ConfigError> {
    let Some(format) = ConfigFormat::for_path(path) else {
        return Err(ConfigError::at(
            path,
            None,
            "unknown config file type: expected a `.toml` (dockward) or `.yaml`/`.yml` (hadolint) file",
        ));
    };
    let bytes = std::fs::read(path).map_err(|e| ConfigError::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ConfigError::at(
            path,
            None,
            format!(
                "the config file is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    load_str(&text, path, format)
}

/// Parses config text; `path` is used for messages and recorded in the result.
///
/// # Errors
/// Syntax errors, unknown keys, bad values and unknown rule identifiers.
pub fn load_str(text: &str, path: &Path, format: ConfigFormat) -> Result<Loaded, ConfigError> {
    let mut loaded = match format {
        ConfigFormat::Toml => native::parse(text, path)?,
        ConfigFormat::Hadolint => hadolint::parse(text, path)?,
    };
    loaded.path = Some(path.to_path_buf());
    loaded.format = Some(format);
    // Positions are checked per identifier while parsing; this is the
    // registry's own final word.
    if let Err(unknown) = loaded.config.validate() {
        return Err(ConfigError::at(
            path,
            None,
            unknown_rule_message(&unknown.0),
        ));
    }
    Ok(loaded)
}

/// "unknown rule `X`", with a suggestion when one is close.
#[must_use]
pub fn unknown_rule_message(id: &str) -> String {
    let mut msg = format!("unknown rule `{id}`: not a rule code, name or alias");
    if let Some(s) = suggest_rule(id) {
        msg.push_str(&format!(" (did you mean `{s}`?)"));
    }
    msg
}

/// True when `id` names a rule (code, name, alias or `ALL`).
#[must_use]
pub fn is_rule_id(id: &str) -> bool {
    !registry::resolve(id).is_empty()
}

/// The closest rule code or name to `id`, if it is close enough.
fn suggest_rule(id: &str) -> Option<&'static str> {
    let lower = id.to_ascii_lowercase();
    registry::all()
        .flat_map(|m| std::iter::once(m.code).chain(std::iter::once(m.name)))
        .map(|cand| (edit_distance(&lower, &cand.to_ascii_lowercase()), cand))
        .filter(|(d, cand)| *d <= 2.max(cand.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The 1-based line and column (in chars) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let mut o = offset;
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    let before = &text[..o];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests;

/// The output formats the CLI writes.
pub const OUTPUT_FORMATS: [&str; 8] = [
    "tty",
    "json",
    "sarif",
    "checkstyle",
    "github",
    "gitlab",
    "junit",
    "gnu",
];

/// The canonical name of an output format, accepting hadolint's spellings
/// (`gitlab_codeclimate` and `codeclimate` are GitLab Code Quality).
#[must_use]
pub fn output_format(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let canonical = match lower.as_str() {
        "gitlab_codeclimate" | "gitlab-codeclimate" | "codeclimate" => "gitlab",
        "text" => "tty",
        other => other,
    };
    OUTPUT_FORMATS.iter().copied().find(|f| *f == canonical)
}
