//! The spanned YAML tree: an arena of [`Node`]s, the mapping [`Entry`]s and
//! sequence items, the comments, the documents and the errors.

use crate::text::TextRange;

/// A node of a [`Yaml`] tree: an index into its arena. Ids follow the order in
/// which nodes start in the source (a parent before its children), so they
/// sort in document order and can key a "reported once" set.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The arena index.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a scalar is written.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

impl ScalarStyle {
    /// Single- or double-quoted: never a YAML null, bool or number.
    #[must_use]
    pub fn is_quoted(self) -> bool {
        matches!(self, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    }

    /// A literal or folded block scalar.
    #[must_use]
    pub fn is_block(self) -> bool {
        matches!(self, ScalarStyle::Literal | ScalarStyle::Folded)
    }
}

/// What a node is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Kind {
    Scalar,
    Mapping,
    Sequence,
    /// `*name`. Its target is [`Yaml::alias_target`]; the [`Value`](super::Value)
    /// view follows it.
    Alias,
}

/// A decoded scalar's text: a slice of the source when decoding changed
/// nothing, else a slice of the tree's side buffer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Str {
    Source(u32, u32),
    Decoded(u32, u32),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Repr {
    Scalar {
        style: ScalarStyle,
        value: Str,
    },
    /// `entries` indexes [`Yaml::entries`]; `resolved` indexes the resolved
    /// entries when merges or duplicate keys make them differ from the local
    /// ones.
    Mapping {
        flow: bool,
        entries: (u32, u32),
        resolved: Option<(u32, u32)>,
    },
    Sequence {
        flow: bool,
        items: (u32, u32),
    },
    /// `None`: unknown, recursive, or refused by the expansion budget (each
    /// reported as an error).
    Alias {
        target: Option<NodeId>,
    },
}

/// A tag written on a node (`!reset`, `!override`, `!!str`, …).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Tag {
    /// The tag token as written.
    pub span: TextRange,
    pub kind: TagKind,
    /// The resolved tag: handle (after `%TAG` resolution) followed by the
    /// suffix, e.g. `!reset` or `tag:yaml.org,2002:str`.
    pub resolved: Box<str>,
}

/// The tags Compose gives a meaning.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TagKind {
    /// `!reset`: Compose clears the value inherited from an earlier file or `extends`.
    Reset,
    /// `!override`: Compose replaces the inherited value instead of merging.
    Override,
    /// A YAML core tag (`!!str`, `!!int`, `!!merge`, …): see [`Tag::core_suffix`].
    Core,
    /// Any other tag.
    Other,
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

impl Tag {
    /// The suffix of a core tag (`str` for `!!str`).
    #[must_use]
    pub fn core_suffix(&self) -> Option<&str> {
        self.resolved.strip_prefix(CORE_PREFIX)
    }

    pub(crate) fn new(span: TextRange, handle: &str, suffix: &str) -> Tag {
        let resolved: Box<str> = format!("{handle}{suffix}").into();
        let kind = match (handle, suffix) {
            ("!", "reset") => TagKind::Reset,
            ("!", "override") => TagKind::Override,
            _ if handle == CORE_PREFIX => TagKind::Core,
            _ => TagKind::Other,
        };
        Tag {
            span,
            kind,
            resolved,
        }
    }
}

/// One node.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Node {
    pub(crate) repr: Repr,
    pub(crate) span: TextRange,
    pub(crate) anchor: Option<TextRange>,
    pub(crate) tag: Option<Box<Tag>>,
    pub(crate) parent: Option<NodeId>,
    /// Nodes in this node's full expansion (aliases counted as their target's
    /// expansion), saturated; bounded by the tree's expansion budget.
    pub(crate) expanded: u32,
}

impl Node {
    #[must_use]
    pub fn kind(&self) -> Kind {
        match self.repr {
            Repr::Scalar { .. } => Kind::Scalar,
            Repr::Mapping { .. } => Kind::Mapping,
            Repr::Sequence { .. } => Kind::Sequence,
            Repr::Alias { .. } => Kind::Alias,
        }
    }

    /// Where the node's content is written, its properties (anchor, tag)
    /// excluded: quotes included for quoted scalars; from the `|`/`>`
    /// indicator to the last non-blank character for block scalars; brackets
    /// included for flow collections; from the first key or `-` to the end of
    /// the last child for block collections; `*name` for aliases; an empty
    /// range where an implicit null (`key:`) would be.
    #[must_use]
    pub fn span(&self) -> TextRange {
        self.span
    }

    /// The span with the anchor and tag included.
    #[must_use]
    pub fn full_span(&self) -> TextRange {
        let mut r = self.span;
        if let Some(a) = self.anchor {
            r = r.cover(a);
        }
        if let Some(t) = &self.tag {
            r = r.cover(t.span);
        }
        r
    }

    /// The `&name` token defining an anchor on this node.
    #[must_use]
    pub fn anchor(&self) -> Option<TextRange> {
        self.anchor
    }

    #[must_use]
    pub fn tag(&self) -> Option<&Tag> {
        self.tag.as_deref()
    }

    /// The enclosing mapping or sequence (for a key or a value, the mapping).
    #[must_use]
    pub fn parent(&self) -> Option<NodeId> {
        self.parent
    }

    /// The style of a scalar.
    #[must_use]
    pub fn style(&self) -> Option<ScalarStyle> {
        match self.repr {
            Repr::Scalar { style, .. } => Some(style),
            _ => None,
        }
    }

    /// A flow (`[…]`, `{…}`) rather than block collection.
    #[must_use]
    pub fn is_flow(&self) -> bool {
        match self.repr {
            Repr::Mapping { flow, .. } | Repr::Sequence { flow, .. } => flow,
            _ => false,
        }
    }

    /// How many nodes a full expansion of this node has (aliases replaced by
    /// copies of their targets): a walk of it visits at most this many.
    #[must_use]
    pub fn expanded_len(&self) -> usize {
        self.expanded as usize
    }
}

/// A mapping key's fingerprint: its length and first, second and last
/// bytes. Keys that differ in them differ; equal ones still compare.
pub(crate) fn key_fingerprint(key: &str) -> u32 {
    let b = key.as_bytes();
    let at = |i: usize| u32::from(b.get(i).copied().unwrap_or(0));
    let last = b.len().checked_sub(1).map_or(0, at);
    (u32::try_from(b.len()).unwrap_or(255).min(255)) | at(0) << 8 | at(1) << 16 | last << 24
}

// Nodes are the bulk of a tree's memory: keep them compact.
const _: () = assert!(std::mem::size_of::<Node>() <= 64);

/// A key/value pair of a mapping, as written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

/// An entry of a mapping after `<<` merges and duplicate keys are resolved.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Resolved {
    pub key: NodeId,
    pub value: NodeId,
    /// The alias (`*name` after `<<:`) the entry was merged in through, if
    /// any: the outermost one when merges nest.
    pub via: Option<NodeId>,
}

/// A `# …` comment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Comment {
    /// From `#` to the end of the line (line break excluded).
    pub span: TextRange,
    /// Alone on its line (only blanks before `#`), as opposed to trailing code.
    pub own_line: bool,
}

/// One YAML document of the stream.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Document {
    /// The root node; `None` for an empty document (only comments or nothing).
    pub root: Option<NodeId>,
    /// From the `---` marker (or the first node) to the end of the last node.
    pub span: TextRange,
    /// Started with an explicit `---`.
    pub explicit_start: bool,
    /// Parsed to its end: false when a syntax error cut it short (the tree
    /// keeps everything before the error; open collections end there).
    pub complete: bool,
}

/// What went wrong.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ErrorKind {
    /// A YAML syntax error (from the event parser): the document stops here.
    Syntax,
    /// A key equal to an earlier key of the same mapping (the range is the
    /// later key). compose-go refuses the file; the views use the later value.
    DuplicateKey { first: TextRange },
    /// `*name` without an earlier `&name` in the document.
    UnknownAlias,
    /// An alias to a collection that contains it (`&a [*a]`).
    RecursiveAlias,
    /// The alias would make the document's expansion exceed the budget
    /// (a "billion laughs" bomb): it is not followed.
    ExpansionLimit,
    /// A `<<` value that is neither a mapping nor a sequence of mappings.
    InvalidMerge,
}

/// An error with the range it belongs to.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct YamlError {
    pub range: TextRange,
    pub message: String,
    pub kind: ErrorKind,
}

/// A parsed YAML stream. It owns its source text.
#[derive(Clone, Debug)]
pub struct Yaml {
    pub(crate) source: String,
    pub(crate) decoded: String,
    pub(crate) nodes: Vec<Node>,
    pub(crate) entries: Vec<Entry>,
    /// [`key_fingerprint`] of each entry's key, beside `entries`.
    pub(crate) entry_keys: Vec<u32>,
    pub(crate) items: Vec<NodeId>,
    pub(crate) resolved: Vec<Resolved>,
    /// [`key_fingerprint`] of each resolved entry's key, beside `resolved`.
    pub(crate) resolved_keys: Vec<u32>,
    pub(crate) comments: Vec<Comment>,
    /// For each comment, the index of the last comment of its block (own-line
    /// comments on consecutive lines), so finding what a block sits above is
    /// not a walk over the block.
    pub(crate) comment_block_end: Vec<u32>,
    pub(crate) documents: Vec<Document>,
    pub(crate) errors: Vec<YamlError>,
    pub(crate) line_starts: Vec<u32>,
    pub(crate) expansion: u64,
    pub(crate) expansion_budget: u64,
}

impl Yaml {
    /// The source text.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every document, in order. Compose (compose-go) loads all of them and
    /// merges each into the previous ones like an override file.
    #[must_use]
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Errors in source order of their ranges (syntax, duplicate keys,
    /// aliases, merges).
    #[must_use]
    pub fn errors(&self) -> &[YamlError] {
        &self.errors
    }

    /// Comments in source order.
    #[must_use]
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The text of a comment after `#`.
    #[must_use]
    pub fn comment_text(&self, comment: &Comment) -> &str {
        let r = comment.span;
        &self.source[(r.start() + 1).min(r.end())..r.end()]
    }

    /// Every node of every document, in source order of their starts.
    #[must_use]
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// A node. Panics on an id from another tree.
    #[must_use]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// A mapping's entries as written: `<<` merge entries and duplicate keys
    /// included, in source order; empty for other nodes. For the entries
    /// Compose sees, use [`Value::entries`](super::Value::entries).
    #[must_use]
    pub fn entries(&self, id: NodeId) -> &[Entry] {
        match self.node(id).repr {
            Repr::Mapping {
                entries: (s, e), ..
            } => &self.entries[s as usize..e as usize],
            _ => &[],
        }
    }

    /// A sequence's items as written; empty for other nodes.
    #[must_use]
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.node(id).repr {
            Repr::Sequence { items: (s, e), .. } => &self.items[s as usize..e as usize],
            _ => &[],
        }
    }

    /// A scalar's decoded value (escapes processed, lines folded); `None`
    /// for other nodes. An implicit null (`key:`) is the empty plain scalar.
    #[must_use]
    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        match self.node(id).repr {
            Repr::Scalar { value, .. } => Some(self.str(value)),
            _ => None,
        }
    }

    /// What an alias refers to (`None` for other nodes and for aliases that
    /// could not be followed, each of which has an error).
    #[must_use]
    pub fn alias_target(&self, id: NodeId) -> Option<NodeId> {
        match self.node(id).repr {
            Repr::Alias { target } => target,
            _ => None,
        }
    }

    /// The name of the anchor defined on a node (without `&`).
    #[must_use]
    pub fn anchor_name(&self, id: NodeId) -> Option<&str> {
        let r = self.node(id).anchor?;
        Some(&self.source[r.start() + 1..r.end()])
    }

    /// The name an alias refers to (without `*`).
    #[must_use]
    pub fn alias_name(&self, id: NodeId) -> Option<&str> {
        let node = self.node(id);
        matches!(node.repr, Repr::Alias { .. })
            .then(|| &self.source[(node.span.start() + 1).min(node.span.end())..node.span.end()])
    }

    /// A mapping key as a string: a scalar's value, or the value of the
    /// scalar an alias key refers to. `None` for collection keys.
    #[must_use]
    pub fn key_str(&self, id: NodeId) -> Option<&str> {
        let id = self.alias_target(id).unwrap_or(id);
        self.scalar(id)
    }

    /// The span of an entry: its key through its value.
    #[must_use]
    pub fn entry_span(&self, entry: Entry) -> TextRange {
        let key = self.node(entry.key).full_span();
        key.cover(self.node(entry.value).full_span())
    }

    /// The 0-based line of a byte offset.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where a 0-based line starts (the text's end past the last line).
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.source.len(), |&s| s as usize)
    }

    /// The number of nodes a full expansion of every document has, and the
    /// budget it may not exceed (aliases that would exceed it are refused).
    /// Any walk of the [`Value`](super::Value) views that does not revisit
    /// nodes on purpose visits at most `expansion().0` nodes.
    #[must_use]
    pub fn expansion(&self) -> (u64, u64) {
        (self.expansion, self.expansion_budget)
    }

    pub(crate) fn str(&self, s: Str) -> &str {
        match s {
            Str::Source(a, b) => &self.source[a as usize..b as usize],
            Str::Decoded(a, b) => &self.decoded[a as usize..b as usize],
        }
    }

    /// The entry of `key` in mapping `id` as Compose sees it (merges
    /// applied), with the merge alias it came through. Key lookups are the
    /// hottest path of a Compose analysis: the fingerprints skip almost
    /// every other key without touching its node.
    pub(crate) fn find_entry(
        &self,
        id: NodeId,
        key: &str,
    ) -> Option<(NodeId, NodeId, Option<NodeId>)> {
        let fp = key_fingerprint(key);
        match self.node(id).repr {
            Repr::Mapping {
                resolved: Some((s, e)),
                ..
            } => {
                let (s, e) = (s as usize, e as usize);
                self.resolved_keys[s..e]
                    .iter()
                    .zip(&self.resolved[s..e])
                    .find(|(k, r)| **k == fp && self.key_str(r.key) == Some(key))
                    .map(|(_, r)| (r.key, r.value, r.via))
            }
            Repr::Mapping {
                entries: (s, e), ..
            } => {
                let (s, e) = (s as usize, e as usize);
                self.entry_keys[s..e]
                    .iter()
                    .zip(&self.entries[s..e])
                    .find(|(k, en)| **k == fp && self.key_str(en.key) == Some(key))
                    .map(|(_, en)| (en.key, en.value, None))
            }
            _ => None,
        }
    }

    pub(crate) fn resolved_entries(&self, id: NodeId) -> Option<&[Resolved]> {
        match self.node(id).repr {
            Repr::Mapping {
                resolved: Some((s, e)),
                ..
            } => Some(&self.resolved[s as usize..e as usize]),
            _ => None,
        }
    }
}
