//! `textDocument/hover`: instruction, flag, `--mount` key and directive docs,
//! and the rule's documentation on a finding.

use dockward_analyzer::registry;
use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::capabilities::ClientCaps;
use crate::document::Snapshot;
use crate::locate::{directive_at, flag_at, instruction_at, mount_item_at};
use crate::reference;
use crate::to_proto::rule_url;

fn syntax_hover(snap: &Snapshot, offset: usize) -> Option<(String, dockward_analyzer::TextRange)> {
    let df = &snap.analysis().model.file;
    let src = &*snap.text;
    if let Some(d) = directive_at(df, offset) {
        let doc = reference::directive(&d.name)?;
        return Some((format!("**# {}=**\n\n{}", doc.name, doc.doc), d.range));
    }
    let (_, inst) = instruction_at(df, offset)?;
    if inst.keyword_range.contains_inclusive(offset) {
        let doc = reference::instruction(inst.keyword)?;
        return Some((reference::instruction_markdown(doc), inst.keyword_range));
    }
    if let Some(flag) = flag_at(inst, offset) {
        if flag.name() == "mount"
            && let Some((key, key_range, value)) = mount_item_at(flag, src, offset)
            && offset > flag.range.start() + "--mount=".len().min(flag.range.len())
        {
            if key == "type"
                && let Some(v) = value
                && v.contains_inclusive(offset)
            {
                let ty = v.slice(src);
                if let Some((_, what)) = reference::MOUNT_TYPES.iter().find(|(t, _)| *t == ty) {
                    return Some((format!("`--mount` type **{ty}**\n\n{what}"), v));
                }
            }
            if let Some(doc) = reference::mount_key(key) {
                return Some((reference::mount_key_markdown(doc), key_range));
            }
        }
        let doc = reference::flag(inst.keyword, flag.name())?;
        return Some((reference::flag_markdown(inst.keyword, doc), flag.range));
    }
    None
}

#[must_use]
pub fn hover(snap: &Snapshot, caps: &ClientCaps, pos: Position) -> Option<Hover> {
    let offset = snap.offset(pos);
    let analysis = snap.analysis();
    let mut parts = Vec::new();
    let mut range = None;
    if let Some((text, r)) = syntax_hover(snap, offset) {
        parts.push(text);
        range = Some(r);
    }
    let mut seen = Vec::new();
    for d in &analysis.diagnostics {
        if !d.range.contains_inclusive(offset) || seen.contains(&d.code) {
            continue;
        }
        seen.push(d.code);
        if let Some(meta) = registry::by_code(d.code) {
            parts.push(format!(
                "**{} {}**: {}\n\n{}\n\n[rules.md]({})",
                meta.code,
                meta.name,
                d.message,
                meta.documentation(),
                rule_url(meta)
            ));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let value = parts.join("\n\n---\n\n");
    let kind = if caps.hover_markdown {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range: range.map(|r| snap.range(r)),
    })
}
