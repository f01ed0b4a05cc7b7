//! A lossless, spanned YAML tree for Compose files, and the resolved view the
//! Compose model reads.
//!
//! # Model
//!
//! [`parse`] turns text into a [`Yaml`]: an arena of [`Node`]s addressed by
//! [`NodeId`] (in source order, a parent before its children), one per
//! scalar, mapping, sequence and alias, each with its byte [`span`]
//! (`Node::span`), the `&anchor` token and the [`Tag`] written on it
//! (`!reset`, `!override`, `!!str`, …). Mappings hold their [`Entry`]s (key
//! node, value node) as written, duplicate keys and `<<` entries included;
//! sequences their items; scalars their [`ScalarStyle`] and decoded value
//! ([`Yaml::scalar`]: escapes processed, lines folded; an implicit null
//! `key:` is the empty plain scalar). Interpreting plain scalars (booleans,
//! numbers, the YAML 1.1 base-60 `22:22`) is left to the caller: the decoded
//! text and the style (quoted or not) are what it needs. Every `#` comment
//! is kept ([`Comment`]: span, own line or trailing), and
//! [`Yaml::comment_target`] finds the entry or item a comment sits above, for
//! suppression pragmas. [`Yaml::steps_at`] gives the [`Step`]s from a
//! document's root to a byte offset (hover, completion, go to definition),
//! [`Yaml::path_to`] those to a node.
//!
//! The resolved view, [`Value`] ([`Yaml::root`], [`Yaml::value`]), is what
//! Compose sees: aliases followed, `<<` merges applied, a duplicated key
//! once. It copies nothing: each mapping's merged entries are computed once,
//! when the mapping closes, as a list of (key, value) node ids, so a merged-in
//! value is the node inside the anchor and its span is where it is written.
//! [`Value::via`] tells whether a value was reached through an alias or a
//! merge (and which); a rule reports shared content once, at its own span,
//! deduplicated by [`Value::id`].
//!
//! # Key decisions
//!
//! - **Events from granit-parser**, not a tree crate: it is pure Rust without
//!   `unsafe`, gives byte ranges for every event, comments as events and
//!   anchors with their names, and accepts all of the shared Compose corpus
//!   (`../shared/docs/compose-landscape.md` §4). Its spans are adjusted where
//!   they do not suit a linter: block collections start at their first token
//!   and end with their last child; block scalars run from their `|`/`>`
//!   indicator to their last non-blank character.
//! - **Errors are data.** A syntax error becomes a [`YamlError`] at its byte
//!   range and the tree keeps everything parsed before it: open collections
//!   end at the error, a key without its value gets an empty null, and the
//!   [`Document`] is marked incomplete. granit recovers only at the next
//!   `---`; so does the tree.
//! - **All documents are kept** ([`Yaml::documents`]): compose-go loads every
//!   document of a file and merges each over the previous ones as an
//!   override file would. [`Yaml::root`] is the first.
//! - **Duplicate keys** are errors at the later key (compose-go and YAML 1.2
//!   reject them; granit does not report them). The raw entries keep both;
//!   the view uses the later value, as docker-compose v1 (PyYAML) and Go's
//!   `encoding/json` did.
//! - **Merges** follow the YAML merge-key spec: `<<: *a` or `<<: [*a, *b]`
//!   (inline mappings too); local keys win over merged ones wherever `<<`
//!   sits; among merged mappings the earlier wins; a merged mapping's own
//!   merges are applied first. A quoted `"<<"` is an ordinary key.
//! - **Aliases are never expanded.** Each node records the size of its full
//!   expansion; an alias that would take the total expansion of the stream
//!   past the budget (2^20 nodes, or one per source byte if more) is refused
//!   with an [`ErrorKind::ExpansionLimit`] error at the alias and is not
//!   followed. So a "billion laughs" costs linear time, and any walk of the
//!   views visits at most the budget. Unknown and recursive aliases
//!   (`&a [*a]`) are errors and not followed either.
//!
//! # Invariants
//!
//! - [`parse`] never fails and never panics: everything wrong is a
//!   [`YamlError`] with a range inside the text.
//! - Every span is a range of UTF-8 byte offsets on character boundaries of
//!   [`Yaml::source`]; children's spans lie inside their collection's.
//! - Nothing recurses on input nesting: granit caps nesting at 255 levels and
//!   reports deeper input as a syntax error (it does so without recursing:
//!   100k `[` or `- ` parse on a 2 MiB stack); the builder keeps an explicit
//!   stack; the view's iterators are flat; [`Yaml::target_at`] and
//!   [`Yaml::path_at`] descend in a loop; [`Yaml::comment_target`] jumps over
//!   a comment block in constant time.
//! - Work is linear in the input plus the (budgeted) merged entries. The
//!   hostile inputs of the tests (bombs, 100k-deep nesting, 10 MB scalars,
//!   1M flow items, 100k anchors, documents, comments) each take well under
//!   a second of CPU in a release build.

mod build;
mod comments;
pub mod edit;
mod locate;
mod path;
mod tree;
mod view;

#[cfg(test)]
pub(crate) mod tests;

pub use comments::Target;
pub use locate::Step;
pub use path::{PathAt, PathSeg};
pub use tree::{
    Comment, Document, Entry, ErrorKind, Kind, Node, NodeId, ScalarStyle, Tag, TagKind, Yaml,
    YamlError,
};
pub use view::{Entries, EntryRef, Items, Value};

/// Parses a YAML stream. Never fails: errors are in [`Yaml::errors`]. All
/// spans are byte ranges into `src` (kept as [`Yaml::source`]).
#[must_use]
pub fn parse(src: &str) -> Yaml {
    build::build(src)
}
