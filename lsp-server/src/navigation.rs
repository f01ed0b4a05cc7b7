//! The bridge from the semantic model to navigation features: which variable
//! or stage is at an offset, where it is defined and used, what an ARG in FROM
//! resolves to, and the parts of each base image reference.
//!
//! Everything here reads `dockward_analyzer::model`; scoping and resolution
//! (flow-sensitive, with BuildKit's global-ARG semantics) are the model's.

use dockward_analyzer::TextRange;
use dockward_analyzer::model::{Binding, Model, RefTarget, VarKind};
use dockward_analyzer::syntax::Keyword;

use crate::document::Snapshot;

/// What kind of symbol a [`Target`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// An ARG or ENV variable.
    Variable,
    /// A build stage name.
    Stage,
}

/// The symbol under the cursor, its definition and its uses.
#[derive(Clone, Debug)]
pub struct Target {
    pub kind: SymbolKind,
    pub name: String,
    /// The name's range at the cursor.
    pub at: TextRange,
    /// Where the symbol is declared (the name only).
    pub definition: Option<TextRange>,
    /// Every use resolved to that definition (the name only).
    pub uses: Vec<TextRange>,
    /// For a variable: the definition index in the model.
    pub def: Option<usize>,
    /// For a stage: its index.
    pub stage: Option<usize>,
}

/// The parts of an image reference written in FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageParts {
    pub range: TextRange,
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// The reference as written, when it differs from the resolved one.
    pub written: Option<String>,
    pub stage: usize,
}

fn variable(model: &Model, offset: usize) -> Option<Target> {
    let vars = &model.vars;
    let d = vars.def_at(offset)?;
    let def = &vars.defs[d];
    if def.kind == VarKind::Predefined && def.name_range.is_empty() {
        // No declaration in the file: still a symbol, with uses only.
    }
    let at = if def.name_range.contains_inclusive(offset) && !def.name_range.is_empty() {
        def.name_range
    } else {
        vars.uses
            .iter()
            .find(|u| {
                u.binding == Binding::Def(d)
                    && (u.name_range.contains_inclusive(offset) || u.range.contains(offset))
            })
            .map_or(def.name_range, |u| u.name_range)
    };
    Some(Target {
        kind: SymbolKind::Variable,
        name: def.name.clone(),
        at,
        definition: (!def.name_range.is_empty()).then_some(def.name_range),
        uses: vars.uses_of(d).map(|u| u.name_range).collect(),
        def: Some(d),
        stage: None,
    })
}

fn stage(model: &Model, offset: usize) -> Option<Target> {
    let src = model.src();
    let (index, at) = model
        .stages
        .iter()
        .find_map(|s| {
            let n = s.name.as_ref()?;
            n.range
                .contains_inclusive(offset)
                .then_some((s.index, n.range))
        })
        .or_else(|| {
            model.stage_refs.iter().find_map(|r| match r.target {
                RefTarget::Stage(i) if r.range.contains_inclusive(offset) => Some((i, r.range)),
                _ => None,
            })
        })?;
    let s = &model.stages[index];
    let name = s.name.as_ref()?;
    // Uses written as the plain name (not through a variable or an index).
    let uses = model
        .stage_refs
        .iter()
        .filter(|r| r.target == RefTarget::Stage(index))
        .filter(|r| r.range.slice(src).eq_ignore_ascii_case(&name.text))
        .map(|r| r.range)
        .collect();
    Some(Target {
        kind: SymbolKind::Stage,
        name: name.text.clone(),
        at,
        definition: Some(name.range),
        uses,
        def: None,
        stage: Some(index),
    })
}

/// The variable or stage at `offset`.
#[must_use]
pub fn symbol_at(snap: &Snapshot, offset: usize) -> Option<Target> {
    let model = &snap.analysis().model;
    variable(model, offset).or_else(|| stage(model, offset))
}

/// For a rename: the variable's whole family (a global ARG, the stage ARGs
/// that redeclare it, and all their uses), so the link survives.
#[must_use]
pub fn rename_ranges(snap: &Snapshot, target: &Target) -> Vec<TextRange> {
    let model = &snap.analysis().model;
    let mut out: Vec<TextRange> = target
        .definition
        .iter()
        .copied()
        .chain(target.uses.iter().copied())
        .collect();
    if let Some(d) = target.def {
        let defs = &model.vars.defs;
        let root = defs[d].global.unwrap_or(d);
        for (i, def) in defs.iter().enumerate() {
            if (i == root || def.global == Some(root)) && !def.name_range.is_empty() {
                out.push(def.name_range);
                out.extend(model.vars.uses_of(i).map(|u| u.name_range));
            }
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

/// Each variable use in a FROM line with the value it resolves to.
#[must_use]
pub fn from_arg_values(snap: &Snapshot) -> Vec<(TextRange, String)> {
    let model = &snap.analysis().model;
    model
        .vars
        .uses
        .iter()
        .filter(|u| model.is(u.instruction, Keyword::From))
        .filter_map(|u| match u.binding {
            Binding::Def(d) => Some((u.range, model.vars.defs[d].value.clone()?)),
            Binding::Unbound => None,
        })
        .collect()
}

/// The base image references of the file, split into parts.
#[must_use]
pub fn images(snap: &Snapshot) -> Vec<ImageParts> {
    let model = &snap.analysis().model;
    model
        .stages
        .iter()
        .filter_map(|s| {
            let b = &s.base;
            if b.scratch || b.stage.is_some() || !b.resolved {
                return None;
            }
            let img = b.image.as_ref()?;
            if !img.is_valid() {
                return None;
            }
            Some(ImageParts {
                range: b.range,
                registry: img.registry().map(str::to_owned),
                repository: img.path.text.clone(),
                tag: img.tag().map(str::to_owned),
                digest: img.digest().map(str::to_owned),
                written: (b.raw != b.expanded).then(|| b.raw.clone()),
                stage: s.index,
            })
        })
        .collect()
}
