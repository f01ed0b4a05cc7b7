use crate::checker::Checker;
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::facts::suggest;
use crate::json::{self, JsonId, JsonKind};
use crate::rule::{Rule, RuleMeta};
use crate::seccomp::{ACTIONS, SeccompModel, field, field_value};
use crate::{Fix, Tag, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a seccomp profile that Docker cannot load, or that makes the
    /// container fail to start:
    ///
    /// - text that is not strict JSON (comments, trailing or missing
    ///   commas…), an empty file, a top-level value that is not an object;
    /// - a field of the wrong type (`"names": "mount"`, `"errnoRet": "1"`);
    /// - no `defaultAction` in a profile that lists `syscalls`, an entry
    ///   without `action`, or an action libseccomp does not know
    ///   (`SCMP_ACT_DENY`);
    /// - both `name` and `names` in one entry, both `architectures` and
    ///   `archMap`, a `minKernel` that is not `"<major>.<minor>"`;
    ///
    /// and a key written twice in one object (the later value wins).
    ///
    /// Docker reads the profile with Go's `encoding/json`: field names match
    /// without regard to case, and unknown fields are ignored, so neither
    /// is reported.
    ///
    /// ## Why is this bad?
    /// `docker run` (or `docker compose up`) fails with "Decoding seccomp
    /// profile failed" or an invalid-action error, and the service does not
    /// start.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_DENY",
    ///   "syscalls": [
    ///     {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
    ///   ]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fixes are safe: they remove a comment, a trailing comma or a
    /// shadowed duplicate key, or add a missing comma.
    ///
    /// These findings cannot be suppressed in the file (JSON has no
    /// comments); only the configuration turns the rule off.
    pub SeccompProfileSyntaxError {
        code: "DW6100",
        name: "seccomp-profile-syntax-error",
        aliases: [],
        severity: Error,
        category: Daemon,
        kinds: [Seccomp],
        default: true,
        fix: Sometimes,
        unsuppressible: true,
    }
}

/// The type Go decodes a field into.
#[derive(Clone, Copy)]
enum Ty {
    Str,
    /// A non-negative integer (`uint`, `uint64`).
    UInt,
    /// An array of strings.
    Strs,
    /// An object with these fields.
    Obj(&'static [(&'static str, Ty)]),
    /// An array of objects with these fields.
    Objs(&'static [(&'static str, Ty)]),
}

const FILTER: &[(&str, Ty)] = &[
    ("caps", Ty::Strs),
    ("arches", Ty::Strs),
    ("minKernel", Ty::Str),
];
const ARG: &[(&str, Ty)] = &[
    ("index", Ty::UInt),
    ("value", Ty::UInt),
    ("valueTwo", Ty::UInt),
    ("op", Ty::Str),
];
const SYSCALL: &[(&str, Ty)] = &[
    ("names", Ty::Strs),
    ("name", Ty::Str),
    ("action", Ty::Str),
    ("errnoRet", Ty::UInt),
    ("args", Ty::Objs(ARG)),
    ("comment", Ty::Str),
    ("includes", Ty::Obj(FILTER)),
    ("excludes", Ty::Obj(FILTER)),
];
const ARCH: &[(&str, Ty)] = &[("architecture", Ty::Str), ("subArchitectures", Ty::Strs)];
const PROFILE: &[(&str, Ty)] = &[
    ("defaultAction", Ty::Str),
    ("defaultErrnoRet", Ty::UInt),
    ("architectures", Ty::Strs),
    ("flags", Ty::Strs),
    ("listenerPath", Ty::Str),
    ("listenerMetadata", Ty::Str),
    ("syscalls", Ty::Objs(SYSCALL)),
    ("archMap", Ty::Objs(ARCH)),
];

/// Reports fields of `object` that Go cannot decode into `fields` (every
/// member: Go decodes duplicates one after the other).
fn check_fields(cx: &mut Checker<'_, SeccompModel>, object: JsonId, fields: &[(&str, Ty)]) {
    let json = cx.model.json();
    for m in json.members(object) {
        let key = json.key(m);
        if let Some(&(name, ty)) = fields.iter().find(|(f, _)| f.eq_ignore_ascii_case(key)) {
            check_value(cx, name, m.value, ty);
        }
    }
}

fn check_value(cx: &mut Checker<'_, SeccompModel>, name: &str, value: JsonId, ty: Ty) {
    let json = cx.model.json();
    if json.is_null(value) {
        return;
    }
    let kind = json.kind(value);
    let expected = match ty {
        Ty::Str if kind != JsonKind::String => "a string",
        Ty::UInt
            if json
                .number_text(value)
                .is_none_or(|t| t.parse::<u64>().is_err()) =>
        {
            "a non-negative integer"
        }
        Ty::Strs | Ty::Objs(_) if kind != JsonKind::Array => "an array",
        Ty::Obj(_) if kind != JsonKind::Object => "an object",
        Ty::Strs => {
            for &item in json.items(value) {
                if !matches!(json.kind(item), JsonKind::String | JsonKind::Null) {
                    cx.report(
                        json.head(item),
                        format!(
                            "`{name}` holds strings, not {}: Docker cannot load the profile",
                            json.describe(item)
                        ),
                    );
                }
            }
            return;
        }
        Ty::Objs(fields) => {
            for &item in json.items(value) {
                match json.kind(item) {
                    JsonKind::Object => check_fields(cx, item, fields),
                    _ => {
                        cx.report(
                            json.head(item),
                            format!(
                                "`{name}` holds objects, not {}: Docker cannot load the profile",
                                json.describe(item)
                            ),
                        );
                    }
                }
            }
            return;
        }
        Ty::Obj(fields) => {
            check_fields(cx, value, fields);
            return;
        }
        _ => return,
    };
    cx.report(
        json.head(value),
        format!(
            "`{name}` takes {expected}, not {}: Docker cannot load the profile",
            json.describe(value)
        ),
    );
}

/// Suggestions per file: each costs a comparison with every action.
const SUGGESTIONS: usize = 100;

/// Reports an action string libseccomp does not know (`suggestions`: how
/// many "did you mean" were made so far).
fn check_action(cx: &mut Checker<'_, SeccompModel>, id: JsonId, suggestions: &mut usize) {
    let json = cx.model.json();
    let Some(action) = json.as_str(id) else {
        return;
    };
    // Empty is missing: reported as such.
    if action.is_empty() || ACTIONS.contains(&action) {
        return;
    }
    let try_guess = action.len() <= 64 && *suggestions < SUGGESTIONS;
    *suggestions += usize::from(try_guess);
    let guess = try_guess
        .then(|| {
            let upper = action.to_ascii_uppercase();
            if ACTIONS.contains(&upper.as_str()) {
                ACTIONS.iter().copied().find(|a| *a == upper)
            } else {
                suggest::closest(&upper, ACTIONS.iter().copied())
            }
        })
        .flatten();
    let action = shorten(action);
    let message = match guess {
        Some(g) => format!(
            "unknown seccomp action `{action}`: the container fails to start (did you mean `{g}`?)"
        ),
        None => format!("unknown seccomp action `{action}`: the container fails to start"),
    };
    cx.report(json.node(id).span(), message);
}

/// `"<major>.<minor>"`, both small numbers, not `0.0` (moby's
/// `KernelVersion.UnmarshalJSON`); empty is allowed.
fn valid_kernel(v: &str) -> bool {
    if v.is_empty() {
        return true;
    }
    let mut parts = v.splitn(3, '.');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    match (a.parse::<u8>(), b.parse::<u8>()) {
        (Ok(a), Ok(b)) => a != 0 || b != 0,
        _ => false,
    }
}

impl Rule<SeccompModel> for SeccompProfileSyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, SeccompModel>) {
        let model = cx.model;
        let json = model.json();
        for e in json.errors() {
            let message = e.message.trim_end_matches(": dockerd refuses the file");
            let sep = if message.contains(": ") { ";" } else { ":" };
            let d = cx.report(
                e.range,
                format!("{message}{sep} Docker cannot load the profile"),
            );
            if let Some((title, edit)) = json::edit::repair(json, e) {
                d.with_fix(Fix::safe(title, vec![edit]));
            }
        }
        let Some(root) = json.root() else {
            if json.errors().is_empty() {
                cx.report(
                    TextRange::empty(0),
                    "the file is empty: a seccomp profile is a JSON object with a `defaultAction`",
                );
            }
            return;
        };
        match json.kind(root) {
            JsonKind::Object => {}
            // Go reads `null` as an empty profile (`seccomp-default-allow`).
            JsonKind::Null => return,
            _ => {
                cx.report(
                    json.head(root),
                    format!(
                        "a seccomp profile is a JSON object, not {}: Docker cannot load it",
                        json.describe(root)
                    ),
                );
                return;
            }
        }
        for dup in json.duplicates() {
            let members = json.members(dup.object);
            let (first, later) = (&members[dup.first], &members[dup.later]);
            let key = json.key(first);
            let edit = json::edit::remove_member(json, dup.object, dup.first);
            let d = cx
                .report(
                    first.key_span,
                    format!(
                        "`{key}` is set twice: Docker uses the later value and ignores this one"
                    ),
                )
                .with_related(later.key_span, "the value Docker uses")
                .with_tag(Tag::Unnecessary);
            if let Some(edit) = edit {
                d.with_fix(Fix::safe(format!("Remove the ignored `{key}`"), vec![edit]));
            }
        }
        check_fields(cx, root, PROFILE);
        let mut suggestions = 0;
        if let Some(action) = model.default_action() {
            check_action(cx, action, &mut suggestions);
        }
        let has_syscalls = model
            .syscalls_node()
            .is_some_and(|s| !json.items(s).is_empty());
        let default_missing = match model.default_action() {
            None => true,
            Some(a) => json.as_str(a) == Some(""),
        };
        if has_syscalls && default_missing {
            let range = match field(json, root, "defaultAction") {
                Some(m) => m.span(json),
                None => json.head(root),
            };
            cx.report(
                range,
                "the profile has no `defaultAction`: the container fails to start",
            );
        }
        let arch = |name| field_value(json, root, name).is_some_and(|a| !json.items(a).is_empty());
        if arch("architectures") && arch("archMap") {
            let m = field(json, root, "archMap").map_or(json.head(root), |m| m.key_span);
            cx.report(
                m,
                "both `architectures` and `archMap`: Docker refuses the profile (use one)",
            );
        }
        for rule in model.rules() {
            let entry = rule.entry;
            match rule.action.filter(|&a| json.as_str(a) != Some("")) {
                Some(action) => check_action(cx, action, &mut suggestions),
                None => {
                    cx.report(
                        json.head(entry),
                        "a `syscalls` entry without `action`: the container fails to start",
                    );
                }
            }
            let names =
                field_value(json, entry, "names").is_some_and(|n| !json.items(n).is_empty());
            let name = field_value(json, entry, "name")
                .is_some_and(|n| json.as_str(n).is_some_and(|s| !s.is_empty()));
            if names && name {
                let m = field(json, entry, "name").map_or(json.head(entry), |m| m.key_span);
                cx.report(
                    m,
                    "both `name` and `names` in one entry: Docker refuses the profile (use `names`)",
                );
            }
            for filter in ["includes", "excludes"] {
                let Some(f) = field_value(json, entry, filter) else {
                    continue;
                };
                if let Some(k) = field_value(json, f, "minKernel")
                    && let Some(v) = json.as_str(k)
                    && !valid_kernel(v)
                {
                    cx.report(
                        json.node(k).span(),
                        format!("`minKernel` `{}` is not `\"<major>.<minor>\"`: Docker cannot load the profile", shorten(v)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn kernel_versions() {
        for v in ["", "4.8", "5.10", "255.255"] {
            assert!(valid_kernel(v), "{v}");
        }
        for v in ["0.0", "4", "4.8.1", "x.1", "256.1", "4.-1"] {
            assert!(!valid_kernel(v), "{v}");
        }
    }

    #[test]
    fn vectors() {
        Tester::new_for(&SeccompProfileSyntaxError)
            .pass([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 1, \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"DefaultAction\": \"SCMP_ACT_ERRNO\", \"SYSCALLS\": []}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"unknownField\": 1}",
                "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"syscalls\": [{\"name\": \"read\", \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"4.8\"}}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}",
                // Unconfined, not broken: another rule.
                "{}",
                "null",
            ])
            .fail([
                "",
                "[]",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\",}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\" // deny\n}",
                "{\"defaultAction\": \"SCMP_ACT_DENY\"}",
                "{\"defaultAction\": \"scmp_act_errno\"}",
                "{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"]}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", 3], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": -1}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [\"read\"]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"name\": \"read\", \"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"4\"}}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultAction\": \"SCMP_ACT_KILL\"}",
            ])
            .fix([
                (
                    "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\", // deny by default\n  \"syscalls\": [],\n}",
                    "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": []\n}",
                ),
                (
                    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultAction\": \"SCMP_ACT_ERRNO\"}",
                    "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}",
                ),
            ])
            .test();
    }
}
