//! The context a rule runs in: the model, the options, and where findings go.
//!
//! [`Checker`] is generic over the model of the kind of file being checked
//! ([`FileModel`]); the Dockerfile [`Model`] is the default, so Dockerfile
//! rules write `Checker<'_>`.

use std::sync::OnceLock;

use crate::analysis::Context;
use crate::config::RuleOptions;
use crate::facts::commands::{Invocation, invocations};
use crate::facts::labels::{Label, labels};
use crate::facts::package_commands::{PackageCommand, package_commands};
use crate::facts::script_flow::ScriptFlow;
use crate::facts::script_vars::{ScriptVars, script_vars};
use crate::model::Model;
use crate::rule::RuleMeta;
use crate::shell::bashisms::{self, Found};
use crate::shell::expansions::{Expansion, expansions};
use crate::shell::lexical::{self, Issue};
use crate::{Diagnostic, Fix, Related, Tag, TextRange};

/// The model of one kind of file, as the rule framework sees it.
pub trait FileModel: Sync {
    /// The derived views several rules of this kind read, computed at most
    /// once per analysis (filled lazily). None by default.
    fn shared(&self) -> Shared<'_> {
        Shared::None
    }

    /// The analysed text.
    fn source(&self) -> &str;

    /// The unit a finding at `offset` belongs to, for suppressions and code
    /// actions (a Dockerfile's instruction index). None by default: a kind
    /// without units (JSON has no instructions, and no comment can carry a
    /// pragma).
    fn unit_at(&self, _offset: usize) -> Option<u32> {
        None
    }
}

impl FileModel for Model {
    fn shared(&self) -> Shared<'_> {
        Shared::Dockerfile(Box::new(DockerfileShared::new(self)))
    }

    fn source(&self) -> &str {
        self.file.source()
    }

    fn unit_at(&self, offset: usize) -> Option<u32> {
        self.instruction_at(offset)
    }
}

/// Handed to each rule's `check`.
pub struct Checker<'a, M: FileModel + 'a = Model> {
    pub model: &'a M,
    pub options: &'a RuleOptions,
    /// What the caller knows besides the text (the `.dockerignore`, …).
    pub context: Context<'a>,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// What the rules of one analysis share, built on first use.
    pub(crate) shared: &'a Shared<'a>,
}

/// What the rules of one analysis share, per kind of file. (One concrete
/// type rather than an associated type of [`FileModel`]: it borrows the
/// model, and only a covariant type can be borrowed for as long as it
/// borrows.)
pub enum Shared<'a> {
    Dockerfile(Box<DockerfileShared<'a>>),
    /// Kinds whose rules share nothing yet.
    None,
}

/// Derived views of the Dockerfile model that several rules read, computed
/// at most once per analysis.
pub struct DockerfileShared<'a> {
    model: &'a Model,
    invocations: OnceLock<Vec<Invocation<'a>>>,
    /// The package commands, and for each invocation the index of its own.
    package_commands: OnceLock<(Vec<PackageCommand<'a>>, Vec<Option<u32>>)>,
    labels: OnceLock<Vec<Label>>,
    /// The control flow of each script of `model.scripts`, by index, built
    /// when a rule first asks for that script's.
    script_flows: Vec<OnceLock<ScriptFlow<'a>>>,
    /// Per script of `model.scripts`, the constructs its dialect lacks.
    bashisms: OnceLock<Vec<Vec<Found>>>,
    /// Per script of `model.scripts`, its word-level slips.
    lexical: OnceLock<Vec<Vec<Issue>>>,
    /// Per script of `model.scripts`: its expansions (shell quoting rules).
    expansions: OnceLock<Vec<Vec<Expansion<'a>>>>,
    /// Per script of `model.scripts`: its variables (shell variable rules).
    script_vars: OnceLock<Vec<ScriptVars>>,
}

impl<'a> DockerfileShared<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        DockerfileShared {
            model,
            invocations: OnceLock::new(),
            package_commands: OnceLock::new(),
            labels: OnceLock::new(),
            script_flows: (0..model.scripts.len()).map(|_| OnceLock::new()).collect(),
            bashisms: OnceLock::new(),
            lexical: OnceLock::new(),
            expansions: OnceLock::new(),
            script_vars: OnceLock::new(),
        }
    }
}

impl<'a, M: FileModel> Checker<'a, M> {
    /// The source text.
    #[must_use]
    pub fn src(&self) -> &'a str {
        self.model.source()
    }

    /// Reports a finding of the running rule at `range`; the returned
    /// diagnostic can be given a fix, related locations and tags.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        let instruction = self.model.unit_at(range.start());
        self.diagnostics.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            range,
            fix: None,
            related: Vec::new(),
            tags: Vec::new(),
            instruction,
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

impl<'a> Checker<'a> {
    /// The build context's `.dockerignore`, when the caller knows it.
    #[must_use]
    pub fn dockerignore(&self) -> Option<&'a str> {
        self.context.dockerignore
    }

    /// The Dockerfile's shared views (a Dockerfile checker always has them).
    fn dockerfile_shared(&self) -> &'a DockerfileShared<'a> {
        match self.shared {
            Shared::Dockerfile(shared) => shared,
            // `Model::shared` builds the Dockerfile variant; a checker over a
            // `Model` never sees another one.
            Shared::None => unreachable!("a Dockerfile checker without Dockerfile views"),
        }
    }

    /// Every simple command of every RUN script, seen through wrappers
    /// (the command layer, [`crate::facts::commands`]).
    pub(crate) fn invocations(&self) -> &'a [Invocation<'a>] {
        let shared = self.dockerfile_shared();
        shared.invocations.get_or_init(|| invocations(shared.model))
    }

    /// The package-manager commands among [`invocations`](Self::invocations).
    pub(crate) fn package_commands(&self) -> &'a [PackageCommand<'a>] {
        &self.packages().0
    }

    /// The package command `inv` (one of [`invocations`](Self::invocations))
    /// runs, if any.
    pub(crate) fn package_command(&self, inv: &Invocation<'_>) -> Option<&'a PackageCommand<'a>> {
        let (list, of_invocation) = self.packages();
        let k = (*of_invocation.get(inv.index)?)?;
        list.get(k as usize)
    }

    /// The control flow of `model.scripts[index]` (conditions, errexit,
    /// last command), shared by the rules that read it.
    pub(crate) fn script_flow(&self, index: usize) -> &'a ScriptFlow<'a> {
        let shared = self.dockerfile_shared();
        shared.script_flows[index].get_or_init(|| ScriptFlow::new(&shared.model.scripts[index]))
    }

    /// Every `key=value` of every top-level LABEL, expanded.
    pub(crate) fn labels(&self) -> &'a [Label] {
        let shared = self.dockerfile_shared();
        shared.labels.get_or_init(|| labels(shared.model))
    }

    /// For each script of `model.scripts` (same index), the non-POSIX
    /// constructs its dialect lacks ([`bashisms::find`]).
    pub(crate) fn bashisms(&self) -> &'a [Vec<Found>] {
        let shared = self.dockerfile_shared();
        shared.bashisms.get_or_init(|| {
            shared
                .model
                .scripts
                .iter()
                .map(|run| bashisms::find(&run.script, &run.text, run.dialect))
                .collect()
        })
    }

    /// For each script of `model.scripts` (same index), its word-level
    /// slips ([`lexical::find`]).
    pub(crate) fn lexical(&self) -> &'a [Vec<Issue>] {
        let shared = self.dockerfile_shared();
        shared.lexical.get_or_init(|| {
            shared
                .model
                .scripts
                .iter()
                .map(|run| lexical::find(&run.script, &run.text))
                .collect()
        })
    }

    /// The expansions of script `index` of `model.scripts`
    /// ([`crate::shell::expansions`]).
    pub(crate) fn expansions(&self, index: usize) -> &'a [Expansion<'a>] {
        let shared = self.dockerfile_shared();
        let all = shared.expansions.get_or_init(|| {
            shared
                .model
                .scripts
                .iter()
                .map(|run| expansions(&run.script, &run.text))
                .collect()
        });
        all.get(index).map_or(&[], Vec::as_slice)
    }

    /// The variables of script `index` of `model.scripts`
    /// ([`crate::facts::script_vars`]).
    pub(crate) fn script_vars(&self, index: usize) -> Option<&'a ScriptVars> {
        let shared = self.dockerfile_shared();
        let all = shared.script_vars.get_or_init(|| {
            let model = shared.model;
            model
                .scripts
                .iter()
                .map(|run| script_vars(model, run))
                .collect()
        });
        all.get(index)
    }

    fn packages(&self) -> &'a (Vec<PackageCommand<'a>>, Vec<Option<u32>>) {
        let shared = self.dockerfile_shared();
        let all = self.invocations();
        shared
            .package_commands
            .get_or_init(|| package_commands(all))
    }
}

impl Diagnostic {
    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_tag(&mut self, tag: Tag) -> &mut Self {
        self.tags.push(tag);
        self
    }

    /// Attaches the finding to instruction `index` (normally derived from the range).
    pub fn with_instruction(&mut self, index: usize) -> &mut Self {
        self.instruction = u32::try_from(index).ok();
        self
    }
}
