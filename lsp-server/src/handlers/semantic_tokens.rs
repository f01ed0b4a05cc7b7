//! `textDocument/semanticTokens/full` and `/range`. The legend and the
//! emitter live together here so they cannot drift apart.
//!
//! Tokens are collected as byte ranges, sorted, cut where they overlap, split
//! at line ends (no client needs multi-line support), and only then encoded
//! as deltas, so the output never holds a negative delta or an empty token.

use dockward_analyzer::TextRange;
use dockward_analyzer::syntax::{Args, Instruction, Keyword};
use dockward_analyzer::values::substitution::references;
use ls_types::{
    Range, SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens,
    SemanticTokensLegend,
};

use crate::capabilities::ClientCaps;
use crate::document::Snapshot;
use crate::handlers::document_symbol::stage_name;

/// Token types, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    Keyword = 0,
    Comment,
    Macro,
    Parameter,
    Property,
    String,
    Variable,
    Namespace,
    Class,
    Operator,
    Number,
}

const TYPES: [SemanticTokenType; 11] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::COMMENT,
    SemanticTokenType::MACRO,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::STRING,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::NUMBER,
];

/// Modifier bits, in legend order.
pub const DECLARATION: u32 = 1;
pub const DEPRECATED: u32 = 1 << 1;

const MODIFIERS: [SemanticTokenModifier; 2] = [
    SemanticTokenModifier::DECLARATION,
    SemanticTokenModifier::DEPRECATED,
];

#[must_use]
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: MODIFIERS.to_vec(),
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    range: TextRange,
    kind: Kind,
    mods: u32,
}

struct Emitter<'a> {
    src: &'a str,
    toks: Vec<Tok>,
    escape: char,
}

impl Emitter<'_> {
    fn push(&mut self, range: TextRange, kind: Kind, mods: u32) {
        if !range.is_empty() && range.end() <= self.src.len() {
            self.toks.push(Tok { range, kind, mods });
        }
    }

    /// `$VAR` / `${VAR}` references inside `range` of a contiguous source text.
    fn vars(&mut self, range: TextRange) {
        let text = range.slice(self.src);
        if !text.contains('$') {
            return;
        }
        let found: Vec<TextRange> = references(text, range.start(), self.escape)
            .filter(|u| u.depth == 0)
            .map(|u| u.span)
            .collect();
        for r in found {
            self.push(r, Kind::Variable, 0);
        }
    }

    /// Strings and variables of an instruction's argument text.
    fn args(&mut self, inst: &Instruction, range: TextRange) {
        // Variables are looked up piece by piece: a continuation splits the
        // logical text into several source pieces.
        let segs = inst.logical.segments();
        for s in segs {
            let piece = TextRange::new(s.source as usize, (s.source + s.len) as usize);
            let lo = piece.start().max(range.start());
            let hi = piece.end().min(range.end());
            if lo < hi {
                self.vars(TextRange::new(lo, hi));
            }
        }
    }

    fn flag_value_parts(&mut self, value: TextRange, mount: bool) {
        let text = value.slice(self.src);
        if !mount {
            self.push(value, Kind::String, 0);
            return;
        }
        let mut off = value.start();
        for part in text.split(',') {
            match part.split_once('=') {
                Some((k, v)) => {
                    self.push(TextRange::new(off, off + k.len()), Kind::Property, 0);
                    let vs = off + k.len() + 1;
                    self.push(TextRange::new(vs, vs + v.len()), Kind::String, 0);
                }
                None => self.push(TextRange::new(off, off + part.len()), Kind::Property, 0),
            }
            off += part.len() + 1;
        }
    }

    fn instruction(&mut self, inst: &Instruction, stage_names: &[&str]) {
        let src = self.src;
        let mods = if inst.keyword == Keyword::Maintainer {
            DEPRECATED
        } else {
            0
        };
        self.push(inst.keyword_range, Kind::Keyword, mods);
        for f in &inst.flags {
            let text = f.range.slice(src);
            if text.contains('\n') {
                continue;
            }
            match text.find('=') {
                Some(eq) => {
                    self.push(
                        TextRange::new(f.range.start(), f.range.start() + eq),
                        Kind::Parameter,
                        0,
                    );
                    let value = TextRange::new(f.range.start() + eq + 1, f.range.end());
                    if f.name() == "from" {
                        self.push(value, Kind::Namespace, 0);
                    } else {
                        self.flag_value_parts(value, f.name() == "mount");
                    }
                }
                None => self.push(f.range, Kind::Parameter, 0),
            }
        }
        match &inst.args {
            Args::Json(arr) => {
                for s in &arr.items {
                    self.push(s.range, Kind::String, 0);
                }
            }
            Args::Words(words) if inst.keyword == Keyword::From => {
                if let Some(image) = words.first() {
                    let text = image.range.slice(src);
                    let kind = if stage_names.iter().any(|n| n.eq_ignore_ascii_case(text)) {
                        Kind::Namespace
                    } else {
                        Kind::Class
                    };
                    if text.contains('$') {
                        self.args(inst, image.range);
                    } else {
                        self.push(image.range, kind, 0);
                    }
                }
                if let Some((_, name)) = stage_name(inst, src) {
                    self.push(words[1].range, Kind::Keyword, 0);
                    self.push(name, Kind::Namespace, DECLARATION);
                }
            }
            Args::Words(words) if inst.keyword == Keyword::Arg => {
                for w in words {
                    let text = w.range.slice(src);
                    match text.split_once('=') {
                        Some((name, _)) => {
                            let eq = w.range.start() + name.len();
                            self.push(
                                TextRange::new(w.range.start(), eq),
                                Kind::Variable,
                                DECLARATION,
                            );
                            self.push(TextRange::new(eq, eq + 1), Kind::Operator, 0);
                            self.push(TextRange::new(eq + 1, w.range.end()), Kind::String, 0);
                            self.args(inst, TextRange::new(eq + 1, w.range.end()));
                        }
                        None => self.push(w.range, Kind::Variable, DECLARATION),
                    }
                }
            }
            Args::Words(words) if inst.keyword == Keyword::Expose => {
                for w in words {
                    self.push(w.range, Kind::Number, 0);
                }
            }
            Args::KeyValues(pairs) => {
                let key_kind = if inst.keyword == Keyword::Env {
                    Kind::Variable
                } else {
                    Kind::Property
                };
                let key_mods = if inst.keyword == Keyword::Env {
                    DECLARATION
                } else {
                    0
                };
                for kv in pairs {
                    self.push(kv.key.range, key_kind, key_mods);
                    if kv.value.range.slice(src).contains('\n') {
                        self.args(inst, kv.value.range);
                    } else {
                        self.push(kv.value.range, Kind::String, 0);
                        self.args(inst, kv.value.range);
                    }
                }
            }
            Args::Healthcheck { kind, .. } => {
                self.push(kind.range, Kind::Keyword, 0);
                self.args(inst, inst.rest.range);
            }
            Args::Onbuild(inner) => self.instruction(inner, stage_names),
            _ => self.args(inst, inst.rest.range),
        }
        for h in &inst.heredocs {
            self.push(h.word_range, Kind::Operator, 0);
            self.push(h.body, Kind::String, 0);
            if let Some(t) = h.terminator {
                self.push(t, Kind::Operator, 0);
            }
        }
    }
}

/// Emits the innermost open token up to `limit`, closing the tokens that end.
fn flush(stack: &mut Vec<Tok>, cursor: &mut usize, limit: usize, out: &mut Vec<Tok>) {
    while let Some(top) = stack.last().copied() {
        let end = top.range.end().min(limit);
        let start = (*cursor).max(top.range.start());
        if start < end {
            out.push(Tok {
                range: TextRange::new(start, end),
                ..top
            });
            *cursor = end;
        }
        if top.range.end() <= limit {
            stack.pop();
        } else {
            break;
        }
    }
}

/// Sorted, non-overlapping, single-line tokens as byte ranges.
fn collect(snap: &Snapshot, window: Option<TextRange>) -> Vec<Tok> {
    let df = snap.syntax();
    let src = &*snap.text;
    let mut e = Emitter {
        src,
        toks: Vec::new(),
        escape: df.escape.as_char(),
    };
    for d in &df.directives {
        e.push(
            TextRange::new(d.range.start(), d.name_range.start()),
            Kind::Comment,
            0,
        );
        e.push(d.name_range, Kind::Macro, 0);
        e.push(d.value_range, Kind::String, 0);
    }
    for c in &df.comments {
        e.push(c.range, Kind::Comment, 0);
    }
    let stage_names: Vec<&str> = df
        .instructions
        .iter()
        .filter_map(|i| stage_name(i, src).map(|(n, _)| n))
        .collect();
    for inst in &df.instructions {
        if let Some(w) = window
            && (inst.range.end() < w.start() || inst.range.start() > w.end())
        {
            continue;
        }
        e.instruction(inst, &stage_names);
    }
    let mut toks = e.toks;
    // Outer tokens first (earlier start, then longer); an inner token wins
    // over the token around it for the bytes it covers.
    toks.sort_by_key(|t| (t.range.start, std::cmp::Reverse(t.range.end)));
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut stack: Vec<Tok> = Vec::new();
    let mut cursor = 0usize;
    for t in toks {
        flush(&mut stack, &mut cursor, t.range.start(), &mut out);
        stack.push(t);
    }
    flush(&mut stack, &mut cursor, usize::MAX, &mut out);
    // Split at line ends; drop `\r` and empty pieces.
    let mut lines = Vec::with_capacity(out.len());
    for t in out {
        let mut start = t.range.start();
        let text = t.range.slice(src);
        for piece in text.split_inclusive('\n') {
            let body = piece.trim_end_matches(['\n', '\r']);
            if !body.is_empty() {
                lines.push(Tok {
                    range: TextRange::new(start, start + body.len()),
                    ..t
                });
            }
            start += piece.len();
        }
    }
    lines
}

/// The tokens of the whole document, or of the lines of `range`.
#[must_use]
pub fn tokens(snap: &Snapshot, _caps: &ClientCaps, range: Option<Range>) -> SemanticTokens {
    let window = range.map(|r| {
        let lo = snap.index.line_start(r.start.line);
        let hi = snap.index.line_end(&snap.text, r.end.line);
        TextRange::new(lo, hi.max(lo))
    });
    let toks = collect(snap, window);
    let mut data = Vec::with_capacity(toks.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for t in toks {
        if let Some(w) = window
            && (t.range.end() <= w.start() || t.range.start() >= w.end())
        {
            continue;
        }
        let pos = snap.position(t.range.start());
        let len = snap.encoding.len(t.range.slice(&snap.text));
        if len == 0 {
            continue;
        }
        let delta_line = pos.line - prev_line;
        let delta_start = if delta_line == 0 {
            pos.character - prev_col
        } else {
            pos.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: len,
            token_type: t.kind as u32,
            token_modifiers_bitset: t.mods,
        });
        prev_line = pos.line;
        prev_col = pos.character;
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capabilities::ClientCaps;
    use crate::document::Env;
    use crate::position::Encoding;

    /// Decodes the tokens and checks every invariant a client relies on:
    /// sorted, inside their line, not overlapping, non-empty, in the legend.
    fn check(text: &str, enc: Encoding) -> usize {
        let snap = Snapshot::detached("file:///t".parse().unwrap(), 1, text, Env::default(), enc);
        let toks = tokens(&snap, &ClientCaps::default(), None);
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        let (mut line, mut col, mut end) = (0u32, 0u32, 0u32);
        for t in &toks.data {
            if t.delta_line > 0 {
                line += t.delta_line;
                col = t.delta_start;
                end = 0;
            } else {
                col += t.delta_start;
            }
            assert!(t.length > 0, "empty token in {text:?}");
            assert!((t.token_type as usize) < TYPES.len());
            assert!(col >= end, "overlap on line {line} of {text:?}");
            let width = enc.len(lines[line as usize]);
            assert!(
                col + t.length <= width,
                "token past line {line} end in {text:?}"
            );
            end = col + t.length;
        }
        // A range request gives the same tokens for the lines it covers.
        let n = lines.len() as u32;
        let r = Range::new(ls_types::Position::new(0, 0), ls_types::Position::new(n, 0));
        assert_eq!(
            tokens(&snap, &ClientCaps::default(), Some(r)).data,
            toks.data
        );
        toks.data.len()
    }

    #[test]
    fn tricky_inputs_give_valid_tokens() {
        let cases = [
            // Escaped newline inside a keyword-ish place, embedded comments,
            // heredocs, an image split over lines, emoji before tokens.
            "FROM \\\n  alpine:3.20 \\\n  AS base\nRUN echo 🐳 $HOME \\\n# comment inside\n  && echo \"${X:-é}\"\n",
            "# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN echo `\n  b\n",
            "FROM a\nRUN <<EOF cat >/x && <<-EOT2 cat\nline $V\nEOF\n\tx\n\tEOT2\nCOPY <<'A' /f\nbody\nA\n",
            "FROM a AS b\nCOPY --from=b --chmod=755 x y\nRUN --mount=type=cache,target=/root/.cache,sharing=locked x\n",
            "ARG A=1 B\nENV K=\"v w\" L=$A\nLABEL a.b=\"c\"\nEXPOSE 80/tcp 53/udp\nONBUILD RUN x\nHEALTHCHECK --interval=5s CMD [\"a\", \"b\"]\nMAINTAINER me\n",
            "\u{feff}FROM a\r\nRUN x\r\n",
            "FROM",
            "",
            "RUN \"unterminated\nFROM x\n",
        ];
        for c in cases {
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                check(c, enc);
            }
        }
        assert!(check(cases[0], Encoding::Utf16) >= 7);
    }

    /// The same invariants on every real Dockerfile of the shared corpus
    /// (read in place; skipped when the corpus is not beside the checkout).
    #[test]
    fn corpus_files_give_valid_tokens() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
        let Ok(repos) = std::fs::read_dir(&root) else {
            return;
        };
        let mut stack: Vec<std::path::PathBuf> = repos.flatten().map(|e| e.path()).collect();
        let mut files = 0;
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(
                    std::fs::read_dir(&p)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .map(|e| e.path()),
                );
            } else if p.extension().is_none_or(|e| e != "tsv") {
                let bytes = std::fs::read(&p).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                // Every third file keeps the debug-build run short.
                files += 1;
                if files % 3 == 0 {
                    check(&text, Encoding::Utf16);
                }
            }
        }
        assert!(files > 1000, "only {files} corpus files found");
    }
}
