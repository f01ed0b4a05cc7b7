//! Formatting one instruction's header: its keyword line, continuation lines
//! and the comment and blank lines between them (heredoc bodies are never
//! touched).
//!
//! The work happens on the instruction's logical line (its physical lines
//! joined as BuildKit joins them). Between the structural pieces BuildKit
//! reads (keyword, flags, words, key/value pairs, JSON strings) lie *gaps*;
//! a gap made only of blanks is rewritten to its canonical form. Everything
//! else is copied. A gap that spans a line break keeps the break: the part
//! before it becomes ` \` and the part after it the continuation indent.

use super::shell::{self, is_blank, is_escape_like};
use super::{FormatOptions, Indent, KeywordCase, Lines};
use crate::TextRange;
use crate::syntax::{Args, Dockerfile, Instruction, JsonArray, Keyword, Span};

/// What a gap may contain and what it becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// One or more blanks between two pieces: one space.
    Sep,
    /// JSON white space after `[` or before `]`: nothing.
    Tight,
    /// JSON white space around one comma: `, `.
    Comma,
    /// Blanks after the last piece: nothing, or one space before a
    /// continuation character.
    End,
}

enum Repl {
    Text(String),
    /// The continuation indent of the segment's line.
    Indent,
    /// One indent unit (a line of only blanks).
    BaseIndent,
}

/// A replacement of `start..end` (logical offsets) inside segment `seg`.
struct SegEdit {
    seg: usize,
    start: usize,
    end: usize,
    repl: Repl,
}

struct Builder<'a> {
    src: &'a str,
    /// The logical text.
    text: &'a str,
    inst: &'a Instruction,
    /// Logical start of each segment.
    bounds: Vec<usize>,
    /// Whether the last segment ends with a continuation character.
    last_continues: bool,
    case: KeywordCase,
    edits: Vec<SegEdit>,
    ok: bool,
}

/// The new text of each header line of `inst` (from its first line to the
/// end of its last continuation line, newlines excluded), or `None` when the
/// instruction is left as written.
pub(super) fn format_header(
    df: &Dockerfile,
    lines: &Lines<'_>,
    inst: &Instruction,
    opts: &FormatOptions,
) -> Option<Vec<String>> {
    let src = df.source();
    let segments = inst.logical.segments();
    let last = segments.last()?;
    let last_end = (last.source + last.len) as usize;
    let last_line = lines.get(df.line_of(last.source as usize) as usize)?;
    let mut b = Builder {
        src,
        text: inst.logical.text(src),
        inst,
        bounds: segments.iter().map(|s| s.logical as usize).collect(),
        last_continues: last_end < last_line.content_end,
        case: opts.keyword_case,
        edits: Vec::new(),
        ok: true,
    };
    let end = b.instruction(inst)?;
    b.gap(end, b.text.len(), Gap::End);
    if !b.ok {
        return None;
    }
    b.edits.sort_by_key(|e| (e.seg, e.start, e.end));
    Some(b.emit(df, lines, opts))
}

impl Builder<'_> {
    fn to_logical(&self, range: TextRange) -> Option<(usize, usize)> {
        let start = self.logical_offset(range.start())?;
        let end = self.logical_offset(range.end())?;
        (start <= end && end <= self.text.len()).then_some((start, end))
    }

    /// The logical offset of source offset `at` (a binary search over the
    /// segments, which are in source order).
    fn logical_offset(&self, at: usize) -> Option<usize> {
        let segments = self.inst.logical.segments();
        let idx = segments.partition_point(|s| s.source as usize <= at);
        let s = segments.get(idx.checked_sub(1)?)?;
        let offset = at - s.source as usize;
        (offset <= s.len as usize).then(|| s.logical as usize + offset)
    }

    /// Segments 1.. whose start lies in `start..=end`, as an index range.
    fn bounds_within(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let rest = &self.bounds[1..];
        let lo = rest.partition_point(|&b| b < start);
        let hi = rest.partition_point(|&b| b <= end);
        lo + 1..hi.max(lo) + 1
    }

    /// The segment holding logical offset `at` (the later one at a boundary).
    fn segment_at(&self, at: usize) -> usize {
        self.bounds[1..].partition_point(|&b| b <= at)
    }

    fn continues(&self, seg: usize) -> bool {
        seg + 1 < self.bounds.len() || self.last_continues
    }

    fn push(&mut self, seg: usize, start: usize, end: usize, repl: Repl) {
        let unchanged = match &repl {
            Repl::Text(t) => self.text[start..end] == **t,
            Repl::Indent | Repl::BaseIndent => false,
        };
        if !unchanged {
            self.edits.push(SegEdit {
                seg,
                start,
                end,
                repl,
            });
        }
    }

    fn gap(&mut self, start: usize, end: usize, kind: Gap) {
        if start > end || end > self.text.len() {
            self.ok = false;
            return;
        }
        let g = &self.text.as_bytes()[start..end];
        let valid = match kind {
            Gap::Sep => !g.is_empty() && g.iter().all(|&b| is_blank(b)),
            Gap::Tight | Gap::End => g.iter().all(|&b| is_blank(b)),
            Gap::Comma => {
                g.iter().filter(|&&b| b == b',').count() == 1
                    && g.iter().all(|&b| b == b',' || is_blank(b))
            }
        };
        // Blanks right after an escape character may be escaped (and so part
        // of a word): keep them.
        if !valid || (start > 0 && is_escape_like(self.text.as_bytes()[start - 1])) {
            return;
        }
        let inside = self.bounds_within(start, end);
        match inside.len() {
            0 => {
                let seg = self.segment_at(start);
                let text = match kind {
                    Gap::Sep => " ",
                    Gap::Tight => "",
                    Gap::Comma => ", ",
                    Gap::End if self.continues(seg) => " ",
                    Gap::End => "",
                };
                self.push(seg, start, end, Repl::Text(text.to_owned()));
            }
            _ => {
                // The gap ends one line and starts another; lines of only
                // blanks in between (several boundaries) hold just the indent.
                // A comma always goes before the first line break.
                let first = inside.start;
                let last = inside.end - 1;
                let left = if kind == Gap::Comma { ", " } else { " " };
                self.push(
                    first - 1,
                    start,
                    self.bounds[first],
                    Repl::Text(left.to_owned()),
                );
                for k in first..last {
                    self.push(k, self.bounds[k], self.bounds[k + 1], Repl::BaseIndent);
                }
                self.push(last, self.bounds[last], end, Repl::Indent);
            }
        }
    }

    fn case_edit(&mut self, start: usize, end: usize) {
        if self.case == KeywordCase::Preserve || start >= end {
            return;
        }
        if self.bounds[1..].iter().any(|&b| start < b && b < end) {
            return;
        }
        let word = &self.text[start..end];
        let new = match self.case {
            KeywordCase::Upper => word.to_ascii_uppercase(),
            KeywordCase::Lower => word.to_ascii_lowercase(),
            KeywordCase::Preserve => return,
        };
        let seg = self.segment_at(start);
        self.push(seg, start, end, Repl::Text(new));
    }

    fn span(span: &Span) -> (usize, usize) {
        (span.logical.0 as usize, span.logical.1 as usize)
    }

    /// Records the gaps of `inst` (or an ONBUILD trigger); returns the
    /// logical end of its last piece.
    fn instruction(&mut self, inst: &Instruction) -> Option<usize> {
        let (k0, k1) = self.to_logical(inst.keyword_range)?;
        if inst.keyword == Keyword::Unknown {
            return None;
        }
        self.case_edit(k0, k1);
        let mut prev = k1;
        for flag in &inst.flags {
            let (f0, f1) = (flag.logical.0 as usize, flag.logical.1 as usize);
            self.gap(prev, f0, Gap::Sep);
            prev = f1;
        }
        match &inst.args {
            Args::None => {}
            Args::Ignored(_) => return None,
            Args::Text(span) => prev = self.text_args(prev, span, is_shell(inst.keyword)),
            Args::Json(array) => prev = self.json(prev, array)?,
            Args::Words(words) => {
                for w in words {
                    let (w0, w1) = Self::span(w);
                    self.gap(prev, w0, Gap::Sep);
                    prev = w1;
                }
                if inst.keyword == Keyword::From && words.len() == 3 {
                    let (a0, a1) = Self::span(&words[1]);
                    if self.text[a0..a1].eq_ignore_ascii_case("as") {
                        self.case_edit(a0, a1);
                    }
                }
            }
            Args::KeyValues(pairs) => {
                for kv in pairs {
                    let (key0, key1) = Self::span(&kv.key);
                    let (v0, v1) = Self::span(&kv.value);
                    self.gap(prev, key0, Gap::Sep);
                    if !kv.equals {
                        self.gap(key1, v0, Gap::Sep);
                    }
                    prev = v1;
                }
            }
            Args::Healthcheck { kind, command } => {
                let (t0, t1) = Self::span(kind);
                self.gap(prev, t0, Gap::Sep);
                let word = &self.text[t0..t1];
                if word.eq_ignore_ascii_case("cmd") || word.eq_ignore_ascii_case("none") {
                    self.case_edit(t0, t1);
                }
                prev = t1;
                match &**command {
                    Args::None => {}
                    Args::Text(span) => prev = self.text_args(prev, span, true),
                    Args::Json(array) => prev = self.json(prev, array)?,
                    _ => return None,
                }
            }
            Args::Onbuild(trigger) => {
                let (t0, _) = self.to_logical(trigger.keyword_range)?;
                self.gap(prev, t0, Gap::Sep);
                prev = self.instruction(trigger)?;
            }
        }
        Some(prev)
    }

    /// A plain-text argument; in shell form, the line breaks inside it whose
    /// surrounding blanks the shell ignores are re-spaced too.
    fn text_args(&mut self, prev: usize, span: &Span, shell_form: bool) -> usize {
        let (t0, t1) = Self::span(span);
        self.gap(prev, t0, Gap::Sep);
        if !shell_form {
            return t1;
        }
        let bytes = self.text.as_bytes();
        let mut joins: Vec<(usize, usize)> = Vec::new();
        for &at in &self.bounds[1..] {
            if at <= t0 || at >= t1 {
                continue;
            }
            let mut g0 = at;
            while g0 > t0 && is_blank(bytes[g0 - 1]) {
                g0 -= 1;
            }
            let mut g1 = at;
            while g1 < t1 && is_blank(bytes[g1]) {
                g1 += 1;
            }
            if g0 == g1 || g0 == t0 || is_escape_like(bytes[g0 - 1]) {
                continue;
            }
            if joins.last() != Some(&(g0, g1)) {
                joins.push((g0, g1));
            }
        }
        if joins.is_empty() {
            return t1;
        }
        let positions: Vec<usize> = joins.iter().map(|&(g0, _)| g0 - t0).collect();
        let top = shell::top_level_at(&self.text[t0..t1], &positions);
        for (&(g0, g1), top) in joins.iter().zip(top) {
            if top {
                self.gap(g0, g1, Gap::Sep);
            }
        }
        t1
    }

    /// Exec form: `["a", "b"]`, strings copied as written.
    fn json(&mut self, prev: usize, array: &JsonArray) -> Option<usize> {
        let (a0, a1) = self.to_logical(array.range)?;
        let bytes = self.text.as_bytes();
        if a1 < a0 + 2 || bytes[a0] != b'[' || bytes[a1 - 1] != b']' {
            return None;
        }
        self.gap(prev, a0, Gap::Sep);
        let mut at = a0 + 1;
        for (i, item) in array.items.iter().enumerate() {
            let (s, e) = self.to_logical(item.range)?;
            self.gap(at, s, if i == 0 { Gap::Tight } else { Gap::Comma });
            at = e;
        }
        self.gap(at, a1 - 1, Gap::Tight);
        match array.trailing {
            // Text after `]` (ignored by BuildKit) is kept as written.
            Some(trailing) => Some(self.to_logical(trailing)?.1),
            None => Some(a1),
        }
    }

    /// Writes the header lines.
    fn emit(&self, df: &Dockerfile, lines: &Lines<'_>, opts: &FormatOptions) -> Vec<String> {
        let segments = self.inst.logical.segments();
        let first = self.inst.start_line as usize;
        let last = df.line_of(self.inst.header_range.end()) as usize;

        // Continuation indent. Lines are re-indented only when every
        // continuation line of the instruction can be (a line that starts
        // inside a quoted string or a value BuildKit keeps as written pins
        // them all, so the instruction keeps a consistent shape). Then each
        // line gets one indent unit plus its nesting level: the shallowest
        // re-indented line is level 0 and the smallest step deeper (of at
        // least two columns, one for a one-column unit) is one level.
        let mut starts_flexible = vec![false; segments.len()];
        let mut flexible = vec![false; segments.len()];
        for e in &self.edits {
            if e.start == self.bounds[e.seg] && matches!(e.repl, Repl::Indent | Repl::BaseIndent) {
                starts_flexible[e.seg] = true;
                flexible[e.seg] = matches!(e.repl, Repl::Indent);
            }
        }
        let reindent = starts_flexible.iter().skip(1).all(|&f| f);
        let seg_text = |i: usize| {
            let s = &segments[i];
            &self.src[s.source as usize..(s.source + s.len) as usize]
        };
        let mut widths: Vec<usize> = (1..segments.len())
            .filter(|&i| flexible[i])
            .map(|i| width(seg_text(i)))
            .collect();
        if widths.is_empty() {
            widths = (first..=last)
                .filter_map(|li| lines.get(li))
                .map(|l| &self.src[l.start..l.content_end])
                .filter(|text| is_comment_line(text))
                .map(width)
                .collect();
        }
        let base = widths.iter().copied().min().unwrap_or(0);
        let threshold = indent_width(opts.indent).clamp(1, 2);
        let step = widths
            .iter()
            .map(|w| w - base)
            .filter(|&d| d >= threshold)
            .min();
        let indent = |text: &str| {
            if reindent {
                let deeper = width(text).saturating_sub(base);
                let level = step.map_or(0, |step| deeper / step);
                indent_string(opts.indent, level)
            } else {
                leading_blanks(text).to_owned()
            }
        };

        let mut out = Vec::with_capacity(last + 1 - first);
        let mut seg = 0;
        let mut edits = self.edits.iter().peekable();
        for li in first..=last {
            let Some(line) = lines.get(li) else {
                break;
            };
            let content = &self.src[line.start..line.content_end];
            let here = segments.get(seg).filter(|s| {
                let at = s.source as usize;
                line.start <= at
                    && at <= line.content_end
                    && (seg == 0 || !is_comment_line(content))
            });
            let Some(s) = here else {
                if is_comment_line(content) {
                    let comment = content.trim_start().trim_end_matches([' ', '\t', '\r']);
                    out.push(format!("{}{comment}", indent(content)));
                } else {
                    // An empty continuation line.
                    out.push(String::new());
                }
                continue;
            };
            let l0 = s.logical as usize;
            let l1 = l0 + s.len as usize;
            let mut text = String::with_capacity(content.len() + 8);
            let mut cursor = l0;
            while let Some(e) = edits.next_if(|e| e.seg == seg) {
                text.push_str(&self.text[cursor..e.start]);
                match &e.repl {
                    Repl::Text(t) => text.push_str(t),
                    Repl::Indent => text.push_str(&indent(seg_text(seg))),
                    Repl::BaseIndent if reindent => {
                        text.push_str(&indent_string(opts.indent, 0));
                    }
                    Repl::BaseIndent => text.push_str(leading_blanks(seg_text(seg))),
                }
                cursor = e.end;
            }
            text.push_str(&self.text[cursor..l1]);
            if self.continues(seg) {
                text.push(df.escape.as_char());
            }
            out.push(text);
            seg += 1;
        }
        out
    }
}

fn is_shell(keyword: Keyword) -> bool {
    matches!(
        keyword,
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell
    )
}

/// True for a line whose text starts with `#` after white space.
pub(super) fn is_comment_line(content: &str) -> bool {
    content.trim_start().starts_with('#')
}

/// Display width of the leading blanks (tab stops every 4 columns); other
/// white space is not indentation the formatter owns.
fn width(text: &str) -> usize {
    let mut w = 0;
    for c in text.chars() {
        match c {
            '\t' => w = (w / 4 + 1) * 4,
            ' ' => w += 1,
            _ => break,
        }
    }
    w
}

/// The leading spaces and tabs of `text`.
fn leading_blanks(text: &str) -> &str {
    let n = text.bytes().take_while(|&b| is_blank(b)).count();
    &text[..n]
}

/// Columns of one indent unit (a tab counts 4, as in [`width`]).
fn indent_width(indent: Indent) -> usize {
    match indent {
        Indent::Spaces(n) => usize::from(n),
        Indent::Tab => 4,
    }
}

/// The indent of a line `level` levels deeper than the base continuation.
fn indent_string(indent: Indent, level: usize) -> String {
    match indent {
        Indent::Spaces(n) => " ".repeat(usize::from(n) * (1 + level)),
        Indent::Tab => "\t".repeat(1 + level),
    }
}
