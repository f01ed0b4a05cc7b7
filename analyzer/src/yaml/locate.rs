//! Positions: where a node sits in its parent, and the path from a
//! document's root to a byte offset (hover, completion, go to definition).

use super::tree::{Kind, NodeId, Yaml};

/// One step down from a collection.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Step {
    /// The key of `Yaml::entries(mapping)[index]`.
    Key { mapping: NodeId, index: usize },
    /// The value of `Yaml::entries(mapping)[index]`.
    Value { mapping: NodeId, index: usize },
    /// `Yaml::items(sequence)[index]`.
    Item { sequence: NodeId, index: usize },
}

impl Step {
    /// The node the step leads to.
    #[must_use]
    pub fn node(self, yaml: &Yaml) -> NodeId {
        match self {
            Step::Key { mapping, index } => yaml.entries(mapping)[index].key,
            Step::Value { mapping, index } => yaml.entries(mapping)[index].value,
            Step::Item { sequence, index } => yaml.items(sequence)[index],
        }
    }
}

impl Yaml {
    /// Where a node sits in its parent (`None` for a document root). A binary
    /// search over the parent's children, which are in source order.
    #[must_use]
    pub fn step_to(&self, id: NodeId) -> Option<Step> {
        let parent = self.node(id).parent()?;
        match self.node(parent).kind() {
            Kind::Mapping => {
                let entries = self.entries(parent);
                // Keys and values alternate in id order: the last entry whose
                // key id is not after `id` holds it.
                let i = entries.partition_point(|e| e.key <= id).checked_sub(1)?;
                let e = entries[i];
                if e.key == id {
                    Some(Step::Key {
                        mapping: parent,
                        index: i,
                    })
                } else if e.value == id {
                    Some(Step::Value {
                        mapping: parent,
                        index: i,
                    })
                } else {
                    None
                }
            }
            Kind::Sequence => {
                let items = self.items(parent);
                let i = items.binary_search(&id).ok()?;
                Some(Step::Item {
                    sequence: parent,
                    index: i,
                })
            }
            _ => None,
        }
    }

    /// The steps from the document root down to a node.
    #[must_use]
    pub fn path_to(&self, id: NodeId) -> Vec<Step> {
        let mut path = Vec::new();
        let mut at = id;
        while let Some(step) = self.step_to(at) {
            path.push(step);
            at = self.node(at).parent().unwrap_or(at);
        }
        path.reverse();
        path
    }

    /// The steps from a document's root down to the innermost node whose
    /// span (properties included) contains `offset`, end included (a cursor
    /// just after a value is on it). Aliases are not followed. Empty when no
    /// node of any document is there.
    #[must_use]
    pub fn steps_at(&self, offset: usize) -> Vec<Step> {
        let mut path = Vec::new();
        let Some(doc) = self.documents.iter().find(|d| {
            d.root
                .is_some_and(|r| self.node(r).full_span().contains_inclusive(offset))
        }) else {
            return path;
        };
        let Some(mut node) = doc.root else {
            return path;
        };
        let inside = |id: NodeId| self.node(id).full_span().contains_inclusive(offset);
        // One level per iteration: bounded by the nesting depth.
        loop {
            let step = match self.node(node).kind() {
                Kind::Mapping => {
                    let entries = self.entries(node);
                    let i =
                        entries.partition_point(|e| self.node(e.key).full_span().start() <= offset);
                    let Some(i) = i.checked_sub(1) else { break };
                    let e = entries[i];
                    if inside(e.key) {
                        Step::Key {
                            mapping: node,
                            index: i,
                        }
                    } else if inside(e.value) {
                        Step::Value {
                            mapping: node,
                            index: i,
                        }
                    } else {
                        break;
                    }
                }
                Kind::Sequence => {
                    let items = self.items(node);
                    let i =
                        items.partition_point(|&it| self.node(it).full_span().start() <= offset);
                    let Some(i) = i.checked_sub(1) else { break };
                    if !inside(items[i]) {
                        break;
                    }
                    Step::Item {
                        sequence: node,
                        index: i,
                    }
                }
                _ => break,
            };
            path.push(step);
            node = step.node(self);
        }
        path
    }
}
