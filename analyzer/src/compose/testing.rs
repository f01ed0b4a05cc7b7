//! The Compose rule test harness, beside the Dockerfile one
//! (`crate::testing`): pass/fail/fix vectors, one insta snapshot per rule
//! in `src/rules/snapshots`, and the invariants every vector keeps (ranges
//! inside the text, fixes that do not overlap, fixed text that parses with
//! no new YAML errors, fixes that converge, the declared fix availability).

use std::fmt::Write as _;

use super::model::{ComposeContext, ComposeModel};
use super::{check, syntax_errors};
use crate::config::Config;
use crate::fixes::apply_fixes;
use crate::line_index::ColumnUnit;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::{Diagnostic, LineIndex};

pub(crate) struct ComposeTester {
    meta: &'static RuleMeta,
    pass: Vec<String>,
    fail: Vec<String>,
    fixes: Vec<(String, String)>,
    config: Config,
    dotenv: Option<String>,
    files: Vec<(String, String)>,
}

#[allow(dead_code)]
impl ComposeTester {
    pub(crate) fn new(rule: &'static dyn Rule<ComposeModel>) -> Self {
        let meta = rule.meta();
        ComposeTester {
            meta,
            pass: Vec::new(),
            fail: Vec::new(),
            fixes: Vec::new(),
            config: Config {
                select: Some(vec![meta.code.to_owned()]),
                ..Config::default()
            },
            dotenv: None,
            files: Vec::new(),
        }
    }

    /// The `.env` text every vector is analysed with.
    pub(crate) fn dotenv(mut self, text: &str) -> Self {
        self.dotenv = Some(text.to_owned());
        self
    }

    /// A file the resolver serves (for `extends: {file: …}` and builds).
    pub(crate) fn file(mut self, path: &str, text: &str) -> Self {
        self.files.push((path.to_owned(), text.to_owned()));
        self
    }

    pub(crate) fn pass<I: IntoIterator<Item = S>, S: Into<String>>(mut self, cases: I) -> Self {
        self.pass.extend(cases.into_iter().map(Into::into));
        self
    }

    pub(crate) fn fail<I: IntoIterator<Item = S>, S: Into<String>>(mut self, cases: I) -> Self {
        self.fail.extend(cases.into_iter().map(Into::into));
        self
    }

    pub(crate) fn fix<I: IntoIterator<Item = (A, B)>, A: Into<String>, B: Into<String>>(
        mut self,
        cases: I,
    ) -> Self {
        self.fixes
            .extend(cases.into_iter().map(|(a, b)| (a.into(), b.into())));
        self
    }

    pub(crate) fn run(&self, src: &str) -> Vec<Diagnostic> {
        let resolve = |path: &str| {
            self.files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, t)| t.clone())
        };
        let context = ComposeContext {
            dotenv: self.dotenv.as_deref(),
            files: Some(&resolve),
            partial: false,
        };
        check(&ComposeModel::new(src, context), &self.config)
            .into_iter()
            .filter(|d| d.code == self.meta.code)
            .collect()
    }

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
            } else if self.meta.fix == FixAvailability::Always {
                panic!("{code} is declared always fixable but a finding has no fix:\n{src}");
            }
        }
        if diags.iter().any(|d| d.fix.is_some()) {
            let before = syntax_errors(src);
            let fixed = self.fix_converged(src);
            let after = syntax_errors(&fixed);
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
        // A rule checked in several kinds of file has one snapshot per kind:
        // its first kind's under the code, the others' under `CODE.kind`.
        let name = if self.meta.kinds.first() == Some(&crate::rule::FileKind::Compose) {
            code.to_owned()
        } else {
            format!("{code}.{}", crate::rule::FileKind::Compose.as_str())
        };
        settings.bind(|| insta::assert_snapshot!(name, snapshot));
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

#[cfg(test)]
mod tests {
    use crate::compose::model::{ComposeContext, ComposeModel};
    use crate::config::Config;
    use crate::registry::COMPOSE_RULES;

    /// The first ```yaml block after `marker` in `docs`.
    fn example_after<'d>(docs: &'d str, marker: &str) -> Option<&'d str> {
        let rest = &docs[docs.find(marker)? + marker.len()..];
        let start = rest.find("```yaml\n")? + "```yaml\n".len();
        let len = rest[start..].find("```")?;
        Some(&rest[start..start + len])
    }

    /// Each Compose rule's Example fires it and its Use instead does not.
    /// (A rule of another kind that also checks Compose files, such as
    /// `content-trust-disabled`, documents its first kind's examples and
    /// has Compose vectors beside it.)
    #[test]
    fn doc_examples_fire_and_use_instead_does_not() {
        for rule in COMPOSE_RULES {
            let m = rule.meta();
            if m.kinds.first() != Some(&crate::rule::FileKind::Compose) {
                continue;
            }
            let config = Config {
                select: Some(vec![m.code.to_owned()]),
                ..Config::default()
            };
            let docs = m.documentation();
            let count = |src: &str| {
                crate::compose::check(&ComposeModel::new(src, ComposeContext::default()), &config)
                    .into_iter()
                    .filter(|d| d.code == m.code)
                    .count()
            };
            let bad = example_after(&docs, "## Example")
                .unwrap_or_else(|| panic!("{}: no ```yaml example", m.code));
            assert!(
                count(bad) > 0,
                "{}: the Example does not fire:\n{bad}",
                m.code
            );
            let good = example_after(&docs, "Use instead:")
                .unwrap_or_else(|| panic!("{}: no ```yaml Use instead", m.code));
            assert_eq!(
                count(good),
                0,
                "{}: the Use instead example fires:\n{good}",
                m.code
            );
        }
    }

    /// Every rule mapped to a CIS item carries the `cis` group alias, and
    /// only those.
    #[test]
    fn cis_rules_carry_the_group_alias() {
        for rule in COMPOSE_RULES {
            let m = rule.meta();
            let mapped = m.aliases.iter().any(|a| a.starts_with("CIS-"));
            assert_eq!(m.aliases.contains(&"cis"), mapped, "{}", m.code);
            assert!(
                m.kinds.contains(&crate::rule::FileKind::Compose),
                "{}",
                m.code
            );
            if m.kinds.first() == Some(&crate::rule::FileKind::Compose) {
                assert_eq!(m.category, crate::rule::Category::Compose, "{}", m.code);
            }
        }
    }
}
