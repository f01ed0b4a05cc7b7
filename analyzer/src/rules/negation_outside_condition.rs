use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Command, Pipeline};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags a statement negated with `!` (`! grep -q bad /etc/conf`) while
    /// errexit is on, when the script does not test its status: the `!`
    /// pipeline stands alone (not in an `&&` / `||` list, not an `if` /
    /// `while` / `until` condition) and is not the last command of the
    /// script, a function or a subshell, nor inside a command substitution.
    ///
    /// errexit is on when the `SHELL` in effect starts the shell with `-e`
    /// (`SHELL ["/bin/bash", "-eo", "pipefail", "-c"]`) or when `set -e`,
    /// `set -o errexit`, `set -eux`… ran earlier in the script.
    ///
    /// ## Why is this bad?
    /// `set -e` never stops on a negated command, whatever its status: `!
    /// grep -q bad /etc/conf` does not fail the step when `bad` is found.
    /// The negation only does something where the status is tested, or
    /// where it becomes the script's own exit status (the last command).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -e; ! grep -q debug /etc/app.conf; make install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -e; grep -q debug /etc/app.conf && exit 1; make install
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the `!` and appends `&& exit 1`, so that the step
    /// fails when the command succeeds, as the negation intended. It is
    /// unsafe: a build that passed may now fail. No fix is offered when the
    /// pipeline feeds a here-document.
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck (and so hadolint) only knows `set -e` written in the
    /// script, anywhere in it: dockward also reads the `SHELL` flags, and
    /// only counts a `set -e` that ran before the statement (so `SHELL
    /// ["/bin/bash", "-e", "-c"]` files get findings hadolint cannot see,
    /// and `! cmd; set -e` does not). The last command of a `{ …; }` group,
    /// an `if` or a `case` body that ends the script counts as the last
    /// command (its status is the step's status); ShellCheck only exempts
    /// the script's, a function's and a subshell's own last command.
    pub NegationOutsideCondition {
        code: "SC2251",
        name: "negation-outside-condition",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for NegationOutsideCondition {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for (index, run) in cx.model.scripts.iter().enumerate() {
            if !run.errexit && !run.text.contains("set") {
                continue;
            }
            let flow = cx.script_flow(index);
            for p in &flow.pipelines {
                let Some(bang) = p.pipeline.bang else {
                    continue;
                };
                if p.and_or.pipelines.len() != 1
                    || p.and_or.is_background()
                    || p.flow.condition
                    || p.flow.last
                    || p.flow.in_substitution
                    || !p.flow.errexit
                {
                    continue;
                }
                let fix = exit_fix(p.pipeline, bang).map(|(delete, at)| {
                    Fix::unsafe_(
                        "Drop the `!` and append `&& exit 1`",
                        vec![
                            Edit::delete(run.file_range(delete)),
                            Edit::insert(
                                run.file_range(TextRange::empty(at)).start(),
                                " && exit 1",
                            ),
                        ],
                    )
                });
                let d = cx
                    .report(
                        run.file_range(bang),
                        "`!` on a statement never stops the build under errexit",
                    )
                    .with_instruction(run.instruction);
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
        }
    }
}

/// The range to delete (the `!` and the blanks after it) and where to
/// append `&& exit 1`.
fn exit_fix(pipeline: &Pipeline, bang: TextRange) -> Option<(TextRange, usize)> {
    let first = pipeline.commands.first()?;
    let last = pipeline.commands.last()?;
    let heredoc = pipeline
        .commands
        .iter()
        .any(|c| c.redirects().iter().any(|r| r.heredoc().is_some()));
    if heredoc || matches!(last, Command::Unparsed(_) | Command::Function(_)) {
        return None;
    }
    Some((
        TextRange::new(bang.start(), first.span().start()),
        last.span().end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&NegationOutsideCondition)
            .pass([
                "FROM a\nRUN ! grep -q x f; make\n",
                "FROM a\nRUN set -e; ! grep -q x f\n",
                "FROM a\nRUN set -e; if ! grep -q x f; then exit 1; fi\n",
                "FROM a\nRUN set -e; ! grep -q x f && echo ok; make\n",
                "FROM a\nRUN set -e; a && ! grep -q x f; make\n",
                "FROM a\nRUN set -e; while ! test -f x; do sleep 1; done\n",
                "FROM a\nRUN set -e; (! grep -q x f); make\n",
                "FROM a\nRUN set -e; x=$(! a; echo); make\n",
                "FROM a\nRUN set -e; f() { ! a; }; f\n",
                "FROM a\nRUN ! a; set -e; make\n",
                "FROM a\nRUN set -e; set +e; ! a; make\n",
                "FROM a\nRUN set -e; ! a &\n",
                "FROM a\nRUN set -e; if x; then ! a; fi\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-e\", \"-c\"]\nRUN ! a\n",
            ])
            .fail([
                "FROM a\nRUN set -e; ! grep -q x f; make\n",
                "FROM a\nRUN set -eux \\\n && apt-get update \\\n ; ! dpkg -l | grep -q foo \\\n ; make\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN ! a; make\n",
                "FROM a\nRUN <<EOF\nset -o errexit\n! grep x f\nmake\nEOF\n",
                "FROM a\nRUN set -e; { ! a; }; make\n",
                "FROM a\nRUN set -e; for i in 1 2; do ! a $i; done\n",
                "FROM a\nRUN set -e; ! cat <<X; make\nhi\nX\n",
            ])
            .fix([
                (
                    "FROM a\nRUN set -e; ! grep -q x f; make\n",
                    "FROM a\nRUN set -e; grep -q x f && exit 1; make\n",
                ),
                (
                    "FROM a\nRUN set -eux \\\n ; ! \\\n   dpkg -l | grep -q foo \\\n ; make\n",
                    "FROM a\nRUN set -eux \\\n ; dpkg -l | grep -q foo && exit 1 \\\n ; make\n",
                ),
            ])
            .test();
    }
}
