//! `textDocument/documentSymbol`: stages, their instructions, and the
//! variables ARG and ENV declare, as a hierarchy (or flat for old clients).

use dockward_analyzer::TextRange;
use dockward_analyzer::syntax::{Args, Dockerfile, Instruction, Keyword};
use ls_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, SymbolTag,
};

use crate::capabilities::ClientCaps;
use crate::document::{DocKind, Snapshot};

/// A one-line summary of an instruction's arguments.
pub(crate) fn detail(inst: &Instruction, src: &str) -> String {
    let rest = inst.rest_text(src);
    let mut one: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        one = one.chars().take(59).collect::<String>() + "…";
    }
    one
}

/// The stage name declared by a FROM (`FROM image AS name`).
pub(crate) fn stage_name<'a>(inst: &Instruction, src: &'a str) -> Option<(&'a str, TextRange)> {
    if inst.keyword != Keyword::From {
        return None;
    }
    let Args::Words(words) = &inst.args else {
        return None;
    };
    match words.as_slice() {
        [_, as_, name, ..] if as_.range.slice(src).eq_ignore_ascii_case("as") => {
            Some((name.range.slice(src), name.range))
        }
        _ => None,
    }
}

/// The stages of a file: the index range of the instructions of each
/// (FROM first), after the global instructions before the first FROM.
pub(crate) fn stages(df: &Dockerfile) -> (std::ops::Range<usize>, Vec<std::ops::Range<usize>>) {
    let froms: Vec<usize> = df
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.keyword == Keyword::From)
        .map(|(n, _)| n)
        .collect();
    let global = 0..froms.first().copied().unwrap_or(df.instructions.len());
    let stages = froms
        .iter()
        .enumerate()
        .map(|(k, &start)| start..froms.get(k + 1).copied().unwrap_or(df.instructions.len()))
        .collect();
    (global, stages)
}

#[allow(deprecated)] // DocumentSymbol::deprecated must be set to build the struct.
#[allow(clippy::too_many_arguments)]
fn symbol(
    snap: &Snapshot,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
    selection: TextRange,
    deprecated: bool,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "?".to_owned()
        } else {
            name
        },
        detail,
        kind,
        tags: deprecated.then(|| vec![SymbolTag::DEPRECATED]),
        deprecated: None,
        range: snap.range(range),
        selection_range: snap.range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}

/// The variable definitions of each instruction, from the model.
fn defs_by_instruction(snap: &Snapshot) -> Vec<Vec<usize>> {
    let model = &snap.analysis().model;
    let mut out = vec![Vec::new(); model.file.instructions.len()];
    for (d, def) in model.vars.defs.iter().enumerate() {
        if let Some(i) = def.instruction
            && let Some(slot) = out.get_mut(i)
            && !def.name_range.is_empty()
        {
            slot.push(d);
        }
    }
    out
}

fn instruction_symbol(
    snap: &Snapshot,
    defs: &[Vec<usize>],
    index: usize,
    inst: &Instruction,
) -> DocumentSymbol {
    let src = &*snap.text;
    let model = &snap.analysis().model;
    let vars = defs
        .get(index)
        .into_iter()
        .flatten()
        .map(|&d| {
            let def = &model.vars.defs[d];
            let value = def.value.clone().map(|v| format!("= {v}"));
            let r = def.name_range;
            symbol(
                snap,
                def.name.clone(),
                value,
                SymbolKind::VARIABLE,
                r,
                r,
                false,
                Vec::new(),
            )
        })
        .collect();
    let keyword = inst.keyword_text(src).to_ascii_uppercase();
    let detail = detail(inst, src);
    symbol(
        snap,
        keyword,
        (!detail.is_empty()).then_some(detail),
        SymbolKind::FUNCTION,
        inst.range,
        inst.keyword_range,
        inst.keyword == Keyword::Maintainer,
        vars,
    )
}

/// Above this many instructions the outline lists the stages only: an outline
/// of a generated 100,000-instruction file helps nobody, and its JSON would
/// run to tens of megabytes.
pub const MAX_INSTRUCTION_SYMBOLS: usize = 20_000;

/// The symbols of the file, hierarchical: directives, global instructions,
/// then one symbol per stage holding its instructions.
#[must_use]
pub fn hierarchy(snap: &Snapshot) -> Vec<DocumentSymbol> {
    let df = &snap.analysis().model.file;
    let src = &*snap.text;
    let detailed = df.instructions.len() <= MAX_INSTRUCTION_SYMBOLS;
    let defs = if detailed {
        defs_by_instruction(snap)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for d in &df.directives {
        out.push(symbol(
            snap,
            format!("# {}={}", d.name, d.value),
            None,
            SymbolKind::PROPERTY,
            d.range,
            d.name_range,
            false,
            Vec::new(),
        ));
    }
    let (global, stages) = stages(df);
    for (i, inst) in df
        .instructions
        .iter()
        .enumerate()
        .take(global.end)
        .filter(|_| detailed)
    {
        out.push(instruction_symbol(snap, &defs, i, inst));
    }
    for (n, stage) in stages.into_iter().enumerate() {
        let base = stage.start;
        let insts = &df.instructions[stage];
        let from = &insts[0];
        let last = insts.last().unwrap_or(from);
        let (name, selection) = match stage_name(from, src) {
            Some((name, range)) => (name.to_owned(), range),
            None => (format!("stage {n}"), from.keyword_range),
        };
        let children = if detailed {
            insts
                .iter()
                .enumerate()
                .map(|(k, i)| instruction_symbol(snap, &defs, base + k, i))
                .collect()
        } else {
            Vec::new()
        };
        let detail = detail(from, src);
        out.push(symbol(
            snap,
            name,
            Some(detail),
            SymbolKind::NAMESPACE,
            from.range.cover(last.range),
            selection,
            false,
            children,
        ));
    }
    out
}

#[allow(deprecated)] // SymbolInformation::deprecated must be set to build the struct.
fn flatten(
    snap: &Snapshot,
    syms: Vec<DocumentSymbol>,
    container: Option<&str>,
    out: &mut Vec<SymbolInformation>,
) {
    for s in syms {
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: s.tags.clone(),
            deprecated: None,
            location: Location::new(snap.uri.clone(), s.range),
            container_name: container.map(str::to_owned),
        });
        if let Some(children) = s.children {
            flatten(snap, children, Some(&s.name), out);
        }
    }
}

#[must_use]
pub fn document_symbol(snap: &Snapshot, caps: &ClientCaps) -> DocumentSymbolResponse {
    let syms = match snap.kind {
        DocKind::Dockerfile => hierarchy(snap),
        DocKind::Compose { .. } => snap
            .compose()
            .map(|a| crate::handlers::compose::symbols(snap, a))
            .unwrap_or_default(),
        DocKind::Daemon | DocKind::Seccomp | DocKind::Other => Vec::new(),
    };
    if caps.hierarchical_symbols {
        DocumentSymbolResponse::Nested(syms)
    } else {
        let mut flat = Vec::new();
        flatten(snap, syms, None, &mut flat);
        DocumentSymbolResponse::Flat(flat)
    }
}
