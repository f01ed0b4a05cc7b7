//! Which mapping entry or sequence item a comment sits above, for suppression
//! pragmas such as `# dockward ignore=DW5001` on the line above a key.

use super::tree::{Comment, Kind, NodeId, Yaml};
use crate::text::TextRange;

/// A mapping entry or a sequence item, by position in its collection.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Target {
    /// `Yaml::entries(mapping)[index]`.
    Entry { mapping: NodeId, index: usize },
    /// `Yaml::items(sequence)[index]`.
    Item { sequence: NodeId, index: usize },
}

impl Target {
    /// The text the target covers: key through value for an entry, the item
    /// (properties included) for an item.
    #[must_use]
    pub fn span(self, yaml: &Yaml) -> TextRange {
        match self {
            Target::Entry { mapping, index } => yaml.entry_span(yaml.entries(mapping)[index]),
            Target::Item { sequence, index } => yaml.node(yaml.items(sequence)[index]).full_span(),
        }
    }

    /// The node the target holds: the entry's value, or the item.
    #[must_use]
    pub fn node(self, yaml: &Yaml) -> NodeId {
        match self {
            Target::Entry { mapping, index } => yaml.entries(mapping)[index].value,
            Target::Item { sequence, index } => yaml.items(sequence)[index],
        }
    }
}

impl Yaml {
    /// The entry or item an own-line comment is attached to: the one that
    /// starts the first line after the comment's block of own-line comments
    /// (a blank line ends the block: then there is none). When several start
    /// on that line (`- name: x`), the outermost (the item). `None` for
    /// trailing comments.
    #[must_use]
    pub fn comment_target(&self, comment: &Comment) -> Option<Target> {
        if !comment.own_line {
            return None;
        }
        let mut line = self.line_of(comment.span.start()) + 1;
        loop {
            let start = self.line_start(line);
            if start >= self.source.len() {
                return None;
            }
            let end = self.line_start(line + 1);
            let text = &self.source[start..end];
            let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
            let first = start + indent;
            if text[indent..].trim_end_matches(['\r', '\n']).is_empty() {
                return None;
            }
            if self.comment_at(first) {
                line += 1;
                continue;
            }
            return self.target_at(first);
        }
    }

    /// Whether a comment starts at `offset`.
    fn comment_at(&self, offset: usize) -> bool {
        let i = self.comments.partition_point(|c| c.span.start() < offset);
        self.comments
            .get(i)
            .is_some_and(|c| c.span.start() == offset)
    }

    /// The outermost entry or item that starts on `offset`'s line at or after
    /// `offset` (so a `- ` before it is allowed).
    #[must_use]
    pub fn target_at(&self, offset: usize) -> Option<Target> {
        let line_end = self.line_start(self.line_of(offset) + 1);
        let on_line = |s: usize| s >= offset && s < line_end;
        let doc = self.documents.iter().find(|d| {
            d.root
                .is_some_and(|r| self.node(r).full_span().end() >= offset)
        })?;
        let mut node = doc.root?;
        // Each step goes one level down: bounded by the nesting depth.
        loop {
            match self.node(node).kind() {
                Kind::Mapping => {
                    let entries = self.entries(node);
                    let i =
                        entries.partition_point(|e| self.node(e.key).full_span().start() < offset);
                    if let Some(e) = entries.get(i)
                        && on_line(self.node(e.key).full_span().start())
                    {
                        return Some(Target::Entry {
                            mapping: node,
                            index: i,
                        });
                    }
                    let prev = entries.get(i.checked_sub(1)?)?;
                    let key = self.node(prev.key).full_span();
                    let value = self.node(prev.value).full_span();
                    node = if value.contains_inclusive(offset) || value.start() >= offset {
                        prev.value
                    } else if key.contains(offset) {
                        prev.key
                    } else {
                        return None;
                    };
                }
                Kind::Sequence => {
                    let items = self.items(node);
                    let i = items.partition_point(|&it| self.node(it).full_span().start() < offset);
                    if let Some(&it) = items.get(i)
                        && on_line(self.node(it).full_span().start())
                    {
                        return Some(Target::Item {
                            sequence: node,
                            index: i,
                        });
                    }
                    let &prev = items.get(i.checked_sub(1)?)?;
                    if !self.node(prev).full_span().contains_inclusive(offset) {
                        return None;
                    }
                    node = prev;
                }
                _ => return None,
            }
        }
    }
}
