//! The values layer: the small grammars nested inside instruction arguments,
//! parsed with exact byte spans, BuildKit's semantics, and no panics.
//!
//! * [`substitution`]: `$X`, `${X:-w}`, `${X#p}`, `${X//p/r}`, quotes and the
//!   escape character, as BuildKit's `shell.Lex` reads them: a parse tree
//!   with spans ([`substitution::Word`], [`substitution::VarRef`]), a cheap
//!   [`substitution::references`] scan, and evaluation
//!   ([`substitution::Lex::process_word`], [`substitution::Lex::process_words`])
//!   with BuildKit's `SkipUnsetEnv`, `RawQuotes` and `RawEscapes`.
//! * [`image_ref`]: `[registry[:port]/]path[:tag][@digest]` with Docker's
//!   normalisation, symbolic parts for variables.
//! * [`mount`]: `RUN --mount=…` (BuildKit's `parseMount`) and `--secret`
//!   (buildx) specs.
//!
//! # Span convention
//!
//! Every parser takes the text to parse, `src`, and `base`, the offset of
//! `src` in the document, and returns **absolute** spans (`base` + offset in
//! `src`), as [`TextRange`](crate::TextRange)s of UTF-8 bytes. Callers never
//! shift. When a value is derived from the source (quotes, escapes or CSV
//! quoting removed), each derived byte keeps the source range it came from,
//! so a span always covers the source text of what it designates.
//!
//! # Why hand-written
//!
//! The project's design named chumsky for these sub-grammars. They are
//! written by hand instead, for reasons measured in `benches/values.rs`
//! (which also holds a minimal chumsky 0.12 parser of the same substitution
//! grammar, as a dev-dependency only):
//!
//! * speed: on the 7,757 `$`-containing argument strings of the real corpus
//!   (2.1 MB), parsing to a tree with spans runs at ~148 MiB/s by hand
//!   against ~44 MiB/s for chumsky (3.4×); `${A:-` nested 100 deep, ~13
//!   against ~9 MiB/s (numbers from one run on the 2-core project machine;
//!   command in the benchmark's header);
//! * stack safety: chumsky without its `stacker` feature recurses once per
//!   nesting level and overflows a 2 MiB stack on deep `${A:-${A:-…`
//!   input, while these parsers cap nesting at
//!   [`substitution::MAX_NESTING`] and read the rest as literal text;
//! * fidelity: BuildKit's grammar is a character-level state machine with
//!   context-dependent escapes (kept in patterns, dropped elsewhere),
//!   errors relabelled by the enclosing `${` and a first-error-wins order,
//!   which a direct transcription expresses more plainly than combinators;
//! * no runtime dependency for the analyzer.
//!
//! Shell patterns are matched by a small Pike VM of our own (no regex crate)
//! that reproduces Go's leftmost-first semantics.
//!
//! # BuildKit quirks kept, and the few not kept
//!
//! Kept: the operand of `${X:-w}` is evaluated even when unused; `##`/`%%`
//! is decided on the evaluated operand; quotes do not protect pattern
//! characters; `${X//p/r}` treats `$0` in `r` as the match (a Go template),
//! `${X/p/r}` does not; `SkipUnsetEnv` writes `${X//p/r}` back with one `/`;
//! raw escapes double a lone escape character inside double quotes; Unicode
//! letters are name characters; a leading byte-order mark is skipped.
//!
//! Not kept: `${X` at the end of input is reported as "missing '}'" (BuildKit
//! says "unsupported modifier (\u{FFFD})"); nesting deeper than
//! [`substitution::MAX_NESTING`] is an error; when a word has both a syntax
//! error and an earlier evaluation error (`${X?} ${`), the syntax error is
//! reported; Go's `unicode.IsDigit` (category Nd) is approximated by
//! `char::is_numeric` outside ASCII; the flag extractor's byte-wise mangling
//! of non-ASCII characters in `--mount` values is not reproduced.

mod cooked;
pub mod image_ref;
pub mod mount;
mod pattern;
pub mod substitution;

pub use image_ref::{
    ImageRef, ImageRefError, ImageRefErrorKind, RefPart, RefPartKind, parse_image_ref,
};
pub use mount::{
    MountError, MountErrorKind, MountKey, MountKind, MountSpec, SecretSpec, SpecField, SpecValue,
    parse_mount, parse_secret,
};
pub use substitution::{
    EmptyEnv, Env, Expansion, FnEnv, Lex, Literal, LiteralKind, Op, Parsed, SubstError,
    SubstErrorKind, UnsetMode, VarRef, VarUse, Word, WordPart, references,
};
