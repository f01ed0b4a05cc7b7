//! Small text edits on a YAML tree that keep the document valid and its
//! comments where they were: insert a key into a mapping at the mapping's
//! indentation, remove an entry with its line, append an item to a
//! sequence (block or flow). Each returns an [`Edit`], or `None` when the
//! layout is one it cannot edit safely (the caller then offers no fix).
//!
//! New lines use the document's line ending (`\r\n` when its first line
//! ends so) and spaces for indentation.

use super::tree::{Kind, NodeId, Yaml};
use crate::diagnostic::Edit;
use crate::text::TextRange;

/// A value to write with [`insert_entry`].
#[derive(Clone, Copy, Debug)]
pub enum NewValue<'a> {
    /// A scalar, written as given (quote it yourself when needed).
    Scalar(&'a str),
    /// A sequence of scalars: a block sequence in a block mapping, `[…]` in
    /// a flow mapping.
    Sequence(&'a [&'a str]),
}

/// The document's line ending.
#[must_use]
pub fn newline(src: &str) -> &'static str {
    match memchr::memchr(b'\n', src.as_bytes()) {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The offset where `offset`'s line starts.
#[must_use]
pub fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just past `offset`'s line break (the text's end on the last line).
#[must_use]
pub fn next_line_start(src: &str, offset: usize) -> usize {
    src[offset..]
        .find('\n')
        .map_or(src.len(), |i| offset + i + 1)
}

/// Only blanks between the start of `offset`'s line and `offset`.
fn first_on_line(src: &str, offset: usize) -> bool {
    src[line_start(src, offset)..offset]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

/// The column (in bytes) of `offset` on its line.
fn column(src: &str, offset: usize) -> usize {
    offset - line_start(src, offset)
}

/// Where the text that belongs to a node ends for line edits: the end of
/// the line its span ends on (a trailing comment included), past the break.
fn end_of_lines(src: &str, end: usize) -> usize {
    next_line_start(src, end)
}

/// Removes entry `index` of `mapping` (as written, [`Yaml::entries`]) with
/// the lines it covers. `None` when the mapping has no other entry (it
/// would be left empty), or when the entry shares a line with something
/// else in a block mapping (`- key: v` opening a sequence item).
#[must_use]
pub fn remove_entry(yaml: &Yaml, mapping: NodeId, index: usize) -> Option<Edit> {
    let src = yaml.source();
    let entries = yaml.entries(mapping);
    let entry = *entries.get(index)?;
    if entries.len() < 2 {
        return None;
    }
    let key = yaml.node(entry.key).full_span();
    let value = yaml.node(entry.value).full_span();
    let end = key.end().max(value.end());
    if yaml.node(mapping).is_flow() {
        let range = if let Some(next) = entries.get(index + 1) {
            TextRange::new(key.start(), yaml.node(next.key).full_span().start())
        } else {
            let prev = entries[index - 1];
            let prev_end = yaml.entry_span(prev).end();
            TextRange::new(prev_end, end)
        };
        return Some(Edit::delete(range));
    }
    if !first_on_line(src, key.start()) {
        return None;
    }
    // Nothing else may follow on the entry's last line but a comment.
    let tail = &src[end..next_line_start(src, end)];
    let tail = tail.trim_start_matches([' ', '\t']);
    if !(tail.is_empty() || tail.starts_with('#') || tail.starts_with(['\r', '\n'])) {
        return None;
    }
    let start = line_start(src, key.start());
    Some(Edit::delete(TextRange::new(start, end_of_lines(src, end))))
}

/// Renders `key: value` at `indent` (block style), each line ended.
fn block_entry(key: &str, value: NewValue<'_>, indent: usize, nl: &str) -> String {
    let pad = " ".repeat(indent);
    match value {
        NewValue::Scalar(s) => format!("{pad}{key}: {s}{nl}"),
        NewValue::Sequence(items) => {
            let mut out = format!("{pad}{key}:{nl}");
            for it in items {
                out.push_str(&format!("{pad}  - {it}{nl}"));
            }
            out
        }
    }
}

fn flow_value(value: NewValue<'_>) -> String {
    match value {
        NewValue::Scalar(s) => s.to_owned(),
        NewValue::Sequence(items) => format!("[{}]", items.join(", ")),
    }
}

/// Inserts `key: value` as the last entry of `mapping`, at its indentation.
/// `None` for an empty block mapping (no indentation to follow) or a node
/// that is not a mapping.
#[must_use]
pub fn insert_entry(yaml: &Yaml, mapping: NodeId, key: &str, value: NewValue<'_>) -> Option<Edit> {
    let src = yaml.source();
    let node = yaml.node(mapping);
    if node.kind() != Kind::Mapping {
        return None;
    }
    let entries = yaml.entries(mapping);
    if node.is_flow() {
        let close = node.span().end().checked_sub(1)?;
        if !src[close..].starts_with('}') {
            return None;
        }
        let text = if entries.is_empty() {
            format!("{key}: {}", flow_value(value))
        } else {
            format!(", {key}: {}", flow_value(value))
        };
        // After the last entry, so spacing before `}` stays as written.
        let at = entries.last().map_or(close, |e| yaml.entry_span(*e).end());
        return Some(Edit::insert(at, text));
    }
    let first = entries.first()?;
    let first_key = yaml.node(first.key).full_span().start();
    let indent = column(src, first_key);
    let last = entries.last()?;
    let end = yaml.entry_span(*last).end();
    let at = end_of_lines(src, end);
    let nl = newline(src);
    let mut text = String::new();
    if at == src.len() && !src.ends_with('\n') {
        text.push_str(nl);
    }
    text.push_str(&block_entry(key, value, indent, nl));
    Some(Edit::insert(at, text))
}

/// Appends `item` to `sequence`: a new `- item` line at the indentation of
/// the others, or `, item` before a flow sequence's `]`. `None` for an
/// empty block sequence or a node that is not a sequence.
#[must_use]
pub fn append_item(yaml: &Yaml, sequence: NodeId, item: &str) -> Option<Edit> {
    let src = yaml.source();
    let node = yaml.node(sequence);
    if node.kind() != Kind::Sequence {
        return None;
    }
    let items = yaml.items(sequence);
    if node.is_flow() {
        let close = node.span().end().checked_sub(1)?;
        if !src[close..].starts_with(']') {
            return None;
        }
        return Some(match items.last() {
            None => Edit::insert(close, item.to_owned()),
            Some(&last) => Edit::insert(yaml.node(last).full_span().end(), format!(", {item}")),
        });
    }
    let &first = items.first()?;
    // The dash before the first item, on the same line.
    let start = yaml.node(first).full_span().start();
    let line = line_start(src, start);
    let dash = src[line..start].rfind('-').map(|i| line + i)?;
    if !first_on_line(src, dash) {
        return None;
    }
    let indent = column(src, dash);
    let &last = items.last()?;
    let end = yaml.node(last).full_span().end();
    let at = end_of_lines(src, end);
    let nl = newline(src);
    let mut text = String::new();
    if at == src.len() && !src.ends_with('\n') {
        text.push_str(nl);
    }
    text.push_str(&format!("{}- {item}{nl}", " ".repeat(indent)));
    Some(Edit::insert(at, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn apply(src: &str, e: &Edit) -> String {
        let mut out = src.to_owned();
        out.replace_range(e.range.as_range(), &e.content);
        assert!(parse(&out).errors().is_empty(), "invalid YAML:\n{out}");
        out
    }

    fn service(y: &Yaml) -> NodeId {
        let root = y.root().unwrap();
        root.get("services").unwrap().get("web").unwrap().id()
    }

    /// `services.web.security_opt`.
    fn security_opt(y: &Yaml) -> NodeId {
        let root = y.root().unwrap();
        let web = root.get("services").unwrap().get("web").unwrap();
        web.get("security_opt").unwrap().id()
    }

    #[test]
    fn removes_an_entry_with_its_line() {
        let src = "services:\n  web:\n    image: x  # keep\n    privileged: true  # why\n    # next\n    ports: []\n";
        let y = parse(src);
        let e = remove_entry(&y, service(&y), 1).unwrap();
        assert_eq!(
            apply(src, &e),
            "services:\n  web:\n    image: x  # keep\n    # next\n    ports: []\n"
        );
        let flow = "services:\n  web: {image: x, privileged: true}\n";
        let y = parse(flow);
        let e = remove_entry(&y, service(&y), 1).unwrap();
        assert_eq!(apply(flow, &e), "services:\n  web: {image: x}\n");
        let e = remove_entry(&y, service(&y), 0).unwrap();
        assert_eq!(apply(flow, &e), "services:\n  web: {privileged: true}\n");
        let only = "services:\n  web:\n    privileged: true\n";
        let y = parse(only);
        assert!(remove_entry(&y, service(&y), 0).is_none());
    }

    #[test]
    fn inserts_keys_at_the_mapping_indentation() {
        let src =
            "services:\n  web:\n      image: x\n      command: |\n        run\n\nvolumes: {}\n";
        let y = parse(src);
        let e = insert_entry(&y, service(&y), "read_only", NewValue::Scalar("true")).unwrap();
        assert_eq!(
            apply(src, &e),
            "services:\n  web:\n      image: x\n      command: |\n        run\n      read_only: true\n\nvolumes: {}\n"
        );
        let e = insert_entry(
            &y,
            service(&y),
            "security_opt",
            NewValue::Sequence(&["no-new-privileges:true"]),
        )
        .unwrap();
        assert!(apply(src, &e).contains("      security_opt:\n        - no-new-privileges:true\n"));
        let no_nl = "services:\n  web:\n    image: x";
        let y = parse(no_nl);
        let e = insert_entry(&y, service(&y), "read_only", NewValue::Scalar("true")).unwrap();
        assert_eq!(
            apply(no_nl, &e),
            "services:\n  web:\n    image: x\n    read_only: true\n"
        );
        let flow = "services:\n  web: {image: x}\n";
        let y = parse(flow);
        let e = insert_entry(&y, service(&y), "read_only", NewValue::Scalar("true")).unwrap();
        assert_eq!(
            apply(flow, &e),
            "services:\n  web: {image: x, read_only: true}\n"
        );
        let crlf = "services:\r\n  web:\r\n    image: x\r\n";
        let y = parse(crlf);
        let e = insert_entry(&y, service(&y), "read_only", NewValue::Scalar("true")).unwrap();
        assert_eq!(
            apply(crlf, &e),
            "services:\r\n  web:\r\n    image: x\r\n    read_only: true\r\n"
        );
    }

    #[test]
    fn appends_items() {
        let src = "services:\n  web:\n    security_opt:\n    - label:type:x  # c\n    image: x\n";
        let y = parse(src);
        let seq = security_opt(&y);
        let e = append_item(&y, seq, "no-new-privileges:true").unwrap();
        assert_eq!(
            apply(src, &e),
            "services:\n  web:\n    security_opt:\n    - label:type:x  # c\n    - no-new-privileges:true\n    image: x\n"
        );
        let flow = "services:\n  web:\n    security_opt: [a]\n";
        let y = parse(flow);
        let seq = security_opt(&y);
        let e = append_item(&y, seq, "\"b\"").unwrap();
        assert_eq!(
            apply(flow, &e),
            "services:\n  web:\n    security_opt: [a, \"b\"]\n"
        );
        let empty = "services:\n  web:\n    security_opt: []\n";
        let y = parse(empty);
        let seq = security_opt(&y);
        let e = append_item(&y, seq, "b").unwrap();
        assert_eq!(
            apply(empty, &e),
            "services:\n  web:\n    security_opt: [b]\n"
        );
    }
}
