//! Strict JSON with spans, for `daemon.json` and seccomp profiles.
//!
//! # Model
//!
//! [`parse`] turns text into a [`Json`]: an arena of [`JsonNode`]s addressed
//! by [`JsonId`] (a parent before its children), one per object, array,
//! string, number, `true`/`false` and `null`, each with its byte span
//! (quotes and brackets included). An object holds its [`Member`]s in source
//! order (key span, decoded key, value), duplicate keys included; an array
//! its items. Strings are decoded ([`Json::as_str`]); numbers keep their text
//! ([`Json::number_text`], with [`Json::as_i64`] / [`Json::as_f64`]).
//!
//! # Key decisions
//!
//! - **dockerd's reading.** dockerd decodes `daemon.json` with Go's
//!   `encoding/json` after dropping a byte-order mark and trimming white
//!   space (`daemon/config.getConflictFreeConfiguration`); seccomp profiles
//!   go through `encoding/json` too. So: strict RFC 8259 syntax, exactly one
//!   value, no comments, no trailing commas; a leading UTF-8 BOM is skipped;
//!   an empty or blank text is an empty document ([`Json::root`] is `None`,
//!   no error: dockerd starts with defaults). Strings decode as Go does
//!   (an unpaired surrogate escape becomes U+FFFD); nesting is capped at
//!   Go's 10,000 levels. The token layer (`lex.rs`) is shared with the
//!   Dockerfile exec-form reader.
//! - **Duplicate keys are not errors**: `encoding/json` keeps the last value,
//!   so does [`Json::get`]. Every member stays in the tree; the earlier ones
//!   are marked [`Member::shadowed`] and listed in [`Json::duplicates`], for a
//!   rule to report.
//! - **Errors are data, with limited recovery.** Each error is a
//!   [`JsonError`] with a byte range; everything parsed before an error stays
//!   in the tree, and containers left open end at the error
//!   ([`Json::is_complete`] is then false). The three mistakes people make in
//!   hand-edited JSON are reported and then stepped over, so the rest of the
//!   file is still read: a comment (`//`, `/* */`, `#`), a trailing comma and
//!   a missing comma between members or items. Any other error stops parsing.
//!
//! # Invariants
//!
//! - [`parse`] never fails and never panics; spans are UTF-8 byte ranges on
//!   character boundaries of [`Json::source`].
//! - No recursion: an explicit stack of open containers, capped at 10,000.
//! - Linear time.

pub mod edit;
pub(crate) mod lex;
mod parser;

#[cfg(test)]
mod tests;

use crate::text::TextRange;

/// A node of a [`Json`] tree: an index into its arena, in source order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct JsonId(pub(crate) u32);

impl JsonId {
    /// The arena index.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum JsonKind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Str {
    Source(u32, u32),
    Decoded(u32, u32),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Repr {
    Object { members: (u32, u32) },
    Array { items: (u32, u32) },
    String(Str),
    Number,
    Bool(bool),
    Null,
}

/// One value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct JsonNode {
    pub(crate) repr: Repr,
    pub(crate) span: TextRange,
    pub(crate) parent: Option<JsonId>,
}

impl JsonNode {
    #[must_use]
    pub fn kind(&self) -> JsonKind {
        match self.repr {
            Repr::Object { .. } => JsonKind::Object,
            Repr::Array { .. } => JsonKind::Array,
            Repr::String(_) => JsonKind::String,
            Repr::Number => JsonKind::Number,
            Repr::Bool(_) => JsonKind::Bool,
            Repr::Null => JsonKind::Null,
        }
    }

    /// The value as written: quotes included for strings, `{`…`}` and
    /// `[`…`]` for containers (to the error for a container cut short).
    #[must_use]
    pub fn span(&self) -> TextRange {
        self.span
    }

    /// The enclosing object or array.
    #[must_use]
    pub fn parent(&self) -> Option<JsonId> {
        self.parent
    }
}

/// A `"key": value` member of an object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Member {
    /// The key as written, quotes included.
    pub key_span: TextRange,
    pub(crate) key: Str,
    pub value: JsonId,
    /// A later member of the same object has the same key: dockerd (Go's
    /// `encoding/json`) uses the later value.
    pub shadowed: bool,
}

impl Member {
    /// The member as written: key through value.
    #[must_use]
    pub fn span(&self, json: &Json) -> TextRange {
        self.key_span.cover(json.node(self.value).span)
    }
}

/// Two members of one object with the same key.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DuplicateKey {
    pub object: JsonId,
    /// Indexes into [`Json::members`] of `object`: the shadowed earlier
    /// member and the later one that wins.
    pub first: usize,
    pub later: usize,
}

/// What went wrong.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum JsonErrorKind {
    /// Not JSON here; parsing stops.
    Syntax,
    /// A `//`, `/* */` or `#` comment (stepped over).
    Comment,
    /// A `,` before `}` or `]` (stepped over).
    TrailingComma,
    /// No `,` between two members or items (the range is empty, where the
    /// comma belongs; parsing goes on).
    MissingComma,
    /// More than 10,000 nested containers; parsing stops.
    TooDeep,
    /// Text after the top-level value; parsing stops.
    TrailingContent,
}

/// An error with its range.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct JsonError {
    pub range: TextRange,
    pub message: String,
    pub kind: JsonErrorKind,
}

/// A parsed JSON document. It owns its source text.
#[derive(Clone, Debug)]
pub struct Json {
    pub(crate) source: String,
    pub(crate) decoded: String,
    pub(crate) nodes: Vec<JsonNode>,
    pub(crate) members: Vec<Member>,
    pub(crate) items: Vec<JsonId>,
    pub(crate) root: Option<JsonId>,
    pub(crate) errors: Vec<JsonError>,
    pub(crate) duplicates: Vec<DuplicateKey>,
    pub(crate) complete: bool,
}

/// Parses JSON text strictly. Never fails: errors are in [`Json::errors`].
#[must_use]
pub fn parse(src: &str) -> Json {
    parser::parse(src)
}

impl Json {
    /// The source text.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The top-level value; `None` for an empty or blank text (or one whose
    /// first value is not even started).
    #[must_use]
    pub fn root(&self) -> Option<JsonId> {
        self.root
    }

    /// Errors in source order.
    #[must_use]
    pub fn errors(&self) -> &[JsonError] {
        &self.errors
    }

    /// The whole text was read (possibly with recovered errors): no error
    /// stopped the parser, so nothing is missing from the tree.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Duplicate keys, in source order of the later key.
    #[must_use]
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }

    /// Every node, in source order.
    #[must_use]
    pub fn nodes(&self) -> &[JsonNode] {
        &self.nodes
    }

    /// A node. Panics on an id from another tree.
    #[must_use]
    pub fn node(&self, id: JsonId) -> &JsonNode {
        &self.nodes[id.index()]
    }

    #[must_use]
    pub fn kind(&self, id: JsonId) -> JsonKind {
        self.node(id).kind()
    }

    /// An object's members in source order, duplicates included; empty for
    /// other nodes.
    #[must_use]
    pub fn members(&self, id: JsonId) -> &[Member] {
        match self.node(id).repr {
            Repr::Object { members: (s, e) } => &self.members[s as usize..e as usize],
            _ => &[],
        }
    }

    /// An array's items; empty for other nodes.
    #[must_use]
    pub fn items(&self, id: JsonId) -> &[JsonId] {
        match self.node(id).repr {
            Repr::Array { items: (s, e) } => &self.items[s as usize..e as usize],
            _ => &[],
        }
    }

    /// A member's decoded key.
    #[must_use]
    pub fn key(&self, member: &Member) -> &str {
        self.str(member.key)
    }

    /// The member of an object with this exact key (the last one, as Go's
    /// `encoding/json` decodes into a map). Go matches struct fields
    /// case-insensitively; a caller modelling that compares keys itself.
    #[must_use]
    pub fn get_member(&self, object: JsonId, key: &str) -> Option<&Member> {
        self.members(object)
            .iter()
            .rev()
            .find(|m| self.key(m) == key)
    }

    /// The value of `key` in an object (the last one).
    #[must_use]
    pub fn get(&self, object: JsonId, key: &str) -> Option<JsonId> {
        self.get_member(object, key).map(|m| m.value)
    }

    /// A string's decoded value.
    #[must_use]
    pub fn as_str(&self, id: JsonId) -> Option<&str> {
        match self.node(id).repr {
            Repr::String(s) => Some(self.str(s)),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_bool(&self, id: JsonId) -> Option<bool> {
        match self.node(id).repr {
            Repr::Bool(b) => Some(b),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_null(&self, id: JsonId) -> bool {
        self.node(id).repr == Repr::Null
    }

    /// What a value is, for messages: "an object", "a string", a number
    /// as written…
    #[must_use]
    pub fn describe(&self, id: JsonId) -> String {
        match self.kind(id) {
            JsonKind::Object => "an object".to_owned(),
            JsonKind::Array => "an array".to_owned(),
            JsonKind::String => "a string".to_owned(),
            JsonKind::Number => format!(
                "`{}`",
                crate::diagnostic::shorten(self.number_text(id).unwrap_or(""))
            ),
            JsonKind::Bool => "a boolean".to_owned(),
            JsonKind::Null => "null".to_owned(),
        }
    }

    /// The range of a value's first character, for a finding about a
    /// value that may be huge.
    #[must_use]
    pub fn head(&self, id: JsonId) -> TextRange {
        let span = self.node(id).span();
        let start = span.start();
        let end = self.source[start..span.end()]
            .char_indices()
            .nth(1)
            .map_or(span.end(), |(i, _)| start + i);
        TextRange::new(start, end)
    }

    /// A number as written.
    #[must_use]
    pub fn number_text(&self, id: JsonId) -> Option<&str> {
        let n = self.node(id);
        (n.repr == Repr::Number).then(|| n.span.slice(&self.source))
    }

    /// A number written as an integer that fits an `i64` (what Go decodes
    /// into an integer field; `1.0` or `1e3` there is an error).
    #[must_use]
    pub fn as_i64(&self, id: JsonId) -> Option<i64> {
        self.number_text(id)?.parse().ok()
    }

    /// A number as a float (what Go decodes into `interface{}`).
    #[must_use]
    pub fn as_f64(&self, id: JsonId) -> Option<f64> {
        self.number_text(id)?.parse().ok()
    }

    pub(crate) fn str(&self, s: Str) -> &str {
        match s {
            Str::Source(a, b) => &self.source[a as usize..b as usize],
            Str::Decoded(a, b) => &self.decoded[a as usize..b as usize],
        }
    }
}
