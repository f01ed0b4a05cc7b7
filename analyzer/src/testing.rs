//! The rule test harness: pass/fail/fix vectors beside each rule, one insta
//! snapshot per rule, and the invariants every fixture must keep (fixes do
//! not overlap, fixed text re-parses without new errors, fixes converge, the
//! declared fix availability matches what the rule does).

use std::fmt::Write as _;

use std::marker::PhantomData;

use crate::analysis::{Context, check_model};
use crate::checker::FileModel;
use crate::compose::model::{ComposeContext, ComposeModel};
use crate::config::{Config, RuleOptions};
use crate::daemon::DaemonModel;
use crate::fixes::apply_fixes;
use crate::line_index::ColumnUnit;
use crate::model::Model;
use crate::rule::{FileKind, FixAvailability, Rule, RuleMeta};
use crate::seccomp::SeccompModel;
use crate::{Diagnostic, LineIndex};

/// What a vector is analysed with besides its text, each read by the kind
/// of file that has it.
#[derive(Default)]
pub(crate) struct SideInputs {
    /// The build context's `.dockerignore` (Dockerfiles).
    dockerignore: Option<String>,
    /// The `.env` beside the file (Compose).
    dotenv: Option<String>,
    /// The files a resolver serves, by path (Compose `extends: file:` and
    /// builds).
    files: Vec<(String, String)>,
}

/// A kind of file the harness can run: how to analyse a text, and how many
/// syntax errors a text has (a fix must not add any).
pub(crate) trait TestKind: FileModel + Sized + 'static {
    /// The kind of file the model is.
    const KIND: FileKind;
    fn check(src: &str, config: &Config, inputs: &SideInputs) -> Vec<Diagnostic>;
    fn syntax_errors(src: &str) -> usize;
}

impl TestKind for Model {
    const KIND: FileKind = FileKind::Dockerfile;

    fn check(src: &str, config: &Config, inputs: &SideInputs) -> Vec<Diagnostic> {
        let context = Context {
            dockerignore: inputs.dockerignore.as_deref(),
        };
        check_model(&Model::new(src), config, context)
    }

    fn syntax_errors(src: &str) -> usize {
        Model::new(src).file.errors.len()
    }
}

/// The findings of one rule alone.
fn findings_of(code: &str, run: impl FnOnce(&Config) -> Vec<Diagnostic>) -> usize {
    run(&Config {
        select: Some(vec![code.to_owned()]),
        ..Config::default()
    })
    .len()
}

impl TestKind for DaemonModel {
    const KIND: FileKind = FileKind::Daemon;

    fn check(src: &str, config: &Config, _inputs: &SideInputs) -> Vec<Diagnostic> {
        crate::daemon::check(&DaemonModel::new(src), config)
    }

    /// What dockerd refuses (the syntax rule's findings).
    fn syntax_errors(src: &str) -> usize {
        findings_of("DW6000", |c| {
            crate::daemon::check(&DaemonModel::new(src), c)
        })
    }
}

impl TestKind for SeccompModel {
    const KIND: FileKind = FileKind::Seccomp;

    fn check(src: &str, config: &Config, _inputs: &SideInputs) -> Vec<Diagnostic> {
        crate::seccomp::check(&SeccompModel::new(src), config)
    }

    /// What Docker refuses (the syntax rule's findings).
    fn syntax_errors(src: &str) -> usize {
        findings_of("DW6100", |c| {
            crate::seccomp::check(&SeccompModel::new(src), c)
        })
    }
}

impl TestKind for ComposeModel {
    const KIND: FileKind = FileKind::Compose;

    fn check(src: &str, config: &Config, inputs: &SideInputs) -> Vec<Diagnostic> {
        let resolve = |path: &str| {
            inputs
                .files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, t)| t.clone())
        };
        let context = ComposeContext {
            dotenv: inputs.dotenv.as_deref(),
            files: Some(&resolve),
            partial: false,
        };
        crate::compose::check(&ComposeModel::new(src, context), config)
    }

    /// The YAML errors of the text.
    fn syntax_errors(src: &str) -> usize {
        crate::compose::syntax_errors(src)
    }
}

/// The harness for a Compose rule: `ComposeTester::new_for(&Rule)`.
pub(crate) type ComposeTester = Tester<ComposeModel>;

pub(crate) struct Tester<M: TestKind = Model> {
    meta: &'static RuleMeta,
    pass: Vec<String>,
    fail: Vec<String>,
    fixes: Vec<(String, String)>,
    config: Config,
    inputs: SideInputs,
    kind: PhantomData<M>,
}

impl Tester {
    /// The harness for a Dockerfile rule.
    pub(crate) fn new(rule: &'static dyn Rule) -> Self {
        Tester::new_for(rule)
    }
}

#[allow(dead_code)]
impl<M: TestKind> Tester<M> {
    /// The harness for a rule over the model `M` (`DaemonModel`,
    /// `SeccompModel`…).
    pub(crate) fn new_for(rule: &'static dyn Rule<M>) -> Self {
        let meta = rule.meta();
        Tester {
            meta,
            pass: Vec::new(),
            fail: Vec::new(),
            fixes: Vec::new(),
            config: Config {
                select: Some(vec![meta.code.to_owned()]),
                ..Config::default()
            },
            inputs: SideInputs::default(),
            kind: PhantomData,
        }
    }

    pub(crate) fn options(mut self, f: impl FnOnce(&mut RuleOptions)) -> Self {
        f(&mut self.config.options);
        self
    }

    /// The build context's `.dockerignore` every vector is analysed with.
    pub(crate) fn dockerignore(mut self, text: &str) -> Self {
        self.inputs.dockerignore = Some(text.to_owned());
        self
    }

    /// The `.env` text every Compose vector is analysed with.
    pub(crate) fn dotenv(mut self, text: &str) -> Self {
        self.inputs.dotenv = Some(text.to_owned());
        self
    }

    /// A file the Compose resolver serves (for `extends: {file: …}` and
    /// builds).
    pub(crate) fn file(mut self, path: &str, text: &str) -> Self {
        self.inputs.files.push((path.to_owned(), text.to_owned()));
        self
    }

    /// Sources that must produce no finding of this rule.
    pub(crate) fn pass<I: IntoIterator<Item = S>, S: Into<String>>(mut self, cases: I) -> Self {
        self.pass.extend(cases.into_iter().map(Into::into));
        self
    }

    /// Sources that must produce at least one finding of this rule.
    pub(crate) fn fail<I: IntoIterator<Item = S>, S: Into<String>>(mut self, cases: I) -> Self {
        self.fail.extend(cases.into_iter().map(Into::into));
        self
    }

    /// `(before, after)`: applying this rule's fixes (safe and unsafe) until
    /// they converge turns `before` into `after`.
    pub(crate) fn fix<I: IntoIterator<Item = (A, B)>, A: Into<String>, B: Into<String>>(
        mut self,
        cases: I,
    ) -> Self {
        self.fixes
            .extend(cases.into_iter().map(|(a, b)| (a.into(), b.into())));
        self
    }

    pub(crate) fn run(&self, src: &str) -> Vec<Diagnostic> {
        M::check(src, &self.config, &self.inputs)
            .into_iter()
            .filter(|d| d.code == self.meta.code)
            .collect()
    }

    /// Fixes `src` with this rule alone until it converges; panics past 3 rounds.
    fn fix_converged(&self, src: &str) -> String {
        let mut text = src.to_owned();
        for _ in 0..3 {
            let diags = self.run(&text);
            let (next, n) = apply_fixes(&text, &diags, true);
            if n == 0 {
                return text;
            }
            text = next;
        }
        assert!(
            self.run(&text).iter().all(|d| d.fix.is_none()),
            "{}: fixes did not converge within 3 rounds for:\n{src}\n--- last:\n{text}",
            self.meta.code
        );
        text
    }

    fn check_invariants(&self, src: &str, diags: &[Diagnostic]) {
        let code = self.meta.code;
        for d in diags {
            assert!(
                d.range.end() <= src.len()
                    && src.is_char_boundary(d.range.start())
                    && src.is_char_boundary(d.range.end()),
                "{code}: range {:?} out of bounds in:\n{src}",
                d.range
            );
            assert!(!d.message.is_empty(), "{code}: empty message");
            assert!(
                !d.message.ends_with('.'),
                "{code}: message ends with a period: {}",
                d.message
            );
            if let Some(fix) = &d.fix {
                assert!(
                    self.meta.fix != FixAvailability::None,
                    "{code} is declared non-fixable but produced a fix"
                );
                assert!(!fix.title.is_empty(), "{code}: fix without a title");
                for w in fix.edits.windows(2) {
                    assert!(
                        w[0].range.end <= w[1].range.start,
                        "{code}: overlapping edits in one fix: {:?}",
                        fix.edits
                    );
                }
                for e in &fix.edits {
                    assert!(
                        e.range.end() <= src.len()
                            && src.is_char_boundary(e.range.start())
                            && src.is_char_boundary(e.range.end()),
                        "{code}: edit {:?} out of bounds",
                        e.range
                    );
                }
            } else if self.meta.fix == FixAvailability::Always {
                panic!("{code} is declared always fixable but a finding has no fix:\n{src}");
            }
        }
        if diags.iter().any(|d| d.fix.is_some()) {
            let before = M::syntax_errors(src);
            let fixed = self.fix_converged(src);
            let after = M::syntax_errors(&fixed);
            assert!(
                after <= before,
                "{code}: fixed text has new syntax errors:\n{fixed}"
            );
        }
    }

    /// Runs every vector, checks the invariants, and snapshots the findings.
    pub(crate) fn test(self) {
        let code = self.meta.code;
        assert!(
            !self.fail.is_empty(),
            "{code}: a rule needs at least one failing vector"
        );
        assert!(
            self.meta.fix == FixAvailability::None || !self.fixes.is_empty(),
            "{code}: a fixable rule needs fix vectors"
        );
        for src in &self.pass {
            let diags = self.run(src);
            assert!(
                diags.is_empty(),
                "{code}: expected no finding in:\n{src}\ngot: {diags:#?}"
            );
        }
        let mut snapshot = String::new();
        let mut any_fix = false;
        for src in &self.fail {
            let diags = self.run(src);
            assert!(!diags.is_empty(), "{code}: expected a finding in:\n{src}");
            self.check_invariants(src, &diags);
            any_fix |= diags.iter().any(|d| d.fix.is_some());
            render(&mut snapshot, src, &diags);
        }
        for (before, after) in &self.fixes {
            let diags = self.run(before);
            self.check_invariants(before, &diags);
            let fixed = self.fix_converged(before);
            assert_eq!(&fixed, after, "{code}: fix result differs for:\n{before}");
            any_fix |= diags.iter().any(|d| d.fix.is_some());
        }
        if self.meta.fix != FixAvailability::None {
            assert!(
                any_fix,
                "{code} is declared fixable but no vector produced a fix"
            );
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        // A rule checked in several kinds of file has one snapshot per
        // kind: its first kind's under the code, the others' under
        // `CODE.kind`.
        let name = if self.meta.kinds.first() == Some(&M::KIND) {
            code.to_owned()
        } else {
            format!("{code}.{}", M::KIND.as_str())
        };
        settings.bind(|| insta::assert_snapshot!(name, snapshot));
    }
}

/// Renders findings for a snapshot: the source with line numbers, then each
/// finding with its 1-based range, and the fix result.
/// For the rules that need an option to do anything: `cases` give no
/// finding of `rule` under the default options.
pub(crate) fn assert_silent_without_options<'s>(
    rule: &'static dyn Rule,
    cases: impl IntoIterator<Item = &'s str>,
) {
    let tester = Tester::new(rule);
    for src in cases {
        let found = tester.run(src);
        assert!(
            found.is_empty(),
            "{}: fires without options on:\n{src}\n{found:?}",
            tester.meta.code
        );
    }
}

fn render(out: &mut String, src: &str, diags: &[Diagnostic]) {
    let index = LineIndex::new(src);
    out.push_str("--- input\n");
    for (i, line) in src.lines().enumerate() {
        let _ = writeln!(out, "{:>3} | {line}", i + 1);
    }
    for d in diags {
        let (s, e) = index.range(src, d.range, ColumnUnit::Char);
        let _ = writeln!(
            out,
            "{}:{}-{}:{} {} {}: {}",
            s.line + 1,
            s.col + 1,
            e.line + 1,
            e.col + 1,
            d.severity.as_str(),
            d.code,
            d.message
        );
        for r in &d.related {
            let (rs, _) = index.range(src, r.range, ColumnUnit::Char);
            let _ = writeln!(
                out,
                "    related {}:{}: {}",
                rs.line + 1,
                rs.col + 1,
                r.message
            );
        }
        if let Some(fix) = &d.fix {
            let (fixed, _) = apply_fixes(src, std::slice::from_ref(d), true);
            let _ = writeln!(
                out,
                "    fix ({}): {}",
                fix.applicability.as_str(),
                fix.title
            );
            for line in fixed.lines() {
                let _ = writeln!(out, "    | {line}");
            }
        }
    }
}
