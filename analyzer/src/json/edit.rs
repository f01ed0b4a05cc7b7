//! Edits that keep a JSON text strict JSON: add a member to an object,
//! replace a value, remove a member or an array item, with the commas and
//! the indentation of the surrounding text. The fixes of the daemon.json
//! and seccomp rules make all their edits through these.
//!
//! Every function returns `None` rather than an edit it cannot make
//! cleanly (a container cut short by a syntax error, a comment or a missing
//! comma where a comma should be).

use super::{Json, JsonError, JsonErrorKind, JsonId, JsonKind, Member};
use crate::syntax::json_escape;
use crate::{Edit, TextRange};

/// `"key": value` with the key escaped; `value` is JSON text.
fn member_text(key: &str, value: &str) -> String {
    format!("\"{}\": {value}", json_escape(key))
}

/// The line break the text uses (`\r\n` when its first line ends so).
fn newline(src: &str) -> &'static str {
    match src.find('\n') {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The white space before `offset` on its line, when nothing else precedes
/// it there.
fn line_indent(src: &str, offset: usize) -> Option<&str> {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &src[start..offset];
    let before = before.strip_prefix('\u{feff}').unwrap_or(before);
    before
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(before)
}

/// The white space the line holding `offset` starts with.
fn indent_of_line(src: &str, offset: usize) -> &str {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[start..];
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let len = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..len]
}

/// One level of indentation, as the text writes it: the indentation of the
/// first indented line (tabs or spaces, at most 8), else two spaces.
fn indent_unit(src: &str) -> &str {
    for line in src.lines().take(1000) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let len = line.len() - trimmed.len();
        if len > 0 && !trimmed.is_empty() {
            let unit = &line[..len];
            return if unit.starts_with('\t') {
                "\t"
            } else {
                &unit[..len.min(8)]
            };
        }
    }
    "  "
}

/// The container is complete: it ends with its closing bracket (a
/// container cut short by a syntax error ends at the error).
fn closed(json: &Json, id: JsonId, close: u8) -> bool {
    let span = json.node(id).span();
    span.len() >= 2 && json.source().as_bytes()[span.end() - 1] == close
}

/// Adds `"key": value` as the last member of `object` (`value` is JSON
/// text), on its own line when the members are one per line, else on the
/// same line.
#[must_use]
pub fn insert_member(json: &Json, object: JsonId, key: &str, value: &str) -> Option<Edit> {
    if json.kind(object) != JsonKind::Object || !closed(json, object, b'}') {
        return None;
    }
    let src = json.source();
    let nl = newline(src);
    let member = member_text(key, value);
    let span = json.node(object).span();
    if let Some(last) = json.members(object).last() {
        let end = json.node(last.value).span().end();
        // What follows the last value up to `}` must be blank: no comment,
        // no trailing comma.
        if !src[end..span.end() - 1].trim().is_empty() {
            return None;
        }
        return Some(match line_indent(src, last.key_span.start()) {
            Some(indent) => Edit::insert(end, format!(",{nl}{indent}{member}")),
            None => Edit::insert(end, format!(", {member}")),
        });
    }
    let inner = TextRange::new(span.start() + 1, span.end() - 1);
    if !inner.slice(src).trim().is_empty() {
        return None;
    }
    let base = indent_of_line(src, span.start());
    let unit = indent_unit(src);
    Some(Edit::replace(
        inner,
        format!("{nl}{base}{unit}{member}{nl}{base}"),
    ))
}

/// Adds `"key": value` to the top-level object, or writes an object with
/// that one member into a blank document.
#[must_use]
pub fn insert_top_level(json: &Json, key: &str, value: &str) -> Option<Edit> {
    match json.root() {
        Some(root) => insert_member(json, root, key, value),
        None => {
            let src = json.source();
            let body = src.strip_prefix('\u{feff}').unwrap_or(src);
            if !body.trim().is_empty() || !json.errors().is_empty() {
                return None;
            }
            let start = src.len() - body.len();
            let member = member_text(key, value);
            Some(Edit::replace(
                TextRange::new(start, src.len()),
                format!("{{\n  {member}\n}}\n"),
            ))
        }
    }
}

/// Replaces a value (any node) with `text` (JSON text).
#[must_use]
pub fn replace_value(json: &Json, value: JsonId, text: &str) -> Edit {
    Edit::replace(json.node(value).span(), text)
}

/// Renames a member's key (the escaped `key` replaces the key as written).
#[must_use]
pub fn rename_key(member: &Member, key: &str) -> Edit {
    Edit::replace(member.key_span, format!("\"{}\"", json_escape(key)))
}

/// Removes member `index` of `object` with its comma.
#[must_use]
pub fn remove_member(json: &Json, object: JsonId, index: usize) -> Option<Edit> {
    if json.kind(object) != JsonKind::Object || !closed(json, object, b'}') {
        return None;
    }
    let members = json.members(object);
    let span = |i: usize| {
        members
            .get(i)
            .map(|m| (m.key_span.start(), json.node(m.value).span().end()))
    };
    remove_entry(json.source(), json.node(object).span(), index, span)
}

/// Removes item `index` of `array` with its comma.
#[must_use]
pub fn remove_item(json: &Json, array: JsonId, index: usize) -> Option<Edit> {
    if json.kind(array) != JsonKind::Array || !closed(json, array, b']') {
        return None;
    }
    let items = json.items(array);
    let span = |i: usize| {
        items.get(i).map(|&id| {
            let s = json.node(id).span();
            (s.start(), s.end())
        })
    };
    remove_entry(json.source(), json.node(array).span(), index, span)
}

/// Removes entry `index` of the container at `container` (`span(i)`: the
/// start and end of entry `i`): up to the next entry when there is one
/// (that entry takes its place and its indentation), else from the end of
/// the previous entry, else the container's whole inside.
fn remove_entry(
    src: &str,
    container: TextRange,
    index: usize,
    span: impl Fn(usize) -> Option<(usize, usize)>,
) -> Option<Edit> {
    let (start, end) = span(index)?;
    let is_comma = |a: usize, b: usize| src[a..b].trim() == ",";
    if let Some((next, _)) = span(index + 1) {
        return is_comma(end, next).then(|| Edit::delete(TextRange::new(start, next)));
    }
    if let Some((_, prev_end)) = index.checked_sub(1).and_then(&span) {
        return is_comma(prev_end, start).then(|| Edit::delete(TextRange::new(prev_end, end)));
    }
    let inner = TextRange::new(container.start() + 1, container.end() - 1);
    let blank = |a: usize, b: usize| src[a..b].trim().is_empty();
    (blank(inner.start(), start) && blank(end, inner.end())).then(|| Edit::delete(inner))
}

/// The edit that repairs an error the parser recovered from, with its
/// title: deletes a comment (its whole line when it stands alone on one)
/// or a trailing comma, inserts a missing comma. `None` for the errors that
/// stop the parser.
#[must_use]
pub fn repair(json: &Json, error: &JsonError) -> Option<(&'static str, Edit)> {
    let src = json.source();
    let r = error.range;
    match error.kind {
        JsonErrorKind::TrailingComma => Some(("Remove the trailing comma", Edit::delete(r))),
        JsonErrorKind::MissingComma => {
            Some(("Add the missing comma", Edit::insert(r.start(), ",")))
        }
        JsonErrorKind::Comment => {
            let line_start = src[..r.start()].rfind('\n').map_or(0, |i| i + 1);
            let line_end = src[r.end()..].find('\n').map_or(src.len(), |i| r.end() + i);
            let before = &src[line_start..r.start()];
            let after = &src[r.end()..line_end];
            let blank = |s: &str| s.trim_start_matches('\u{feff}').trim().is_empty();
            let range = if blank(before) && blank(after) && line_end < src.len() {
                // The comment's whole line, line break included.
                TextRange::new(line_start, line_end + 1)
            } else if blank(after) {
                // Code then a comment: the comment and the blanks before it.
                let code_end = src[..r.start()].trim_end_matches([' ', '\t']).len();
                TextRange::new(code_end, r.end())
            } else {
                r
            };
            Some(("Remove the comment", Edit::delete(range)))
        }
        JsonErrorKind::Syntax | JsonErrorKind::TooDeep | JsonErrorKind::TrailingContent => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn apply(src: &str, edit: Option<Edit>) -> String {
        let edit = edit.expect("an edit");
        let mut out = src.to_owned();
        out.replace_range(edit.range.as_range(), &edit.content);
        assert!(
            parse(&out).errors().is_empty(),
            "edited text is not strict JSON:\n{out}"
        );
        out
    }

    #[test]
    fn insert_member_follows_the_layout() {
        let src = "{\n    \"a\": 1,\n    \"b\": [2]\n}\n";
        let json = parse(src);
        let out = apply(src, insert_top_level(&json, "icc", "false"));
        assert_eq!(
            out,
            "{\n    \"a\": 1,\n    \"b\": [2],\n    \"icc\": false\n}\n"
        );

        let src = "{\"a\": 1}";
        let out = apply(src, insert_top_level(&parse(src), "k", "\"v\""));
        assert_eq!(out, "{\"a\": 1, \"k\": \"v\"}");

        let src = "{}\n";
        let out = apply(src, insert_top_level(&parse(src), "k", "true"));
        assert_eq!(out, "{\n  \"k\": true\n}\n");

        let src = "{\r\n\t\"a\": 1\r\n}\r\n";
        let out = apply(src, insert_top_level(&parse(src), "k", "true"));
        assert_eq!(out, "{\r\n\t\"a\": 1,\r\n\t\"k\": true\r\n}\r\n");

        let src = "  \n";
        let out = apply(src, insert_top_level(&parse(src), "k", "1"));
        assert_eq!(out, "{\n  \"k\": 1\n}\n");

        let src = "{\"a\": {\n  }}";
        let json = parse(src);
        let inner = json.get(json.root().unwrap(), "a").unwrap();
        let out = apply(src, insert_member(&json, inner, "b", "2"));
        assert_eq!(out, "{\"a\": {\n  \"b\": 2\n}}");
    }

    #[test]
    fn insert_refuses_broken_objects() {
        for src in [
            "{\"a\": 1,}",
            "{\"a\": 1 // c\n}",
            "{\"a\": ",
            "[1]",
            "{ /* x */ }",
        ] {
            let json = parse(src);
            assert!(insert_top_level(&json, "k", "1").is_none(), "{src}");
        }
    }

    #[test]
    fn remove_keeps_commas_right() {
        let src = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}";
        let json = parse(src);
        let root = json.root().unwrap();
        assert_eq!(
            apply(src, remove_member(&json, root, 0)),
            "{\n  \"b\": 2,\n  \"c\": 3\n}"
        );
        assert_eq!(
            apply(src, remove_member(&json, root, 1)),
            "{\n  \"a\": 1,\n  \"c\": 3\n}"
        );
        assert_eq!(
            apply(src, remove_member(&json, root, 2)),
            "{\n  \"a\": 1,\n  \"b\": 2\n}"
        );
        let src = "{ \"a\": 1 }";
        assert_eq!(
            apply(
                src,
                remove_member(&parse(src), parse(src).root().unwrap(), 0)
            ),
            "{}"
        );
        let src = "[\"x\", \"y\"]";
        let json = parse(src);
        let root = json.root().unwrap();
        assert_eq!(apply(src, remove_item(&json, root, 0)), "[\"y\"]");
        assert_eq!(apply(src, remove_item(&json, root, 1)), "[\"x\"]");
        let src = "[\"x\" /* c */, \"y\"]";
        let json = parse(src);
        assert!(remove_item(&json, json.root().unwrap(), 0).is_none());
    }

    #[test]
    fn repair_makes_strict_json() {
        let cases = [
            ("{\n  // note\n  \"a\": 1\n}", "{\n  \"a\": 1\n}"),
            (
                "{\n  \"a\": 1, # note\n  \"b\": 2\n}",
                "{\n  \"a\": 1,\n  \"b\": 2\n}",
            ),
            ("{\"a\": /* x */ 1}", "{\"a\":  1}"),
            ("{\"a\": [1, 2,],}", "{\"a\": [1, 2]}"),
            ("{\"a\": 1\n \"b\": 2}", "{\"a\": 1,\n \"b\": 2}"),
            ("{\"a\": 1}\n// end", "{\"a\": 1}\n"),
        ];
        for (src, want) in cases {
            let json = parse(src);
            let edits: Vec<Edit> = json
                .errors()
                .iter()
                .map(|e| repair(&json, e).expect("repairable").1)
                .collect();
            let mut out = src.to_owned();
            for e in edits.iter().rev() {
                out.replace_range(e.range.as_range(), &e.content);
            }
            assert_eq!(out, want, "{src:?}");
            assert!(parse(&out).errors().is_empty(), "{out:?}");
        }
    }
}
