//! The resolved view: [`Value`] follows aliases and applies `<<` merges
//! lazily, without copying, and remembers whether it was reached through an
//! alias so a finding on shared content can be reported once, at its anchor.

use super::tree::{Entry, Kind, Node, NodeId, Repr, Resolved, ScalarStyle, Tag, Yaml};
use crate::text::TextRange;

impl Yaml {
    /// The view of a node (an alias is followed to its target).
    #[must_use]
    pub fn value(&self, id: NodeId) -> Value<'_> {
        Value::new(self, id, None)
    }

    /// The view of a node as reached through `via` (the first alias or
    /// merge crossed on the way there, as [`Value::via`] reports it).
    #[must_use]
    pub fn value_via(&self, id: NodeId, via: Option<NodeId>) -> Value<'_> {
        Value::new(self, id, via)
    }

    /// The root of the first document, if any. Compose merges later
    /// documents over it: see [`Yaml::documents`].
    #[must_use]
    pub fn root(&self) -> Option<Value<'_>> {
        let root = self.documents.first()?.root?;
        Some(self.value(root))
    }
}

/// A node as Compose sees it: aliases followed, `<<` merges applied,
/// duplicate keys collapsed to the later one.
///
/// [`span`](Self::span) is always where the value is written (inside the
/// anchor's definition for shared content); [`via`](Self::via) is the first
/// alias or merge crossed on the way from where the walk started, `None` when
/// the node was reached directly. A rule that reports on shared content
/// should report at `span` and once per [`id`](Self::id).
///
/// A walk can never be exponential: the tree refuses aliases beyond its
/// expansion budget ([`Yaml::expansion`]), so one walk of a whole document
/// visits at most that many nodes.
#[derive(Clone, Copy)]
pub struct Value<'a> {
    yaml: &'a Yaml,
    id: NodeId,
    via: Option<NodeId>,
}

impl std::fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Value")
            .field("id", &self.id)
            .field("kind", &self.kind())
            .field("span", &self.span())
            .field("via", &self.via)
            .finish()
    }
}

impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.yaml, other.yaml) && self.id == other.id && self.via == other.via
    }
}

impl Eq for Value<'_> {}

/// A key/value pair of a resolved mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub key: Value<'a>,
    pub value: Value<'a>,
}

impl<'a> EntryRef<'a> {
    /// The key as a string (`None` for a collection key).
    #[must_use]
    pub fn key_str(&self) -> Option<&'a str> {
        self.key.as_str()
    }

    /// Merged in through a `<<` (or reached through an alias): the entry is
    /// written elsewhere, at `key.span()`.
    #[must_use]
    pub fn is_shared(&self) -> bool {
        self.key.via.is_some()
    }

    /// Key through value, where written.
    #[must_use]
    pub fn span(&self) -> TextRange {
        self.key.full_span().cover(self.value.full_span())
    }
}

impl<'a> Value<'a> {
    fn new(yaml: &'a Yaml, id: NodeId, via: Option<NodeId>) -> Self {
        match yaml.node(id).repr {
            Repr::Alias { target: Some(t) } => Value {
                yaml,
                id: t,
                via: via.or(Some(id)),
            },
            _ => Value { yaml, id, via },
        }
    }

    /// The tree.
    #[must_use]
    pub fn yaml(self) -> &'a Yaml {
        self.yaml
    }

    /// The node where the value is written (an alias's target, not the alias).
    #[must_use]
    pub fn id(self) -> NodeId {
        self.id
    }

    #[must_use]
    pub fn node(self) -> &'a Node {
        self.yaml.node(self.id)
    }

    /// Where the value is written; see [`Node::span`].
    #[must_use]
    pub fn span(self) -> TextRange {
        self.node().span()
    }

    /// The span with the anchor and tag included.
    #[must_use]
    pub fn full_span(self) -> TextRange {
        self.node().full_span()
    }

    /// The first alias (`*name`, also after `<<:`) crossed to reach this
    /// value, or `None` when it was reached without one.
    #[must_use]
    pub fn via(self) -> Option<NodeId> {
        self.via
    }

    /// Reached through an alias or a merge: written elsewhere and possibly
    /// shared by several places.
    #[must_use]
    pub fn is_shared(self) -> bool {
        self.via.is_some()
    }

    /// [`Kind::Alias`] only for an alias that could not be followed (unknown,
    /// recursive or over budget; each has an error): treat it as null.
    #[must_use]
    pub fn kind(self) -> Kind {
        self.node().kind()
    }

    #[must_use]
    pub fn style(self) -> Option<ScalarStyle> {
        self.node().style()
    }

    #[must_use]
    pub fn tag(self) -> Option<&'a Tag> {
        self.yaml.node(self.id).tag()
    }

    #[must_use]
    pub fn is_mapping(self) -> bool {
        self.kind() == Kind::Mapping
    }

    #[must_use]
    pub fn is_sequence(self) -> bool {
        self.kind() == Kind::Sequence
    }

    #[must_use]
    pub fn is_scalar(self) -> bool {
        self.kind() == Kind::Scalar
    }

    /// A scalar's decoded value.
    #[must_use]
    pub fn as_str(self) -> Option<&'a str> {
        self.yaml.scalar(self.id)
    }

    /// A YAML 1.2 null: a plain `~`, `null`, `Null`, `NULL` or nothing at
    /// all (`key:`, `key: !reset`) without a core tag other than `!!null`, or
    /// an alias that could not be followed.
    #[must_use]
    pub fn is_null(self) -> bool {
        match self.kind() {
            Kind::Alias => true,
            Kind::Scalar => {
                self.style() == Some(ScalarStyle::Plain)
                    && self
                        .tag()
                        .is_none_or(|t| t.core_suffix().is_none_or(|s| s == "null"))
                    && matches!(self.as_str(), Some("" | "~" | "null" | "Null" | "NULL"))
            }
            _ => false,
        }
    }

    /// The value of `key` in a mapping (merges applied; a duplicated key
    /// gives its later value). Linear in the mapping's size.
    #[must_use]
    pub fn get(self, key: &str) -> Option<Value<'a>> {
        self.entry(key).map(|e| e.value)
    }

    /// The entry of `key` in a mapping.
    #[must_use]
    pub fn entry(self, key: &str) -> Option<EntryRef<'a>> {
        let yaml = self.yaml;
        let (k, v, via) = yaml.find_entry(self.id, key)?;
        let via = self.via.or(via);
        Some(EntryRef {
            key: Value::new(yaml, k, via),
            value: Value::new(yaml, v, via),
        })
    }

    /// A mapping's entries as Compose sees them: `<<` entries replaced by the
    /// keys they merge in (after the local keys, in merge order), a
    /// duplicated key once with its later value. Empty for other nodes.
    #[must_use]
    pub fn entries(self) -> Entries<'a> {
        let inner = match self.yaml.resolved_entries(self.id) {
            Some(r) => EntriesInner::Resolved(r.iter()),
            None => EntriesInner::Local(self.yaml.entries(self.id).iter()),
        };
        Entries {
            yaml: self.yaml,
            via: self.via,
            inner,
        }
    }

    /// A sequence's items (aliases followed). Empty for other nodes.
    #[must_use]
    pub fn items(self) -> Items<'a> {
        Items {
            yaml: self.yaml,
            via: self.via,
            inner: self.yaml.items(self.id).iter(),
        }
    }

    /// The number of entries or items; 0 for scalars.
    #[must_use]
    pub fn len(self) -> usize {
        match self.kind() {
            Kind::Mapping => self.entries().len(),
            Kind::Sequence => self.yaml.items(self.id).len(),
            _ => 0,
        }
    }

    /// No entries or items (true for scalars).
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

enum EntriesInner<'a> {
    Local(std::slice::Iter<'a, Entry>),
    Resolved(std::slice::Iter<'a, Resolved>),
}

/// The entries of a [`Value`] mapping.
pub struct Entries<'a> {
    yaml: &'a Yaml,
    via: Option<NodeId>,
    inner: EntriesInner<'a>,
}

impl<'a> Iterator for Entries<'a> {
    type Item = EntryRef<'a>;

    fn next(&mut self) -> Option<EntryRef<'a>> {
        let (key, value, via) = match &mut self.inner {
            EntriesInner::Local(it) => {
                let e = it.next()?;
                (e.key, e.value, None)
            }
            EntriesInner::Resolved(it) => {
                let r = it.next()?;
                (r.key, r.value, r.via)
            }
        };
        let via = self.via.or(via);
        Some(EntryRef {
            key: Value::new(self.yaml, key, via),
            value: Value::new(self.yaml, value, via),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.inner {
            EntriesInner::Local(it) => it.len(),
            EntriesInner::Resolved(it) => it.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Entries<'_> {}

/// The items of a [`Value`] sequence.
pub struct Items<'a> {
    yaml: &'a Yaml,
    via: Option<NodeId>,
    inner: std::slice::Iter<'a, NodeId>,
}

impl<'a> Iterator for Items<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let id = *self.inner.next()?;
        Some(Value::new(self.yaml, id, self.via))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}
