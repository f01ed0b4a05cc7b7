use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::daemon::keys::{self, ValueType};
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::json::{self, Json, JsonId, JsonKind};
use crate::rule::{Rule, RuleMeta};
use crate::{Fix, Tag};

declare_rule! {
    /// ## What it does
    /// Reports a `daemon.json` that dockerd refuses to read:
    ///
    /// - text that is not strict JSON: comments (`//`, `/* */`, `#`),
    ///   trailing commas, missing commas, unquoted keys, anything after the
    ///   top-level value;
    /// - a top-level value that is not an object (an empty file, or one
    ///   holding only `null`, is read as no settings and is fine);
    /// - a value of the wrong type for the setting: `"icc": "false"` (a
    ///   string where dockerd decodes a boolean), `"log-opts": {"max-file":
    ///   3}` (log options are strings), `"mtu": 1500.0`;
    ///
    /// and a key written twice in one object: dockerd silently keeps the
    /// later value and ignores the earlier one.
    ///
    /// ## Why is this bad?
    /// dockerd stops at start-up with "invalid JSON" and the host runs no
    /// containers until the file is repaired; a duplicate key means one of
    /// two settings has no effect.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   // keep logs small
    ///   "log-driver": "json-file",
    ///   "log-opts": {"max-size": "10m", "max-file": 3},
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "log-driver": "json-file",
    ///   "log-opts": {"max-size": "10m", "max-file": "3"}
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fixes are safe: they remove a comment, a trailing comma or a
    /// shadowed duplicate key, add a missing comma, or quote or unquote a
    /// value so it has the type dockerd expects (`3` → `"3"` in
    /// `log-opts`, `"true"` → `true` for a boolean setting). None changes a
    /// setting dockerd would apply.
    ///
    /// These findings cannot be suppressed in the file (JSON has no
    /// comments); only the configuration turns the rule off.
    pub DaemonJsonSyntaxError {
        code: "DW6000",
        name: "daemon-json-syntax-error",
        aliases: [],
        severity: Error,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
        unsuppressible: true,
    }
}

impl Rule<DaemonModel> for DaemonJsonSyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let json = model.json();
        for e in json.errors() {
            let message = e.message.trim_end_matches(": dockerd refuses the file");
            let sep = if message.contains(": ") { ";" } else { ":" };
            let d = cx.report(e.range, format!("{message}{sep} dockerd refuses the file"));
            if let Some((title, edit)) = json::edit::repair(json, e) {
                d.with_fix(Fix::safe(title, vec![edit]));
            }
        }
        if let Some(root) = json.root() {
            let what = match json.kind(root) {
                JsonKind::Object | JsonKind::Null => None,
                JsonKind::Array => Some("an array"),
                JsonKind::String => Some("a string"),
                JsonKind::Number => Some("a number"),
                JsonKind::Bool => Some("a boolean"),
            };
            if let Some(what) = what {
                cx.report(
                    json.head(root),
                    format!(
                        "daemon.json must hold a JSON object, not {what}: dockerd refuses the file"
                    ),
                );
            }
        }
        for dup in json.duplicates() {
            let members = json.members(dup.object);
            let (first, later) = (&members[dup.first], &members[dup.later]);
            let key = shorten(json.key(first));
            let edit = json::edit::remove_member(json, dup.object, dup.first);
            let d = cx
                .report(
                    first.key_span,
                    format!(
                        "`{key}` is set twice: dockerd uses the later value and ignores this one"
                    ),
                )
                .with_related(later.key_span, "the value dockerd uses")
                .with_tag(Tag::Unnecessary);
            if let Some(edit) = edit {
                d.with_fix(Fix::safe(format!("Remove the ignored `{key}`"), vec![edit]));
            }
        }
        // Types: every top-level setting dockerd reads (shadowed duplicates
        // too: Go decodes each), and the members of `proxies`.
        for s in model.settings() {
            let key = model.key(s);
            let ty = match s.lifted_from {
                None => keys::lookup(key).map(|k| k.ty),
                Some(outer) => {
                    let outer = &model.settings()[outer];
                    let proxy = matches!(key, "http-proxy" | "https-proxy" | "no-proxy");
                    (model.key(outer) == "proxies" && proxy).then_some(ValueType::String)
                }
            };
            if let Some(ty) = ty {
                type_problems(cx, json, key, s.member.value, ty);
            }
        }
    }
}

/// The value is an integer Go decodes into an `int`.
fn is_integer(json: &Json, id: JsonId) -> bool {
    json.as_i64(id).is_some()
}

/// Reports a value dockerd cannot decode as `ty` (`null` decodes as
/// anything: Go leaves the field alone).
fn type_problems(
    cx: &mut Checker<'_, DaemonModel>,
    json: &Json,
    key: &str,
    value: JsonId,
    ty: ValueType,
) {
    if json.is_null(value) {
        return;
    }
    let kind = json.kind(value);
    let expected = match ty {
        ValueType::Bool if kind != JsonKind::Bool => "a boolean",
        ValueType::String if kind != JsonKind::String => "a string",
        ValueType::Int if !is_integer(json, value) => "an integer",
        ValueType::Strings if kind != JsonKind::Array => "an array of strings",
        ValueType::StringMap | ValueType::Object if kind != JsonKind::Object => "an object",
        ValueType::Strings => {
            for &item in json.items(value) {
                if !matches!(json.kind(item), JsonKind::String | JsonKind::Null) {
                    let d = cx.report(
                        json.node(item).span(),
                        format!(
                            "`{key}` holds strings, not {}: dockerd refuses the file",
                            json.describe(item)
                        ),
                    );
                    if let Some(fix) = quote_fix(json, item) {
                        d.with_fix(fix);
                    }
                }
            }
            return;
        }
        ValueType::StringMap => {
            for m in json.members(value) {
                let item = m.value;
                if !matches!(json.kind(item), JsonKind::String | JsonKind::Null) {
                    let d = cx.report(
                        json.node(item).span(),
                        format!(
                            "`{key}` values are strings, not {}: dockerd refuses the file",
                            json.describe(item)
                        ),
                    );
                    if let Some(fix) = quote_fix(json, item) {
                        d.with_fix(fix);
                    }
                }
            }
            return;
        }
        _ => return,
    };
    let d = cx.report(
        json.node(value).span(),
        format!(
            "`{key}` takes {expected}, not {}: dockerd refuses the file",
            json.describe(value)
        ),
    );
    let fix = match ty {
        ValueType::Bool => unquote_fix(json, value, |v| matches!(v, "true" | "false")),
        ValueType::Int => unquote_fix(json, value, |v| {
            v.parse::<i64>().is_ok() && !v.starts_with('+') && !(v.len() > 1 && v.starts_with('0'))
        }),
        ValueType::String => quote_fix(json, value),
        _ => None,
    };
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
}

/// `3` → `"3"`, `true` → `"true"`.
fn quote_fix(json: &Json, id: JsonId) -> Option<Fix> {
    if !matches!(json.kind(id), JsonKind::Number | JsonKind::Bool) {
        return None;
    }
    let text = json.node(id).span().slice(json.source());
    Some(Fix::safe(
        format!("Quote `{text}`"),
        vec![json::edit::replace_value(json, id, &format!("\"{text}\""))],
    ))
}

/// `"true"` → `true`, `"1500"` → `1500`, when `ok` accepts the string.
fn unquote_fix(json: &Json, id: JsonId, ok: impl Fn(&str) -> bool) -> Option<Fix> {
    let value = json.as_str(id).filter(|v| ok(v))?;
    Some(Fix::safe(
        format!("Write `{value}` without quotes"),
        vec![json::edit::replace_value(json, id, value)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&DaemonJsonSyntaxError)
            .pass([
                "",
                "  \n",
                "null",
                "{}",
                "\u{feff}{\"debug\": true}\n",
                "{\"icc\": false, \"mtu\": 1500, \"labels\": [\"a=b\", null]}",
                "{\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}",
                "{\"proxies\": {\"http-proxy\": \"http://proxy:3128\"}}",
                "{\"default-shm-size\": \"64M\", \"default-address-pools\": [{\"base\": \"10.10.0.0/16\", \"size\": 24}]}",
                // Unknown keys are another rule's business.
                "{\"frobnicate\": \"x\", \"wat\": {\"icc\": 1}}",
                "{\"icc\": null}",
            ])
            .fail([
                "{\n  // comment\n  \"debug\": true\n}\n",
                "{\"debug\": true,}",
                "{\"debug\": true \"icc\": false}",
                "{debug: true}",
                "[\"debug\"]",
                "\"debug\"",
                "{\"debug\": true} {}",
                "{\"icc\": \"false\"}",
                "{\"mtu\": 1500.5}",
                "{\"mtu\": \"1500\"}",
                "{\"hosts\": \"unix:///var/run/docker.sock\"}",
                "{\"labels\": [\"a=b\", 1]}",
                "{\"log-opts\": {\"max-file\": 3}}",
                "{\"log-opts\": [\"max-file=3\"]}",
                "{\"proxies\": {\"http-proxy\": 3128}}",
                "{\"debug\": true, \"debug\": false}",
                "{\"log-level\": \"debug\", \"icc\": false, \"log-level\": \"info\"}",
            ])
            .fix([
                (
                    "{\n  // comment\n  \"debug\": true,\n}\n",
                    "{\n  \"debug\": true\n}\n",
                ),
                ("{\"debug\": true \"icc\": false}", "{\"debug\": true, \"icc\": false}"),
                ("{\"icc\": \"false\"}", "{\"icc\": false}"),
                ("{\"mtu\": \"1500\"}", "{\"mtu\": 1500}"),
                (
                    "{\"log-opts\": {\"max-size\": \"10m\", \"max-file\": 3}}",
                    "{\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}",
                ),
                (
                    "{\n  \"log-level\": \"debug\",\n  \"icc\": false,\n  \"log-level\": \"info\"\n}",
                    "{\n  \"icc\": false,\n  \"log-level\": \"info\"\n}",
                ),
                // Not a guess: no fix.
                ("{\"mtu\": \"15oo\"}", "{\"mtu\": \"15oo\"}"),
                ("{debug: true}", "{debug: true}"),
            ])
            .test();
    }
}
