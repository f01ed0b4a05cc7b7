//! The Compose Specification's JSON schema as a table, and queries on it.
//!
//! `compose-spec.json` (beside this file, Apache-2.0, version and source in
//! `README.md`) is turned by a test-only generator (`generate.rs`) into
//! `schema_table.rs`: one [`Node`] per schema object, `$ref`s resolved
//! (a reference site keeps its own description), children by index.
//! `schema_table_is_fresh` fails when the table is stale;
//! `UPDATE_SCHEMA_TABLE=1 cargo test -p dockward-analyzer schema_table_is_fresh`
//! regenerates it. Nothing parses JSON at run time.
//!
//! # Queries
//!
//! A [`SchemaView`] is what the schema says about one place of a Compose
//! file. Because of `oneOf` (short and long syntax: a port is a number, a
//! string or a mapping; `environment` is a list or a map…), a view holds the
//! set of alternatives that may apply there, flattened; stepping into a key
//! keeps the alternatives that are mappings, stepping into an item those
//! that are sequences, and [`SchemaView::narrow`] keeps those that accept a
//! given kind of value.
//!
//! - [`root`], then [`SchemaView::key`] / [`SchemaView::item`] step by step
//!   (what a tree walk does: one step per key, no path rebuilt), or
//!   [`lookup`] with a whole path (`["services", "web", "ports", 0]`).
//! - [`SchemaView::types`], [`SchemaView::enum_values`],
//!   [`SchemaView::keys`] (known child keys with descriptions),
//!   [`SchemaView::allows_unknown_keys`], [`SchemaView::description`],
//!   [`SchemaView::required_keys`], [`SchemaView::check_scalar`] (type,
//!   enum, pattern and range of a scalar).
//! - [`path_patterns`] lists every path the schema knows, written
//!   `services.*.deploy.resources.limits.memory`, `services.*.cap_add[]`
//!   (`*` for a pattern key, `[]` for an item).
//!
//! # What the schema says, and what it leaves out
//!
//! - Nearly every mapping is closed (`additionalProperties: false`) except
//!   for keys matching `^x-` (extensions): an unknown key elsewhere is
//!   [`Step::UnknownKey`]. Mappings of user-chosen names (services,
//!   networks, `depends_on`, `environment`…) use `patternProperties`, so a
//!   badly formed name is unknown too.
//! - Values Compose interpolates are typed "boolean or string", "number or
//!   string"…, so that `${VAR}` validates; the schema is meant for the
//!   interpolated document, where a value from a variable is a string.
//! - `oneOf` is read as "any of" (the alternatives of the Compose schema do
//!   not overlap in the kinds they accept, so the two agree on real files).
//! - `uniqueItems` and `required` are in the table; checking them needs the
//!   whole value and is left to the caller ([`SchemaView::unique_items`],
//!   [`SchemaView::required_keys`]).
//!
//! # Cost
//!
//! A step is a binary search in the node's sorted keys, then (rarely) a
//! pattern test; a view is a small `Copy` value. See the
//! `lookup_cost` test for a measurement over every path.

mod regex;
#[rustfmt::skip]
mod schema_table;

#[cfg(test)]
mod generate;

use std::fmt;
use std::sync::OnceLock;

pub use regex::{Regex, RegexError};

/// The JSON types a schema node admits (a bit set).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Types(pub u8);

impl Types {
    pub const NULL: Types = Types(1);
    pub const BOOLEAN: Types = Types(1 << 1);
    pub const INTEGER: Types = Types(1 << 2);
    /// Any number (integers included).
    pub const NUMBER: Types = Types(1 << 3);
    pub const STRING: Types = Types(1 << 4);
    pub const ARRAY: Types = Types(1 << 5);
    pub const OBJECT: Types = Types(1 << 6);
    pub const NONE: Types = Types(0);
    pub const ANY: Types = Types(0x7f);

    #[must_use]
    pub const fn union(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    #[must_use]
    pub const fn contains(self, other: Types) -> bool {
        self.0 & other.0 == other.0
    }

    #[must_use]
    pub const fn intersects(self, other: Types) -> bool {
        self.0 & other.0 != 0
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether a value of `kind` is of one of these types (a float counts
    /// as an integer when `text` is integral, as JSON Schema says).
    #[must_use]
    pub fn accepts(self, kind: ValueKind, text: &str) -> bool {
        match kind {
            ValueKind::Null => self.intersects(Types::NULL),
            ValueKind::Bool => self.intersects(Types::BOOLEAN),
            ValueKind::Integer => self.intersects(Types::INTEGER.union(Types::NUMBER)),
            ValueKind::Float => {
                self.intersects(Types::NUMBER)
                    || (self.intersects(Types::INTEGER)
                        && text.parse::<f64>().is_ok_and(|f| f.fract() == 0.0))
            }
            ValueKind::String => self.intersects(Types::STRING),
            ValueKind::Sequence => self.intersects(Types::ARRAY),
            ValueKind::Mapping => self.intersects(Types::OBJECT),
        }
    }

    /// The type names, in the schema's vocabulary.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        const NAMES: [(Types, &str); 7] = [
            (Types::BOOLEAN, "boolean"),
            (Types::INTEGER, "integer"),
            (Types::NUMBER, "number"),
            (Types::STRING, "string"),
            (Types::ARRAY, "array"),
            (Types::OBJECT, "object"),
            (Types::NULL, "null"),
        ];
        NAMES
            .into_iter()
            .filter(move |(t, _)| self.contains(*t))
            .map(|(_, n)| n)
    }
}

/// `boolean or string`, `integer, string or null`, `any type`.
impl fmt::Display for Types {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Types::ANY {
            return f.write_str("any type");
        }
        // An integer is a number: say "number" alone when both are there.
        let t = if self.contains(Types::NUMBER) {
            Types(self.0 & !Types::INTEGER.0)
        } else {
            *self
        };
        let names: Vec<&str> = t.names().collect();
        match names.as_slice() {
            [] => f.write_str("nothing"),
            [one] => f.write_str(one),
            [init @ .., last] => write!(f, "{} or {last}", init.join(", ")),
        }
    }
}

impl fmt::Debug for Types {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Types({self})")
    }
}

/// The kind of a YAML value, as the schema sees it (after the YAML reader
/// has resolved the scalar's type).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Null,
    Bool,
    Integer,
    Float,
    String,
    Sequence,
    Mapping,
}

impl ValueKind {
    #[must_use]
    pub fn is_scalar(self) -> bool {
        !matches!(self, ValueKind::Sequence | ValueKind::Mapping)
    }
}

/// Index of a [`Node`] in the table.
pub type NodeId = u16;

/// "No child node" in [`Node::items`].
const NO_NODE: NodeId = NodeId::MAX;
/// "No pattern" in [`Node::pattern`].
const NO_PATTERN: u8 = u8::MAX;

/// One schema object, as generated (`schema_table.rs`).
#[derive(Debug)]
pub struct Node {
    /// The declared `type`; [`Types::ANY`] when the schema declares none.
    pub types: Types,
    /// `""` when the schema gives none.
    pub description: &'static str,
    /// `enum` (every enum of the Compose schema lists strings).
    pub enum_values: &'static [&'static str],
    /// `properties`, sorted by name.
    pub properties: &'static [(&'static str, NodeId)],
    /// `patternProperties`: index into the pattern list, node.
    pub pattern_properties: &'static [(u8, NodeId)],
    /// `additionalProperties` is absent or true (false in nearly every
    /// mapping of the Compose schema).
    pub additional: bool,
    /// `items`, or [`NO_NODE`] (any item).
    pub items: NodeId,
    /// `oneOf`, empty when absent.
    pub one_of: &'static [NodeId],
    pub required: &'static [&'static str],
    /// `pattern` (index into the pattern list), or [`NO_PATTERN`].
    pub pattern: u8,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub unique_items: bool,
    pub deprecated: bool,
    /// `default`, as JSON text (`""` when absent).
    pub default: &'static str,
}

impl Node {
    /// The node that allows anything; generated nodes spell out only what
    /// differs from it.
    pub const EMPTY: Node = Node {
        types: Types::ANY,
        description: "",
        enum_values: &[],
        properties: &[],
        pattern_properties: &[],
        additional: true,
        items: NO_NODE,
        one_of: &[],
        required: &[],
        pattern: NO_PATTERN,
        minimum: None,
        maximum: None,
        unique_items: false,
        deprecated: false,
        default: "",
    };
}

/// The node for the whole document.
pub const ROOT: NodeId = schema_table::ROOT;
/// A node that allows anything (`{}`; a key that `additionalProperties`
/// lets through).
pub const ANY: NodeId = schema_table::ANY;

/// The node table.
#[must_use]
pub fn nodes() -> &'static [Node] {
    &schema_table::NODES
}

/// The regular expressions the table refers to (`patternProperties` keys
/// and `pattern` values), by index.
#[must_use]
pub fn patterns() -> &'static [&'static str] {
    &schema_table::PATTERNS
}

fn node(id: NodeId) -> &'static Node {
    &schema_table::NODES[usize::from(id)]
}

fn compiled(index: u8) -> &'static Regex {
    static COMPILED: OnceLock<Vec<Regex>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        schema_table::PATTERNS
            .iter()
            // The generator's tests compile every pattern; a pattern that
            // does not compile matches nothing.
            .map(|p| Regex::new(p).unwrap_or_else(|_| Regex::never()))
            .collect()
    });
    &all[usize::from(index)]
}

/// How many alternatives a view holds at most (the generator checks that
/// no place of the schema has more).
pub const MAX_ALTERNATIVES: usize = 6;

/// What the schema says about one place of a Compose file: the node the
/// path leads to (`site`, which carries the description written there) and
/// the alternatives that may apply, `oneOf`s flattened.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SchemaView {
    site: NodeId,
    alts: [NodeId; MAX_ALTERNATIVES],
    len: u8,
}

impl fmt::Debug for SchemaView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchemaView")
            .field("site", &self.site)
            .field("alternatives", &self.alternatives())
            .field("types", &self.types())
            .finish()
    }
}

/// One step into a mapping key or a sequence item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The schema describes the child.
    Found(SchemaView),
    /// The value may be a mapping here, but no alternative knows the key
    /// and none admits unknown keys (`compose-schema-violation`).
    UnknownKey,
    /// No alternative admits a mapping (for a key) or a sequence (for an
    /// index) here.
    WrongKind,
}

impl Step {
    /// The view, when found.
    #[must_use]
    pub fn found(self) -> Option<SchemaView> {
        match self {
            Step::Found(v) => Some(v),
            Step::UnknownKey | Step::WrongKind => None,
        }
    }
}

/// One segment of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> From<&'a str> for Seg<'a> {
    fn from(key: &'a str) -> Self {
        Seg::Key(key)
    }
}

impl From<usize> for Seg<'_> {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// A known child key of a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub deprecated: bool,
    /// The child's view.
    pub view: SchemaView,
}

/// Why a scalar does not fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Violation {
    /// No alternative admits this kind of value.
    WrongType { expected: Types },
    /// The value is not one of the allowed strings.
    NotInEnum { allowed: &'static [&'static str] },
    /// The value does not match the pattern.
    PatternMismatch { pattern: &'static str },
    /// A number outside `minimum` / `maximum`.
    OutOfRange {
        minimum: Option<f64>,
        maximum: Option<f64>,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::WrongType { expected } => write!(f, "expected {expected}"),
            Violation::NotInEnum { allowed } => {
                f.write_str("expected one of ")?;
                for (i, v) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{v}`")?;
                }
                Ok(())
            }
            Violation::PatternMismatch { pattern } => write!(f, "does not match `{pattern}`"),
            Violation::OutOfRange { minimum, maximum } => match (minimum, maximum) {
                (Some(lo), Some(hi)) => write!(f, "expected a number from {lo} to {hi}"),
                (Some(lo), None) => write!(f, "expected a number of at least {lo}"),
                (None, Some(hi)) => write!(f, "expected a number of at most {hi}"),
                (None, None) => f.write_str("number out of range"),
            },
        }
    }
}

/// The view of the whole document.
#[must_use]
pub fn root() -> SchemaView {
    SchemaView::of(ROOT)
}

/// The view at `path` from the document's root, or the first step that
/// fails.
///
/// ```
/// use dockward_analyzer::compose::schema::{Seg, Types, lookup};
/// let ports = lookup(&[Seg::Key("services"), Seg::Key("web"), Seg::Key("ports"), Seg::Index(0)])
///     .found()
///     .unwrap();
/// assert!(ports.types().contains(Types::STRING.union(Types::NUMBER).union(Types::OBJECT)));
/// ```
#[must_use]
pub fn lookup(path: &[Seg<'_>]) -> Step {
    let mut view = root();
    for seg in path {
        let step = view.step(*seg);
        match step {
            Step::Found(v) => view = v,
            Step::UnknownKey | Step::WrongKind => return step,
        }
    }
    Step::Found(view)
}

impl SchemaView {
    /// The view of node `id`, its `oneOf` alternatives flattened.
    #[must_use]
    pub fn of(id: NodeId) -> SchemaView {
        let mut view = SchemaView {
            site: id,
            alts: [NO_NODE; MAX_ALTERNATIVES],
            len: 0,
        };
        view.push_flat(id, 0);
        view
    }

    fn push_flat(&mut self, id: NodeId, depth: u8) {
        let n = node(id);
        if n.one_of.is_empty() || depth > 8 {
            if !self.alternatives().contains(&id) && usize::from(self.len) < MAX_ALTERNATIVES {
                self.alts[usize::from(self.len)] = id;
                self.len += 1;
            }
        } else {
            for &alt in n.one_of {
                self.push_flat(alt, depth + 1);
            }
        }
    }

    /// A view of several child nodes (stepping through several
    /// alternatives); the first one is the site.
    fn of_many(ids: &[NodeId]) -> SchemaView {
        let mut view = SchemaView {
            site: ids[0],
            alts: [NO_NODE; MAX_ALTERNATIVES],
            len: 0,
        };
        for &id in ids {
            view.push_flat(id, 0);
        }
        view
    }

    /// The node this view was reached at.
    #[must_use]
    pub fn site(&self) -> NodeId {
        self.site
    }

    /// The alternatives (nodes without `oneOf`).
    #[must_use]
    pub fn alternatives(&self) -> &[NodeId] {
        &self.alts[..usize::from(self.len)]
    }

    fn alt_nodes(&self) -> impl Iterator<Item = &'static Node> + '_ {
        self.alternatives().iter().map(|&id| node(id))
    }

    /// Every type some alternative admits.
    #[must_use]
    pub fn types(&self) -> Types {
        self.alt_nodes().fold(Types::NONE, |t, n| t.union(n.types))
    }

    /// Whether the view allows anything at all (`{}`, an extension key, a
    /// key of an open mapping).
    #[must_use]
    pub fn is_free_form(&self) -> bool {
        self.alternatives().contains(&ANY)
    }

    /// The description written at this place, else the first alternative's.
    #[must_use]
    pub fn description(&self) -> Option<&'static str> {
        std::iter::once(node(self.site))
            .chain(self.alt_nodes())
            .map(|n| n.description)
            .find(|d| !d.is_empty())
    }

    /// Whether the schema marks this place deprecated.
    #[must_use]
    pub fn deprecated(&self) -> bool {
        node(self.site).deprecated || (self.len > 0 && self.alt_nodes().all(|n| n.deprecated))
    }

    /// The `default` the schema documents, as JSON text.
    #[must_use]
    pub fn default(&self) -> Option<&'static str> {
        std::iter::once(node(self.site))
            .chain(self.alt_nodes())
            .map(|n| n.default)
            .find(|d| !d.is_empty())
    }

    /// The allowed strings, when an alternative restricts the value to an
    /// enum (union over the alternatives).
    #[must_use]
    pub fn enum_values(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for n in self.alt_nodes() {
            for v in n.enum_values {
                if !out.contains(v) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Whether some alternative is a sequence whose items must be unique.
    #[must_use]
    pub fn unique_items(&self) -> bool {
        self.alt_nodes()
            .any(|n| n.unique_items && n.types.intersects(Types::ARRAY))
    }

    /// The keys a mapping here must have (those of the first mapping
    /// alternative that requires any).
    #[must_use]
    pub fn required_keys(&self) -> &'static [&'static str] {
        self.alt_nodes()
            .filter(|n| n.types.intersects(Types::OBJECT))
            .map(|n| n.required)
            .find(|r| !r.is_empty())
            .unwrap_or(&[])
    }

    /// The alternatives that admit a value of `kind` (`text`: the scalar's
    /// text, for integral floats), or `None` when none does.
    #[must_use]
    pub fn narrow(&self, kind: ValueKind, text: &str) -> Option<SchemaView> {
        let kept: Vec<NodeId> = self
            .alternatives()
            .iter()
            .copied()
            .filter(|&id| node(id).types.accepts(kind, text))
            .collect();
        if kept.is_empty() {
            return None;
        }
        let mut view = SchemaView {
            site: self.site,
            alts: [NO_NODE; MAX_ALTERNATIVES],
            len: 0,
        };
        for id in kept {
            view.alts[usize::from(view.len)] = id;
            view.len += 1;
        }
        Some(view)
    }

    /// One step: a key of a mapping or an item of a sequence.
    #[must_use]
    pub fn step(&self, seg: Seg<'_>) -> Step {
        match seg {
            Seg::Key(k) => self.key(k),
            Seg::Index(_) => self.item(),
        }
    }

    /// The child at mapping key `key`: declared properties first, then the
    /// first matching pattern key, then `additionalProperties`.
    #[must_use]
    pub fn key(&self, key: &str) -> Step {
        let mut found = [NO_NODE; MAX_ALTERNATIVES];
        let mut count = 0;
        let mut mapping = false;
        for n in self.alt_nodes() {
            if !n.types.intersects(Types::OBJECT) {
                continue;
            }
            mapping = true;
            let child = child_of(n, key);
            if let Some(child) = child
                && !found[..count].contains(&child)
                && count < MAX_ALTERNATIVES
            {
                found[count] = child;
                count += 1;
            }
        }
        if count > 0 {
            Step::Found(SchemaView::of_many(&found[..count]))
        } else if mapping {
            Step::UnknownKey
        } else {
            Step::WrongKind
        }
    }

    /// The child for any item of a sequence.
    #[must_use]
    pub fn item(&self) -> Step {
        let mut found = [NO_NODE; MAX_ALTERNATIVES];
        let mut count = 0;
        for n in self.alt_nodes() {
            if !n.types.intersects(Types::ARRAY) {
                continue;
            }
            let child = if n.items == NO_NODE { ANY } else { n.items };
            if !found[..count].contains(&child) && count < MAX_ALTERNATIVES {
                found[count] = child;
                count += 1;
            }
        }
        if count > 0 {
            Step::Found(SchemaView::of_many(&found[..count]))
        } else {
            Step::WrongKind
        }
    }

    /// The known child keys (declared properties of every mapping
    /// alternative, in name order, each once), for completion and hover.
    #[must_use]
    pub fn keys(&self) -> Vec<KeyInfo> {
        let mut out: Vec<KeyInfo> = Vec::new();
        for n in self.alt_nodes() {
            if !n.types.intersects(Types::OBJECT) {
                continue;
            }
            for &(name, id) in n.properties {
                if out.iter().any(|k| k.name == name) {
                    continue;
                }
                let view = SchemaView::of(id);
                out.push(KeyInfo {
                    name,
                    description: view.description().unwrap_or(""),
                    deprecated: view.deprecated(),
                    view,
                });
            }
        }
        out.sort_by_key(|k| k.name);
        out
    }

    /// The patterns of the user-named keys a mapping here accepts
    /// (`^x-`, `^[a-zA-Z0-9._-]+$`…).
    #[must_use]
    pub fn key_patterns(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for n in self.alt_nodes() {
            if !n.types.intersects(Types::OBJECT) {
                continue;
            }
            for &(p, _) in n.pattern_properties {
                let p = schema_table::PATTERNS[usize::from(p)];
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Whether a mapping here accepts keys it does not declare: any key
    /// (`additionalProperties`), or only those matching a pattern (`^x-`
    /// in nearly every mapping: see [`key_patterns`](Self::key_patterns)).
    #[must_use]
    pub fn allows_unknown_keys(&self) -> bool {
        self.alt_nodes()
            .any(|n| n.types.intersects(Types::OBJECT) && n.additional)
    }

    /// Whether every string passes [`SchemaView::check_scalar`] here: some
    /// alternative takes strings without an enum or a pattern. The
    /// validator then need not interpolate a value to check it.
    #[must_use]
    pub fn accepts_any_string(&self) -> bool {
        self.alt_nodes().any(|n| {
            n.types.accepts(ValueKind::String, "")
                && n.enum_values.is_empty()
                && n.pattern == NO_PATTERN
        })
    }

    /// Checks a scalar of `kind` whose (interpolated) text is `text`:
    /// `Ok` when some alternative admits it.
    ///
    /// # Errors
    /// The violation of the first alternative that admits the kind, or
    /// [`Violation::WrongType`] when none does.
    pub fn check_scalar(&self, kind: ValueKind, text: &str) -> Result<(), Violation> {
        let mut first = None;
        for n in self.alt_nodes() {
            if !n.types.accepts(kind, text) {
                continue;
            }
            match check_constraints(n, kind, text) {
                Ok(()) => return Ok(()),
                Err(v) => {
                    first.get_or_insert(v);
                }
            }
        }
        Err(first.unwrap_or(Violation::WrongType {
            expected: self.types(),
        }))
    }
}

fn child_of(n: &Node, key: &str) -> Option<NodeId> {
    if let Ok(i) = n.properties.binary_search_by(|(name, _)| (*name).cmp(key)) {
        return Some(n.properties[i].1);
    }
    for &(p, id) in n.pattern_properties {
        if compiled(p).is_match(key) {
            return Some(id);
        }
    }
    n.additional.then_some(ANY)
}

fn check_constraints(n: &Node, kind: ValueKind, text: &str) -> Result<(), Violation> {
    if !n.enum_values.is_empty() && !n.enum_values.contains(&text) {
        return Err(Violation::NotInEnum {
            allowed: n.enum_values,
        });
    }
    if n.pattern != NO_PATTERN && kind == ValueKind::String && !compiled(n.pattern).is_match(text) {
        return Err(Violation::PatternMismatch {
            pattern: schema_table::PATTERNS[usize::from(n.pattern)],
        });
    }
    if (n.minimum.is_some() || n.maximum.is_some())
        && matches!(kind, ValueKind::Integer | ValueKind::Float)
        && let Ok(x) = text.parse::<f64>()
        && (n.minimum.is_some_and(|lo| x < lo) || n.maximum.is_some_and(|hi| x > hi))
    {
        return Err(Violation::OutOfRange {
            minimum: n.minimum,
            maximum: n.maximum,
        });
    }
    Ok(())
}

/// A path the schema knows, and its view.
#[derive(Clone, Debug)]
pub struct PathPattern {
    /// `services.*.ports[]`, `services.*.deploy.resources.limits.memory`;
    /// `*` is a pattern key (a user-chosen name; `x-` extension keys are
    /// left out), `[]` a sequence item.
    pub path: String,
    pub view: SchemaView,
}

/// Every path of the schema, depth first in key order. A place reached
/// again through a reference it is already inside of (none in the current
/// schema) is listed once and not expanded.
#[must_use]
pub fn path_patterns() -> Vec<PathPattern> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    walk(root(), String::new(), &mut stack, &mut out);
    out
}

fn walk(view: SchemaView, path: String, stack: &mut Vec<NodeId>, out: &mut Vec<PathPattern>) {
    if !path.is_empty() {
        out.push(PathPattern {
            path: path.clone(),
            view,
        });
    }
    if stack.contains(&view.site) || stack.len() > 32 {
        return;
    }
    stack.push(view.site);
    let dot = if path.is_empty() { "" } else { "." };
    for key in view.keys() {
        walk(key.view, format!("{path}{dot}{}", key.name), stack, out);
    }
    for n in view.alt_nodes() {
        if !n.types.intersects(Types::OBJECT) {
            continue;
        }
        for &(p, id) in n.pattern_properties {
            if schema_table::PATTERNS[usize::from(p)] == "^x-" {
                continue;
            }
            walk(SchemaView::of(id), format!("{path}{dot}*"), stack, out);
        }
    }
    if let Step::Found(item) = view.item()
        && !item.is_free_form()
    {
        walk(item, format!("{path}[]"), stack, out);
    }
    stack.pop();
}

#[cfg(test)]
mod tests;
