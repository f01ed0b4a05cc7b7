//! The variables of one RUN script, as the shell sees them: what the script
//! assigns itself (with the literal value where it is known), what it reads,
//! and — for a name the script does not assign — where the value comes
//! from: an ARG or ENV in scope (parent stages and the predefined proxy args
//! included), a variable base images usually set (`PATH`, `HOME`…), a
//! shell-internal name, or nothing.
//!
//! The script's own assignments are followed through its control flow
//! ([`ScriptVars::value_at`]): each read of `$x` gets the join of the values
//! every assignment reaching it can give. Branches (`&&`, `||`, `if`, `case`)
//! join; loop bodies see their own assignments from the previous iteration;
//! subshells, pipelines of several commands, background jobs and
//! substitutions keep their assignments to themselves; a function body sees
//! every assignment of the script, and a call to a function makes the
//! function's assignments. The walk records changes in an undo log, so a
//! branch costs what it changes, never a copy of the whole state.
//!
//! Values are judged the way word splitting sees them: *safe* when every
//! possible value is non-empty and free of blanks and glob characters, so
//! that an unquoted `$x` stays one word. Values of ARG and ENV follow
//! hadolint's convention (it declares each as `1` to ShellCheck): safe,
//! unless the value dockward can read — an ENV value or an ARG default,
//! after builder expansion — really holds blanks or glob characters.

use std::collections::{HashMap, HashSet};

use crate::TextRange;
use crate::model::{Model, RunScript, VarDef, VarKind};
use crate::model::{PLATFORM_ARGS, PROXY_ARGS};
use crate::shell::expansions::{DECLARATION_BUILTINS, ParamOp, is_name, param_info};
use crate::shell::{
    AndOr, Command, CommandRef, FunctionDef, List, Pipeline, RedirectTarget, Script, SimpleCommand,
    Word, WordPart, strip_continuations,
};
use crate::syntax::Keyword;

/// Characters that make an unquoted expansion split or glob.
pub(crate) const BLANK_OR_GLOB: &[char] = &[' ', '\t', '\n', '*', '?', '['];

/// Variables base images commonly set (or the shell sets at start-up).
pub(crate) const BASE_IMAGE_VARS: &[&str] = &[
    "PATH",
    "HOME",
    "HOSTNAME",
    "PWD",
    "OLDPWD",
    "TERM",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "TZ",
    "TMPDIR",
    "DEBIAN_FRONTEND",
    "JAVA_HOME",
    "GOPATH",
    "GOROOT",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "NODE_VERSION",
    "PYTHON_VERSION",
    "GEM_HOME",
    "VIRTUAL_ENV",
    "LD_LIBRARY_PATH",
];

/// Names the shell itself sets or reads.
pub(crate) const SHELL_VARS: &[&str] = &[
    "IFS",
    "PS1",
    "PS2",
    "PS4",
    "OPTARG",
    "OPTIND",
    "OPTERR",
    "REPLY",
    "RANDOM",
    "LINENO",
    "SECONDS",
    "PPID",
    "UID",
    "EUID",
    "GROUPS",
    "BASH",
    "BASH_VERSION",
    "BASH_VERSINFO",
    "BASH_SOURCE",
    "BASH_LINENO",
    "BASH_REMATCH",
    "BASHPID",
    "FUNCNAME",
    "PIPESTATUS",
    "HOSTTYPE",
    "MACHTYPE",
    "OSTYPE",
    "SHLVL",
    "SHELLOPTS",
    "BASHOPTS",
    "DIRSTACK",
    "HISTFILE",
    "HISTSIZE",
    "MAPFILE",
    "COLUMNS",
    "LINES",
    "ENV",
    "CDPATH",
    "MAIL",
    "MAILPATH",
    "EPOCHSECONDS",
    "EPOCHREALTIME",
    "SRANDOM",
    "KSH_VERSION",
];

/// POSIX special builtins: assignments before them persist in POSIX sh.
const SPECIAL_BUILTINS: &[&str] = &[
    ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set",
    "shift", "times", "trap", "unset",
];

/// What an unquoted expansion of a variable can give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Value {
    /// Every possible value is free of blanks and glob characters.
    pub blank_free: bool,
    /// Every possible value is the empty string (the expansion vanishes).
    pub empty: bool,
    /// The value, when exactly one literal value is possible.
    pub literal: Option<String>,
}

impl Value {
    const UNKNOWN: Value = Value {
        blank_free: false,
        empty: false,
        literal: None,
    };
    const SAFE: Value = Value {
        blank_free: true,
        empty: false,
        literal: None,
    };

    fn literal(text: String) -> Value {
        Value {
            blank_free: !text.contains(BLANK_OR_GLOB),
            empty: text.is_empty(),
            literal: Some(text),
        }
    }

    /// An unquoted expansion stays one word: no value has blanks or glob
    /// characters, and not every value is empty.
    pub(crate) fn is_safe(&self) -> bool {
        self.blank_free && !self.empty
    }

    fn join(&self, other: &Value) -> Value {
        Value {
            blank_free: self.blank_free && other.blank_free,
            empty: self.empty && other.empty,
            literal: match (&self.literal, &other.literal) {
                (Some(a), Some(b)) if a == b => Some(a.clone()),
                _ => None,
            },
        }
    }
}

/// Non-empty, no blanks, no glob characters.
pub(crate) fn is_safe_text(text: &str) -> bool {
    !text.is_empty() && !text.contains(BLANK_OR_GLOB)
}

/// Where a name's value comes from when the script does not assign it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin<'m> {
    /// An ARG (with its default, if any) or ENV in scope, or a declared
    /// platform arg.
    Defined(&'m VarDef),
    /// A proxy build arg (`HTTP_PROXY`…), passed without a declaration.
    Proxy,
    /// A platform arg (`TARGETARCH`…) the stage did not declare: empty.
    UndeclaredPlatform,
    /// A variable base images usually set.
    BaseImage,
    /// A shell-internal name.
    Shell,
    /// Nothing the analyser knows of.
    Unknown,
}

impl Origin<'_> {
    /// Known to exist in the environment (or the shell).
    pub(crate) fn is_known(&self) -> bool {
        !matches!(self, Origin::Unknown | Origin::UndeclaredPlatform)
    }

    /// Passed to the script in its environment by the build: an `ARG` or
    /// `ENV` in scope, a proxy build arg.
    pub(crate) fn is_in_environment(&self) -> bool {
        matches!(self, Origin::Defined(_) | Origin::Proxy)
    }
}

/// How a variable gets its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AssignKind {
    /// `x=…` alone (or before a special builtin).
    Plain,
    /// `x=1 cmd`: set in the environment of one command.
    Prefix,
    /// `export`, `local`, `readonly`, `declare`, `typeset` (with or without
    /// a value).
    Declaration,
    /// `read`, `mapfile`, `printf -v`, `getopts`.
    Input,
    /// `for x in …`.
    Loop,
    /// An arithmetic assignment (`(( x = 1 ))`, `let x++`).
    Arithmetic,
}

/// One assignment the script makes.
#[derive(Clone, Debug)]
pub(crate) struct Assignment {
    pub name: String,
    /// Script span of the name.
    pub span: TextRange,
    pub kind: AssignKind,
    /// `export x=…`, `declare -x`, or exported elsewhere in the script.
    pub exported: bool,
}

/// The variables of one script.
#[derive(Debug, Default)]
pub(crate) struct ScriptVars {
    /// Reads of variables, by script offset of the `$`: the value the
    /// script's own assignments give there (`None`: no assignment of the
    /// script reaches it; the environment decides).
    reads: Vec<(usize, Option<Value>)>,
    /// Every assignment, in source order.
    pub assignments: Vec<Assignment>,
    /// Names the script assigns anywhere (any [`AssignKind`]).
    assigned: HashSet<String>,
    /// Names the script reads anywhere (`$x`, `${x…}`, arithmetic names,
    /// `${!x}`), with the offset of the first read.
    read: HashMap<String, TextRange>,
    /// Names read through a guard somewhere (`${x:-…}`, `${x+…}`, `${x?…}`,
    /// `${x=…}`) or tested with `[ -n "$x" ]` / `[ -z "$x" ]` / `[ "$x" ]`.
    guarded: HashSet<String>,
    /// Names exported anywhere (`export x`, `declare -x x`).
    exported: HashSet<String>,
}

impl ScriptVars {
    /// What the script's own assignments give the variable read at script
    /// offset `dollar` (the `$` of a parameter expansion); `None` when no
    /// assignment of the script reaches it.
    pub(crate) fn value_at(&self, dollar: usize) -> Option<&Value> {
        let i = self.reads.binary_search_by_key(&dollar, |r| r.0).ok()?;
        self.reads[i].1.as_ref()
    }

    /// The script assigns `name` somewhere (`=`, `read`, `for`, `export`,
    /// `local`, `getopts`, `printf -v`, `mapfile`, arithmetic…).
    pub(crate) fn is_assigned(&self, name: &str) -> bool {
        self.assigned.contains(name)
    }

    /// The script reads `name` somewhere.
    pub(crate) fn is_read(&self, name: &str) -> bool {
        self.read.contains_key(name)
    }

    /// The names the script reads, each with the span of its first read
    /// (`$x`, `${x…}`, or the name in arithmetic), in source order.
    pub(crate) fn reads(&self) -> Vec<(&str, TextRange)> {
        let mut out: Vec<(&str, TextRange)> =
            self.read.iter().map(|(n, &at)| (n.as_str(), at)).collect();
        out.sort_by_key(|(_, r)| (r.start(), r.end()));
        out
    }

    /// The names the script assigns.
    pub(crate) fn assigned_names(&self) -> impl Iterator<Item = &str> {
        self.assigned.iter().map(String::as_str)
    }

    /// A read of `name` somewhere handles it being unset (`${x:-…}`,
    /// `[ -n "$x" ]`…).
    pub(crate) fn is_guarded(&self, name: &str) -> bool {
        self.guarded.contains(name)
    }

    /// The script exports `name` somewhere.
    pub(crate) fn is_exported(&self, name: &str) -> bool {
        self.exported.contains(name)
    }
}

/// Where the value of `name` comes from in `run` when the script does not
/// assign it.
pub(crate) fn origin<'m>(model: &'m Model, run: &RunScript, name: &str) -> Origin<'m> {
    let onbuild = model.is(run.instruction, Keyword::Onbuild);
    if !onbuild && let Some(def) = model.lookup(run.instruction, name) {
        // Inside a stage, a platform arg is visible only when declared; a
        // global ARG of that name is not redeclared here either.
        if def.kind != VarKind::Predefined || model.stage_of(run.instruction).is_none() {
            return Origin::Defined(def);
        }
    }
    // A stage built on another sees the ARGs its parents declared.
    if !onbuild && let Some(stage) = model.stage_of(run.instruction) {
        for a in model.ancestors(stage.index) {
            let def =
                model.vars.defs.iter().rfind(|d| {
                    d.kind == VarKind::Arg && d.stage == Some(a.index) && d.name == name
                });
            if let Some(def) = def {
                return Origin::Defined(def);
            }
        }
    }
    if PROXY_ARGS.contains(&name) {
        return Origin::Proxy;
    }
    if !onbuild && PLATFORM_ARGS.contains(&name) && model.stage_of(run.instruction).is_some() {
        return Origin::UndeclaredPlatform;
    }
    if BASE_IMAGE_VARS.contains(&name) {
        return Origin::BaseImage;
    }
    if SHELL_VARS.contains(&name) {
        return Origin::Shell;
    }
    Origin::Unknown
}

/// The names `ARG` and `ENV` define for `run`: its stage's before it, its
/// parent stages', and the proxy build args.
pub(crate) fn defined_names<'m>(model: &'m Model, run: &RunScript) -> Vec<&'m str> {
    let mut out: Vec<&'m str> = PROXY_ARGS.to_vec();
    if model.is(run.instruction, Keyword::Onbuild) {
        return out;
    }
    let Some(stage) = model.stage_of(run.instruction) else {
        return out;
    };
    let ancestors: Vec<usize> = model.ancestors(stage.index).map(|s| s.index).collect();
    for d in &model.vars.defs {
        let visible = match d.stage {
            Some(s) if s == stage.index => d.instruction.is_some_and(|i| i < run.instruction),
            Some(s) => ancestors.contains(&s),
            None => false,
        };
        if visible && d.kind != VarKind::Predefined {
            out.push(&d.name);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The value an origin gives an unquoted expansion: ARG, ENV and proxy
/// args are safe unless their known value has blanks or glob characters.
pub(crate) fn origin_value(origin: Origin<'_>) -> Value {
    match origin {
        Origin::Defined(def) => match &def.value {
            Some(v) if v.contains(BLANK_OR_GLOB) => Value {
                blank_free: false,
                empty: false,
                literal: (!v.contains('$')).then(|| v.clone()),
            },
            Some(v) if !v.contains('$') && !v.is_empty() => Value::literal(v.clone()),
            _ => Value::SAFE,
        },
        Origin::Proxy => Value::SAFE,
        _ => Value::UNKNOWN,
    }
}

/// The variables of `run`'s script.
pub(crate) fn script_vars(model: &Model, run: &RunScript) -> ScriptVars {
    let src = run.text.as_str();
    let mut env_cache: HashMap<String, Value> = HashMap::new();
    let mut env = |name: &str| -> Value {
        if let Some(v) = env_cache.get(name) {
            return v.clone();
        }
        let v = origin_value(origin(model, run, name));
        env_cache.insert(name.to_owned(), v.clone());
        v
    };
    analyse_in(&run.script, src, run.dialect.is_posix_only(), &mut env)
}

/// The flow analysis over a parsed script run by POSIX sh; `env` gives the
/// value of a name the script does not assign.
#[cfg(test)]
pub(crate) fn analyse(
    script: &Script,
    src: &str,
    env: &mut dyn FnMut(&str) -> Value,
) -> ScriptVars {
    analyse_in(script, src, true, env)
}

/// [`analyse`] for a script run by a POSIX-only shell (`posix`) or not.
pub(crate) fn analyse_in(
    script: &Script,
    src: &str,
    posix: bool,
    env: &mut dyn FnMut(&str) -> Value,
) -> ScriptVars {
    let mut flow = Flow {
        src,
        posix,
        env,
        vars: HashMap::new(),
        log: Vec::new(),
        out: ScriptVars::default(),
        functions: HashMap::new(),
        summary: None,
        function_depth: 0,
        function_set: HashSet::new(),
        calls: 0,
        root: &script.body,
        dead: false,
    };
    flow.list(&script.body);
    let mut out = flow.out;
    out.reads.sort_by_key(|r| r.0);
    out.reads.dedup_by_key(|r| r.0);
    for a in &mut out.assignments {
        a.exported |= out.exported.contains(&a.name);
    }
    out.assignments.sort_by_key(|a| a.span.start());
    out
}

/// The state of the walk.
struct Flow<'a, 'e> {
    src: &'a str,
    /// Run by a POSIX-only shell.
    posix: bool,
    env: &'e mut dyn FnMut(&str) -> Value,
    /// The script's own value of each name it has assigned on the way here.
    vars: HashMap<String, Value>,
    /// Undo log: (name, value before the change).
    log: Vec<(String, Option<Value>)>,
    out: ScriptVars,
    functions: HashMap<String, &'a FunctionDef>,
    /// Every assignment of the script, joined per name (what a function
    /// body sees), built when the first function body is walked.
    summary: Option<HashMap<String, Value>>,
    /// Inside a function body (reads of names the body has not assigned
    /// see [`summary`](Self::summary)).
    function_depth: u32,
    /// Names assigned inside the function body being walked.
    function_set: HashSet<String>,
    /// Function calls followed so far (bounded).
    calls: u32,
    /// The script's top-level list.
    root: &'a List,
    /// The current path has ended (`exit`, `return`, `exec cmd`).
    dead: bool,
}

/// A branch's outcome: for each name it changed, its value at the end
/// (`None`: not assigned by the script).
type Delta = Vec<(String, Option<Value>)>;

/// At most this many function calls are followed into their bodies.
const MAX_CALLS: u32 = 256;

impl<'a> Flow<'a, '_> {
    // -- state -------------------------------------------------------------

    fn set(&mut self, name: &str, value: Value) {
        if self.function_depth > 0 {
            self.function_set.insert(name.to_owned());
        }
        let old = self.vars.insert(name.to_owned(), value);
        self.log.push((name.to_owned(), old));
    }

    fn checkpoint(&self) -> usize {
        self.log.len()
    }

    /// Undoes every change since `cp`; returns the values they had left.
    fn rollback(&mut self, cp: usize) -> Delta {
        let mut seen: HashSet<String> = HashSet::new();
        let mut delta = Vec::new();
        while self.log.len() > cp {
            let Some((name, old)) = self.log.pop() else {
                break;
            };
            if seen.insert(name.clone()) {
                delta.push((name.clone(), self.vars.get(&name).cloned()));
            }
            match old {
                Some(v) => {
                    self.vars.insert(name, v);
                }
                None => {
                    self.vars.remove(&name);
                }
            }
        }
        delta
    }

    /// Joins the outcomes of alternative paths from the current state (a
    /// path missing from `deltas` — `fallthrough` — keeps the state).
    fn join(&mut self, deltas: Vec<Delta>, fallthrough: bool) {
        let mut names: Vec<String> = deltas
            .iter()
            .flat_map(|d| d.iter().map(|(n, _)| n.clone()))
            .collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let current = self.vars.get(&name).cloned();
            let mut outcomes: Vec<Option<Value>> = deltas
                .iter()
                .map(|d| {
                    d.iter()
                        .find(|(n, _)| *n == name)
                        .map_or_else(|| current.clone(), |(_, v)| v.clone())
                })
                .collect();
            if fallthrough {
                outcomes.push(current.clone());
            }
            if outcomes.iter().all(Option::is_none) {
                continue;
            }
            let mut joined: Option<Value> = None;
            for o in outcomes {
                let v = match o {
                    Some(v) => v,
                    None => (self.env)(&name),
                };
                joined = Some(match joined {
                    Some(j) => j.join(&v),
                    None => v,
                });
            }
            if let Some(j) = joined
                && current.as_ref() != Some(&j)
            {
                self.set(&name, j);
            }
        }
    }

    /// The value of `$name` here.
    fn lookup(&mut self, name: &str) -> Option<Value> {
        if self.function_depth > 0 && !self.function_set.contains(name) {
            return self.summary.as_ref().and_then(|s| s.get(name)).cloned();
        }
        self.vars.get(name).cloned()
    }

    /// The value `$name` gives, the environment's when the script has none.
    fn value_of(&mut self, name: &str) -> Value {
        match self.lookup(name) {
            Some(v) => v,
            None => (self.env)(name),
        }
    }

    // -- structure ---------------------------------------------------------

    fn list(&mut self, list: &'a List) {
        for item in &list.items {
            if item.is_background() {
                let cp = self.checkpoint();
                self.and_or(item);
                self.rollback(cp);
                self.dead = false;
            } else {
                self.and_or(item);
            }
        }
    }

    fn and_or(&mut self, a: &'a AndOr) {
        for (i, p) in a.pipelines.iter().enumerate() {
            if i == 0 {
                self.pipeline(p);
            } else {
                // Runs or not depending on the status before: a path that
                // ends here (`|| exit 1`) does not come out of it.
                let cp = self.checkpoint();
                self.pipeline(p);
                let d = self.rollback(cp);
                let ends = std::mem::take(&mut self.dead);
                if !ends {
                    self.join(vec![d], true);
                }
            }
        }
    }

    fn pipeline(&mut self, p: &'a Pipeline) {
        if p.commands.len() == 1 {
            self.command(&p.commands[0]);
            return;
        }
        for c in &p.commands {
            let cp = self.checkpoint();
            self.command(c);
            self.rollback(cp);
            self.dead = false;
        }
    }

    /// Joins the outcomes of alternative paths, leaving out the ones that
    /// end the script (`exit`); when all do, so does the construct.
    fn join_paths(&mut self, paths: Vec<(Delta, bool)>, fallthrough: bool) {
        let live: Vec<Delta> = paths
            .into_iter()
            .filter_map(|(d, ends)| (!ends).then_some(d))
            .collect();
        if live.is_empty() && !fallthrough {
            self.dead = true;
            return;
        }
        self.join(live, fallthrough);
    }

    fn command(&mut self, c: &'a Command) {
        match c {
            Command::Simple(s) => self.simple(s),
            Command::Subshell(g) => {
                let cp = self.checkpoint();
                self.list(&g.body);
                self.rollback(cp);
                self.dead = false;
                self.redirects(&g.redirects);
            }
            Command::BraceGroup(g) => {
                self.list(&g.body);
                self.redirects(&g.redirects);
            }
            Command::If(i) => {
                let mut deltas = Vec::new();
                let cp = self.checkpoint();
                for b in &i.branches {
                    // Each condition runs when the ones before failed.
                    self.list(&b.condition);
                    let inner = self.checkpoint();
                    self.list(&b.body);
                    let d = self.rollback(inner);
                    deltas.push((d, std::mem::take(&mut self.dead)));
                }
                // The conditions' own changes are kept on every path (an
                // approximation: later conditions may not run).
                let conditions = self.rollback(cp);
                for (name, v) in conditions.iter().rev() {
                    if let Some(v) = v {
                        self.set(name, v.clone());
                    }
                }
                let fallthrough = match &i.else_body {
                    Some(e) => {
                        let inner = self.checkpoint();
                        self.list(e);
                        let d = self.rollback(inner);
                        deltas.push((d, std::mem::take(&mut self.dead)));
                        false
                    }
                    None => true,
                };
                self.join_paths(deltas, fallthrough);
                self.redirects(&i.redirects);
            }
            Command::While(w) => {
                self.loop_entry(&[&w.condition, &w.body]);
                self.list(&w.condition);
                let cp = self.checkpoint();
                self.list(&w.body);
                let d = self.rollback(cp);
                self.dead = false;
                self.join(vec![d], true);
                self.redirects(&w.redirects);
            }
            Command::For(f) => {
                let mut item_value: Option<Value> = None;
                if let Some(items) = &f.items {
                    for w in items {
                        self.reads_in(w);
                        let v = self.item_value(w);
                        item_value = Some(match item_value {
                            Some(j) => j.join(&v),
                            None => v,
                        });
                    }
                }
                let name = f
                    .variable
                    .literal(self.src)
                    .map(std::borrow::Cow::into_owned);
                if let Some(name) = &name {
                    self.record_assignment(name, f.variable.span, AssignKind::Loop, false);
                }
                self.loop_entry(&[&f.body]);
                let cp = self.checkpoint();
                if let Some(name) = &name {
                    self.set(name, item_value.unwrap_or(Value::UNKNOWN));
                }
                self.list(&f.body);
                let d = self.rollback(cp);
                self.dead = false;
                self.join(vec![d], true);
                self.redirects(&f.redirects);
            }
            Command::ArithFor(f) => {
                self.arithmetic_word(&f.header);
                self.loop_entry(&[&f.body]);
                let cp = self.checkpoint();
                self.list(&f.body);
                let d = self.rollback(cp);
                self.dead = false;
                self.join(vec![d], true);
                self.redirects(&f.redirects);
            }
            Command::Case(k) => {
                self.reads_in(&k.subject);
                let mut deltas = Vec::new();
                let mut catch_all = false;
                for item in &k.items {
                    for p in &item.patterns {
                        self.reads_in(p);
                        catch_all |= p.literal(self.src).is_some_and(|l| l == "*")
                            && matches!(p.parts.as_slice(), [WordPart::Literal(_)]);
                    }
                    let cp = self.checkpoint();
                    self.list(&item.body);
                    let d = self.rollback(cp);
                    deltas.push((d, std::mem::take(&mut self.dead)));
                }
                self.join_paths(deltas, !catch_all);
                self.redirects(&k.redirects);
            }
            Command::Function(f) => {
                // Known from its definition on (calls before it fail).
                if let Some(name) = f.name.literal(self.src) {
                    self.functions.entry(name.into_owned()).or_insert(f);
                }
                self.function_body(f);
            }
            Command::Test(t) => {
                for (k, w) in t.words.iter().enumerate() {
                    self.reads_in(w);
                    // `[[ -n $x ]]`, `[[ -z $x ]]`, `[[ $x ]]`
                    let prev = k
                        .checked_sub(1)
                        .and_then(|j| t.words.get(j))
                        .and_then(|p| p.literal(self.src));
                    let next = t.words.get(k + 1).and_then(|n| n.literal(self.src));
                    let unary = matches!(prev.as_deref(), Some("-n" | "-z"));
                    let alone = matches!(prev.as_deref(), None | Some("&&" | "||" | "!" | "("))
                        && matches!(next.as_deref(), None | Some("&&" | "||" | ")"));
                    if unary || alone {
                        self.mark_checked(w);
                    }
                }
                self.redirects(&t.redirects);
            }
            Command::Arith(a) => {
                self.arithmetic_word(&a.expr);
                self.redirects(&a.redirects);
            }
            Command::Unparsed(_) => {}
        }
    }

    /// A loop body may run after itself: what it assigns reaches its own
    /// reads. Joins into the state the values its assignments could give
    /// (evaluated here, once; nested loops are scanned with it).
    fn loop_entry(&mut self, lists: &[&'a List]) {
        let mut found: Vec<(String, Value)> = Vec::new();
        for list in lists {
            for c in list.commands() {
                match c.command {
                    Command::Simple(s) => {
                        if c.scope.in_substitution() {
                            continue;
                        }
                        for (name, v) in self.simple_effects(s) {
                            found.push((name, v));
                        }
                    }
                    Command::For(f) => {
                        if let Some(name) = f.variable.literal(self.src) {
                            found.push((name.into_owned(), Value::UNKNOWN));
                        }
                    }
                    _ => {}
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let deltas: Vec<Delta> = found.into_iter().map(|(n, v)| vec![(n, Some(v))]).collect();
        self.join(deltas, true);
    }

    /// What a simple command assigns in the current shell, evaluated in the
    /// current state without recording anything (for loop entries and
    /// function summaries).
    fn simple_effects(&mut self, s: &'a SimpleCommand) -> Vec<(String, Value)> {
        let src = self.src;
        let mut out = Vec::new();
        if s.words.is_empty() {
            for a in &s.assignments {
                let v = if a.append || a.subscript.is_some() {
                    Value::UNKNOWN
                } else {
                    self.eval(&a.value)
                };
                out.push((a.name.slice(src).to_owned(), v));
            }
            return out;
        }
        let Some(name) = s.name(src) else {
            return out;
        };
        let name = name.rsplit('/').next().unwrap_or(&name).to_owned();
        if DECLARATION_BUILTINS.contains(&name.as_str()) {
            for w in s.args() {
                if let Some((n, value)) = self.declaration_arg(w) {
                    let v = match value {
                        Some(v) => v,
                        None if matches!(name.as_str(), "local" | "declare" | "typeset") => {
                            Value::UNKNOWN
                        }
                        None => continue,
                    };
                    out.push((n, v));
                }
            }
        } else if let Some(names) = input_names(&name, s, src) {
            for (n, _) in names {
                out.push((n, Value::UNKNOWN));
            }
        } else if name == "unset" {
            for w in s.args() {
                if let Some(n) = w.literal(src).filter(|n| is_name(n)) {
                    out.push((n.into_owned(), Value::UNKNOWN));
                }
            }
        } else if let Some(f) = self.functions.get(&name).copied() {
            for c in function_commands(f) {
                if let Command::Simple(inner) = c.command
                    && !c.scope.in_substitution()
                    && inner.words.is_empty()
                {
                    for a in &inner.assignments {
                        out.push((a.name.slice(src).to_owned(), Value::UNKNOWN));
                    }
                }
            }
        }
        out
    }

    fn function_body(&mut self, f: &'a FunctionDef) {
        if self.summary.is_none() {
            self.summary = Some(self.build_summary());
        }
        let cp = self.checkpoint();
        let saved = std::mem::take(&mut self.function_set);
        self.function_depth += 1;
        self.command(&f.body);
        self.function_depth -= 1;
        self.function_set = saved;
        self.rollback(cp);
        self.dead = false;
    }

    /// Every plain or declared assignment of the script, joined per name,
    /// evaluated without flow (what a function body sees of the globals).
    fn build_summary(&mut self) -> HashMap<String, Value> {
        let mut summary: HashMap<String, Value> = HashMap::new();
        let src = self.src;
        // The script is reachable from any function definition; walk the
        // whole tree once from the root of the first function's list.
        for c in self.root.commands() {
            let Command::Simple(s) = c.command else {
                if let Command::For(f) = c.command
                    && let Some(n) = f.variable.literal(src)
                {
                    let e = summary.entry(n.into_owned()).or_insert(Value::SAFE);
                    *e = e.join(&Value::UNKNOWN);
                }
                continue;
            };
            if c.scope.in_substitution() {
                continue;
            }
            let saved = std::mem::take(&mut self.vars);
            let effects = self.simple_effects(s);
            self.vars = saved;
            for (n, v) in effects {
                match summary.get_mut(&n) {
                    Some(e) => *e = e.join(&v),
                    None => {
                        summary.insert(n, v);
                    }
                }
            }
        }
        summary
    }

    fn redirects(&mut self, rs: &'a [crate::shell::Redirect]) {
        for r in rs {
            match &r.target {
                RedirectTarget::Word(w) => self.reads_in(w),
                RedirectTarget::Heredoc(h) => {
                    if !h.quoted {
                        self.reads_in(&h.body);
                    }
                }
            }
        }
    }

    fn simple(&mut self, s: &'a SimpleCommand) {
        let src = self.src;
        // Reads first, in order: assignment values, words, redirections.
        // Assignments before a special builtin stay in POSIX sh (dash, ash;
        // not bash outside its POSIX mode).
        let persists = s.words.is_empty()
            || (self.posix
                && !s.assignments.is_empty()
                && s.name(src)
                    .is_some_and(|n| SPECIAL_BUILTINS.contains(&n.as_ref())));
        for a in &s.assignments {
            self.reads_in(&a.value);
            let name = a.name.slice(src);
            if persists {
                let v = if a.append || a.subscript.is_some() {
                    Value::UNKNOWN
                } else {
                    self.eval(&a.value)
                };
                self.record_assignment(name, a.name, AssignKind::Plain, false);
                self.set(name, v);
            } else {
                self.record_assignment(name, a.name, AssignKind::Prefix, false);
            }
        }
        for w in &s.words {
            self.reads_in(w);
        }
        self.redirects(&s.redirects);
        let Some(cmd) = s.name(src) else {
            return;
        };
        let cmd = cmd.rsplit('/').next().unwrap_or(&cmd).to_owned();
        match cmd.as_str() {
            "exit" | "return" => self.dead = true,
            "exec" if s.words.len() > 1 => self.dead = true,
            "[" | "test" => self.test_guards(s),
            "let" => {
                for w in s.args() {
                    self.arithmetic_word(w);
                }
            }
            "unset" => {
                let mut functions = false;
                for w in s.args() {
                    let Some(n) = w.literal(src) else { continue };
                    if n == "-f" {
                        functions = true;
                    } else if !functions && is_name(&n) {
                        self.set(&n, Value::UNKNOWN);
                    }
                }
            }
            "export" | "local" | "readonly" | "declare" | "typeset" => {
                let exports = cmd == "export"
                    || s.args().iter().any(|w| {
                        w.literal(src)
                            .is_some_and(|l| l.starts_with('-') && l.contains('x'))
                    });
                for w in s.args() {
                    if let Some(lit) = w.literal(src)
                        && is_name(&lit)
                    {
                        // `export x`, `local x`
                        self.record_assignment(&lit, w.span, AssignKind::Declaration, exports);
                        if exports {
                            self.out.exported.insert(lit.to_string());
                        }
                        if cmd != "export" && cmd != "readonly" {
                            self.set(&lit, Value::UNKNOWN);
                        }
                        continue;
                    }
                    if let Some((n, value)) = self.declaration_arg(w) {
                        let span = TextRange::new(w.span.start(), w.span.start() + n.len());
                        self.record_assignment(&n, span, AssignKind::Declaration, exports);
                        if exports {
                            self.out.exported.insert(n.clone());
                        }
                        self.set(&n, value.unwrap_or(Value::UNKNOWN));
                    }
                }
            }
            _ => {
                if let Some(names) = input_names(&cmd, s, src) {
                    for (n, span) in names {
                        self.record_assignment(&n, span, AssignKind::Input, false);
                        self.set(&n, Value::UNKNOWN);
                    }
                } else if self.function_depth == 0
                    && self.calls < MAX_CALLS
                    && let Some(f) = self.functions.get(&cmd).copied()
                {
                    self.calls += 1;
                    let effects = {
                        let mut out = Vec::new();
                        for c in function_commands(f) {
                            if let Command::Simple(inner) = c.command
                                && !c.scope.in_substitution()
                            {
                                out.extend(self.simple_effects(inner));
                            }
                        }
                        out
                    };
                    let deltas = effects
                        .into_iter()
                        .map(|(n, v)| vec![(n, Some(v))])
                        .collect();
                    self.join(deltas, true);
                }
            }
        }
    }

    /// `NAME=value` argument of a declaration builtin: the name and the
    /// value (`None` for an array or append).
    fn declaration_arg(&mut self, w: &'a Word) -> Option<(String, Option<Value>)> {
        let Some(WordPart::Literal(r)) = w.parts.first() else {
            return None;
        };
        let text = r.slice(self.src);
        let eq = text.find('=')?;
        let raw = &text[..eq];
        let append = raw.ends_with('+');
        let raw = raw.strip_suffix('+').unwrap_or(raw);
        let (name, subscript) = match raw.split_once('[') {
            Some((n, _)) => (n, true),
            None => (raw, false),
        };
        if !is_name(name) {
            return None;
        }
        if append || subscript || w.parts.iter().any(|p| matches!(p, WordPart::Array(_))) {
            return Some((name.to_owned(), None));
        }
        let value = self.eval_from(w, r.start() + eq + 1);
        Some((name.to_owned(), Some(value)))
    }

    /// `[ -n "$x" ]`, `[ -z "$x" ]`, `[ "$x" ]`: `x` is checked.
    fn test_guards(&mut self, s: &'a SimpleCommand) {
        let args = s.args();
        for (k, w) in args.iter().enumerate() {
            let prev = k
                .checked_sub(1)
                .and_then(|j| args.get(j))
                .and_then(|p| p.literal(self.src));
            if matches!(prev.as_deref(), Some("-n" | "-z")) || args.len() <= 2 {
                self.mark_checked(w);
            }
        }
    }

    fn mark_checked(&mut self, w: &Word) {
        let mut stack: Vec<&[WordPart]> = vec![&w.parts];
        while let Some(parts) = stack.pop() {
            for p in parts {
                match p {
                    WordPart::Param(p) => {
                        let name = p.name.slice(self.src);
                        if is_name(name) {
                            self.out.guarded.insert(name.to_owned());
                        }
                    }
                    WordPart::DoubleQuoted(d) => stack.push(&d.parts),
                    _ => {}
                }
            }
        }
    }

    /// Keeps the first read of each name in source order.
    fn note_read(&mut self, name: &str, span: TextRange) {
        match self.out.read.get_mut(name) {
            Some(r) if r.start() <= span.start() => {}
            Some(r) => *r = span,
            None => {
                self.out.read.insert(name.to_owned(), span);
            }
        }
    }

    fn record_assignment(&mut self, name: &str, span: TextRange, kind: AssignKind, exported: bool) {
        if !is_name(name) {
            return;
        }
        // `x=1 cmd` sets `x` for `cmd` only.
        if kind != AssignKind::Prefix {
            self.out.assigned.insert(name.to_owned());
        }
        self.out.assignments.push(Assignment {
            name: name.to_owned(),
            span,
            kind,
            exported,
        });
    }

    // -- words -------------------------------------------------------------

    /// Records the reads in a word, and walks the scripts of its
    /// substitutions (each in a subshell).
    fn reads_in(&mut self, w: &'a Word) {
        self.reads_in_parts(&w.parts, false);
    }

    fn reads_in_parts(&mut self, parts: &'a [WordPart], arithmetic: bool) {
        let src = self.src;
        // (parts, inside arithmetic)
        let mut stack: Vec<(&'a [WordPart], bool)> = vec![(parts, arithmetic)];
        while let Some((parts, arith)) = stack.pop() {
            for p in parts {
                match p {
                    WordPart::Literal(r) if arith => self.arithmetic_text(r.slice(src), r.start()),
                    WordPart::DoubleQuoted(d) => stack.push((&d.parts, arith)),
                    WordPart::Param(x) => {
                        let info = param_info(x, src);
                        if info.is_variable() {
                            let name = info.name;
                            let value = self.lookup(name);
                            self.out.reads.push((x.span.start(), value));
                            self.note_read(name, x.span);
                            if info.op != ParamOp::Plain && info.op != ParamOp::Other {
                                self.out.guarded.insert(name.to_owned());
                            }
                            if info.op == ParamOp::Assign {
                                self.out.assigned.insert(name.to_owned());
                            }
                        }
                        // A subscript is arithmetic for indexed arrays.
                        stack.push((
                            &x.parts,
                            info.subscript.is_some() && info.op == ParamOp::Plain,
                        ));
                    }
                    WordPart::Arith(a) => stack.push((&a.parts, true)),
                    WordPart::Array(a) => {
                        for e in &a.elements {
                            self.reads_in(e);
                        }
                    }
                    WordPart::CommandSubst(c) => {
                        let cp = self.checkpoint();
                        self.list(&c.body);
                        self.rollback(cp);
                        self.dead = false;
                    }
                    WordPart::ProcessSubst(c) => {
                        let cp = self.checkpoint();
                        self.list(&c.body);
                        self.rollback(cp);
                        self.dead = false;
                    }
                    WordPart::Literal(_)
                    | WordPart::Escaped(_)
                    | WordPart::SingleQuoted(_)
                    | WordPart::AnsiC(_) => {}
                }
            }
        }
    }

    /// An arithmetic word (`(( … ))`, `for ((…))`, a `let` argument).
    fn arithmetic_word(&mut self, w: &'a Word) {
        self.reads_in_parts(&w.parts, true);
    }

    /// The names in arithmetic text: each is read; one followed by an
    /// assignment operator (or `++`/`--`) is assigned a number.
    fn arithmetic_text(&mut self, text: &str, base: usize) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                // A number (hex, base#digits): skip it whole.
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'#' || b[i] == b'_')
                {
                    i += 1;
                }
                continue;
            }
            if !(c.is_ascii_alphabetic() || c == b'_') || (i > 0 && b[i - 1] == b'$') {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let name = &text[start..i];
            let before = text[..start].trim_end();
            let after = text[i..].trim_start();
            let assigns = (after.starts_with('=') && !after.starts_with("=="))
                || [
                    "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", "++", "--",
                ]
                .iter()
                .any(|op| after.starts_with(op))
                || before.ends_with("++")
                || before.ends_with("--");
            // `x = 1` only writes; `x += 1`, `x++` read too.
            let plain = after.starts_with('=') && !after.starts_with("==");
            if !plain {
                self.note_read(name, TextRange::new(base + start, base + i));
            }
            if assigns {
                let span = TextRange::new(base + start, base + i);
                self.record_assignment(name, span, AssignKind::Arithmetic, false);
                self.set(name, Value::SAFE);
            }
        }
    }

    /// The value of a word as an assignment value (no splitting).
    fn eval(&mut self, w: &Word) -> Value {
        let mut acc = Eval::default();
        self.eval_parts(&w.parts, &mut acc);
        acc.finish()
    }

    /// The value of the part of `w` after `NAME=` (script offset `from`,
    /// inside the word's first part, a literal).
    fn eval_from(&mut self, w: &Word, from: usize) -> Value {
        let mut acc = Eval::default();
        if let Some((WordPart::Literal(r), rest)) = w.parts.split_first() {
            let slice = self.src.get(from.max(r.start())..r.end()).unwrap_or("");
            acc.text.push_str(&strip_continuations(slice));
            self.eval_parts(rest, &mut acc);
        } else {
            self.eval_parts(&w.parts, &mut acc);
        }
        acc.finish()
    }

    fn eval_parts(&mut self, parts: &[WordPart], acc: &mut Eval) {
        let src = self.src;
        // A heap stack of the part lists still to evaluate, in order.
        let mut stack: Vec<std::slice::Iter<'_, WordPart>> = vec![parts.iter()];
        while let Some(top) = stack.last_mut() {
            if acc.unsafe_ {
                return;
            }
            let Some(p) = top.next() else {
                stack.pop();
                continue;
            };
            match p {
                WordPart::Literal(r) => acc.text.push_str(&strip_continuations(r.slice(src))),
                WordPart::Escaped(_) | WordPart::SingleQuoted(_) | WordPart::AnsiC(_) => {
                    let single = Word {
                        span: TextRange::default(),
                        parts: crate::shell::Parts::one(p.clone()),
                    };
                    match single.literal(src) {
                        Some(l) => acc.text.push_str(&l),
                        None => acc.known = false,
                    }
                }
                WordPart::DoubleQuoted(d) => stack.push(d.parts.iter()),
                WordPart::Param(x) => {
                    let info = param_info(x, src);
                    let v = if info.length || info.is_blank_free_special() {
                        Value::SAFE
                    } else if info.is_variable() && info.subscript.is_none() {
                        let base = self.value_of(info.name);
                        match info.op {
                            ParamOp::Plain => base,
                            ParamOp::Default | ParamOp::Assign | ParamOp::Error
                                if base.is_safe()
                                    && (info.operand.is_empty() || is_safe_text(info.operand)) =>
                            {
                                Value::SAFE
                            }
                            _ => Value::UNKNOWN,
                        }
                    } else {
                        Value::UNKNOWN
                    };
                    match v.literal {
                        Some(l) => acc.text.push_str(&l),
                        None if !v.blank_free => {
                            acc.unsafe_ = true;
                            return;
                        }
                        None => {
                            acc.known = false;
                            acc.opaque_safe = true;
                        }
                    }
                }
                WordPart::Arith(_) => {
                    acc.known = false;
                    acc.opaque_safe = true;
                }
                WordPart::CommandSubst(_) | WordPart::ProcessSubst(_) | WordPart::Array(_) => {
                    acc.unsafe_ = true;
                    return;
                }
            }
        }
    }

    /// The value a `for` item gives the loop variable.
    fn item_value(&mut self, w: &Word) -> Value {
        // The fields of an unquoted expansion are not followed, as
        // ShellCheck does not: `for x in $list` gives an unknown `x`.
        let unquoted_expansion = w.parts.iter().any(|p| {
            matches!(
                p,
                WordPart::Param(_) | WordPart::CommandSubst(_) | WordPart::Arith(_)
            )
        });
        if unquoted_expansion {
            return Value::UNKNOWN;
        }
        self.eval(w)
    }
}

/// A value being evaluated.
struct Eval {
    /// The known text so far.
    text: String,
    /// Every piece so far has a known text.
    known: bool,
    /// Some piece is safe with an unknown text (a number, a safe variable).
    opaque_safe: bool,
    /// Some piece can split, glob or be anything.
    unsafe_: bool,
}

impl Default for Eval {
    fn default() -> Self {
        Eval {
            text: String::new(),
            known: true,
            opaque_safe: false,
            unsafe_: false,
        }
    }
}

impl Eval {
    fn finish(self) -> Value {
        if self.unsafe_ {
            return Value::UNKNOWN;
        }
        if self.known {
            return Value::literal(self.text);
        }
        Value {
            blank_free: !self.text.contains(BLANK_OR_GLOB),
            empty: !self.opaque_safe && self.text.is_empty(),
            literal: None,
        }
    }
}

/// The variables `read`, `mapfile`/`readarray`, `printf -v` and `getopts`
/// assign, with the span of each name.
fn input_names(cmd: &str, s: &SimpleCommand, src: &str) -> Option<Vec<(String, TextRange)>> {
    let args = s.args();
    let lit = |k: usize| args.get(k).and_then(|w| w.literal(src));
    let mut out = Vec::new();
    let mut push = |k: usize| {
        if let Some(n) = lit(k).filter(|n| is_name(n)) {
            out.push((n.into_owned(), args[k].span));
        }
    };
    match cmd {
        "read" => {
            let mut k = 0;
            let mut any = false;
            while let Some(a) = lit(k) {
                if a == "--" {
                    k += 1;
                    break;
                }
                if !a.starts_with('-') || a == "-" {
                    break;
                }
                // Options taking a value: the rest of the cluster or the
                // next argument. `-a NAME` assigns an array.
                let flags = &a[1..];
                if let Some(pos) = flags.find(['a', 'd', 'i', 'n', 'N', 'p', 't', 'u']) {
                    let takes_next = pos + 1 == flags.len();
                    if flags.as_bytes()[pos] == b'a' {
                        if takes_next {
                            push(k + 1);
                        }
                        any = true;
                    }
                    k += if takes_next { 2 } else { 1 };
                } else {
                    k += 1;
                }
            }
            while k < args.len() {
                push(k);
                any = true;
                k += 1;
            }
            if !any {
                out.push(("REPLY".to_owned(), s.span));
            }
        }
        "mapfile" | "readarray" => {
            let mut k = 0;
            let mut name = None;
            while let Some(a) = lit(k) {
                if a.starts_with('-') && a.len() > 1 {
                    let takes = a[1..].ends_with(['d', 'n', 'O', 's', 'u', 'C', 'c']);
                    k += if takes { 2 } else { 1 };
                } else {
                    name = Some(k);
                    break;
                }
            }
            match name {
                Some(k) => push(k),
                None => out.push(("MAPFILE".to_owned(), s.span)),
            }
        }
        "printf" => {
            let mut k = 0;
            while let Some(a) = lit(k) {
                if a == "-v" {
                    push(k + 1);
                    break;
                }
                if let Some(n) = a.strip_prefix("-v").filter(|n| is_name(n)) {
                    out.push((n.to_owned(), args[k].span));
                    break;
                }
                if !a.starts_with('-') || a == "--" {
                    break;
                }
                k += 1;
            }
            if out.is_empty() {
                return None;
            }
        }
        "getopts" => push(1),
        _ => return None,
    }
    Some(out)
}

/// The commands of a function's body (substitutions included).
fn function_commands(f: &FunctionDef) -> Vec<CommandRef<'_>> {
    match &f.body {
        Command::BraceGroup(g) | Command::Subshell(g) => g.body.commands().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::parse;

    /// The flow value at the last `$x` of `src` (`None`: not assigned on
    /// any path), with `$SAFE` a safe environment variable.
    fn at_last(src: &str) -> Option<bool> {
        let script = parse(src);
        let mut env = |name: &str| {
            if name == "SAFE" {
                Value::SAFE
            } else {
                Value::UNKNOWN
            }
        };
        let vars = analyse(&script, src, &mut env);
        let at = src.rfind("$x").expect("a $x");
        vars.value_at(at).map(Value::is_safe)
    }

    #[test]
    fn straight_line_values() {
        assert_eq!(at_last("echo $x"), None);
        assert_eq!(at_last("x=1; echo $x"), Some(true));
        assert_eq!(at_last("x='a b'; echo $x"), Some(false));
        assert_eq!(at_last("y=1; x=$y; echo $x"), Some(true));
        assert_eq!(at_last("y=1; x=\"$y\"; echo $x"), Some(true));
        assert_eq!(at_last("x=$SAFE; echo $x"), Some(true));
        assert_eq!(at_last("x=$HOME; echo $x"), Some(false));
        assert_eq!(at_last("x=a; x=$(b); echo $x"), Some(false));
        assert_eq!(at_last("x=$(a); x=1; echo $x"), Some(true));
        assert_eq!(at_last("x=''; echo $x"), Some(false));
        assert_eq!(at_last("x=; echo $x"), Some(false));
        assert_eq!(at_last("x=; if a; then x=1; fi; echo $x"), Some(true));
        assert_eq!(at_last("x=; x=; echo $x"), Some(false));
        assert_eq!(at_last("x=1; x+=' a'; echo $x"), Some(false));
        assert_eq!(at_last("x=$#; echo $x"), Some(true));
        assert_eq!(at_last("x=$((1)); x=$((x+1)); echo $x"), Some(true));
        assert_eq!(at_last("x=a*; echo $x"), Some(false));
        assert_eq!(at_last("x=~/a; echo $x"), Some(true));
        assert_eq!(at_last("x=a=b; echo $x"), Some(true));
        assert_eq!(at_last("x=1; echo $x; x=$(b)"), Some(true));
        assert_eq!(at_last("x=1; read x; echo $x"), Some(false));
        assert_eq!(at_last("x=1; read -r -p 'a b' y x; echo $x"), Some(false));
        assert_eq!(at_last("x=1; unset x; echo $x"), Some(false));
        assert_eq!(at_last("x=1; export x=$(a); echo $x"), Some(false));
        assert_eq!(at_last("export x=1; echo $x"), Some(true));
        assert_eq!(at_last("x=1; x=$(a) true; echo $x"), Some(true));
        assert_eq!(at_last("x=1 set -e; echo $x"), Some(true));
        assert_eq!(at_last("x=1 y=$x; echo $x"), Some(true));
        assert_eq!(at_last("x=${SAFE:-a}; echo $x"), Some(true));
        assert_eq!(at_last("x=${#y}; echo $x"), Some(true));
    }

    #[test]
    fn branches_and_subshells() {
        assert_eq!(
            at_last("if c; then x=1; else x='a b'; fi; echo $x"),
            Some(false)
        );
        assert_eq!(at_last("if c; then x=1; else x=2; fi; echo $x"), Some(true));
        assert_eq!(at_last("if c; then x=1; fi; echo $x"), Some(false));
        assert_eq!(at_last("x=1; a && x=$(b); echo $x"), Some(false));
        assert_eq!(at_last("x=1; a || x=2; echo $x"), Some(true));
        assert_eq!(
            at_last("x=1; case a in b) x=$(c);; esac; echo $x"),
            Some(false)
        );
        assert_eq!(at_last("x=1; { x=$(a); }; echo $x"), Some(false));
        assert_eq!(at_last("(x=$(a)); x=1; echo $x"), Some(true));
        assert_eq!(at_last("x=1; (x=$(a)); echo $x"), Some(true));
        assert_eq!(at_last("x=1; a | x=$(b); echo $x"), Some(true));
        assert_eq!(at_last("x=1; y=$(x=$(a)); echo $x"), Some(true));
        assert_eq!(at_last("x=1; x=$(a) & echo $x"), Some(true));
    }

    #[test]
    fn loops_and_functions() {
        assert_eq!(
            at_last("x=1; for i in a; do echo $x; x=$(b); done"),
            Some(false)
        );
        assert_eq!(
            at_last("x=1; while a; do x=$(b); done; echo $x"),
            Some(false)
        );
        assert_eq!(at_last("for x in a b; do echo $x; done"), Some(true));
        assert_eq!(at_last("for x in a 'b c'; do echo $x; done"), Some(false));
        assert_eq!(at_last("for x in $(ls); do echo $x; done"), Some(false));
        assert_eq!(at_last("for x in *.txt; do echo $x; done"), Some(false));
        assert_eq!(at_last("l=a; for x in $l; do echo $x; done"), Some(false));
        assert_eq!(
            at_last("l=a; for x in \"$l\"; do echo $x; done"),
            Some(true)
        );
        assert_eq!(
            at_last("case $1 in a) x=1;; *) exit 1;; esac; echo $x"),
            Some(true)
        );
        assert_eq!(at_last("case $1 in a) x=1;; esac; echo $x"), Some(false));
        assert_eq!(
            at_last("if a; then x=1; else exit 1; fi; echo $x"),
            Some(true)
        );
        assert_eq!(
            at_last("x=1; a || { x=$(b); exit 1; }; echo $x"),
            Some(true)
        );
        assert_eq!(at_last("x=a; f() { echo $x; }"), Some(true));
        assert_eq!(at_last("f() { echo $x; }; x='a b'"), Some(false));
        assert_eq!(at_last("f() { x=$(a); }; x=1; echo $x"), Some(true));
        assert_eq!(at_last("f() { x=$(a); }; x=1; f; echo $x"), Some(false));
        assert_eq!(at_last("f() { local x=1; echo $x; }; x='a b'"), Some(true));
        assert_eq!(at_last("(( x = 3 )); echo $x"), Some(true));
        assert_eq!(at_last("let x=3; echo $x"), Some(true));
    }

    #[test]
    fn names() {
        let src = "a=1; read -r b; for c in x; do :; done; export d; echo $e ${f:-} $((g + 1)); \
                   [ -n \"$h\" ]; printf -v i x; mapfile j; getopts ab k; (( l++ )); x=1 cmd";
        let script = parse(src);
        let vars = analyse(&script, src, &mut |_| Value::UNKNOWN);
        assert!(!vars.is_assigned("x"));
        for n in ["a", "b", "c", "d", "i", "j", "k", "l"] {
            assert!(vars.is_assigned(n), "{n} assigned");
        }
        for n in ["e", "f", "g", "h", "l"] {
            assert!(vars.is_read(n), "{n} read");
        }
        assert!(!vars.is_assigned("e"));
        assert!(vars.is_guarded("f") && vars.is_guarded("h") && !vars.is_guarded("e"));
        assert!(vars.is_exported("d"));
        let kinds: Vec<(&str, AssignKind)> = vars
            .assignments
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect();
        assert!(kinds.contains(&("x", AssignKind::Prefix)));
        assert!(kinds.contains(&("b", AssignKind::Input)));
    }

    #[test]
    fn hostile_scripts_stay_linear() {
        let mut src = String::new();
        for i in 0..20_000 {
            src.push_str(&format!("v{i}=1 && "));
        }
        src.push_str("echo $v1");
        let script = parse(&src);
        let start = std::time::Instant::now();
        let _ = analyse(&script, &src, &mut |_| Value::UNKNOWN);
        // Linear: about 0.1 ms per assignment unoptimized, on a loaded machine.
        assert!(start.elapsed().as_secs() < 10);
        let mut src = String::new();
        for _ in 0..60 {
            src.push_str("while a; do x=1; ");
        }
        for _ in 0..60 {
            src.push_str("done; ");
        }
        let script = parse(&src);
        let _ = analyse(&script, &src, &mut |_| Value::UNKNOWN);
        let mut src = String::from("f() { f; g; }; g() { f; }; f; g");
        src.push_str(&"; f".repeat(1000));
        let script = parse(&src);
        let _ = analyse(&script, &src, &mut |_| Value::UNKNOWN);
    }

    /// Every shell quoting and variable rule over hostile scripts: no panic,
    /// no runaway time.
    #[test]
    fn hostile_dockerfiles_through_the_rules() {
        let codes = [
            "SC2086", "SC2046", "SC2068", "SC2145", "SC2223", "SC2035", "SC2016", "SC2154",
            "SC2153", "SC2034", "SC2043", "SC2059", "SC2114", "SC2115", "SC2144", "SC2102",
            "DW2016",
        ];
        let config = crate::Config {
            select: Some(codes.iter().map(|c| (*c).to_owned()).collect()),
            ..crate::Config::default()
        };
        let mut cases = vec![
            format!("FROM a\nRUN echo {}\n", "$(".repeat(20_000)),
            format!("FROM a\nRUN echo {}\n", "\"${a:-".repeat(20_000)),
            format!("FROM a\nRUN rm -rf {}\n", "$x/* ".repeat(100_000)),
            format!("FROM a\nRUN {}\n", "if a; then ".repeat(5_000)),
            format!("FROM a\nRUN {}\n", "for i in $x; do y=$i; ".repeat(2_000)),
            format!(
                "FROM a\nRUN {}echo $x\n",
                "f() { x=$(a); }; f; ".repeat(2_000)
            ),
            "FROM a\nRUN echo \"$x 'unterminated\n".to_owned(),
            "FROM a\nRUN echo ${\nRUN echo $(\nRUN echo `\nRUN x=(\n".to_owned(),
            format!("FROM a\nRUN echo '{}'\n", "$x`".repeat(50_000)),
            format!("FROM a\nRUN pip install {}\n", "a[bb]".repeat(20_000)),
        ];
        cases.push(format!(
            "FROM a\nRUN <<EOF\n{}EOF\n",
            "x=$y\n".repeat(20_000)
        ));
        for src in &cases {
            let start = std::time::Instant::now();
            let _ = crate::analyze(src, &config);
            assert!(
                start.elapsed().as_secs() < 20,
                "slow on {}",
                &src[..src.len().min(60)]
            );
        }
    }
}
