//! `textDocument/hover`: instruction, flag, `--mount` key and directive docs,
//! and the rule's documentation on a finding.

use dockward_analyzer::registry;
use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::capabilities::ClientCaps;
use crate::document::{DocKind, Snapshot};
use crate::from_proto;
use crate::locate::{directive_at, flag_at, instruction_at, mount_item_at};
use crate::navigation::{self, SymbolKind};
use crate::reference;
use crate::to_proto::rule_url;

/// The model's view: a variable's resolved value, a stage, a base image.
fn model_hover(snap: &Snapshot, offset: usize) -> Option<(String, dockward_analyzer::TextRange)> {
    let model = &snap.analysis().model;
    let src = &*snap.text;
    let line = |o: usize| snap.index.line_of(o) + 1;
    if let Some(t) = navigation::symbol_at(snap, offset) {
        match t.kind {
            SymbolKind::Variable => {
                let def = &model.vars.defs[t.def?];
                let kind = match def.kind {
                    dockward_analyzer::model::VarKind::Arg => "ARG",
                    dockward_analyzer::model::VarKind::Env => "ENV",
                    dockward_analyzer::model::VarKind::Predefined => "predefined build arg",
                };
                let value = match &def.value {
                    Some(v) => format!("`{}`", v.replace('`', "\\`")),
                    None => "unset (no default; pass `--build-arg`)".to_owned(),
                };
                let mut text = format!("**{}** ({kind}) = {value}", def.name);
                if let Some(i) = def.instruction {
                    let inst = &model.file.instructions[i];
                    text.push_str(&format!("\n\nDefined on line {}", line(inst.range.start())));
                    match def.stage {
                        Some(st) => {
                            text.push_str(&format!(" in stage {}", model.stages[st].label()))
                        }
                        None => text.push_str(" (global: visible in FROM lines)"),
                    }
                }
                return Some((text, t.at));
            }
            SymbolKind::Stage => {
                let st = &model.stages[t.stage?];
                let mut text = format!(
                    "**stage {}** `{}` (line {})\n\nFROM `{}`",
                    st.index,
                    t.name,
                    line(model.file.instructions[st.from].range.start()),
                    st.base.raw
                );
                if st.base.expanded != st.base.raw {
                    text.push_str(&format!(" → `{}`", st.base.expanded));
                }
                if let Some(p) = st.parent {
                    text.push_str(&format!("\n\nBuilt on stage {}", model.stages[p].label()));
                }
                let n = st.instructions.len();
                text.push_str(&format!(
                    "\n\n{n} instruction{}",
                    if n == 1 { "" } else { "s" }
                ));
                if Some(st.index) == model.final_stage().map(|f| f.index) {
                    text.push_str(" · final stage (the default target)");
                }
                return Some((text, t.at));
            }
        }
    }
    let img = navigation::images(snap)
        .into_iter()
        .find(|i| i.range.contains_inclusive(offset))?;
    let mut text = format!("**image** `{}`\n", img.range.slice(src));
    if let Some(w) = &img.written {
        text.push_str(&format!("\nwritten `{w}`\n"));
    }
    text.push_str(&format!(
        "\n- registry: `{}`\n- repository: `{}`\n- tag: {}\n- digest: {}",
        img.registry.as_deref().unwrap_or("docker.io"),
        img.repository,
        img.tag
            .as_deref()
            .map_or("none (means `latest`)".to_owned(), |t| format!("`{t}`")),
        img.digest
            .as_deref()
            .map_or("none".to_owned(), |d| format!("`{d}`")),
    ));
    if let Some(url) = crate::handlers::document_link::image_url(&img) {
        text.push_str(&format!("\n\n[Open in the registry]({url})"));
    }
    Some((text, img.range))
}

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
    let offset = from_proto::offset(snap, pos);
    let mut parts = Vec::new();
    let mut range = None;
    match snap.kind {
        DocKind::Dockerfile => {
            if let Some((text, r)) =
                model_hover(snap, offset).or_else(|| syntax_hover(snap, offset))
            {
                parts.push(text);
                range = Some(snap.range(r));
            }
        }
        DocKind::Compose { .. } => {
            if let Some(a) = snap.compose()
                && let Some((text, r)) = crate::handlers::compose::hover(snap, a, offset)
            {
                parts.push(text);
                range = Some(r);
            }
        }
        DocKind::Daemon | DocKind::Seccomp | DocKind::Other => {}
    }
    let mut seen = Vec::new();
    for d in snap.findings() {
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
        range,
    })
}
