//! The shell model: a fast, error-tolerant parser for the POSIX/bash text of
//! `RUN` instructions and here-document scripts, and the tree the rules walk.
//!
//! # Model
//!
//! [`parse`] turns text into a [`Script`]: a [`List`] of [`AndOr`] lists, each
//! a chain of [`Pipeline`]s joined by `&&`/`||`, each a chain of [`Command`]s
//! joined by `|`. A command is a [`SimpleCommand`] (assignments, words,
//! redirections) or a compound one (subshell, brace group, `if`, `while`/
//! `until`, `for`, `for ((…))`, `case`, function, `[[ ]]`, `(( ))`). A
//! [`Word`] is a span plus its [`WordPart`]s: literal text, escapes, quotes,
//! parameter expansions, arithmetic, and command / process substitutions whose
//! contents are parsed recursively into [`List`]s, so `sh -c "$(curl …)"`
//! exposes `curl` to the rules. Here-document bodies hang off their redirect.
//!
//! Rules mostly use the [`visit`] layer: [`Script::simple_commands`] yields
//! every simple command anywhere (substitutions included) with its
//! [`Position`] (pipeline neighbours, `&&`/`||` neighbours) and [`Scope`]
//! (inside which substitution, condition, loop, function); there are also
//! [`Script::pipelines`], [`Script::and_or_lists`], [`Word::literal`] for
//! quote-removed values and [`Word::substitutions`].
//!
//! # Key decisions
//!
//! - **Spans, not strings.** Every node is a [`TextRange`] into the text given
//!   to [`parse`]; nothing is copied until [`Word::literal`] is asked, and it
//!   borrows unless quote removal actually changes the text.
//! - **Docker's line joining.** Docker removes `\` + (blanks) + newline, and
//!   the blank or comment lines inside such a continuation, before the shell
//!   sees a `RUN` line: so `ins\⏎tall` is `install`, `&\⏎&` is `&&`, and a
//!   `#` comment swallows the continued lines after it. Nearly every real
//!   continuation sits next to a blank (` \⏎`), where it cannot glue tokens
//!   together; the parser then takes it in place, as a blank between words and
//!   as literal text inside a word or quotes (dropped by [`Word::literal`],
//!   and by [`strip_continuations`] for raw slices). Otherwise (`join.rs`) the
//!   lines are joined first and every span is mapped back in one post-pass. A
//!   property test checks both paths agree. For here-document *scripts*
//!   (which Docker hands to the shell verbatim) this differs from bash only in
//!   corner cases: `\` before a blank line, `\` + trailing blanks, `\\` at a
//!   line end, and `\`-newline inside single quotes, comments or quoted
//!   here-documents.
//! - **Hand-written, byte-level, on-the-fly lexing** with lookup tables for
//!   the hot loops (plain words, blanks): the grammar is context-sensitive
//!   (reserved words only in command position, `)` ending case patterns,
//!   here-document bodies starting at the next newline), so there is no
//!   separate token stream. Allocation is the other cost: a word's single
//!   part is stored inline ([`Parts`]) and a command's words are collected on a
//!   scratch stack and moved into an exactly sized `Vec`. The bench
//!   (`benches/shell.rs`) parses the `RUN` text of the real-Dockerfile corpus.
//! - **Never fails.** Errors become [`ShellError`]s and parsing continues;
//!   a table of the closers (`fi`, `done`, `)`, …) that enclosing constructs
//!   wait for lets a list stop at an expected closer and skip an unexpected
//!   one, so one stray or missing keyword costs one error and no commands.
//!   Unterminated quotes and substitutions run to the end of the input.
//! - **Bounded recursion.** The parser recurses at most 64 constructs deep
//!   (`MAX_DEPTH`); deeper ones are stepped over by an iterative scanner with a
//!   heap stack (`skip.rs`) and reported, so no input can overflow the stack
//!   (the tree, its drop and the visitor stay shallow too). The same scanner
//!   decides `$((` arithmetic versus `$( (` in linear time, without
//!   backtracking.
//!
//! `parse` is also correct for plain scripts (here-document bodies): newlines
//! separate commands and start here-document bodies as usual. It assumes the
//! Dockerfile's escape character is `\`; `RUN` text for `cmd` or PowerShell
//! (Windows images, a backtick `escape` directive) is not shell and should not
//! be handed to it.

pub mod ast;
pub mod bashisms;
pub mod dialect;
pub mod expansions;
mod fixup;
mod join;
pub mod lexical;
mod parser;
mod skip;
pub mod visit;

#[cfg(test)]
mod run_extract;
#[cfg(test)]
mod tests;

pub use ast::*;
pub use dialect::Dialect;
pub use visit::{
    AndOrRef, CommandRef, PipelineRef, Position, Scope, SimpleCommandRef, Visitor, walk_list,
    walk_word,
};

use crate::text::TextRange;

/// Parses shell text. Never fails: syntax errors are in [`Script::errors`].
/// All spans are byte ranges into `src`.
#[must_use]
pub fn parse(src: &str) -> Script {
    parse_impl(src, false)
}

/// `parse`, always through the line-joining path (tests compare the two).
#[cfg(test)]
pub(crate) fn parse_joined(src: &str) -> Script {
    parse_impl(src, true)
}

fn parse_impl(src: &str, force_join: bool) -> Script {
    // Spans are u32; refuse to index past that (the edges reject such input).
    let src = if u32::try_from(src.len()).is_ok() {
        src
    } else {
        let mut cut = u32::MAX as usize;
        while !src.is_char_boundary(cut) {
            cut -= 1;
        }
        &src[..cut]
    };
    // Usually the continuations of a RUN line sit between words, where the
    // parser can take them as blanks in place; otherwise join lines first and
    // map spans back afterwards.
    let joined = if !force_join && join::continuations_parse_in_place(src) {
        join::Joined::identity(src)
    } else {
        join::Joined::new(src)
    };
    let mut p = parser::Parser::new(&joined.text);
    let body = p.parse_script();
    let mut script = Script {
        body,
        errors: std::mem::take(&mut p.errors),
        comments: std::mem::take(&mut p.comments),
    };
    let heredocs = std::mem::take(&mut p.heredocs);
    drop(p);
    if !joined.is_identity() || !heredocs.is_empty() {
        fixup::Fixup {
            joined: &joined,
            heredocs,
            cursor: join::Cursor::default(),
        }
        .script(&mut script);
    }
    script.errors.sort_by_key(|e| (e.span.start, e.span.end));
    script
}

/// `true` if `range` lies within `src` on character boundaries.
#[must_use]
pub fn span_ok(src: &str, range: TextRange) -> bool {
    range.start <= range.end
        && range.end() <= src.len()
        && src.is_char_boundary(range.start())
        && src.is_char_boundary(range.end())
}
