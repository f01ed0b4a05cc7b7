//! The formatter: one engine for `dockward fmt` and the language server's
//! document and range formatting.
//!
//! It works on the lossless syntax tree and rewrites only white space, the
//! case of keywords and the layout of exec-form arrays. Every rule below is
//! chosen so that BuildKit reads the same instructions, flags, values and
//! heredocs from the output as from the input; [`format_checked`] re-parses
//! its output and refuses to return one that fails that check.
//!
//! # What it normalises
//!
//! - **Keywords**: instruction keywords (ONBUILD triggers included), `AS` in
//!   `FROM image AS name`, and `CMD`/`NONE` after HEALTHCHECK take
//!   [`FormatOptions::keyword_case`].
//! - **Spacing**: the keyword starts the line; keyword, flags and arguments
//!   are separated by one space; so are the words of FROM, EXPOSE, ARG,
//!   COPY/ADD/VOLUME (shell form) and the pairs of ENV/LABEL (`ENV k v`: the
//!   blanks between key and value). Text BuildKit keeps as written (the value
//!   of `ENV k v`, USER, WORKDIR, quoted strings) is never touched, and
//!   neither is white space *inside* shell commands on one line.
//! - **Exec form**: `["a", "b"]`: nothing after `[` or before `]`, `, `
//!   between strings; the strings are copied as written.
//! - **Continuation lines**: a line break that falls where blanks separate two
//!   pieces gets exactly one space before the continuation character (blanks
//!   after it are dropped) and a continuation indent on the next line. In
//!   shell-form commands that applies only where the shell ignores the
//!   blanks (outside quotes, `$(…)`, `${…}`, backquotes and comments, and not
//!   after an escape); other line breaks are kept byte for byte. The indent:
//!   only when every continuation line of the instruction can be re-indented
//!   (one pinned line keeps the whole instruction's indentation); then each
//!   line gets one unit of [`FormatOptions::indent`] plus its nesting level
//!   (the least indented line is level 0, the smallest step deeper of at
//!   least two columns is one level), so nested `if … fi` blocks stay
//!   readable. Comment lines inside the instruction get the same indent;
//!   blank lines inside it become empty.
//! - **Comments** stay where they are; top-level comment lines lose leading
//!   and trailing blanks.
//! - **Parser directives** are rewritten as `# name=value` (same name and
//!   value); a directive with an error is left alone.
//! - **Blank lines**: runs are cut to [`FormatOptions::max_blank_lines`];
//!   blank lines at the start and end of the file are removed (one is kept
//!   before a leading comment that would otherwise turn into a parser
//!   directive).
//! - **Trailing white space** goes; the file ends with exactly one newline
//!   ([`FormatOptions::insert_final_newline`]).
//!
//! # What it never touches
//!
//! Heredoc bodies and terminators, the bytes of every newline (CRLF files
//! stay CRLF), instructions with a syntax error (any error of
//! [`Dockerfile::errors`] overlapping them), and the escape character chosen
//! by `# escape=`.

mod instruction;
mod shell;
#[cfg(test)]
mod tests;
mod verify;

use std::borrow::Cow;
use std::fmt;

pub use verify::build_difference;

use crate::syntax::{Dockerfile, parse};
use crate::{Edit, TextRange};

/// Indentation of continuation lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    /// This many spaces.
    Spaces(u8),
    /// One tab.
    Tab,
}

/// How instruction keywords are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordCase {
    /// `RUN` (the documented convention).
    Upper,
    /// `run`.
    Lower,
    /// As written.
    Preserve,
}

/// Formatter settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// Continuation-line indent unit. Default: 4 spaces.
    pub indent: Indent,
    /// Default: [`KeywordCase::Upper`].
    pub keyword_case: KeywordCase,
    /// Longest run of blank lines kept between two lines. Default: 1.
    pub max_blank_lines: usize,
    /// End a non-empty file with a newline. Default: true.
    pub insert_final_newline: bool,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            indent: Indent::Spaces(4),
            keyword_case: KeywordCase::Upper,
            max_blank_lines: 1,
            insert_final_newline: true,
        }
    }
}

/// The formatter produced text that does not build the same (a bug in the
/// formatter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// What differs.
    pub message: String,
    /// The refused output, for bug reports.
    pub output: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "formatting would change the build: {}", self.message)
    }
}

impl std::error::Error for FormatError {}

/// Formats a whole file. Returns `src` unchanged in the (buggy) case where
/// the result would not build the same; see [`format_checked`].
#[must_use]
pub fn format(src: &str, opts: &FormatOptions) -> String {
    format_checked(src, opts).unwrap_or_else(|_| src.to_owned())
}

/// Formats a whole file, or says why the result was refused.
///
/// # Errors
/// When the formatted text would not build the same as `src` (see
/// [`build_difference`]); that is a formatter bug.
pub fn format_checked(src: &str, opts: &FormatOptions) -> Result<String, FormatError> {
    let df = parse(src);
    let plan = Plan::new(&df, opts);
    let output = plan.render(src, None);
    match build_difference(&df, &parse(&output)) {
        None => Ok(output),
        Some(message) => Err(FormatError { message, output }),
    }
}

/// The edits that format `src`, sorted and non-overlapping, each as small as
/// possible. With `range`, only the instructions intersecting it (with their
/// continuation and heredoc lines) are formatted. Empty when nothing changes
/// or when the result would not build the same.
#[must_use]
pub fn format_edits(src: &str, opts: &FormatOptions, range: Option<TextRange>) -> Vec<Edit> {
    let df = parse(src);
    let plan = Plan::new(&df, opts);
    let out = plan.render(src, range);
    if out == src || build_difference(&df, &parse(&out)).is_some() {
        return Vec::new();
    }
    plan.edits(src, range)
}

/// A physical line: `start..content_end` is its text, `content_end..end` its
/// newline.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

struct Lines<'a> {
    src: &'a str,
    starts: &'a [u32],
    bom: usize,
}

impl<'a> Lines<'a> {
    fn new(df: &'a Dockerfile) -> Self {
        let src = df.source();
        Lines {
            src,
            starts: if src.is_empty() {
                &[]
            } else {
                df.line_starts()
            },
            bom: if src.starts_with('\u{feff}') { 3 } else { 0 },
        }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// Line `i`; line 0 starts after the byte-order mark.
    fn get(&self, i: usize) -> Option<Line> {
        let start = *self.starts.get(i)? as usize;
        let start = if i == 0 { self.bom } else { start };
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.src.len(), |&s| s as usize);
        let bytes = self.src.as_bytes();
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        Some(Line {
            start,
            content_end,
            end,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Comment,
    Directive,
    /// A line of instruction `n`.
    Instruction(usize),
    Other,
}

/// The new text of one physical line.
struct PlannedLine<'a> {
    line: Line,
    kind: Kind,
    content: Cow<'a, str>,
    newline: Cow<'a, str>,
    /// Removed (a surplus blank line).
    dropped: bool,
}

struct Plan<'a> {
    df: &'a Dockerfile,
    lines: Vec<PlannedLine<'a>>,
    bom: usize,
}

impl<'a> Plan<'a> {
    fn new(df: &'a Dockerfile, opts: &FormatOptions) -> Self {
        let lines = Lines::new(df);
        let src = df.source();
        let mut planned: Vec<PlannedLine<'a>> = Vec::with_capacity(lines.len());
        let verbatim = |line: Line, kind: Kind| PlannedLine {
            line,
            kind,
            content: Cow::Borrowed(&src[line.start..line.content_end]),
            newline: Cow::Borrowed(&src[line.content_end..line.end]),
            dropped: false,
        };
        let errors = ErrorIndex::new(df);
        let mut next = 0;
        for (index, inst) in df.instructions.iter().enumerate() {
            let first = inst.start_line as usize;
            while next < first.min(lines.len()) {
                if let Some(line) = lines.get(next) {
                    planned.push(trivia(df, line));
                }
                next += 1;
            }
            let last = (inst.end_line as usize).min(lines.len().saturating_sub(1));
            let header = if errors.touches(inst.range) {
                None
            } else {
                instruction::format_header(df, &lines, inst, opts)
            };
            let mut header = header.map(Vec::into_iter);
            for li in next.max(first)..=last {
                let Some(line) = lines.get(li) else { break };
                let mut p = verbatim(line, Kind::Instruction(index));
                // Header lines take their new text; heredoc lines (and the
                // lines of an untouched instruction) stay as written.
                if let Some(text) = header.as_mut().and_then(Iterator::next) {
                    p.content = Cow::Owned(text);
                }
                planned.push(p);
            }
            next = next.max(last + 1);
        }
        while next < lines.len() {
            if let Some(line) = lines.get(next) {
                planned.push(trivia(df, line));
            }
            next += 1;
        }
        let mut plan = Plan {
            df,
            lines: planned,
            bom: lines.bom,
        };
        plan.blank_lines(opts);
        plan.final_newline(opts);
        plan
    }

    fn blank_lines(&mut self, opts: &FormatOptions) {
        let src = self.df.source();
        let n = self.lines.len();
        let mut i = 0;
        let mut seen_content = false;
        // Whether everything so far is parser directives or removed lines:
        // then the directive block is still open.
        let mut directive_block = true;
        while i < n {
            if self.lines[i].kind != Kind::Blank {
                seen_content = true;
                directive_block &= self.lines[i].kind == Kind::Directive;
                i += 1;
                continue;
            }
            let start = i;
            while i < n && self.lines[i].kind == Kind::Blank {
                i += 1;
            }
            let mut keep = if !seen_content || i == n {
                0
            } else {
                opts.max_blank_lines
            };
            // Removing these blank lines must not turn the next comment into a
            // parser directive (a blank line ends the directive block).
            if keep == 0 && directive_block && i < n && self.lines[i].kind == Kind::Comment {
                let line = self.lines[i].line;
                if !parse(&src[line.start..line.content_end])
                    .directives
                    .is_empty()
                {
                    keep = 1;
                }
            }
            let keep = keep.min(i - start);
            directive_block &= keep == 0;
            for l in &mut self.lines[start + keep..i] {
                l.dropped = true;
            }
        }
    }

    fn final_newline(&mut self, opts: &FormatOptions) {
        if !opts.insert_final_newline {
            return;
        }
        let df = self.df;
        let style = newline_style(df.source());
        let Some(last) = self.lines.iter_mut().rev().find(|l| !l.dropped) else {
            return;
        };
        if !last.newline.is_empty() {
            return;
        }
        if let Kind::Instruction(i) = last.kind {
            // The body of an unterminated heredoc runs to the end of the file.
            if df.instructions[i]
                .heredocs
                .iter()
                .any(|h| h.terminator.is_none())
            {
                return;
            }
        }
        last.newline = Cow::Borrowed(style);
    }

    /// Whether line `l` is formatted under `range`.
    fn selected(&self, l: &PlannedLine<'_>, range: Option<TextRange>) -> bool {
        let Some(range) = range else {
            return true;
        };
        match l.kind {
            Kind::Instruction(i) => {
                let r = self.df.instructions[i].range;
                r.start <= range.end && range.start <= r.end
            }
            _ => false,
        }
    }

    fn render(&self, src: &str, range: Option<TextRange>) -> String {
        let mut out = String::with_capacity(src.len() + 16);
        out.push_str(&src[..self.bom]);
        for l in &self.lines {
            if !self.selected(l, range) {
                out.push_str(&src[l.line.start..l.line.end]);
            } else if !l.dropped {
                out.push_str(&l.content);
                out.push_str(&l.newline);
            }
        }
        out
    }

    fn edits(&self, src: &str, range: Option<TextRange>) -> Vec<Edit> {
        let mut edits: Vec<Edit> = Vec::new();
        for l in &self.lines {
            if !self.selected(l, range) {
                continue;
            }
            let old = &src[l.line.start..l.line.end];
            let new = if l.dropped {
                String::new()
            } else {
                format!("{}{}", l.content, l.newline)
            };
            if old == new {
                continue;
            }
            let edit = Edit::minimal(l.line.start, old, &new);
            match edits.last_mut() {
                Some(prev) if prev.range.end() == edit.range.start() => {
                    prev.range = TextRange::new(prev.range.start(), edit.range.end());
                    prev.content.push_str(&edit.content);
                }
                _ => edits.push(edit),
            }
        }
        edits
    }
}

/// Finds the syntax errors overlapping a range in `O(log n)`.
struct ErrorIndex {
    /// Error ranges sorted by start.
    ranges: Vec<TextRange>,
    /// `max_end[i]`: the largest end among `ranges[..=i]`.
    max_end: Vec<u32>,
}

impl ErrorIndex {
    fn new(df: &Dockerfile) -> Self {
        let mut ranges: Vec<TextRange> = df.errors.iter().map(|e| e.range).collect();
        ranges.sort_unstable();
        let max_end = ranges
            .iter()
            .scan(0, |max, r| {
                *max = r.end.max(*max);
                Some(*max)
            })
            .collect();
        ErrorIndex { ranges, max_end }
    }

    /// True when an error touches `range` (ends included).
    fn touches(&self, range: TextRange) -> bool {
        let n = self.ranges.partition_point(|r| r.start <= range.end);
        n > 0 && self.max_end[n - 1] >= range.start
    }
}

/// A line outside any instruction.
fn trivia<'a>(df: &'a Dockerfile, line: Line) -> PlannedLine<'a> {
    let src = df.source();
    let content = &src[line.start..line.content_end];
    let trimmed = content.trim_start();
    let text_start = line.content_end - trimmed.len();
    let (kind, new): (Kind, Cow<'a, str>) = if trimmed.is_empty() {
        (Kind::Blank, Cow::Borrowed(""))
    } else if let Some(d) = df.directives.iter().find(|d| d.range.start() == text_start) {
        // Directive errors cover the directive line (an empty error at the
        // end of the file, "no instructions", is not one of them).
        let has_error = df
            .errors
            .iter()
            .any(|e| e.range.start < d.range.end && d.range.start < e.range.end);
        let value = d.value_range.slice(src);
        if has_error || value.trim().is_empty() {
            (Kind::Directive, Cow::Borrowed(content))
        } else {
            let name = d.name_range.slice(src);
            (Kind::Directive, Cow::Owned(format!("# {name}={value}")))
        }
    } else if trimmed.starts_with('#') {
        (
            Kind::Comment,
            Cow::Borrowed(trimmed.trim_end_matches([' ', '\t', '\r'])),
        )
    } else {
        (Kind::Other, Cow::Borrowed(content))
    };
    PlannedLine {
        line,
        kind,
        content: new,
        newline: Cow::Borrowed(&src[line.content_end..line.end]),
        dropped: false,
    }
}

/// The file's newline: CRLF when its first line ends so.
fn newline_style(src: &str) -> &'static str {
    match memchr::memchr(b'\n', src.as_bytes()) {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}
