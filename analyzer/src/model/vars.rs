//! Variable definitions (ARG, ENV, predefined build args) and every use, each
//! bound to the definition it sees.

use std::collections::HashMap;

use crate::TextRange;

use super::Model;
use crate::syntax::Keyword;

/// Where a variable comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarKind {
    Arg,
    Env,
    /// A build arg BuildKit defines without a declaration (platform args,
    /// proxy args).
    Predefined,
}

/// A definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarDef {
    pub name: String,
    pub kind: VarKind,
    /// The defining instruction (`None` for predefined args).
    pub instruction: Option<usize>,
    /// The name as written (empty range for predefined args).
    pub name_range: TextRange,
    /// The value after builder expansion (unset references kept verbatim);
    /// `None` for an ARG without a default (and no global default).
    pub value: Option<String>,
    /// The value as written.
    pub value_range: Option<TextRange>,
    /// The stage (`None`: global, before the first FROM).
    pub stage: Option<usize>,
    /// For `ARG NAME` inside a stage that redeclares a global ARG: the global.
    pub global: Option<usize>,
}

/// How a use is expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UseContext {
    /// Expanded by the builder (FROM, COPY, ENV, WORKDIR, …).
    Builder,
    /// Shell text run at build time (RUN, shell-form CMD…): the shell
    /// expands it, with ARG/ENV in its environment.
    Shell,
}

/// What a use refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Binding {
    Def(usize),
    /// No definition is visible.
    Unbound,
}

/// A `$NAME` / `${NAME…}` reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarUse {
    pub name: String,
    pub name_range: TextRange,
    /// The whole reference.
    pub range: TextRange,
    pub instruction: usize,
    pub context: UseContext,
    pub binding: Binding,
    /// `${NAME-…}`, `${NAME:-…}`, `${NAME+…}`, `${NAME?…}`: the reference
    /// handles an unset variable itself.
    pub guarded: bool,
}

/// Every definition and use in the file.
#[derive(Clone, Debug, Default)]
pub struct Variables {
    pub defs: Vec<VarDef>,
    pub uses: Vec<VarUse>,
    /// `defs` by name, for `visible`.
    by_name: HashMap<String, NameDefs>,
}

/// Build args BuildKit defines for every build.
pub const PLATFORM_ARGS: [&str; 8] = [
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// Proxy build args, passed to RUN without a declaration.
pub const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The predefined proxy build arg `name` (defined first, after the platform
/// args, in `stages::build`).
pub(super) fn proxy_arg(name: &str) -> Option<usize> {
    PROXY_ARGS
        .iter()
        .position(|p| *p == name)
        .map(|i| PLATFORM_ARGS.len() + i)
}

/// Adds the `$NAME` uses in RUN scripts, bound to what the shell sees at run
/// time: the stage's ENV and ARGs, and the proxy build args.
pub(super) fn shell_uses(model: &mut Model) {
    use crate::shell::{Visitor, WordPart};

    struct Params<'a> {
        src: &'a str,
        out: Vec<(TextRange, TextRange, bool)>,
    }
    impl Params<'_> {
        fn parts(&mut self, parts: &[WordPart]) {
            for part in parts {
                match part {
                    WordPart::Param(p) => {
                        let after = &self.src[p.name.end()..p.span.end()];
                        let guarded = p.braced
                            && ["-", ":-", "+", ":+", "?", ":?", "=", ":="]
                                .iter()
                                .any(|op| after.starts_with(op));
                        self.out.push((p.span, p.name, guarded));
                        self.parts(&p.parts);
                    }
                    WordPart::DoubleQuoted(d) => self.parts(&d.parts),
                    WordPart::Arith(a) => self.parts(&a.parts),
                    _ => {}
                }
            }
        }
    }
    impl<'a> Visitor<'a> for Params<'_> {
        fn word(&mut self, word: &'a crate::shell::Word, _scope: crate::shell::Scope<'a>) {
            self.parts(&word.parts);
        }
    }

    let mut uses = Vec::new();
    for run in &model.scripts {
        let mut v = Params {
            src: &run.text,
            out: Vec::new(),
        };
        run.script.walk(&mut v);
        for (span, name_span, guarded) in v.out {
            let name = name_span.slice(&run.text);
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                continue;
            }
            let binding = model
                .vars
                .visible_index(model, run.instruction, name)
                .or_else(|| proxy_arg(name))
                .map_or(Binding::Unbound, Binding::Def);
            uses.push(VarUse {
                name: name.to_owned(),
                name_range: run.file_range(name_span),
                range: run.file_range(span),
                instruction: run.instruction,
                context: UseContext::Shell,
                binding,
                guarded,
            });
        }
    }
    model.vars.uses.extend(uses);
    model
        .vars
        .uses
        .sort_by_key(|u| (u.range.start, u.range.end));
}

/// Definitions of one name, each list in file order (so sorted by stage,
/// then instruction): what `Variables::visible` binary-searches.
#[derive(Clone, Debug, Default)]
struct NameDefs {
    /// Global ARGs (before the first FROM).
    global: Vec<usize>,
    /// ARGs inside stages.
    stage_arg: Vec<usize>,
    /// ENVs (always inside stages).
    stage_env: Vec<usize>,
    /// The predefined platform arg of this name.
    platform: Option<usize>,
}

impl Variables {
    /// Indexes the definitions by name; called once they are all known.
    pub(super) fn index_defs(&mut self) {
        let mut by_name: HashMap<String, NameDefs> = HashMap::new();
        for (i, d) in self.defs.iter().enumerate() {
            let entry = by_name.entry(d.name.clone()).or_default();
            match (d.kind, d.stage) {
                (VarKind::Predefined, _) => {
                    if PLATFORM_ARGS.contains(&d.name.as_str()) {
                        entry.platform = Some(i);
                    }
                }
                (VarKind::Arg, None) => entry.global.push(i),
                (VarKind::Arg, Some(_)) => entry.stage_arg.push(i),
                (VarKind::Env, _) => entry.stage_env.push(i),
            }
        }
        self.by_name = by_name;
    }

    /// The definition of `name` visible to instruction `index`.
    #[must_use]
    pub fn visible<'m>(&'m self, model: &'m Model, index: usize, name: &str) -> Option<&'m VarDef> {
        self.visible_index(model, index, name)
            .map(|i| &self.defs[i])
    }

    /// The index of the definition of `name` visible to instruction `index`.
    #[must_use]
    pub fn visible_index(&self, model: &Model, index: usize, name: &str) -> Option<usize> {
        let defs = self.by_name.get(name)?;
        let stage = model.instruction_stage.get(index).copied().flatten();
        if stage.is_none() || model.is(index, Keyword::From) {
            // A global ARG before `index`, else the predefined platform arg.
            return self
                .last_before(&defs.global, None, index)
                .or(defs.platform);
        }
        let stage = stage.map(|s| s as usize)?;
        self.in_stage_before(model, defs, stage, Some(index))
    }

    /// The definition visible in `stage` before instruction `before` (`None`:
    /// at the end of the stage): ENV first, then ARG, then ENV inherited from
    /// the parent stages.
    fn in_stage_before(
        &self,
        model: &Model,
        defs: &NameDefs,
        stage: usize,
        before: Option<usize>,
    ) -> Option<usize> {
        let before = before.unwrap_or(usize::MAX);
        if let Some(d) = self.last_before(&defs.stage_env, Some(stage), before) {
            return Some(d);
        }
        if let Some(d) = self.last_before(&defs.stage_arg, Some(stage), before) {
            return Some(d);
        }
        if defs.stage_env.is_empty() {
            return None;
        }
        model
            .ancestors(stage)
            .find_map(|a| self.last_before(&defs.stage_env, Some(a.index), usize::MAX))
    }

    /// The last definition in `list` (sorted by stage, then instruction) that
    /// sits in `stage` before instruction `before`.
    fn last_before(&self, list: &[usize], stage: Option<usize>, before: usize) -> Option<usize> {
        let key = |i: usize| {
            let d = &self.defs[i];
            (d.stage, d.instruction.unwrap_or(0))
        };
        let end = list.partition_point(|&i| key(i) < (stage, before));
        let last = *list.get(end.checked_sub(1)?)?;
        (self.defs[last].stage == stage).then_some(last)
    }

    /// The uses bound to definition `def`.
    pub fn uses_of(&self, def: usize) -> impl Iterator<Item = &VarUse> {
        self.uses
            .iter()
            .filter(move |u| u.binding == Binding::Def(def))
    }

    /// The definition whose name or a use of which covers `offset`.
    #[must_use]
    pub fn def_at(&self, offset: usize) -> Option<usize> {
        if let Some(i) = self
            .defs
            .iter()
            .position(|d| !d.name_range.is_empty() && d.name_range.contains_inclusive(offset))
        {
            return Some(i);
        }
        self.uses
            .iter()
            .find(|u| u.name_range.contains_inclusive(offset) || u.range.contains(offset))
            .and_then(|u| match u.binding {
                Binding::Def(d) => Some(d),
                Binding::Unbound => None,
            })
    }
}
