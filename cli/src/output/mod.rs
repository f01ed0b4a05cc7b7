//! Report formats. Every format reads the same [`Report`]; positions are
//! 1-based lines and columns counted in Unicode scalar values, ends exclusive.

mod checkstyle;
mod github;
mod gitlab;
mod gnu;
mod json;
mod junit;
mod sarif;
mod tty;

use std::io::{self, Write};

use dockward_analyzer::rule::RuleMeta;
use dockward_analyzer::{ColumnUnit, Diagnostic, Severity, TextRange, registry};

use crate::args::OutputFormat;
use crate::lint::{FileReport, applicable};

/// Everything a format needs.
pub struct Report<'a> {
    pub files: &'a [FileReport],
    /// `--unsafe-fixes`: unsafe fixes count as fixable.
    pub unsafe_fixes: bool,
    /// Colour the terminal format.
    pub color: bool,
    /// `--quiet`: no summary.
    pub quiet: bool,
}

/// Writes `report` in `format`.
pub fn write(format: OutputFormat, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Tty => tty::write(report, out),
        OutputFormat::Json => json::write(report, out),
        OutputFormat::Sarif => sarif::write(report, out),
        OutputFormat::Checkstyle => checkstyle::write(report, out),
        OutputFormat::Github => github::write(report, out),
        OutputFormat::Gitlab => gitlab::write(report, out),
        OutputFormat::Junit => junit::write(report, out),
        OutputFormat::Gnu => gnu::write(report, out),
    }
}

/// A 1-based line and a 1-based column in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// The start and (exclusive) end of `range` in `file`.
#[must_use]
pub fn span(file: &FileReport, range: TextRange) -> (Position, Position) {
    let (s, e) = file.line_index.range(&file.source, range, ColumnUnit::Char);
    (
        Position {
            line: s.line + 1,
            column: s.col + 1,
        },
        Position {
            line: e.line + 1,
            column: e.col + 1,
        },
    )
}

/// The base of documentation links: the CLI package's `repository`.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a rule's documentation lives: its section of rules.md.
#[must_use]
pub fn doc_url(code: &str) -> String {
    let anchor = registry::by_code(code).map_or_else(
        || code.to_ascii_lowercase(),
        dockward_analyzer::docs::anchor,
    );
    format!(
        "{}/blob/main/rules.md#{anchor}",
        REPOSITORY.trim_end_matches('/'),
    )
}

/// The registry entry of a diagnostic's rule.
#[must_use]
pub fn meta(d: &Diagnostic) -> Option<&'static RuleMeta> {
    registry::by_code(d.code)
}

/// Counts for the closing summary and the JSON `summary`.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub diagnostics: usize,
    pub by_severity: BySeverity,
    /// Findings `--fix` would fix (with `--unsafe-fixes`: unsafe ones too).
    pub fixable: usize,
    /// Findings only `--unsafe-fixes` would fix (0 when it is given).
    pub unsafe_fixable: usize,
    /// Fixes applied in this run.
    pub fixed: usize,
}

#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct BySeverity {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub style: usize,
}

impl Report<'_> {
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for f in self.files {
            s.fixed += f.fixed;
            for d in &f.diagnostics {
                s.diagnostics += 1;
                match d.severity {
                    Severity::Error => s.by_severity.error += 1,
                    Severity::Warning => s.by_severity.warning += 1,
                    Severity::Info => s.by_severity.info += 1,
                    Severity::Style => s.by_severity.style += 1,
                }
                if applicable(d, self.unsafe_fixes) {
                    s.fixable += 1;
                } else if applicable(d, true) {
                    s.unsafe_fixable += 1;
                }
            }
        }
        s
    }

    /// Every (file, diagnostic) pair in report order.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }
}

/// Stable fingerprints per diagnostic of a file: rule, path, the text of the
/// finding's first line (whitespace-trimmed) and the occurrence count of that
/// triple, hashed with FNV-1a. Stable across edits elsewhere in the file.
#[must_use]
pub fn fingerprints(file: &FileReport) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let line = file.line_index.line_of(d.range.start());
            let start = file.line_index.line_start(line);
            let end = file.line_index.line_end(&file.source, line);
            let text = file.source.get(start..end).unwrap_or("").trim();
            let mut h = Fnv::new();
            h.write(d.code.as_bytes());
            h.write(&[0]);
            h.write(file.path.as_bytes());
            h.write(&[0]);
            h.write(text.as_bytes());
            let key = h.0;
            let n = seen.entry(key).or_insert(0);
            h.write(&n.to_le_bytes());
            *n += 1;
            format!("{:016x}", h.0)
        })
        .collect()
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Escapes text for XML attributes and content.
#[must_use]
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
