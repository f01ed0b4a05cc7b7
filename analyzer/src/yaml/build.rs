//! Builds the [`Yaml`] tree from granit-parser's events, with an explicit
//! stack of open collections (no recursion), and resolves each mapping's
//! merges and duplicate keys when it closes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use granit_parser::{Event, Parser, ScalarStyle as GScalarStyle, Span, StructureStyle};

use super::tree::{
    Comment, Document, Entry, ErrorKind, Node, NodeId, Repr, Resolved, ScalarStyle, Str, Tag, Yaml,
    YamlError, key_fingerprint,
};
use crate::text::TextRange;

/// The expansion budget, in nodes: at least this many, or one per source byte.
const MIN_EXPANSION_BUDGET: u64 = 1 << 20;

/// Mappings with more entries than this find duplicates by sorting instead of
/// comparing every pair.
const SMALL_MAPPING: usize = 8;

pub(crate) fn build(src: &str) -> Yaml {
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
    let mut line_starts = Vec::with_capacity(src.len() / 32 + 1);
    line_starts.push(0);
    line_starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| to_u32(i + 1)));
    let lines = line_starts.len();
    let yaml = Yaml {
        source: src.to_owned(),
        decoded: String::new(),
        // Real Compose files have about two nodes and one entry per line;
        // a huge scalar (one line) reserves for none it does not have.
        nodes: Vec::with_capacity(lines * 2 + 16),
        entries: Vec::with_capacity(lines + 16),
        entry_keys: Vec::with_capacity(lines + 16),
        items: Vec::new(),
        resolved: Vec::new(),
        resolved_keys: Vec::new(),
        comments: Vec::new(),
        comment_block_end: Vec::new(),
        documents: Vec::new(),
        errors: Vec::new(),
        line_starts,
        expansion: 0,
        expansion_budget: MIN_EXPANSION_BUDGET.max(src.len() as u64),
    };
    let mut b = Builder {
        src,
        y: yaml,
        frames: Vec::new(),
        scratch: Vec::new(),
        anchors: HashMap::new(),
        last_node: None,
        last_end: 0,
        doc: None,
        comment_scan: Some(0),
    };
    b.run();
    let mut y = b.y;
    if !y.comments.is_sorted_by_key(|c| c.span.start) {
        y.comments.sort_by_key(|c| c.span.start);
    }
    let mut block_end = vec![0u32; y.comments.len()];
    for i in (0..y.comments.len()).rev() {
        let c = y.comments[i];
        block_end[i] = match y.comments.get(i + 1) {
            Some(next)
                if c.own_line
                    && next.own_line
                    && y.line_of(next.span.start()) == y.line_of(c.span.start()) + 1 =>
            {
                block_end[i + 1]
            }
            _ => to_u32(i),
        };
    }
    y.comment_block_end = block_end;
    y.errors.sort_by_key(|e| (e.range.start, e.range.end));
    y
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Frame {
    node: NodeId,
    mapping: bool,
    /// Where this collection's children start on the scratch stack.
    start: usize,
    /// The sum of the children's expansions.
    sum: u64,
}

struct OpenDoc {
    start: usize,
    explicit: bool,
    root: Option<NodeId>,
}

struct Builder<'s> {
    src: &'s str,
    y: Yaml,
    frames: Vec<Frame>,
    /// Children of the open collections, contiguous per frame.
    scratch: Vec<NodeId>,
    /// granit's anchor ids to the anchored nodes.
    anchors: HashMap<usize, NodeId>,
    /// The node an `Anchor` event (which follows its node) belongs to.
    last_node: Option<NodeId>,
    /// The end of the last node or collection event, where the search for a
    /// block scalar's indicator starts.
    last_end: usize,
    doc: Option<OpenDoc>,
    /// Where the search for comments resumes: the end of the furthest token
    /// seen; `None` after a syntax error until the next event.
    comment_scan: Option<usize>,
}

/// A byte offset of granit's, kept inside the text and on a character
/// boundary (they always are; this only makes slicing panic-free by
/// construction).
fn clamp(src: &str, pos: usize) -> usize {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn range(src: &str, span: &Span) -> (usize, usize) {
    span.byte_range().map_or((0, 0), |r| {
        let start = clamp(src, r.start);
        (start, clamp(src, r.end).max(start))
    })
}

impl Builder<'_> {
    fn run(&mut self) {
        let options = granit_parser::options! {
            emit_anchor_events: true,
            emit_unresolved_aliases: true,
            // `key: |` at the end of a file without a final newline keeps no
            // line feed, as libyaml and go-yaml read it.
            block_scalar_eof_without_line_feed: true,
        };
        let mut parser = Parser::new_from_str_with_options(self.src, options);
        let mut last_error_at = None;
        loop {
            match parser.next_event() {
                None => break,
                Some(Ok((event, span))) => {
                    let (start, end) = range(self.src, &span);
                    self.comments_before(start, end);
                    if matches!(event, Event::Scalar(_, GScalarStyle::Plain, ..)) {
                        // granit lets an own-line comment sit inside a
                        // multi-line plain scalar (`a: x` / `\t# c` / `  y`);
                        // no other `#` after white space can be in one.
                        self.scan_comments(start, end);
                    }
                    self.event(event, &span);
                }
                Some(Err(err)) => {
                    let at = clamp(
                        self.src,
                        err.marker().byte_offset().unwrap_or(self.src.len()),
                    );
                    self.comments_before_error(at);
                    self.syntax_error(at, err.info());
                    // Recover at the next `---`, if any; never twice at one place.
                    if last_error_at.is_some_and(|p| p >= at) {
                        break;
                    }
                    last_error_at = Some(at);
                    if !matches!(parser.proceed_next_document(), Ok(true)) {
                        break;
                    }
                }
            }
        }
        // A stream that ended without its closing events.
        if !self.frames.is_empty() || self.doc.is_some() {
            self.close_all(self.src.len(), false);
        }
    }

    /// Records the comments between the last token and an event's token
    /// at `start..end`. A comment can only sit between tokens (a `#` inside
    /// a scalar, quoted or block, is inside its token's span), and only
    /// after white space or at a line start (`a#b`, `&x#y` are no comments).
    /// Events arrive in source order; one whose token starts before the
    /// scan point (an anchor, read after its node) only moves the point.
    fn comments_before(&mut self, start: usize, end: usize) {
        let Some(from) = self.comment_scan else {
            self.comment_scan = Some(end);
            return;
        };
        if start > from {
            self.scan_comments(from, start);
        }
        self.comment_scan = Some(from.max(end));
    }

    /// The comments between the last event and a syntax error at `at`
    /// (`# c` in `a: b # c` before a bad line). The parser may have read a
    /// quoted scalar there without emitting it, so the scan stops at the
    /// first quote outside a comment. A comment can be the error itself
    /// ("comment intercepting the multiline text"). What follows the error,
    /// up to the next event, was not read as YAML (an unterminated quote…):
    /// no comments in it.
    fn comments_before_error(&mut self, at: usize) {
        if let Some(from) = self.comment_scan.take()
            && at >= from
        {
            // Comments, quotes inside them included, up to the first quote
            // outside one.
            let bytes = self.src.as_bytes();
            let mut scan_to = (at + 1).min(bytes.len());
            let mut i = from;
            while let Some(n) = memchr::memchr3(b'#', b'"', b'\'', &bytes[i..scan_to]) {
                let p = i + n;
                if bytes[p] != b'#' {
                    scan_to = p;
                    break;
                }
                i = if self.starts_comment(p) {
                    memchr::memchr2(b'\n', b'\r', &bytes[p..scan_to]).map_or(scan_to, |e| p + e)
                } else {
                    p + 1
                };
            }
            self.scan_comments(from, scan_to);
        }
    }

    /// Whether the `#` at `hash` starts a comment: at the start of the text
    /// or a line, after the byte order mark, or after white space.
    fn starts_comment(&self, hash: usize) -> bool {
        hash == 0
            || matches!(self.src.as_bytes()[hash - 1], b' ' | b'\t' | b'\n' | b'\r')
            || (hash == 3 && self.src.starts_with('\u{feff}'))
    }

    fn scan_comments(&mut self, from: usize, to: usize) {
        let bytes = self.src.as_bytes();
        let mut at = from;
        while let Some(i) = memchr::memchr(b'#', &bytes[at..to]) {
            let hash = at + i;
            let after_space = self.starts_comment(hash);
            let line_end =
                memchr::memchr2(b'\n', b'\r', &bytes[hash..]).map_or(bytes.len(), |n| hash + n);
            if after_space {
                let line_start = memchr::memrchr(b'\n', &bytes[..hash]).map_or(0, |n| n + 1);
                let own_line = self.src[line_start..hash]
                    .trim_start_matches('\u{feff}')
                    .bytes()
                    .all(|b| b == b' ' || b == b'\t');
                self.y.comments.push(Comment {
                    span: TextRange::new(hash, line_end),
                    own_line,
                });
            }
            // A comment runs to the line's end; a `#` that starts none is
            // inside a token that ends before `to`.
            at = if after_space {
                line_end.min(to)
            } else {
                hash + 1
            };
        }
    }

    fn event(&mut self, event: Event<'_>, span: &Span) {
        let (start, end) = range(self.src, span);
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(explicit, _) => {
                if self.doc.is_some() {
                    self.close_all(start, true);
                }
                self.anchors.clear();
                self.doc = Some(OpenDoc {
                    start,
                    explicit,
                    root: None,
                });
                self.last_end = end;
            }
            Event::DocumentEnd => {
                self.close_all(start, true);
                self.last_end = end;
            }
            Event::Anchor(id, _) => {
                if let Some(node) = self.last_node {
                    self.y.nodes[node.index()].anchor = Some(TextRange::new(start, end));
                    self.anchors.insert(id, node);
                }
            }
            Event::Alias(id) => {
                let target = self.anchors.get(&id).copied();
                if target.is_none() {
                    let name = &self.src[(start + 1).min(end)..end];
                    self.error(
                        TextRange::new(start, end),
                        format!(
                            "unknown alias `*{name}`: no anchor `&{name}` before it in the document"
                        ),
                        ErrorKind::UnknownAlias,
                    );
                }
                self.alias(target, start, end);
            }
            Event::UnresolvedAlias(name) => {
                self.error(
                    TextRange::new(start, end),
                    format!(
                        "unknown alias `*{name}`: no anchor `&{name}` before it in the document"
                    ),
                    ErrorKind::UnknownAlias,
                );
                self.alias(None, start, end);
            }
            Event::Scalar(value, style, _, tag) => {
                self.scalar(value, style, tag.as_deref(), span, start, end);
            }
            Event::SequenceStart(style, _, tag) => {
                self.open(false, style, tag.as_deref(), span, start, end);
            }
            Event::MappingStart(style, _, tag) => {
                self.open(true, style, tag.as_deref(), span, start, end);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.close_collection(end, false);
                self.last_end = end;
            }
            // Events a later granit may add carry no node.
            _ => {}
        }
    }

    fn error(&mut self, range: TextRange, message: String, kind: ErrorKind) {
        self.y.errors.push(YamlError {
            range,
            message,
            kind,
        });
    }

    /// A syntax error at `at`: the range covers the character there (empty at
    /// the end of the text). Everything open is closed at `at`.
    fn syntax_error(&mut self, at: usize, message: String) {
        let end = self.src[at..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(at, |c| at + c.len_utf8());
        let message = if message.is_empty() {
            "YAML syntax error".to_owned()
        } else {
            message
        };
        self.error(TextRange::new(at, end), message, ErrorKind::Syntax);
        self.close_all(at, false);
    }

    /// Adds a node as a child of the innermost open collection (or as the
    /// document's root) and returns its id.
    fn push_node(&mut self, repr: Repr, span: TextRange, tag: Option<Box<Tag>>) -> NodeId {
        let id = NodeId(to_u32(self.y.nodes.len()));
        let parent = self.frames.last().map(|f| f.node);
        self.y.nodes.push(Node {
            repr,
            span,
            anchor: None,
            tag,
            parent,
            expanded: 0,
        });
        if self.frames.is_empty() {
            let doc = self.doc.get_or_insert(OpenDoc {
                start: span.start(),
                explicit: false,
                root: None,
            });
            if doc.root.is_none() {
                doc.root = Some(id);
            }
        } else {
            self.scratch.push(id);
        }
        self.last_node = Some(id);
        id
    }

    /// Records a finished node's expansion and adds it to its parent's.
    fn finish(&mut self, id: NodeId, expanded: u64) {
        self.y.nodes[id.index()].expanded = u32::try_from(expanded).unwrap_or(u32::MAX);
        if let Some(f) = self.frames.last_mut() {
            f.sum = f.sum.saturating_add(expanded);
        }
    }

    /// The tag on a node event; its token's range (granit always has it; an
    /// empty range at the node otherwise).
    fn tag(&self, span: &Span, tag: Option<&granit_parser::Tag>) -> Option<Box<Tag>> {
        let tag = tag?;
        let (start, end) = span
            .tag_span()
            .filter(|t| t.byte_range().is_some())
            .map_or_else(
                || {
                    let at = range(self.src, span).0;
                    (at, at)
                },
                |t| range(self.src, &t),
            );
        Some(Box::new(Tag::new(
            TextRange::new(start, end),
            tag.handle(),
            tag.suffix(),
        )))
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: GScalarStyle,
        tag: Option<&granit_parser::Tag>,
        span: &Span,
        start: usize,
        end: usize,
    ) {
        let style = match style {
            GScalarStyle::Plain => ScalarStyle::Plain,
            GScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            GScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            GScalarStyle::Literal => ScalarStyle::Literal,
            GScalarStyle::Folded => ScalarStyle::Folded,
        };
        let tag = self.tag(span, tag);
        let (start, end) = if style.is_block() {
            let lower = tag
                .as_ref()
                .map_or(self.last_end, |t| self.last_end.max(t.span.end()));
            block_scalar_span(self.src, lower, start, end)
        } else {
            (start, end)
        };
        let value = if start == end && style == ScalarStyle::Plain {
            // An implicit null (`key:`); granit decodes it as `~`.
            Str::Source(to_u32(start), to_u32(start))
        } else {
            self.store(value)
        };
        let id = self.push_node(
            Repr::Scalar { style, value },
            TextRange::new(start, end),
            tag,
        );
        self.y.expansion += 1;
        self.finish(id, 1);
        self.last_end = self.last_end.max(end);
    }

    /// Where a decoded value lives: in the source when it is a slice of it.
    fn store(&mut self, value: Cow<'_, str>) -> Str {
        if let Cow::Borrowed(s) = &value {
            let base = self.src.as_ptr() as usize;
            let p = s.as_ptr() as usize;
            if p >= base && p + s.len() <= base + self.src.len() {
                return Str::Source(to_u32(p - base), to_u32(p - base + s.len()));
            }
        }
        let a = self.y.decoded.len();
        self.y.decoded.push_str(&value);
        Str::Decoded(to_u32(a), to_u32(self.y.decoded.len()))
    }

    fn alias(&mut self, target: Option<NodeId>, start: usize, end: usize) {
        let range = TextRange::new(start, end);
        let mut target = target;
        let mut expanded = 1;
        if let Some(t) = target {
            let size = u64::from(self.y.nodes[t.index()].expanded);
            if size == 0 {
                // Still open: the alias is inside the node it names.
                self.error(
                    range,
                    format!(
                        "recursive alias `{}`: it is inside the node its anchor names",
                        range.slice(self.src)
                    ),
                    ErrorKind::RecursiveAlias,
                );
                target = None;
            } else if self.y.expansion + size > self.y.expansion_budget {
                self.error(
                    range,
                    format!(
                        "alias `{}` not expanded: the document's aliases would expand to more than {} nodes (a YAML bomb?)",
                        range.slice(self.src),
                        self.y.expansion_budget
                    ),
                    ErrorKind::ExpansionLimit,
                );
                target = None;
            } else {
                expanded = size;
            }
        }
        let id = self.push_node(Repr::Alias { target }, range, None);
        self.y.expansion += expanded;
        self.finish(id, expanded);
        self.last_end = self.last_end.max(end);
    }

    fn open(
        &mut self,
        mapping: bool,
        style: StructureStyle,
        tag: Option<&granit_parser::Tag>,
        span: &Span,
        start: usize,
        end: usize,
    ) {
        let flow = matches!(style, StructureStyle::Flow);
        let tag = self.tag(span, tag);
        let repr = if mapping {
            Repr::Mapping {
                flow,
                entries: (0, 0),
                resolved: None,
            }
        } else {
            Repr::Sequence {
                flow,
                items: (0, 0),
            }
        };
        // Block collections start at their first token (an empty span there).
        let id = self.push_node(
            repr,
            TextRange::new(start, if flow { end } else { start }),
            tag,
        );
        self.y.expansion += 1;
        self.frames.push(Frame {
            node: id,
            mapping,
            start: self.scratch.len(),
            sum: 0,
        });
        self.last_end = self.last_end.max(end);
    }

    /// Closes the innermost collection. `end` is the end of its closing
    /// token for flow collections; block collections end with their last
    /// child. When the collection is cut short by an error, `end` is where.
    fn close_collection(&mut self, end: usize, cut: bool) {
        let Some(mut frame) = self.frames.pop() else {
            return;
        };
        let id = frame.node;
        if frame.mapping && (self.scratch.len() - frame.start) % 2 == 1 {
            // A key without its value (cut short): an implicit null.
            let at = end.max(
                self.y.nodes[self.scratch[self.scratch.len() - 1].index()]
                    .span
                    .end(),
            );
            let null = NodeId(to_u32(self.y.nodes.len()));
            self.y.nodes.push(Node {
                repr: Repr::Scalar {
                    style: ScalarStyle::Plain,
                    value: Str::Source(to_u32(at), to_u32(at)),
                },
                span: TextRange::empty(at),
                anchor: None,
                tag: None,
                parent: Some(id),
                expanded: 1,
            });
            self.y.expansion += 1;
            frame.sum += 1;
            self.scratch.push(null);
        }
        let children = &self.scratch[frame.start..];
        let node = &self.y.nodes[id.index()];
        let flow = node.is_flow();
        let mut span = node.span;
        let last_end = children
            .iter()
            .map(|c| self.y.nodes[c.index()].full_span().end())
            .max()
            .unwrap_or(span.end());
        span = if flow && !cut {
            TextRange::new(span.start(), end.max(span.end()))
        } else {
            TextRange::new(span.start(), last_end.max(span.end()))
        };
        let repr = if frame.mapping {
            let s = self.y.entries.len();
            self.y
                .entries
                .extend(children.chunks_exact(2).map(|kv| Entry {
                    key: kv[0],
                    value: kv[1],
                }));
            let e = self.y.entries.len();
            for i in s..e {
                let fp = self
                    .y
                    .key_str(self.y.entries[i].key)
                    .map_or(0, key_fingerprint);
                self.y.entry_keys.push(fp);
            }
            let resolved = self.resolve_mapping(s, e);
            Repr::Mapping {
                flow,
                entries: (to_u32(s), to_u32(e)),
                resolved,
            }
        } else {
            let s = self.y.items.len();
            self.y.items.extend_from_slice(children);
            Repr::Sequence {
                flow,
                items: (to_u32(s), to_u32(self.y.items.len())),
            }
        };
        self.scratch.truncate(frame.start);
        let node = &mut self.y.nodes[id.index()];
        node.repr = repr;
        node.span = span;
        self.finish(id, frame.sum.saturating_add(1));
    }

    /// Closes every open collection and the document.
    fn close_all(&mut self, at: usize, complete: bool) {
        while !self.frames.is_empty() {
            self.close_collection(at, !complete);
        }
        if let Some(doc) = self.doc.take() {
            let end = doc
                .root
                .map_or(doc.start, |r| self.y.nodes[r.index()].full_span().end())
                .max(doc.start);
            self.y.documents.push(Document {
                root: doc.root,
                span: TextRange::new(doc.start, end),
                explicit_start: doc.explicit,
                complete,
            });
        }
    }

    /// A plain `<<` key (or one tagged `!!merge`).
    fn is_merge_key(&self, key: NodeId) -> bool {
        let node = &self.y.nodes[key.index()];
        match (&node.repr, &node.tag) {
            (
                Repr::Scalar {
                    style: ScalarStyle::Plain,
                    value,
                },
                None,
            ) => self.y.str(*value) == "<<",
            (Repr::Scalar { .. }, Some(tag)) => tag.core_suffix() == Some("merge"),
            _ => false,
        }
    }

    /// Finds duplicate keys among `entries[s..e]` and applies `<<` merges.
    /// Returns the range of the resolved entries when they differ from the
    /// local ones.
    fn resolve_mapping(&mut self, s: usize, e: usize) -> Option<(u32, u32)> {
        let y = &self.y;
        let entries = &y.entries[s..e];
        let fingerprints = &y.entry_keys[s..e];
        let merge_fingerprint = key_fingerprint("<<");
        let any_merge = entries.iter().zip(fingerprints).any(|(en, fp)| {
            // A merge key is a plain `<<` or tagged `!!merge`.
            (*fp == merge_fingerprint || y.nodes[en.key.index()].tag.is_some())
                && self.is_merge_key(en.key)
        });
        if !any_merge {
            // The common case: keys whose fingerprints all differ differ.
            let distinct = if fingerprints.len() <= SMALL_MAPPING {
                fingerprints
                    .iter()
                    .enumerate()
                    .all(|(j, b)| !fingerprints[..j].contains(b))
            } else {
                let mut sorted = fingerprints.to_vec();
                sorted.sort_unstable();
                sorted.windows(2).all(|w| w[0] != w[1])
            };
            if distinct {
                return None;
            }
        }
        let merge: Vec<bool> = entries.iter().map(|en| self.is_merge_key(en.key)).collect();
        // Duplicate keys: the later one wins (as in PyYAML-based
        // docker-compose v1 and Go's encoding/json); each later key is an error.
        let mut keys: Vec<(&str, usize)> = entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !merge[*i])
            .filter_map(|(i, en)| Some((y.key_str(en.key)?, i)))
            .collect();
        let mut shadowed = vec![false; entries.len()];
        let mut errors = Vec::new();
        let mut dup = |first: usize, later: usize, key: &str, errors: &mut Vec<YamlError>| {
            shadowed[first] = true;
            errors.push(YamlError {
                range: y.nodes[entries[later].key.index()].span,
                message: format!("duplicate key `{key}`: it is already defined in this mapping"),
                kind: ErrorKind::DuplicateKey {
                    first: y.nodes[entries[first].key.index()].span,
                },
            });
        };
        if keys.len() <= SMALL_MAPPING {
            for j in 1..keys.len() {
                if let Some(&(_, i)) = keys[..j].iter().rev().find(|(k, _)| *k == keys[j].0) {
                    dup(i, keys[j].1, keys[j].0, &mut errors);
                }
            }
        } else {
            keys.sort_unstable();
            for w in keys.windows(2) {
                if w[0].0 == w[1].0 {
                    dup(w[0].1, w[1].1, w[0].0, &mut errors);
                }
            }
        }
        if errors.is_empty() && !any_merge {
            return None;
        }
        let mut out: Vec<Resolved> = Vec::with_capacity(entries.len());
        let mut seen = SeenKeys::default();
        for (i, en) in entries.iter().enumerate() {
            if merge[i] || shadowed[i] {
                continue;
            }
            seen.admit(y, &out, y.key_str(en.key));
            out.push(Resolved {
                key: en.key,
                value: en.value,
                via: None,
            });
        }
        // Merges: local keys win; among merged mappings, the earlier wins.
        for (i, en) in entries.iter().enumerate() {
            if !merge[i] {
                continue;
            }
            let (value, outer_via) = match y.nodes[en.value.index()].repr {
                Repr::Alias { target: Some(t) } => (t, Some(en.value)),
                Repr::Alias { target: None } => continue, // already an error
                _ => (en.value, None),
            };
            let sources: &[NodeId] = match y.nodes[value.index()].repr {
                Repr::Mapping { .. } => std::slice::from_ref(&entries[i].value),
                Repr::Sequence { .. } => y.items(value),
                _ => {
                    errors.push(invalid_merge(y, en.value));
                    continue;
                }
            };
            for &item in sources {
                let (source, item_via) = match y.nodes[item.index()].repr {
                    Repr::Alias { target: Some(t) } => (t, Some(item)),
                    Repr::Alias { target: None } => continue,
                    _ => (item, None),
                };
                if !matches!(y.nodes[source.index()].repr, Repr::Mapping { .. }) {
                    errors.push(invalid_merge(y, item));
                    continue;
                }
                let via = outer_via.or(item_via);
                let merged = y.resolved_entries(source).map_or_else(
                    || {
                        MergedEntries::Local(y.entries(source).iter().map(|en| Resolved {
                            key: en.key,
                            value: en.value,
                            via: None,
                        }))
                    },
                    |r| MergedEntries::Resolved(r.iter().copied()),
                );
                for r in merged {
                    if !seen.admit(y, &out, y.key_str(r.key)) {
                        continue;
                    }
                    out.push(Resolved {
                        key: r.key,
                        value: r.value,
                        via: via.or(r.via),
                    });
                }
            }
        }
        let fingerprints = seen.fingerprints;
        self.y.errors.extend(errors);
        let a = self.y.resolved.len();
        self.y.resolved_keys.extend(fingerprints);
        self.y.resolved.extend(out);
        Some((to_u32(a), to_u32(self.y.resolved.len())))
    }
}

/// The keys of a mapping being resolved: their fingerprints, beside the
/// entries kept so far, scanned while they are few (most mappings), and a
/// hash set past that (a 100k-key mapping merged stays linear).
#[derive(Default)]
struct SeenKeys<'y> {
    fingerprints: Vec<u32>,
    large: Option<HashSet<&'y str>>,
}

impl<'y> SeenKeys<'y> {
    /// Whether an entry with `key` (`None`: not a string) is kept: a string
    /// key not seen before, or any other key. `out` holds the entries kept
    /// so far; the caller pushes this one when it is kept.
    fn admit(&mut self, y: &'y Yaml, out: &[Resolved], key: Option<&'y str>) -> bool {
        let fp = key.map_or(0, key_fingerprint);
        if let Some(key) = key {
            let new = match &mut self.large {
                Some(set) => set.insert(key),
                None => !self
                    .fingerprints
                    .iter()
                    .zip(out)
                    .any(|(f, r)| *f == fp && y.key_str(r.key) == Some(key)),
            };
            if !new {
                return false;
            }
            if self.large.is_none() && out.len() >= 4 * SMALL_MAPPING {
                let mut set: HashSet<&str> = out.iter().filter_map(|r| y.key_str(r.key)).collect();
                set.insert(key);
                self.large = Some(set);
            }
        }
        self.fingerprints.push(fp);
        true
    }
}

/// The entries a `<<` merges in, without copying them.
enum MergedEntries<L, R> {
    Local(L),
    Resolved(R),
}

impl<L: Iterator<Item = Resolved>, R: Iterator<Item = Resolved>> Iterator for MergedEntries<L, R> {
    type Item = Resolved;

    fn next(&mut self) -> Option<Resolved> {
        match self {
            MergedEntries::Local(it) => it.next(),
            MergedEntries::Resolved(it) => it.next(),
        }
    }
}

fn invalid_merge(y: &Yaml, at: NodeId) -> YamlError {
    YamlError {
        range: y.nodes[at.index()].span,
        message: "a `<<` merge takes a mapping or a sequence of mappings".to_owned(),
        kind: ErrorKind::InvalidMerge,
    }
}

/// The span of a block scalar: from its `|`/`>` indicator (searched forward
/// from `lower`, the end of the previous token, past `:`, `-`, `?`, blanks,
/// line breaks and the node's properties) to the end of its last non-blank
/// character. granit's span starts at the content and runs into the next
/// line's indentation.
fn block_scalar_span(src: &str, lower: usize, start: usize, end: usize) -> (usize, usize) {
    let bytes = src.as_bytes();
    let end = end.min(src.len()).max(start);
    let content_end = start
        + src[start..end]
            .trim_end_matches([' ', '\t', '\r', '\n'])
            .len();
    let mut header = None;
    if lower <= start {
        let mut i = lower;
        while i < start {
            match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'?' => i += 1,
                b'&' | b'!' => {
                    while i < start && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                        i += 1;
                    }
                }
                b'|' | b'>' => {
                    header = Some(i);
                    break;
                }
                _ => break,
            }
        }
    }
    match header {
        None => (start, content_end),
        Some(h) if content_end > start => (h, content_end),
        Some(h) => {
            // Empty content: the header alone (indicator and its modifiers).
            let mut e = h + 1;
            while e < bytes.len() && matches!(bytes[e], b'-' | b'+' | b'1'..=b'9') {
                e += 1;
            }
            (h, e)
        }
    }
}
