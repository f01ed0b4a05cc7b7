//! Variable definitions (ARG, ENV, predefined build args) and every use, each
//! bound to the definition it sees.

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
            let binding = match model.vars.visible(model, run.instruction, name) {
                Some(d) => Binding::Def(
                    model
                        .vars
                        .defs
                        .iter()
                        .position(|x| std::ptr::eq(x, d))
                        .unwrap_or(usize::MAX),
                ),
                None => model
                    .vars
                    .defs
                    .iter()
                    .position(|d| {
                        d.kind == VarKind::Predefined
                            && d.name == name
                            && PROXY_ARGS.contains(&name)
                    })
                    .map_or(Binding::Unbound, Binding::Def),
            };
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

impl Variables {
    /// The definition of `name` visible to instruction `index`.
    #[must_use]
    pub fn visible<'m>(&'m self, model: &'m Model, index: usize, name: &str) -> Option<&'m VarDef> {
        let stage = model.instruction_stage.get(index).copied().flatten();
        let in_from = model.is(index, Keyword::From);
        if stage.is_none() || in_from {
            return self.global_before(index, name);
        }
        let stage = stage.map(|s| s as usize)?;
        self.in_stage_before(model, stage, Some(index), name)
    }

    /// A global ARG (or predefined platform arg) defined before `index`.
    fn global_before(&self, index: usize, name: &str) -> Option<&VarDef> {
        self.defs
            .iter()
            .rev()
            .filter(|d| d.stage.is_none() && d.name == name)
            .find(|d| match d.instruction {
                Some(i) => i < index,
                None => d.kind == VarKind::Predefined && PLATFORM_ARGS.contains(&name),
            })
    }

    /// The definition visible in `stage` before instruction `before` (`None`:
    /// at the end of the stage): ENV first, then ARG, then ENV inherited from
    /// the parent stages.
    pub(crate) fn in_stage_before(
        &self,
        model: &Model,
        stage: usize,
        before: Option<usize>,
        name: &str,
    ) -> Option<&VarDef> {
        let in_scope = |d: &&VarDef, s: usize, limit: Option<usize>| {
            d.stage == Some(s)
                && d.name == name
                && match (d.instruction, limit) {
                    (Some(i), Some(l)) => i < l,
                    (Some(_), None) => true,
                    (None, _) => false,
                }
        };
        let own = |kind: VarKind| {
            self.defs
                .iter()
                .rev()
                .filter(|d| d.kind == kind)
                .find(|d| in_scope(d, stage, before))
        };
        if let Some(d) = own(VarKind::Env) {
            return Some(d);
        }
        if let Some(d) = own(VarKind::Arg) {
            return Some(d);
        }
        for ancestor in model.ancestors(stage) {
            if let Some(d) = self
                .defs
                .iter()
                .rev()
                .filter(|d| d.kind == VarKind::Env)
                .find(|d| in_scope(d, ancestor.index, None))
            {
                return Some(d);
            }
        }
        None
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
