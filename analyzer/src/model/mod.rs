//! The semantic model: stages, variables, the stage graph and the shell
//! inside RUN, built once per file from the syntax tree. Rules and the
//! language server read it; nothing here is rule-specific.
//!
//! BuildKit semantics it follows:
//! - ARGs before the first FROM are *global*: visible in FROM lines only,
//!   unless a stage redeclares them (`ARG NAME` takes the global default);
//! - ARG and ENV inside a stage are visible from the next instruction on; ENV
//!   wins over an ARG of the same name; a stage built `FROM` another stage
//!   inherits its ENV (not its ARGs);
//! - predefined platform ARGs (`TARGETPLATFORM`, `BUILDPLATFORM`, …) are
//!   global; proxy ARGs (`HTTP_PROXY`, …) are visible in RUN without a
//!   declaration;
//! - stage names are case-insensitive; `FROM name` refers to an earlier stage,
//!   `COPY --from` and `RUN --mount from=` to any stage by name or index.

mod nested;
mod offsets;
pub mod pragmas;
mod scripts;
mod shell_view;
mod stages;
mod vars;

pub(crate) use scripts::exec_form_shell_call;
pub use scripts::{MAX_NESTING, NestedInput, OffsetMap, Quoting, RunScript, ScriptSource};
pub use shell_view::{ShellApplicability, shell_view};
pub use stages::{BaseImage, RefTarget, Stage, StageName, StageRef, StageRefKind};
pub use vars::{
    Binding, PLATFORM_ARGS, PROXY_ARGS, UseContext, VarDef, VarKind, VarUse, Variables,
};

use crate::syntax::{Dockerfile, Instruction, Keyword, parse};
use crate::values::substitution::{Env, Lex, UnsetMode};

/// The analysed file.
#[derive(Debug)]
pub struct Model {
    pub file: Dockerfile,
    pub stages: Vec<Stage>,
    /// The stage of each instruction (`None` before the first FROM).
    pub instruction_stage: Vec<Option<u32>>,
    pub vars: Variables,
    /// Every reference from one stage to another stage or image.
    pub stage_refs: Vec<StageRef>,
    /// Stage indices on a dependency cycle, one list per cycle.
    pub cycles: Vec<Vec<usize>>,
    /// Suppression comments and the `check` directive.
    pub pragmas: pragmas::Pragmas,
    /// The parsed shell scripts of RUN instructions (POSIX shell only), in
    /// instruction order, each followed by the scripts nested in it
    /// (`sh -c '…'`, `bash <<EOF`).
    pub scripts: Vec<RunScript>,
}

impl Model {
    /// Parses `src` and builds the model.
    #[must_use]
    pub fn new(src: &str) -> Model {
        Model::from_syntax(parse(src))
    }

    /// Builds the model of a parsed file.
    #[must_use]
    pub fn from_syntax(file: Dockerfile) -> Model {
        Model::from_syntax_with_build_args(file, &[])
    }

    /// Parses `src` and builds the model as a build that passes these
    /// `--build-arg NAME=value` pairs (Compose's `build.args`) sees it: a
    /// declared ARG takes the passed value instead of its default; a name
    /// the Dockerfile does not declare changes nothing (as in BuildKit).
    #[must_use]
    pub fn with_build_args(src: &str, build_args: &[(String, String)]) -> Model {
        Model::from_syntax_with_build_args(parse(src), build_args)
    }

    /// [`Model::from_syntax`] with build args (see [`Model::with_build_args`]).
    #[must_use]
    pub fn from_syntax_with_build_args(file: Dockerfile, build_args: &[(String, String)]) -> Model {
        let mut model = Model {
            instruction_stage: Vec::with_capacity(file.instructions.len()),
            file,
            stages: Vec::new(),
            vars: Variables::default(),
            stage_refs: Vec::new(),
            cycles: Vec::new(),
            pragmas: pragmas::Pragmas::default(),
            scripts: Vec::new(),
        };
        stages::build(&mut model, build_args);
        model.pragmas = pragmas::collect(&model);
        model.scripts = scripts::build(&model);
        let directives = pragmas::shell_directives(&model);
        model.pragmas.pragmas.extend(directives);
        vars::shell_uses(&mut model);
        model
    }

    /// The source text.
    #[must_use]
    pub fn src(&self) -> &str {
        self.file.source()
    }

    /// The instructions.
    #[must_use]
    pub fn instructions(&self) -> &[Instruction] {
        &self.file.instructions
    }

    /// The index of the instruction whose range holds `offset`.
    #[must_use]
    pub fn instruction_at(&self, offset: usize) -> Option<u32> {
        let insts = &self.file.instructions;
        let idx = insts.partition_point(|i| i.range.start() <= offset);
        let i = idx.checked_sub(1)?;
        let inst = &insts[i];
        (offset <= inst.range.end()).then(|| u32::try_from(i).ok())?
    }

    /// The stage instruction `index` belongs to.
    #[must_use]
    pub fn stage_of(&self, index: usize) -> Option<&Stage> {
        self.instruction_stage
            .get(index)
            .copied()
            .flatten()
            .map(|s| &self.stages[s as usize])
    }

    /// The last stage: the default build target.
    #[must_use]
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stage named `name` (case-insensitive) or with index `name`.
    #[must_use]
    pub fn stage_by_name(&self, name: &str) -> Option<&Stage> {
        let lower = name.to_ascii_lowercase();
        self.stages
            .iter()
            .find(|s| s.name.as_ref().is_some_and(|n| n.lower == lower))
            .or_else(|| name.parse::<usize>().ok().and_then(|i| self.stages.get(i)))
    }

    /// The stages `stage` is built on, nearest first (its parent stage, the
    /// parent's parent…), stopping at an image. A parent is always an earlier
    /// stage, so the chain is finite.
    pub fn ancestors(&self, stage: usize) -> impl Iterator<Item = &Stage> {
        let mut current = self.stages.get(stage).and_then(|s| s.parent);
        let mut bound = stage;
        std::iter::from_fn(move || {
            let idx = current.filter(|&p| p < bound)?;
            bound = idx;
            let s = &self.stages[idx];
            current = s.parent;
            Some(s)
        })
    }

    /// The value of a variable as seen by instruction `index` (builder
    /// expansion: ENV over ARG, global ARGs in FROM lines).
    #[must_use]
    pub fn lookup(&self, index: usize, name: &str) -> Option<&VarDef> {
        self.vars.visible(self, index, name)
    }

    /// Expands `text` (instruction `index`'s argument text) the way the
    /// builder would, keeping unset references verbatim.
    #[must_use]
    pub fn expand(&self, index: usize, text: &str) -> String {
        let escape = self.file.escape.as_char();
        if !text.contains(['$', '\'', '"', escape]) {
            // Nothing to expand or unquote: the builder keeps the text.
            return text.to_owned();
        }
        let lex = Lex {
            unset: UnsetMode::KeepSymbolic,
            ..Lex::new(self.file.escape.as_char())
        };
        let env = ScopeEnv { model: self, index };
        match lex.process_word(text, &env) {
            Ok(e) => e.value,
            Err(_) => text.to_owned(),
        }
    }

    /// The SHELL in effect at instruction `index` (its instruction index and
    /// command), if any SHELL applies.
    #[must_use]
    pub fn shell_at(&self, index: usize) -> Option<(usize, Vec<String>)> {
        shell_view::shell_at(self, index)
    }

    /// True when the instruction is RUN/CMD/ENTRYPOINT-like and its shell
    /// text can be analysed as POSIX shell.
    #[must_use]
    pub fn shell_applicability(&self, index: usize) -> ShellApplicability {
        shell_view::applicability(self, index)
    }

    /// The scripts instruction `index` runs (empty unless it is a RUN in
    /// POSIX shell).
    #[must_use]
    pub fn scripts_of(&self, index: usize) -> &[RunScript] {
        let start = self.scripts.partition_point(|s| s.instruction < index);
        let end = self.scripts.partition_point(|s| s.instruction <= index);
        &self.scripts[start..end]
    }

    /// Whether instruction `index` is `keyword` (looking through nothing).
    #[must_use]
    pub fn is(&self, index: usize, keyword: Keyword) -> bool {
        self.file
            .instructions
            .get(index)
            .is_some_and(|i| i.keyword == keyword)
    }
}

/// The builder's variable scope at one instruction, as an [`Env`].
pub struct ScopeEnv<'m> {
    pub model: &'m Model,
    pub index: usize,
}

impl Env for ScopeEnv<'_> {
    fn lookup(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        let def = self.model.lookup(self.index, name)?;
        def.value.as_deref().map(std::borrow::Cow::Borrowed)
    }
}
#[cfg(test)]
mod tests;
