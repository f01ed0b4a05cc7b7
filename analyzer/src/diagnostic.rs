//! Findings, fixes and their severities: what the analyzer hands to the CLI
//! and the language server. Ranges are UTF-8 byte ranges into the source.

use crate::TextRange;

/// How serious a finding is. Ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    /// Parses `error`, `warning`, `info` or `style` (case-insensitive).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }

    /// True when `self` is at least as severe as `threshold`.
    #[must_use]
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

/// Whether a fix may be applied without review (Ruff's contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// Keeps the build's meaning; applied by `--fix` and `source.fixAll`.
    Safe,
    /// Valid syntax, but may change what the build does or drop comments;
    /// applied only with `--unsafe-fixes` or by an explicit quick fix.
    Unsafe,
    /// Shown to the user, never applied automatically.
    DisplayOnly,
}

impl Applicability {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace `range` with `content`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    /// The edit that turns `old`, found at `offset`, into `new`, trimmed to
    /// the part that differs (common prefix and suffix removed, on character
    /// boundaries); an empty replacement when they are equal.
    #[must_use]
    pub fn minimal(offset: usize, old: &str, new: &str) -> Self {
        let mut prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix)
        {
            suffix -= 1;
        }
        Edit::replace(
            TextRange::new(offset + prefix, offset + old.len() - suffix),
            &new[prefix..new.len() - suffix],
        )
    }

    #[must_use]
    pub fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Edit {
            range,
            content: content.into(),
        }
    }

    #[must_use]
    pub fn insert(offset: usize, content: impl Into<String>) -> Self {
        Edit {
            range: TextRange::empty(offset),
            content: content.into(),
        }
    }

    #[must_use]
    pub fn delete(range: TextRange) -> Self {
        Edit {
            range,
            content: String::new(),
        }
    }
}

/// A set of edits that together fix one finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, in the imperative ("Add `--no-install-recommends`").
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, sorted by range.
    pub edits: Vec<Edit>,
}

impl Fix {
    #[must_use]
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Safe, edits)
    }

    #[must_use]
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Unsafe, edits)
    }

    #[must_use]
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }
}

/// A secondary location that explains a finding (e.g. the earlier CMD).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// Editor hints about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// The code is dead or has no effect (rendered faded).
    Unnecessary,
    /// The construct is deprecated (rendered struck through).
    Deprecated,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The rule's code (`DL3007`, `DW1001`).
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// What is wrong, in one sentence without a trailing period.
    pub message: String,
    /// The primary range.
    pub range: TextRange,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    pub tags: Vec<Tag>,
    /// The index of the instruction the finding belongs to, if any (used for
    /// suppressions and code actions).
    pub instruction: Option<u32>,
}

/// `text` for a message: at most 64 characters, with `…` when cut (keys,
/// names and values can be megabytes long).
#[must_use]
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}
