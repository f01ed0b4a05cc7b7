//! Stages and the walk that builds the model: one pass over the
//! instructions, tracking variable scopes, per-stage state and references
//! between stages.

use std::collections::HashMap;

use super::Model;
use super::vars::{
    Binding, PLATFORM_ARGS, PROXY_ARGS, UseContext, VarDef, VarKind, VarUse, proxy_arg,
};
use crate::TextRange;
use crate::syntax::{Args, Instruction, Keyword, Span};
use crate::values::image_ref::{ImageRef, parse_image_ref};
use crate::values::substitution::{Env, Lex, Op, UnsetMode, references};

/// `FROM … AS name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageName {
    /// As written.
    pub text: String,
    /// Lower-cased, as BuildKit matches it.
    pub lower: String,
    pub range: TextRange,
}

/// What a stage is built on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseImage {
    /// The image word as written.
    pub raw: String,
    pub range: TextRange,
    /// After expanding global ARGs with their defaults; unset references are
    /// kept verbatim.
    pub expanded: String,
    /// True when no variable reference is left after expansion.
    pub resolved: bool,
    /// The earlier stage it names, if any.
    pub stage: Option<usize>,
    /// `scratch` (the empty image).
    pub scratch: bool,
    /// The expanded reference parsed as an image (`None` when it names a
    /// stage). Its spans are offsets into `expanded`, not into the file.
    pub image: Option<ImageRef>,
}

/// One build stage: a FROM and the instructions up to the next FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub index: usize,
    /// The FROM instruction.
    pub from: usize,
    /// Instruction indices of the stage, FROM included.
    pub instructions: std::ops::Range<usize>,
    pub name: Option<StageName>,
    pub base: BaseImage,
    /// `--platform` as written, and expanded.
    pub platform: Option<(TextRange, String)>,
    /// The stage it is built on (`FROM <stage>`).
    pub parent: Option<usize>,
    /// The last USER of the stage (instruction index and expanded value),
    /// inherited from the parent stage when the stage sets none.
    pub user: Option<(usize, String)>,
    /// True when `user` comes from a parent stage.
    pub user_inherited: bool,
    /// The last WORKDIR (instruction index and expanded value), inherited.
    pub workdir: Option<(usize, String)>,
    /// The effective SHELL (instruction index and its command), inherited.
    pub shell: Option<(usize, Vec<String>)>,
    /// The stage's own HEALTHCHECK, or an inherited one.
    pub healthcheck: Option<usize>,
    pub cmd: Option<usize>,
    pub entrypoint: Option<usize>,
    /// The stages built on this one (`FROM <this stage>`), in file order.
    pub children: Vec<usize>,
}

impl Stage {
    /// The display name: its `AS` name, or its index.
    #[must_use]
    pub fn label(&self) -> String {
        self.name
            .as_ref()
            .map_or_else(|| self.index.to_string(), |n| n.text.clone())
    }
}

/// How a stage refers to another stage or an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StageRefKind {
    /// `FROM <name>`.
    FromBase,
    /// `COPY --from=<name>`.
    CopyFrom,
    /// `RUN --mount=…,from=<name>`.
    MountFrom,
}

/// What a reference resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefTarget {
    Stage(usize),
    /// The stage refers to itself.
    SelfStage,
    /// A numeric index with no such stage (or not an earlier one).
    BadIndex,
    /// Not a stage: an image.
    Image,
}

/// A reference from a stage to another stage or an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRef {
    pub kind: StageRefKind,
    pub instruction: usize,
    /// The referring stage.
    pub stage: usize,
    /// The name as written (for `--from`, the flag's value).
    pub range: TextRange,
    /// The expanded name.
    pub name: String,
    pub target: RefTarget,
}

pub(super) fn build(model: &mut Model, build_args: &[(String, String)]) {
    let mut b = Builder {
        build_args: build_args.iter().cloned().collect(),
        lex: Lex {
            unset: UnsetMode::KeepSymbolic,
            ..Lex::new(model.file.escape.as_char())
        },
        defs: Vec::new(),
        uses: Vec::new(),
        globals: HashMap::new(),
        stage_args: HashMap::new(),
        stage_env: HashMap::new(),
        stage_env_final: Vec::new(),
        stage_by_name: HashMap::new(),
    };
    for name in PLATFORM_ARGS.iter().chain(PROXY_ARGS.iter()) {
        let idx = b.defs.len();
        b.defs.push(VarDef {
            name: (*name).to_owned(),
            kind: VarKind::Predefined,
            instruction: None,
            name_range: TextRange::default(),
            value: None,
            value_range: None,
            stage: None,
            global: None,
        });
        if PLATFORM_ARGS.contains(name) {
            b.globals.insert((*name).to_owned(), idx);
        }
    }
    debug_assert!(
        PROXY_ARGS
            .iter()
            .all(|p| proxy_arg(p).is_some_and(|i| b.defs[i].name == *p))
    );
    let src = model.file.source.clone();
    let src = src.as_str();
    let insts = std::mem::take(&mut model.file.instructions);
    let mut stages: Vec<Stage> = Vec::new();
    let mut instruction_stage = Vec::with_capacity(insts.len());
    let mut pending_refs: Vec<StageRef> = Vec::new();

    for (i, inst) in insts.iter().enumerate() {
        if inst.keyword == Keyword::From {
            if let Some(last) = stages.last_mut() {
                last.instructions.end = i;
            }
            let stage = b.from(i, inst, src, &stages, &mut pending_refs);
            if let Some(p) = stage.parent {
                let child = stages.len();
                stages[p].children.push(child);
            }
            stages.push(stage);
        }
        let current = stages.len().checked_sub(1);
        #[allow(clippy::cast_possible_truncation)]
        instruction_stage.push(current.map(|s| s as u32));
        match current {
            None => b.global_instruction(i, inst, src),
            Some(s) => b.stage_instruction(i, inst, src, s, &mut stages, &mut pending_refs),
        }
    }
    if let Some(last) = stages.last_mut() {
        last.instructions.end = insts.len();
    }
    model.file.instructions = insts;

    // Resolve `--from` references now that every stage name is known.
    let by_name = stage_names(&stages);
    for r in &mut pending_refs {
        if r.kind != StageRefKind::FromBase {
            r.target = resolve_stage_ref(&by_name, r.stage, &r.name);
        }
    }
    model.cycles = find_cycles(&stages, &pending_refs);
    model.stage_refs = pending_refs;
    model.stages = stages;
    model.instruction_stage = instruction_stage;
    model.vars.defs = b.defs;
    model.vars.index_defs();
    model.vars.uses = b.uses;
}

/// Stage names (lower case) to the first stage with that name.
fn stage_names(stages: &[Stage]) -> HashMap<&str, usize> {
    let mut map = HashMap::with_capacity(stages.len());
    for s in stages {
        if let Some(n) = &s.name {
            map.entry(n.lower.as_str()).or_insert(s.index);
        }
    }
    map
}

fn resolve_stage_ref(by_name: &HashMap<&str, usize>, from: usize, name: &str) -> RefTarget {
    let lower = name.to_ascii_lowercase();
    if let Some(&index) = by_name.get(lower.as_str()) {
        return if index == from {
            RefTarget::SelfStage
        } else {
            RefTarget::Stage(index)
        };
    }
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        return match name.parse::<usize>() {
            Ok(i) if i < from => RefTarget::Stage(i),
            Ok(i) if i == from => RefTarget::SelfStage,
            _ => RefTarget::BadIndex,
        };
    }
    RefTarget::Image
}

/// Stage cycles through COPY --from / mount from / FROM edges (iterative DFS).
fn find_cycles(stages: &[Stage], refs: &[StageRef]) -> Vec<Vec<usize>> {
    let n = stages.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for r in refs {
        if let RefTarget::Stage(t) = r.target
            && !edges[r.stage].contains(&t)
        {
            edges[r.stage].push(t);
        }
    }
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state = vec![0u8; n];
    let mut cycles = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&t) = edges[node].get(*next) {
                *next += 1;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => {
                        let pos = stack.iter().position(|&(s, _)| s == t).unwrap_or(0);
                        cycles.push(stack[pos..].iter().map(|&(s, _)| s).collect());
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    cycles
}

struct Builder {
    lex: Lex,
    /// `--build-arg` values: they replace the default of a declared ARG.
    build_args: HashMap<String, String>,
    defs: Vec<VarDef>,
    uses: Vec<VarUse>,
    /// Global ARGs (and platform args) by name.
    globals: HashMap<String, usize>,
    /// The current stage's ARGs and ENVs by name.
    stage_args: HashMap<String, usize>,
    stage_env: HashMap<String, usize>,
    /// Each finished stage's ENV scope, for stages built on it.
    stage_env_final: Vec<HashMap<String, usize>>,
    /// Stage names (lower case) seen so far.
    stage_by_name: HashMap<String, usize>,
}

/// The builder's scope while walking: globals in FROM/global ARGs, else the
/// stage's ENV then ARG.
struct WalkEnv<'a> {
    b: &'a Builder,
    global: bool,
}

impl WalkEnv<'_> {
    fn def(&self, name: &str) -> Option<usize> {
        if self.global {
            self.b.globals.get(name).copied()
        } else {
            self.b
                .stage_env
                .get(name)
                .or_else(|| self.b.stage_args.get(name))
                .copied()
        }
    }
}

impl Env for WalkEnv<'_> {
    fn lookup(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        let def = self.def(name)?;
        self.b.defs[def]
            .value
            .as_deref()
            .map(std::borrow::Cow::Borrowed)
    }
}

impl Builder {
    fn expand(&self, text: &str, global: bool) -> String {
        let env = WalkEnv { b: self, global };
        match self.lex.process_word(text, &env) {
            Ok(e) => e.value,
            Err(_) => text.to_owned(),
        }
    }

    /// Records the uses in `span`'s text of instruction `index`.
    fn uses_in(
        &mut self,
        index: usize,
        inst: &Instruction,
        src: &str,
        span: Span,
        context: UseContext,
        global: bool,
    ) {
        let text = span.text(inst, src);
        if !text.contains('$') {
            return;
        }
        let base = span.logical.0 as usize;
        let escape = self.lex.escape;
        let found: Vec<_> = references(text, base, escape)
            .map(|u| {
                (
                    u.name.to_owned(),
                    u.name_span,
                    u.span,
                    matches!(
                        u.op,
                        Some(Op::Default { .. } | Op::Alternative { .. } | Op::Required { .. })
                    ),
                )
            })
            .collect();
        for (name, name_span, whole, guarded) in found {
            if name.is_empty() {
                continue;
            }
            let env = WalkEnv { b: self, global };
            let mut binding = env.def(&name).map_or(Binding::Unbound, Binding::Def);
            if binding == Binding::Unbound
                && context == UseContext::Shell
                && let Some(i) = proxy_arg(&name)
            {
                binding = Binding::Def(i);
            }
            self.uses.push(VarUse {
                name,
                name_range: inst.logical.map_range(name_span.start(), name_span.end()),
                range: inst.logical.map_range(whole.start(), whole.end()),
                instruction: index,
                context,
                binding,
                guarded,
            });
        }
    }

    fn global_instruction(&mut self, index: usize, inst: &Instruction, src: &str) {
        if inst.keyword == Keyword::Arg {
            self.args(index, inst, src, None);
        }
    }

    /// ARG words: `NAME` or `NAME=value`.
    fn args(&mut self, index: usize, inst: &Instruction, src: &str, stage: Option<usize>) {
        let Args::Words(words) = &inst.args else {
            return;
        };
        let global = stage.is_none();
        for w in words {
            let text = w.text(inst, src);
            let (name, value) = match text.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (text, None),
            };
            if name.is_empty() {
                continue;
            }
            let name_len = name.len();
            let value_span = value.map(|v| {
                let start = w.logical.1 as usize - v.len();
                Span {
                    logical: (start as u32, w.logical.1),
                    range: inst.logical.map_range(start, w.logical.1 as usize),
                }
            });
            if let Some(vs) = value_span {
                self.uses_in(index, inst, src, vs, UseContext::Builder, global);
            }
            let global_link = if !global && value.is_none() {
                self.globals.get(name).copied()
            } else {
                None
            };
            // A passed build arg wins over the written default (and over the
            // global default an `ARG NAME` inside a stage would take).
            let value = if let Some(passed) = self.build_args.get(name) {
                Some(passed.clone())
            } else if let Some(v) = value {
                Some(self.expand(v, global))
            } else {
                global_link.and_then(|g| self.defs[g].value.clone())
            };
            let idx = self.defs.len();
            self.defs.push(VarDef {
                name: name.to_owned(),
                kind: VarKind::Arg,
                instruction: Some(index),
                name_range: inst
                    .logical
                    .map_range(w.logical.0 as usize, w.logical.0 as usize + name_len),
                value,
                value_range: value_span.map(|s| s.range),
                stage,
                global: global_link,
            });
            if global {
                self.globals.insert(name.to_owned(), idx);
            } else {
                self.stage_args.insert(name.to_owned(), idx);
            }
        }
    }

    fn from(
        &mut self,
        index: usize,
        inst: &Instruction,
        src: &str,
        stages: &[Stage],
        refs: &mut Vec<StageRef>,
    ) -> Stage {
        // Close the previous stage's ENV scope.
        if !stages.is_empty() {
            self.stage_env_final
                .push(std::mem::take(&mut self.stage_env));
        }
        self.stage_args.clear();
        let stage_index = stages.len();
        let words: &[Span] = match &inst.args {
            Args::Words(w) => w,
            _ => &[],
        };
        for w in words.iter().take(1) {
            self.uses_in(index, inst, src, *w, UseContext::Builder, true);
        }
        let platform = inst.flag("platform").map(|f| {
            let span = Span {
                logical: f.logical,
                range: f.range,
            };
            self.uses_in(index, inst, src, span, UseContext::Builder, true);
            (f.range, self.expand(f.value().unwrap_or(""), true))
        });
        let (raw, range) = words.first().map_or_else(
            || (String::new(), TextRange::empty(inst.header_range.end())),
            |w| (w.text(inst, src).to_owned(), w.range),
        );
        let expanded = self.expand(&raw, true);
        let resolved = !expanded.contains('$');
        let lower = expanded.to_ascii_lowercase();
        let parent = self.stage_by_name.get(&lower).copied();
        if let Some(p) = parent {
            refs.push(StageRef {
                kind: StageRefKind::FromBase,
                instruction: index,
                stage: stage_index,
                range,
                name: expanded.clone(),
                target: RefTarget::Stage(p),
            });
            // ENV is inherited from the parent stage.
            self.stage_env = self.stage_env_final.get(p).cloned().unwrap_or_default();
        }
        let name = match words {
            [_, as_kw, name] if as_kw.text(inst, src).eq_ignore_ascii_case("as") => {
                let text = name.text(inst, src).to_owned();
                self.stage_by_name
                    .entry(text.to_ascii_lowercase())
                    .or_insert(stage_index);
                Some(StageName {
                    lower: text.to_ascii_lowercase(),
                    text,
                    range: name.range,
                })
            }
            _ => None,
        };
        let inherit = |f: fn(&Stage) -> Option<(usize, String)>| parent.and_then(|p| f(&stages[p]));
        let user = inherit(|s| s.user.clone());
        Stage {
            index: stage_index,
            from: index,
            instructions: index..index + 1,
            name,
            base: BaseImage {
                scratch: parent.is_none() && expanded.eq_ignore_ascii_case("scratch"),
                image: parent
                    .is_none()
                    .then(|| parse_image_ref(&expanded, 0, self.lex.escape)),
                raw,
                range,
                expanded,
                resolved,
                stage: parent,
            },
            platform,
            parent,
            user_inherited: user.is_some(),
            user,
            workdir: inherit(|s| s.workdir.clone()),
            shell: parent.and_then(|p| stages[p].shell.clone()),
            healthcheck: parent.and_then(|p| stages[p].healthcheck),
            cmd: parent.and_then(|p| stages[p].cmd),
            entrypoint: parent.and_then(|p| stages[p].entrypoint),
            children: Vec::new(),
        }
    }

    #[allow(clippy::too_many_lines)]
    fn stage_instruction(
        &mut self,
        index: usize,
        inst: &Instruction,
        src: &str,
        s: usize,
        stages: &mut [Stage],
        refs: &mut Vec<StageRef>,
    ) {
        let builder = UseContext::Builder;
        match inst.keyword {
            Keyword::From => {}
            Keyword::Arg => self.args(index, inst, src, Some(s)),
            Keyword::Env => {
                let Args::KeyValues(pairs) = &inst.args else {
                    return;
                };
                // Every value sees the scope from before the instruction.
                let mut new_defs = Vec::with_capacity(pairs.len());
                for p in pairs {
                    self.uses_in(index, inst, src, p.value, builder, false);
                    let value = self.expand(p.value.text(inst, src), false);
                    new_defs.push(VarDef {
                        name: p.key.text(inst, src).to_owned(),
                        kind: VarKind::Env,
                        instruction: Some(index),
                        name_range: p.key.range,
                        value: Some(value),
                        value_range: Some(p.value.range),
                        stage: Some(s),
                        global: None,
                    });
                }
                for d in new_defs {
                    let name = d.name.clone();
                    self.stage_env.insert(name, self.defs.len());
                    self.defs.push(d);
                }
            }
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => {
                // RUN's shell uses come from its parsed script (`shell_uses`).
                if inst.keyword != Keyword::Run
                    && let Args::Text(span) = &inst.args
                {
                    self.uses_in(index, inst, src, *span, UseContext::Shell, false);
                }
                if inst.keyword == Keyword::Run {
                    for flag in &inst.flags {
                        let span = Span {
                            logical: flag.logical,
                            range: flag.range,
                        };
                        self.uses_in(index, inst, src, span, builder, false);
                        if flag.name() == "mount"
                            && let Some(from) = mount_from(flag.value().unwrap_or(""))
                        {
                            let name = self.expand(&from, false);
                            refs.push(StageRef {
                                kind: StageRefKind::MountFrom,
                                instruction: index,
                                stage: s,
                                range: flag.range,
                                name,
                                target: RefTarget::Image,
                            });
                        }
                    }
                }
                match inst.keyword {
                    Keyword::Cmd => stages[s].cmd = Some(index),
                    Keyword::Entrypoint => stages[s].entrypoint = Some(index),
                    _ => {}
                }
            }
            Keyword::Healthcheck => {
                stages[s].healthcheck = Some(index);
            }
            Keyword::Add | Keyword::Copy => {
                for flag in &inst.flags {
                    let span = Span {
                        logical: flag.logical,
                        range: flag.range,
                    };
                    self.uses_in(index, inst, src, span, builder, false);
                    if flag.name() == "from" && inst.keyword == Keyword::Copy {
                        let value = flag.value().unwrap_or("");
                        let name = self.expand(value, false);
                        refs.push(StageRef {
                            kind: StageRefKind::CopyFrom,
                            instruction: index,
                            stage: s,
                            range: flag.value_range(src),
                            name,
                            target: RefTarget::Image,
                        });
                    }
                }
                self.words_uses(index, inst, src);
            }
            Keyword::User => {
                self.words_uses(index, inst, src);
                if let Args::Text(span) = &inst.args {
                    let value = self.expand(span.text(inst, src), false);
                    stages[s].user = Some((index, value));
                    stages[s].user_inherited = false;
                }
            }
            Keyword::Workdir => {
                self.words_uses(index, inst, src);
                if let Args::Text(span) = &inst.args {
                    let value = self.expand(span.text(inst, src), false);
                    let joined = match &stages[s].workdir {
                        Some((_, prev)) if !value.starts_with('/') && !value.starts_with('$') => {
                            format!("{}/{value}", prev.trim_end_matches('/'))
                        }
                        _ => value,
                    };
                    stages[s].workdir = Some((index, joined));
                }
            }
            Keyword::Shell => {
                if let Args::Json(array) = &inst.args {
                    stages[s].shell =
                        Some((index, array.items.iter().map(|i| i.value.clone()).collect()));
                }
            }
            Keyword::Expose | Keyword::Label | Keyword::Stopsignal | Keyword::Volume => {
                self.words_uses(index, inst, src);
            }
            Keyword::Maintainer | Keyword::Onbuild | Keyword::Unknown => {}
        }
    }

    /// Builder uses in an instruction's arguments.
    fn words_uses(&mut self, index: usize, inst: &Instruction, src: &str) {
        let builder = UseContext::Builder;
        match &inst.args {
            Args::Text(span) => self.uses_in(index, inst, src, *span, builder, false),
            Args::Words(words) => {
                for w in words {
                    self.uses_in(index, inst, src, *w, builder, false);
                }
            }
            Args::KeyValues(pairs) => {
                for p in pairs {
                    self.uses_in(index, inst, src, p.key, builder, false);
                    self.uses_in(index, inst, src, p.value, builder, false);
                }
            }
            Args::Json(array) => {
                for item in &array.items {
                    if item.range.len() < 2 {
                        continue;
                    }
                    let inner = TextRange::new(item.range.start() + 1, item.range.end() - 1);
                    if let Some(start) = inst.logical.logical_offset(inner.start()) {
                        #[allow(clippy::cast_possible_truncation)]
                        let span = Span {
                            logical: (start as u32, (start + inner.len()) as u32),
                            range: inner,
                        };
                        if (span.logical.1 as usize) <= inst.logical.len() {
                            self.uses_in(index, inst, src, span, builder, false);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The `from=` value of a `--mount` spec, if any.
fn mount_from(spec: &str) -> Option<String> {
    spec.split(',').find_map(|field| {
        let (k, v) = field.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("from")
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}
