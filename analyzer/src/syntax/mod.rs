//! The lossless, error-tolerant Dockerfile syntax tree.
//!
//! [`parse`] never fails. It follows BuildKit's parser (`frontend/dockerfile/parser`)
//! line by line, so the instructions it produces are the ones BuildKit builds,
//! and it keeps what BuildKit throws away:
//!
//! - a flat, contiguous [`Token`] stream that covers every input byte, so the
//!   file can be reproduced exactly (comments, blank lines, continuations,
//!   heredoc bodies included);
//! - an exact source [`TextRange`] for every instruction, keyword, flag,
//!   argument word, JSON string, key/value pair and heredoc;
//! - every error as a [`SyntaxError`] attached to a range, after which parsing
//!   goes on with the next instruction. Errors BuildKit's parser stage rejects a
//!   file for are marked [`ErrorKind::Rejected`]; errors that only `docker build`'s
//!   later instruction stage reports are [`ErrorKind::Invalid`].
//!
//! The structural work (physical lines, directives, the runtime escape
//! character, continuations, heredocs) is a hand-written loop; see
//! ARCHITECTURE.md for why and for the measurements.

mod args;
mod buildkit;
mod heredoc;
mod json;
mod logical;
mod parser;
#[cfg(test)]
mod tests;
mod validate;

pub use buildkit::{BuildkitHeredoc, BuildkitInstruction};
pub(crate) use json::decode_string as decode_json_string;
pub use json::json_escape;
pub use logical::{LogicalLine, Segment};
pub use parser::parse;

use crate::TextRange;

/// Dockerfile instructions, as dispatched by BuildKit (case-insensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// Anything else. BuildKit's parser keeps it (without arguments); `docker
    /// build` rejects it.
    Unknown,
}

impl Keyword {
    /// Every known instruction, in alphabetical order.
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// Looks a keyword up, ignoring ASCII case.
    #[must_use]
    pub fn from_name(name: &str) -> Keyword {
        if name.len() > 11 || name.len() < 3 {
            return Keyword::Unknown;
        }
        let mut buf = [0u8; 11];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"add" => Keyword::Add,
            b"arg" => Keyword::Arg,
            b"cmd" => Keyword::Cmd,
            b"copy" => Keyword::Copy,
            b"entrypoint" => Keyword::Entrypoint,
            b"env" => Keyword::Env,
            b"expose" => Keyword::Expose,
            b"from" => Keyword::From,
            b"healthcheck" => Keyword::Healthcheck,
            b"label" => Keyword::Label,
            b"maintainer" => Keyword::Maintainer,
            b"onbuild" => Keyword::Onbuild,
            b"run" => Keyword::Run,
            b"shell" => Keyword::Shell,
            b"stopsignal" => Keyword::Stopsignal,
            b"user" => Keyword::User,
            b"volume" => Keyword::Volume,
            b"workdir" => Keyword::Workdir,
            _ => Keyword::Unknown,
        }
    }

    /// The canonical (upper-case) spelling; `""` for [`Keyword::Unknown`].
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "",
        }
    }

    /// Instructions whose arguments may introduce heredocs.
    #[must_use]
    pub fn allows_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

/// The escape character, chosen by the `# escape=` directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscapeChar {
    Backslash,
    Backtick,
}

impl EscapeChar {
    #[must_use]
    pub fn as_char(self) -> char {
        match self {
            EscapeChar::Backslash => '\\',
            EscapeChar::Backtick => '`',
        }
    }

    #[must_use]
    pub fn as_byte(self) -> u8 {
        match self {
            EscapeChar::Backslash => b'\\',
            EscapeChar::Backtick => b'`',
        }
    }
}

/// What a [`Token`] is. Tokens are line-structural; the instruction tree holds
/// the finer structure (flags, words, JSON strings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// The UTF-8 byte-order mark at the start of the file.
    Bom,
    /// Spaces and tabs (and other white space) outside instruction text.
    Whitespace,
    /// `\n`, with any `\r` before it.
    Newline,
    /// A whole comment line from `#` to the end of the line.
    Comment,
    /// A parser directive line (`# syntax=…`, `# escape=…`, `# check=…`).
    Directive,
    /// The instruction keyword as written.
    Keyword,
    /// Instruction text after the keyword on one physical line.
    Arguments,
    /// The escape character ending a line, with the blanks after it.
    Continuation,
    /// Heredoc body lines, newlines included.
    HeredocBody,
    /// The line that ends a heredoc.
    HeredocTerminator,
}

/// A piece of the source. Tokens are contiguous and cover the whole input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

/// A parser directive at the top of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    pub name_range: TextRange,
    pub value: String,
    pub value_range: TextRange,
    /// The whole directive line, without its newline.
    pub range: TextRange,
}

/// A comment line (not a directive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line (newline excluded).
    pub range: TextRange,
    /// 0-based physical line.
    pub line: u32,
    /// True when the comment sits inside an instruction's continuation lines.
    pub in_continuation: bool,
}

/// A piece of instruction text: its range in the instruction's
/// [`LogicalLine`] (start, end) and the source range it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub logical: (u32, u32),
    pub range: TextRange,
}

impl Span {
    /// The text as BuildKit sees it (continuations joined).
    #[must_use]
    pub fn text<'a>(&self, inst: &'a Instruction, src: &'a str) -> &'a str {
        &inst.logical.text(src)[self.logical.0 as usize..self.logical.1 as usize]
    }
}

/// A `--name[=value]` flag, as BuildKit's `extractBuilderFlags` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The flag as BuildKit reports it: quotes removed, backslash escapes applied.
    pub text: String,
    /// The flag's source range, `--` included.
    pub range: TextRange,
    /// Where the flag sits in the logical line.
    pub logical: (u32, u32),
}

impl Flag {
    /// The name, without `--` and without the value.
    #[must_use]
    pub fn name(&self) -> &str {
        let body = self.text.strip_prefix("--").unwrap_or(&self.text);
        body.split_once('=').map_or(body, |(name, _)| name)
    }

    /// The value after `=`, if any.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        let body = self.text.strip_prefix("--").unwrap_or(&self.text);
        body.split_once('=').map(|(_, value)| value)
    }

    /// Source range of the value (after `=`), when the flag is written without
    /// quotes or escapes before the value; otherwise the whole flag.
    #[must_use]
    pub fn value_range(&self, src: &str) -> TextRange {
        let text = self.range.slice(src);
        match text.find('=') {
            Some(eq) if self.value().is_some() => {
                TextRange::new(self.range.start() + eq + 1, self.range.end())
            }
            _ => self.range,
        }
    }
}

/// A string element of an exec-form JSON array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonString {
    /// The decoded value.
    pub value: String,
    /// Source range, quotes included.
    pub range: TextRange,
}

/// Exec form: `["executable", "param"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonArray {
    pub items: Vec<JsonString>,
    /// From `[` to `]`.
    pub range: TextRange,
    /// Text after `]`, which BuildKit ignores (`CMD ["a"] # comment`).
    pub trailing: Option<TextRange>,
}

/// An ENV or LABEL pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Span,
    /// The value as written (quotes kept, like BuildKit).
    pub value: Span,
    /// `key=value` (true) or the legacy `key value` form (false).
    pub equals: bool,
}

/// An instruction's arguments, shaped the way BuildKit's dispatch shapes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    /// No arguments.
    None,
    /// Shell form or a plain string: RUN, CMD, ENTRYPOINT, SHELL (not JSON),
    /// MAINTAINER, STOPSIGNAL, USER, WORKDIR.
    Text(Span),
    /// Exec form.
    Json(JsonArray),
    /// White-space separated words: FROM, EXPOSE, ADD/COPY/VOLUME (not JSON),
    /// and ARG (BuildKit's quote-aware word splitting, quotes kept).
    Words(Vec<Span>),
    /// ENV and LABEL.
    KeyValues(Vec<KeyValue>),
    /// HEALTHCHECK: the type word (`CMD`, `NONE`) and the command.
    Healthcheck { kind: Span, command: Box<Args> },
    /// ONBUILD's trigger instruction.
    Onbuild(Box<Instruction>),
    /// An unknown instruction's arguments (possibly empty), which BuildKit
    /// ignores: its parser reports one empty value.
    Ignored(Span),
}

/// A heredoc attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word, quotes removed.
    pub name: String,
    /// The `<<EOF` word in the instruction line.
    pub word_range: TextRange,
    /// `<<-`: leading tabs are stripped.
    pub chomp: bool,
    /// False when the delimiter is quoted: the body is not expanded.
    pub expand: bool,
    /// The file descriptor before `<<` (`3<<EOF`), if written.
    pub fd: Option<u32>,
    /// The body lines, newlines included (BuildKit's `Content`).
    pub body: TextRange,
    /// The terminator line's content; `None` when the heredoc runs to end of file.
    pub terminator: Option<TextRange>,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written.
    pub keyword_range: TextRange,
    /// From the keyword to the end of the instruction's last line (heredoc
    /// terminator included), newline excluded.
    pub range: TextRange,
    /// From the keyword to the end of the last continuation line, heredoc
    /// bodies excluded.
    pub header_range: TextRange,
    /// 0-based physical line of the keyword.
    pub start_line: u32,
    /// 0-based physical line of the instruction's last line.
    pub end_line: u32,
    /// The joined text BuildKit parses.
    pub logical: LogicalLine,
    pub flags: Vec<Flag>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// The logical range of everything after the flags (BuildKit's `args`).
    pub rest: Span,
    /// Blank lines inside the continuation (BuildKit warns; NoEmptyContinuation).
    pub empty_continuation_lines: Vec<TextRange>,
}

impl Instruction {
    /// The keyword as written in the file.
    #[must_use]
    pub fn keyword_text<'a>(&self, src: &'a str) -> &'a str {
        self.keyword_range.slice(src)
    }

    /// True for exec (JSON array) form, looking through HEALTHCHECK.
    #[must_use]
    pub fn is_json(&self) -> bool {
        match &self.args {
            Args::Json(_) => true,
            Args::Healthcheck { command, .. } => matches!(**command, Args::Json(_)),
            _ => false,
        }
    }

    /// The ONBUILD trigger, if this is ONBUILD.
    #[must_use]
    pub fn onbuild_trigger(&self) -> Option<&Instruction> {
        match &self.args {
            Args::Onbuild(inner) => Some(inner),
            _ => None,
        }
    }

    /// The flag named `name` (without `--`), the last one if repeated.
    #[must_use]
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name() == name)
    }

    /// The whole text after the flags, as BuildKit joined it.
    #[must_use]
    pub fn rest_text<'a>(&'a self, src: &'a str) -> &'a str {
        self.rest.text(self, src)
    }
}

/// How bad an error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    /// BuildKit's parser rejects the whole file for this.
    Rejected,
    /// BuildKit's parser accepts it but `docker build` fails on it (unknown
    /// instruction, wrong number of arguments, unknown flag…).
    Invalid,
}

/// A syntax error, attached to a source range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub range: TextRange,
    pub kind: ErrorKind,
}

/// A parsed Dockerfile. It owns its source text.
#[derive(Clone, Debug)]
pub struct Dockerfile {
    pub(crate) source: String,
    pub(crate) line_starts: Vec<u32>,
    pub escape: EscapeChar,
    pub directives: Vec<Directive>,
    pub instructions: Vec<Instruction>,
    pub comments: Vec<Comment>,
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
}

impl Dockerfile {
    /// The source text.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text of `range`.
    #[must_use]
    pub fn text(&self, range: TextRange) -> &str {
        range.slice(&self.source)
    }

    /// Byte offsets of the starts of the physical lines (`\n`-separated).
    #[must_use]
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// The 0-based physical line holding `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = self.line_starts.partition_point(|&s| s as usize <= offset);
        #[allow(clippy::cast_possible_truncation)]
        let line = idx.saturating_sub(1) as u32;
        line
    }

    /// The directive named `name` (lower case), if present.
    #[must_use]
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// The first error that makes BuildKit's parser reject the file, if any.
    #[must_use]
    pub fn rejection(&self) -> Option<&SyntaxError> {
        self.errors
            .iter()
            .filter(|e| e.kind == ErrorKind::Rejected)
            .min_by_key(|e| e.range.start)
    }
}
