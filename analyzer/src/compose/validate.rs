//! The schema walk behind `compose-schema-violation`: every key and value of
//! the file checked against the Compose Specification's schema
//! ([`super::schema`]), after interpolation where Compose interpolates.
//!
//! The walk follows the resolved view (aliases and `<<` merges applied, as
//! Compose validates the merged document) but reports where the text is
//! written, once per node and place of the schema: an anchor merged into
//! five services with a misspelt key is one finding, at the anchor.
//!
//! Scalars are typed as YAML 1.2's core schema does (compose-go reads
//! YAML with `yaml.v3`): `yes` and `on` are strings, `0x1F` an integer. A
//! value holding a variable is a string after interpolation; one with an
//! unknown part is only checked for its type (every interpolable setting
//! accepts a string), never against enums or patterns.

use std::collections::HashSet;

use super::model::{ComposeModel, FileId};
use super::schema::{self, SchemaView, Step, ValueKind};
use crate::compose::interpolate::has_dollar;
use crate::facts::suggest::closest;
use crate::text::TextRange;
use crate::yaml::{Kind, ScalarStyle, TagKind, Value};

/// "Did you mean" suggestions per file: each compares a key with every key
/// known at its place.
const SUGGESTIONS: usize = 100;

/// A key longer than this gets no suggestion (the comparison is quadratic
/// in its length).
const SUGGEST_MAX: usize = 64;

/// One schema violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaProblem {
    pub range: TextRange,
    pub message: String,
}

/// The YAML 1.2 core-schema kind of a plain scalar.
#[must_use]
pub fn plain_kind(text: &str) -> ValueKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ValueKind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return ValueKind::Bool,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return ValueKind::Float,
        _ => {}
    }
    let b = text.as_bytes();
    let digits = |s: &[u8], ok: fn(u8) -> bool| !s.is_empty() && s.iter().all(|&c| ok(c));
    if let Some(hex) = text.strip_prefix("0x")
        && digits(hex.as_bytes(), |c| c.is_ascii_hexdigit())
    {
        return ValueKind::Integer;
    }
    if let Some(oct) = text.strip_prefix("0o")
        && digits(oct.as_bytes(), |c| (b'0'..=b'7').contains(&c))
    {
        return ValueKind::Integer;
    }
    let unsigned = match b.first() {
        Some(b'-' | b'+') => &b[1..],
        _ => b,
    };
    if digits(unsigned, |c| c.is_ascii_digit()) {
        return ValueKind::Integer;
    }
    // [0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)? with at least one digit before
    // the exponent.
    let mut i = 0;
    let mut mantissa = 0;
    while i < unsigned.len() && unsigned[i].is_ascii_digit() {
        i += 1;
        mantissa += 1;
    }
    if i < unsigned.len() && unsigned[i] == b'.' {
        i += 1;
        while i < unsigned.len() && unsigned[i].is_ascii_digit() {
            i += 1;
            mantissa += 1;
        }
    }
    if mantissa > 0 && i < unsigned.len() && matches!(unsigned[i], b'e' | b'E') {
        i += 1;
        if i < unsigned.len() && matches!(unsigned[i], b'-' | b'+') {
            i += 1;
        }
        let start = i;
        while i < unsigned.len() && unsigned[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return ValueKind::String;
        }
    }
    if mantissa > 0 && i == unsigned.len() {
        ValueKind::Float
    } else {
        ValueKind::String
    }
}

/// "a mapping", "a sequence", "a string"…
fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Null => "null",
        ValueKind::Bool => "a boolean",
        ValueKind::Integer => "an integer",
        ValueKind::Float => "a number",
        ValueKind::String => "a string",
        ValueKind::Sequence => "a sequence",
        ValueKind::Mapping => "a mapping",
    }
}

/// One step of the path, for messages.
struct Frame<'a> {
    parent: Option<usize>,
    seg: Seg<'a>,
}

enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

fn path_of(frames: &[Frame<'_>], mut at: usize) -> String {
    let mut segs = Vec::new();
    loop {
        let f = &frames[at];
        match f.seg {
            Seg::Root => {}
            Seg::Key(k) => segs.push(format!(".{k}")),
            Seg::Index(i) => segs.push(format!("[{i}]")),
        }
        match f.parent {
            Some(p) => at = p,
            None => break,
        }
    }
    segs.reverse();
    let s = segs.concat();
    s.strip_prefix('.').unwrap_or(&s).to_owned()
}

/// Walks every document of the analysed file against the schema.
#[must_use]
pub fn validate(model: &ComposeModel) -> Vec<SchemaProblem> {
    let mut out = Vec::new();
    if model.is_legacy() {
        return out;
    }
    let yaml = model.yaml();
    let mut frames: Vec<Frame<'_>> = Vec::new();
    // (value, view, frame index)
    let mut stack: Vec<(Value<'_>, SchemaView, usize)> = Vec::new();
    for doc in yaml.documents() {
        let Some(root) = doc.root else { continue };
        let root = yaml.value(root);
        if !root.is_mapping() {
            continue; // reported as a syntax error
        }
        frames.push(Frame {
            parent: None,
            seg: Seg::Root,
        });
        stack.push((root, schema::root(), frames.len() - 1));
    }
    // Shared content (reached through an alias or a merge) is checked once
    // per node and schema place.
    let mut seen: HashSet<(u32, u16)> = HashSet::new();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    let mut suggestions = 0;
    let mut report = |range: TextRange, message: String, out: &mut Vec<SchemaProblem>| {
        if reported.insert((range.start(), range.end())) {
            out.push(SchemaProblem { range, message });
        }
    };
    while let Some((value, view, frame)) = stack.pop() {
        if value.is_shared() {
            #[allow(clippy::cast_possible_truncation)]
            let key = (value.id().index() as u32, view.site());
            if !seen.insert(key) {
                continue;
            }
        }
        if value
            .tag()
            .is_some_and(|t| matches!(t.kind, TagKind::Reset | TagKind::Other))
        {
            continue;
        }
        match value.kind() {
            Kind::Alias => {}
            Kind::Mapping => {
                if !view.types().accepts(ValueKind::Mapping, "") {
                    let path = path_of(&frames, frame);
                    report(
                        value.span(),
                        format!("`{path}` must be {}, not a mapping", view.types()),
                        &mut out,
                    );
                    continue;
                }
                let Some(view) = view.narrow(ValueKind::Mapping, "") else {
                    continue;
                };
                // Children go straight onto the stack, then are put back in
                // document order (no buffer per collection).
                let mark = stack.len();
                for entry in value.entries() {
                    let Some(key) = entry.key_str() else { continue };
                    match view.key(key) {
                        Step::Found(child) => {
                            if child.is_free_form() {
                                continue;
                            }
                            frames.push(Frame {
                                parent: Some(frame),
                                seg: Seg::Key(key),
                            });
                            stack.push((entry.value, child, frames.len() - 1));
                        }
                        Step::UnknownKey => {
                            let path = path_of(&frames, frame);
                            // Each suggestion compares the key with every
                            // known one: bounded per file and by key length,
                            // so 100k unknown keys stay linear.
                            let hint = if suggestions < SUGGESTIONS && key.len() <= SUGGEST_MAX {
                                suggestions += 1;
                                let known = view.keys();
                                closest(key, known.iter().map(|k| k.name))
                                    .map_or_else(String::new, |k| format!("; did you mean `{k}`?"))
                            } else {
                                String::new()
                            };
                            let place = if path.is_empty() {
                                "at the top level".to_owned()
                            } else {
                                format!("in `{path}`")
                            };
                            report(
                                entry.key.span(),
                                format!(
                                    "Unknown key `{}` {place}: Compose refuses it (extensions start with `x-`){hint}",
                                    crate::diagnostic::shorten(key)
                                ),
                                &mut out,
                            );
                        }
                        Step::WrongKind => {}
                    }
                }
                stack[mark..].reverse();
            }
            Kind::Sequence => {
                if !view.types().accepts(ValueKind::Sequence, "") {
                    let path = path_of(&frames, frame);
                    report(
                        value.span(),
                        format!("`{path}` must be {}, not a sequence", view.types()),
                        &mut out,
                    );
                    continue;
                }
                let Some(Step::Found(item_view)) =
                    view.narrow(ValueKind::Sequence, "").map(|v| v.item())
                else {
                    continue;
                };
                let unique = view.unique_items();
                // A set, not a list: 100k distinct items stay linear.
                let mut texts: HashSet<&str> = HashSet::new();
                let mark = stack.len();
                for (i, item) in value.items().enumerate() {
                    if unique
                        && item.style() == Some(ScalarStyle::Plain)
                        && let Some(t) = item.as_str()
                        && !has_dollar(t)
                        && !texts.insert(t)
                    {
                        let path = path_of(&frames, frame);
                        report(
                            item.span(),
                            format!(
                                "`{}` appears twice in `{path}`, whose items must be unique",
                                crate::diagnostic::shorten(t)
                            ),
                            &mut out,
                        );
                    }
                    if item_view.is_free_form() {
                        continue;
                    }
                    frames.push(Frame {
                        parent: Some(frame),
                        seg: Seg::Index(i),
                    });
                    stack.push((item, item_view, frames.len() - 1));
                }
                stack[mark..].reverse();
            }
            Kind::Scalar => {
                if view.is_free_form() {
                    continue;
                }
                let raw = value.as_str().unwrap_or("");
                let core = value.tag().and_then(|t| t.core_suffix());
                // A value with a variable is a string after interpolation:
                // where any string is valid there is nothing to evaluate
                // (10 MB of `${…}` in a `command` is not interpolated again).
                if has_dollar(raw) && view.accepts_any_string() {
                    continue;
                }
                let (kind, text) = if has_dollar(raw) {
                    let Some(s) = model.scalar(FileId::MAIN, value, None) else {
                        continue;
                    };
                    if !s.known {
                        if !view.types().accepts(ValueKind::String, "") {
                            let path = path_of(&frames, frame);
                            report(
                                value.span(),
                                format!("`{path}` must be {}, not a string", view.types()),
                                &mut out,
                            );
                        }
                        continue;
                    }
                    (ValueKind::String, s.text)
                } else {
                    let kind = match (core, value.style()) {
                        (Some("str"), _) => ValueKind::String,
                        (Some("int"), _) => ValueKind::Integer,
                        (Some("float"), _) => ValueKind::Float,
                        (Some("bool"), _) => ValueKind::Bool,
                        (Some("null"), _) => ValueKind::Null,
                        (_, Some(ScalarStyle::Plain)) => plain_kind(raw),
                        _ => ValueKind::String,
                    };
                    (kind, std::borrow::Cow::Borrowed(raw))
                };
                if let Err(v) = view.check_scalar(kind, &text) {
                    let path = path_of(&frames, frame);
                    let message = match v {
                        schema::Violation::WrongType { expected } => {
                            format!("`{path}` must be {expected}, not {}", kind_name(kind))
                        }
                        other => format!(
                            "`{path}`: `{}` is invalid: {other}",
                            crate::diagnostic::shorten(&text)
                        ),
                    };
                    report(value.span(), message, &mut out);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::model::ComposeContext;

    fn problems(src: &str) -> Vec<String> {
        validate(&ComposeModel::new(src, ComposeContext::default()))
            .into_iter()
            .map(|p| format!("{}: {}", p.range.slice(src), p.message))
            .collect()
    }

    #[test]
    fn plain_kinds() {
        for (t, k) in [
            ("", ValueKind::Null),
            ("true", ValueKind::Bool),
            ("yes", ValueKind::String),
            ("42", ValueKind::Integer),
            ("-1", ValueKind::Integer),
            ("0x1F", ValueKind::Integer),
            ("0.5", ValueKind::Float),
            ("1e3", ValueKind::Float),
            (".5", ValueKind::Float),
            ("22:22", ValueKind::String),
            ("512m", ValueKind::String),
            ("1.2.3", ValueKind::String),
        ] {
            assert_eq!(plain_kind(t), k, "{t}");
        }
    }

    #[test]
    fn unknown_keys_types_and_enums() {
        let src = "services:\n  web:\n    image: nginx\n    prots: [\"80\"]\n    privileged: [true]\n    cgroup: shared\n    x-custom: {anything: 1}\n    environment:\n      A: 1\n      B:\n    cpus: 0.5\n    ports:\n      - 80\n      - \"127.0.0.1:80:80\"\n      - target: 80\n        published: \"8080\"\nx-top: 1\nvolumes:\n  data:\n";
        let p = problems(src);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(
            p[0].starts_with("prots: Unknown key `prots` in `services.web`"),
            "{}",
            p[0]
        );
        assert!(p[0].contains("did you mean `ports`"), "{}", p[0]);
        assert!(
            p[1].contains("`services.web.privileged` must be boolean or string, not a sequence"),
            "{}",
            p[1]
        );
        assert!(p[2].starts_with("shared: `services.web.cgroup`: `shared` is invalid: expected one of `host`, `private`"), "{}", p[2]);
    }

    #[test]
    fn interpolation_and_anchors() {
        let src = "x-base: &base\n  restrat: always\nservices:\n  a:\n    <<: *base\n    image: x\n    privileged: ${P:-true}\n    restart: ${R}\n  b:\n    <<: *base\n    image: y\n";
        let p = problems(src);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(p[0].starts_with("restrat: Unknown key"), "{}", p[0]);
    }

    #[test]
    fn legacy_and_top_level() {
        assert_eq!(problems("web:\n  image: nginx\n").len(), 0);
        let p = problems("services: {}\nservice:\n  web: {}\n");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(p[0].contains("at the top level"), "{}", p[0]);
    }
}
