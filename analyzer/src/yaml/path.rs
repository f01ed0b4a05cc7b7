//! Where an offset sits in the tree: the path of keys and indices from the
//! document root, for hover, completion and go-to-definition.

use super::tree::{Kind, NodeId, Yaml};

/// One step of a [`PathAt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathSeg<'a> {
    /// A mapping key (its text; a collection key is `""`).
    Key(&'a str),
    /// A sequence item.
    Index(usize),
}

/// What [`Yaml::path_at`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathAt<'a> {
    /// The document the offset is in.
    pub document: usize,
    /// Keys and indices from the root down to the innermost node holding
    /// the offset (empty: the root itself, or no node).
    pub segments: Vec<PathSeg<'a>>,
    /// The innermost node holding the offset: for `on_key`, the key node.
    pub node: Option<NodeId>,
    /// The offset is on the last segment's key (not in its value).
    pub on_key: bool,
}

impl Yaml {
    /// The path to the innermost node whose span holds `offset` (ends
    /// included, so a cursor right after a value still counts), following
    /// the tree as written (aliases and merges are not followed: the path
    /// names where the text is). Iterative: one step per nesting level.
    #[must_use]
    pub fn path_at(&self, offset: usize) -> PathAt<'_> {
        let document = self
            .documents
            .iter()
            .position(|d| d.span.end() >= offset)
            .unwrap_or(self.documents.len().saturating_sub(1));
        let mut out = PathAt {
            document,
            segments: Vec::new(),
            node: None,
            on_key: false,
        };
        let Some(mut node) = self.documents.get(document).and_then(|d| d.root) else {
            return out;
        };
        if !self.node(node).full_span().contains_inclusive(offset) {
            return out;
        }
        out.node = Some(node);
        loop {
            match self.node(node).kind() {
                Kind::Mapping => {
                    let entries = self.entries(node);
                    // The last entry whose key starts at or before the offset.
                    let i =
                        entries.partition_point(|e| self.node(e.key).full_span().start() <= offset);
                    let Some(e) = i.checked_sub(1).map(|i| entries[i]) else {
                        return out;
                    };
                    let key = self.node(e.key).full_span();
                    let value = self.node(e.value).full_span();
                    let name = self.key_str(e.key).unwrap_or("");
                    if key.contains_inclusive(offset) {
                        out.segments.push(PathSeg::Key(name));
                        out.node = Some(e.key);
                        out.on_key = true;
                        return out;
                    }
                    if !value.contains_inclusive(offset) {
                        return out;
                    }
                    out.segments.push(PathSeg::Key(name));
                    node = e.value;
                }
                Kind::Sequence => {
                    let items = self.items(node);
                    let i =
                        items.partition_point(|&it| self.node(it).full_span().start() <= offset);
                    let Some(idx) = i.checked_sub(1) else {
                        return out;
                    };
                    if !self.node(items[idx]).full_span().contains_inclusive(offset) {
                        return out;
                    }
                    out.segments.push(PathSeg::Index(idx));
                    node = items[idx];
                }
                Kind::Scalar | Kind::Alias => return out,
            }
            out.node = Some(node);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let src = "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80\"\n";
        let y = crate::yaml::parse(src);
        let at = |s: &str| y.path_at(src.find(s).unwrap() + 1);
        assert_eq!(
            at("nginx").segments,
            [
                PathSeg::Key("services"),
                PathSeg::Key("web"),
                PathSeg::Key("image")
            ]
        );
        assert!(!at("nginx").on_key);
        let p = at("image");
        assert!(p.on_key);
        assert_eq!(p.segments.len(), 3);
        assert_eq!(
            at("\"80").segments,
            [
                PathSeg::Key("services"),
                PathSeg::Key("web"),
                PathSeg::Key("ports"),
                PathSeg::Index(0)
            ]
        );
        assert!(crate::yaml::parse("").path_at(0).segments.is_empty());
    }
}
