//! What the Compose service rules share: how a finding names the service
//! (and the anchor or `extends` its value comes through), the body of the
//! rules that flag one setting's value (`network_mode: host`, `pid: host`…),
//! one `security_opt` set to `unconfined` or the image a service pulls, and
//! the body of the rules that flag a missing setting.

use crate::Fix;
use crate::checker::Checker;
use crate::compose::model::{ComposeModel, FileId, Scalar, Service};
use crate::values::image_ref::ImageRef;
use crate::yaml::{NodeId, Value};

/// "Service `web`", with where a shared value comes from: "Service `web`
/// (through `*defaults`)" for a value merged in from an anchor, "Service
/// `web` (inherited through `extends`)" for one from another file.
pub(crate) fn subject(svc: &Service<'_>, value: &Scalar<'_>) -> String {
    subject_at(svc, value.file, value.value)
}

/// [`subject`] for a value of any kind, written in `file`.
pub(crate) fn subject_at(svc: &Service<'_>, file: FileId, value: Value<'_>) -> String {
    let name = crate::diagnostic::shorten(svc.name());
    if file != FileId::MAIN {
        return format!("Service `{name}` (inherited through `extends`)");
    }
    match value
        .via()
        .and_then(|v| svc.model.file(file).yaml.alias_name(v))
    {
        Some(anchor) => format!("Service `{name}` (through `*{anchor}`)"),
        None => format!("Service `{name}`"),
    }
}

/// Reports each service whose `key` is `expected` (case-insensitive,
/// after interpolation; unknown values are never reported), with the
/// message `message(subject)`.
pub(crate) fn setting_is(
    cx: &mut Checker<'_, ComposeModel>,
    key: &str,
    expected: &str,
    message: impl Fn(&str) -> String,
) {
    for svc in cx.model.service_views() {
        let Some(s) = svc.scalar(key) else { continue };
        let Some(text) = s.known() else { continue };
        if !text.trim().eq_ignore_ascii_case(expected) {
            continue;
        }
        let Some(range) = s.range() else { continue };
        let who = subject(&svc, &s);
        cx.report(range, message(&who));
    }
}

/// Reports each `security_opt` entry `{option}=unconfined` (or
/// `{option}:unconfined`, any case, after interpolation; unknown values
/// are never reported): "Service `web` sets `…`: {effect}".
pub(crate) fn security_opt_unconfined(
    cx: &mut Checker<'_, ComposeModel>,
    option: &str,
    effect: &str,
) {
    for svc in cx.model.service_views() {
        for opt in svc.security_opts() {
            if opt.name != option || !opt.scalar.known {
                continue;
            }
            if opt.value_lower().as_deref() != Some("unconfined") {
                continue;
            }
            let Some(range) = opt.scalar.range() else {
                continue;
            };
            let who = subject(&svc, &opt.scalar);
            cx.report(
                range,
                format!("{who} sets `{}`: {effect}", opt.scalar.raw()),
            );
        }
    }
}

/// Reports each service that pulls its `image` (one with `build` builds
/// it under that name) when `flagged` says so of the written value and
/// its parsed reference; the message is `message(subject, image)`, the
/// image as written and what it interpolates to.
pub(crate) fn pulled_image(
    cx: &mut Checker<'_, ComposeModel>,
    flagged: impl Fn(&Scalar<'_>, &ImageRef) -> bool,
    message: impl Fn(&str, &str) -> String,
) {
    for svc in cx.model.service_views() {
        if svc.has("build") {
            continue;
        }
        let Some((s, image)) = svc.image_ref() else {
            continue;
        };
        if s.text.trim().is_empty() || !flagged(&s, image) {
            continue;
        }
        let Some(range) = s.range() else { continue };
        cx.report(range, message(&subject(&svc, &s), &shown(&s)));
    }
}

/// An image for a message: as written, with what it interpolates to.
fn shown(s: &Scalar<'_>) -> String {
    let raw = crate::diagnostic::shorten(s.raw());
    if s.interpolated {
        let text = s.text.replace(crate::compose::interpolate::UNKNOWN, "…");
        format!("`{raw}` (`{}`)", crate::diagnostic::shorten(&text))
    } else {
        format!("`{raw}`")
    }
}

/// Reports, at its name, each service that `has` says lacks a setting,
/// unless a layer of it could not be read or the file is an override
/// file (the setting may be made where it cannot be seen).
pub(crate) fn missing_setting(
    cx: &mut Checker<'_, ComposeModel>,
    has: impl Fn(&Service<'_>) -> bool,
    message: impl Fn(&str) -> String,
) {
    for svc in cx.model.service_views() {
        if !svc.absence_is_known() || has(&svc) {
            continue;
        }
        let name = crate::diagnostic::shorten(svc.name()).into_owned();
        cx.report(svc.name_range(), message(&name));
    }
}

/// The entry of the mapping a scalar value is written in, when it is
/// written there directly (not through an alias): (mapping, index).
pub(crate) fn written_entry(model: &ComposeModel, value: &Scalar<'_>) -> Option<(NodeId, usize)> {
    if !value.is_local() || value.value.via().is_some_and(|v| !is_merge_alias(model, v)) {
        return None;
    }
    let yaml = model.yaml();
    let id = value.value.id();
    let parent = yaml.node(id).parent()?;
    let index = yaml.entries(parent).iter().position(|e| e.value == id)?;
    Some((parent, index))
}

/// Whether alias `via` is the value (or an item of the value) of a `<<`
/// merge key: content merged that way is written in the anchor, where
/// editing it edits every service that merges it.
fn is_merge_alias(model: &ComposeModel, via: NodeId) -> bool {
    let yaml = model.yaml();
    let mut node = via;
    for _ in 0..2 {
        let Some(parent) = yaml.node(node).parent() else {
            return false;
        };
        if let Some(e) = yaml.entries(parent).iter().find(|e| e.value == node) {
            return yaml.scalar(e.key) == Some("<<");
        }
        node = parent;
    }
    false
}

/// An unsafe fix that removes the entry holding `value` with its line.
pub(crate) fn remove_entry_fix(
    model: &ComposeModel,
    value: &Scalar<'_>,
    title: impl Into<String>,
) -> Option<Fix> {
    let (mapping, index) = written_entry(model, value)?;
    let edit = crate::yaml::edit::remove_entry(model.yaml(), mapping, index)?;
    Some(Fix::unsafe_(title, vec![edit]))
}

/// The service's own mapping in the analysed file, when fixes may add
/// keys to it (written there, not an alias to another mapping).
pub(crate) fn editable_mapping(svc: &Service<'_>) -> Option<NodeId> {
    let m = svc.own_mapping()?;
    (m.is_mapping() && m.via().is_none()).then(|| m.id())
}
