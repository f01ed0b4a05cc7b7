//! Control flow and exit status in a RUN script: for every pipeline and
//! simple command, whether the script tests its exit status (a condition),
//! whether errexit would be ignored there, whether it is the last thing its
//! script, function or subshell runs; and where errexit is on.
//!
//! - A **condition** is what ShellCheck calls one: a command whose exit
//!   status the script tests. It sits left of `&&` / `||`, or is the last
//!   item of an `if` / `elif` / `while` / `until` condition, or is nested
//!   (in a group, a subshell, a substitution) inside such a command.
//! - **errexit is ignored** (POSIX `set -e`) in every item of a condition
//!   list, left of `&&` / `||`, in a `!` pipeline, in a pipeline's
//!   commands but the last, and everywhere inside a command in one of those
//!   places.
//! - **errexit is on** at a point of the script when the shell was started
//!   with it (`SHELL ["/bin/bash", "-e", "-c"]`, `-o errexit`: the
//!   [`RunScript::errexit`] flag) or when a `set -e` / `set -o errexit` /
//!   `set -eux` ran earlier in the same shell (not in a subshell or
//!   substitution that has ended), and no `set +e` since. hadolint's
//!   ShellCheck only sees `set` in the script text, anywhere in it; rules
//!   that read [`ScriptFlow::errexit_at`] document the difference.
//!
//! The walk follows the tree, which the parser caps in depth.

use std::borrow::Cow;

use crate::TextRange;
use crate::facts::commands::base_name;
use crate::model::RunScript;
use crate::shell::{
    AndOr, AndOrOp, Command, List, Pipeline, Redirect, SimpleCommand, Word, WordPart,
};

/// What the flow knows about one pipeline or command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flow {
    /// The script tests its exit status (ShellCheck's "condition").
    pub condition: bool,
    /// A failure here would not stop a shell running with errexit.
    pub errexit_ignored: bool,
    /// The last thing run by the script, a function body or a subshell
    /// (also through groups, `if` and `case` bodies at their end).
    pub last: bool,
    /// Inside a command or process substitution.
    pub in_substitution: bool,
    /// Inside a function body.
    pub in_function: bool,
    /// errexit is on when this starts: the shell started with it, or the
    /// last `set` that ran before in the same shell turned it on.
    pub errexit: bool,
}

/// A pipeline with its flow and its place in its and-or list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PipelineFlow<'a> {
    pub pipeline: &'a Pipeline,
    pub and_or: &'a AndOr,
    /// Index of the pipeline in `and_or.pipelines`.
    pub index: usize,
    pub flow: Flow,
    /// The flow of the and-or list as a whole (a condition when its last
    /// pipeline is).
    pub and_or_flow: Flow,
}

impl PipelineFlow<'_> {
    /// `&&` / `||` before this pipeline.
    pub(crate) fn op_before(&self) -> Option<AndOrOp> {
        self.and_or.op_before(self.index)
    }

    /// `&&` / `||` after this pipeline.
    pub(crate) fn op_after(&self) -> Option<AndOrOp> {
        self.and_or.op_after(self.index)
    }
}

/// The flow facts of one script.
#[derive(Debug, Default)]
pub(crate) struct ScriptFlow<'a> {
    /// Every pipeline, in walk order.
    pub pipelines: Vec<PipelineFlow<'a>>,
    /// Every simple command with its flow, sorted by span start.
    commands: Vec<(TextRange, Flow)>,
}

impl<'a> ScriptFlow<'a> {
    /// Walks `run`'s script once.
    pub(crate) fn new(run: &'a RunScript) -> Self {
        let mut w = Walker {
            src: &run.text,
            out: ScriptFlow::default(),
            errexit: run.errexit,
        };
        let top = Flow {
            last: true,
            ..Flow::default()
        };
        w.list(&run.script.body, top, true);
        w.out.commands.sort_by_key(|(r, _)| (r.start(), r.end()));
        w.out
    }

    /// The flow of a simple command of the script (default when unknown).
    pub(crate) fn of(&self, command: &SimpleCommand) -> Flow {
        let key = (command.span.start(), command.span.end());
        self.commands
            .binary_search_by_key(&key, |(r, _)| (r.start(), r.end()))
            .map(|i| self.commands[i].1)
            .unwrap_or_default()
    }
}

struct Walker<'a, 's> {
    src: &'s str,
    out: ScriptFlow<'a>,
    /// errexit at the point of the walk (in execution order: a subshell,
    /// substitution or function body restores it when it ends).
    errexit: bool,
}

impl<'a> Walker<'a, '_> {
    /// `last_of_shell`: the list is the body of a script, subshell or
    /// function (or of a compound command that is last in one).
    fn list(&mut self, list: &'a List, flow: Flow, last_of_shell: bool) {
        let n = list.items.len();
        for (k, and_or) in list.items.iter().enumerate() {
            let last = flow.last && last_of_shell && k + 1 == n && !and_or.is_background();
            self.and_or(and_or, Flow { last, ..flow });
        }
    }

    /// A condition list: errexit is ignored in all of it, and the last item
    /// is a condition.
    fn condition(&mut self, list: &'a List, flow: Flow) {
        let n = list.items.len();
        for (k, and_or) in list.items.iter().enumerate() {
            self.and_or(
                and_or,
                Flow {
                    condition: flow.condition || k + 1 == n,
                    errexit_ignored: true,
                    last: false,
                    ..flow
                },
            );
        }
    }

    fn and_or(&mut self, and_or: &'a AndOr, flow: Flow) {
        let n = and_or.pipelines.len();
        for (index, pipeline) in and_or.pipelines.iter().enumerate() {
            let left = index + 1 < n;
            let pflow = Flow {
                condition: flow.condition || left,
                errexit_ignored: flow.errexit_ignored || left || pipeline.bang.is_some(),
                last: flow.last && !left,
                errexit: self.errexit,
                ..flow
            };
            self.out.pipelines.push(PipelineFlow {
                pipeline,
                and_or,
                index,
                flow: pflow,
                and_or_flow: flow,
            });
            let m = pipeline.commands.len();
            for (k, command) in pipeline.commands.iter().enumerate() {
                let cflow = Flow {
                    errexit_ignored: pflow.errexit_ignored || k + 1 < m,
                    last: pflow.last && k + 1 == m,
                    errexit: self.errexit,
                    ..pflow
                };
                // A command of a multi-command pipeline runs in a subshell.
                let saved = self.errexit;
                self.command(command, cflow);
                if m > 1 {
                    self.errexit = saved;
                }
            }
        }
    }

    fn command(&mut self, command: &'a Command, flow: Flow) {
        let inner = Flow {
            last: false,
            ..flow
        };
        match command {
            Command::Simple(c) => {
                self.out.commands.push((c.span, flow));
                for w in c.all_words() {
                    self.word(w, flow);
                }
                self.set_toggle(c);
            }
            Command::Subshell(g) => {
                let saved = self.errexit;
                self.list(&g.body, Flow { last: true, ..flow }, true);
                self.errexit = saved;
                self.redirects(&g.redirects, flow);
            }
            Command::BraceGroup(g) => {
                self.list(&g.body, flow, true);
                self.redirects(&g.redirects, flow);
            }
            Command::If(i) => {
                for b in &i.branches {
                    self.condition(&b.condition, inner);
                    self.list(&b.body, flow, true);
                }
                if let Some(e) = &i.else_body {
                    self.list(e, flow, true);
                }
                self.redirects(&i.redirects, flow);
            }
            Command::While(w) => {
                self.condition(&w.condition, inner);
                self.list(&w.body, inner, false);
                self.redirects(&w.redirects, flow);
            }
            Command::For(f) => {
                for w in f.items.iter().flatten() {
                    self.word(w, inner);
                }
                self.list(&f.body, inner, false);
                self.redirects(&f.redirects, flow);
            }
            Command::ArithFor(f) => {
                self.word(&f.header, inner);
                self.list(&f.body, inner, false);
                self.redirects(&f.redirects, flow);
            }
            Command::Case(k) => {
                self.word(&k.subject, inner);
                for item in &k.items {
                    for p in &item.patterns {
                        self.word(p, inner);
                    }
                    self.list(&item.body, flow, true);
                }
                self.redirects(&k.redirects, flow);
            }
            Command::Function(f) => {
                // The body runs when called, in whatever context: a fresh
                // flow whose end is the function's end.
                let saved = self.errexit;
                let body = Flow {
                    last: true,
                    in_function: true,
                    ..Flow::default()
                };
                match &f.body {
                    Command::BraceGroup(g) | Command::Subshell(g) => {
                        self.list(&g.body, body, true);
                        self.redirects(&g.redirects, body);
                    }
                    other => self.command(other, body),
                }
                self.errexit = saved;
            }
            Command::Test(t) => {
                for w in &t.words {
                    self.word(w, inner);
                }
                self.redirects(&t.redirects, flow);
            }
            Command::Arith(a) => {
                self.word(&a.expr, inner);
                self.redirects(&a.redirects, flow);
            }
            Command::Unparsed(_) => {}
        }
    }

    fn redirects(&mut self, redirects: &'a [Redirect], flow: Flow) {
        for r in redirects {
            self.word(r.word(), flow);
        }
    }

    fn word(&mut self, word: &'a Word, flow: Flow) {
        self.parts(&word.parts, flow);
    }

    fn parts(&mut self, parts: &'a [WordPart], flow: Flow) {
        for p in parts {
            match p {
                WordPart::DoubleQuoted(d) => self.parts(&d.parts, flow),
                WordPart::Param(x) => self.parts(&x.parts, flow),
                WordPart::Arith(a) => self.parts(&a.parts, flow),
                WordPart::Array(a) => {
                    for w in &a.elements {
                        self.word(w, flow);
                    }
                }
                WordPart::CommandSubst(c) => self.substitution(&c.body, flow),
                WordPart::ProcessSubst(c) => self.substitution(&c.body, flow),
                WordPart::Literal(_)
                | WordPart::Escaped(_)
                | WordPart::SingleQuoted(_)
                | WordPart::AnsiC(_) => {}
            }
        }
    }

    fn substitution(&mut self, body: &'a List, flow: Flow) {
        let saved = self.errexit;
        self.list(
            body,
            Flow {
                last: true,
                in_substitution: true,
                ..flow
            },
            true,
        );
        self.errexit = saved;
    }

    /// Records `set -e`, `set -o errexit`, `set +e`… run by `c`.
    fn set_toggle(&mut self, c: &SimpleCommand) {
        if c.name(self.src).as_deref() != Some("set") {
            return;
        }
        if let Some(on) = set_changes_errexit(c, self.src) {
            self.errexit = on;
        }
    }
}

/// What a `set` command does to errexit: `Some(true)` for `-e`, `-eux`,
/// `-o errexit`; `Some(false)` for `+e`, `+o errexit`; `None` when it does
/// not touch it. Options end at the first operand or `--`.
pub(crate) fn set_changes_errexit(c: &SimpleCommand, src: &str) -> Option<bool> {
    let mut result = None;
    let mut args = c.args().iter();
    while let Some(w) = args.next() {
        let Some(a) = w.literal(src) else { break };
        let (on, cluster) = match (a.strip_prefix('-'), a.strip_prefix('+')) {
            (Some(c), _) => (true, c),
            (_, Some(c)) => (false, c),
            _ => break,
        };
        if cluster.is_empty() || cluster.starts_with('-') {
            break;
        }
        if cluster.contains('e') {
            result = Some(on);
        }
        if cluster.ends_with('o') {
            let value = args.next().and_then(|w| w.literal(src));
            if value.as_deref() == Some("errexit") {
                result = Some(on);
            }
        }
    }
    result
}

/// The base name of a command's literal name (`grep` for `/bin/grep`);
/// `None` for a compound command or a name with expansions.
pub(crate) fn command_basename<'s>(c: &Command, src: &'s str) -> Option<Cow<'s, str>> {
    simple_basename(c.as_simple()?, src)
}

/// A command's literal name as written (`/bin/ls` stays `/bin/ls`);
/// ShellCheck's pipeline checks match names this way.
pub(crate) fn command_name<'s>(c: &Command, src: &'s str) -> Option<Cow<'s, str>> {
    c.as_simple()?.name(src)
}

/// [`command_basename`] of a simple command.
pub(crate) fn simple_basename<'s>(c: &SimpleCommand, src: &'s str) -> Option<Cow<'s, str>> {
    let name = c.name(src)?;
    Some(match name {
        Cow::Borrowed(b) => Cow::Borrowed(base_name(b)),
        Cow::Owned(o) => Cow::Owned(base_name(&o).to_owned()),
    })
}

/// The option letters of the short-option clusters at the start of `args`
/// (up to the first operand or `--`), skipping the values of the options in
/// `takes_value`; plus the index of the first operand.
pub(crate) fn leading_short_flags(args: &[Word], src: &str, takes_value: &str) -> (String, usize) {
    let mut flags = String::new();
    let mut k = 0;
    while let Some(w) = args.get(k) {
        let Some(v) = w.literal(src) else { break };
        if v == "--" {
            k += 1;
            break;
        }
        let Some(cluster) = v
            .strip_prefix('-')
            .filter(|c| !c.is_empty() && !c.starts_with('-'))
        else {
            break;
        };
        k += 1;
        for (i, ch) in cluster.char_indices() {
            flags.push(ch);
            if takes_value.contains(ch) {
                if i + ch.len_utf8() == cluster.len() {
                    k += 1;
                }
                break;
            }
        }
    }
    (flags, k.min(args.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    /// (command text, flow) of every simple command of the first script.
    fn flows(src: &str) -> Vec<(String, Flow)> {
        let model = Model::new(src);
        let run = &model.scripts[0];
        let flow = ScriptFlow::new(run);
        run.script
            .simple_commands()
            .map(|c| {
                (
                    c.command.span.slice(&run.text).to_owned(),
                    flow.of(c.command),
                )
            })
            .collect()
    }

    fn find(src: &str, text: &str) -> Flow {
        flows(src)
            .into_iter()
            .find(|(t, _)| t == text)
            .unwrap_or_else(|| panic!("{text} not in {src}"))
            .1
    }

    #[test]
    fn conditions() {
        let src = "FROM a\nRUN a && b || c; if d; e; then f; fi; while g; do h; done\n";
        assert!(find(src, "a").condition);
        assert!(find(src, "b").condition);
        assert!(!find(src, "c").condition);
        assert!(!find(src, "d").condition);
        assert!(find(src, "d").errexit_ignored);
        assert!(find(src, "e").condition);
        assert!(!find(src, "f").condition && !find(src, "f").errexit_ignored);
        assert!(find(src, "g").condition);
        assert!(!find(src, "h").condition);
        let src = "FROM a\nRUN { cd x; make; } || exit 1; echo \"$(cd y && pwd)\"\n";
        assert!(find(src, "cd x").condition);
        assert!(!find(src, "echo \"$(cd y && pwd)\"").condition);
        assert!(find(src, "cd y").condition);
        assert!(find(src, "cd y").in_substitution);
        let src = "FROM a\nRUN if [ \"$(cd z; pwd)\" ]; then :; fi\n";
        assert!(find(src, "cd z").condition);
    }

    #[test]
    fn errexit_ignored_and_last() {
        let src = "FROM a\nRUN ! a; b | c; d\n";
        assert!(find(src, "a").errexit_ignored && !find(src, "a").condition);
        assert!(find(src, "b").errexit_ignored);
        assert!(!find(src, "c").errexit_ignored);
        assert!(!find(src, "c").last);
        assert!(find(src, "d").last);
        let src = "FROM a\nRUN f() { x; y; }; (z; w) && v; if q; then r; fi\n";
        assert!(!find(src, "x").last && find(src, "y").last);
        assert!(find(src, "y").in_function);
        assert!(!find(src, "z").last && find(src, "w").last);
        assert!(!find(src, "v").last);
        assert!(find(src, "r").last && !find(src, "q").last);
    }

    #[test]
    fn errexit_positions() {
        let src = "FROM a\nRUN a; set -eux; b; (set +e; c); d; set +o errexit; e; x=$(set -e); f\n";
        assert!(!find(src, "a").errexit);
        assert!(find(src, "b").errexit);
        assert!(!find(src, "c").errexit);
        assert!(find(src, "d").errexit);
        assert!(!find(src, "e").errexit);
        assert!(!find(src, "f").errexit);
        let src = "FROM a\nSHELL [\"/bin/bash\", \"-e\", \"-c\"]\nRUN a\n";
        assert!(find(src, "a").errexit);
    }

    /// Hostile scripts for the command and control-flow rules: no panic,
    /// no quadratic walk (each runs in well under a second in release).
    #[test]
    fn hostile_scripts() {
        const CODES: &[&str] = &[
            "SC2155", "SC2006", "SC2251", "SC2164", "SC2038", "SC2012", "SC2010", "SC2011",
            "SC2044", "SC2045", "SC2002", "SC2196", "SC2197", "SC2308", "SC2283", "SC2185",
            "SC2174", "SC2162", "SC2230", "SC2181", "SC2166", "SC2188", "SC2028", "SC2005",
            "SC2143", "SC2015", "SC2291", "SC2238", "SC2061", "SC2024", "SC2069", "SC2094",
            "SC2216", "SC2064", "SC2103",
        ];
        let n = 20_000;
        let cases = [
            format!("FROM a\nRUN {}\n", "(set -e); cd x; ! a; ".repeat(n)),
            format!("FROM a\nRUN {}c\n", "a && b || ".repeat(n)),
            format!("FROM a\nRUN [ a {}]\n", "-a b -o c ".repeat(n)),
            format!("FROM a\nRUN test {}\n", "( ".repeat(n)),
            format!("FROM a\nRUN echo {}\n", "`\\`".repeat(n)),
            format!("FROM a\nRUN x=`{}`\n", "\\\\".repeat(n)),
            format!("FROM a\nRUN echo {}\n", "a\t\t".repeat(n)),
            format!("FROM a\nRUN cat f {}> f\n", "f ".repeat(n)),
            format!("FROM a\nRUN cat {} {}\n", "f ".repeat(n), "> f ".repeat(n)),
            format!("FROM a\nRUN find {}\n", "-name *.x ".repeat(n)),
            format!("FROM a\nRUN {}\n", "ls | ".repeat(n) + "grep x"),
            format!("FROM a\nRUN export {}\n", "X=$(a) ".repeat(n)),
            format!("FROM a\nRUN mkdir -p -m 7 {}\n", "a/b ".repeat(n)),
            format!("FROM a\nRUN {}\n", "cd a; cd ..; ".repeat(n)),
            format!("FROM a\nRUN make {}\n", "2>&1 ".repeat(n) + "> f"),
            format!("FROM a\nRUN trap \"{}\" EXIT\n", "$x ".repeat(n)),
            format!("FROM a\nRUN for f in $({}); do :; done\n", "ls; ".repeat(n)),
        ];
        let config = crate::Config {
            select: Some(CODES.iter().map(|c| (*c).to_owned()).collect()),
            ..crate::Config::default()
        };
        for (k, src) in cases.iter().enumerate() {
            let start = std::time::Instant::now();
            let _ = crate::analyze(src, &config);
            let took = start.elapsed();
            eprintln!("case {k}: {took:?}");
            assert!(
                took < std::time::Duration::from_secs(20),
                "{took:?} for case {k}"
            );
        }
    }
}
