use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Redirect, RedirectFd, RedirectOp, RedirectTarget};

declare_rule! {
    /// ## What it does
    /// Flags `2>&1` written before the redirection of standard output to a
    /// file: `cmd 2>&1 > build.log`. Not flagged: output to `/dev/*`, a
    /// command whose output goes on into a pipe or a command substitution
    /// (where sending errors there and output elsewhere is a known idiom).
    ///
    /// ## Why is this bad?
    /// Redirections apply left to right: `2>&1` points standard error at
    /// where standard output goes *now* (the build log), then `> file`
    /// moves standard output only. The errors never reach the file;
    /// `cmd > build.log 2>&1` sends both.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make 2>&1 > /tmp/build.log
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make > /tmp/build.log 2>&1
    /// ```
    pub StderrRedirectOrder {
        code: "SC2069",
        name: "stderr-redirect-order",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for StderrRedirectOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                if c.scope.in_substitution() || c.position.next_in_pipeline().is_some() {
                    continue;
                }
                let redirects = c.command.redirects();
                let Some(dup) = redirects.iter().position(|r| is_err_to_out(r, src)) else {
                    continue;
                };
                let later_file = redirects[dup + 1..].iter().any(|r| {
                    matches!(
                        r.op,
                        RedirectOp::Write | RedirectOp::Append | RedirectOp::Clobber
                    ) && matches!(r.fd, None | Some(RedirectFd::Number(1)))
                        && match &r.target {
                            RedirectTarget::Word(w) => {
                                !w.literal(src).is_some_and(|t| t.starts_with("/dev/"))
                            }
                            RedirectTarget::Heredoc(_) => false,
                        }
                });
                if !later_file {
                    continue;
                }
                cx.report(
                    run.file_range(redirects[dup].span),
                    "`2>&1` before `> file` leaves standard error where it was",
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

fn is_err_to_out(r: &Redirect, src: &str) -> bool {
    r.op == RedirectOp::DupWrite
        && r.fd == Some(RedirectFd::Number(2))
        && matches!(&r.target, RedirectTarget::Word(w) if w.text(src) == "1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&StderrRedirectOrder)
            .pass([
                "FROM a\nRUN make > /tmp/log 2>&1\n",
                "FROM a\nRUN make 2>&1 >/dev/null\n",
                "FROM a\nRUN x=$(make 2>&1 > /tmp/log)\n",
                "FROM a\nRUN make 2>&1 > /tmp/log | cat\n",
            ])
            .fail([
                "FROM a\nRUN make 2>&1 > /tmp/build.log\n",
                "FROM a\nRUN make 2>&1 >> /tmp/build.log && cat /tmp/build.log\n",
                "FROM a\nRUN { a; b; } 2>&1 > /tmp/log\n",
            ])
            .test();
    }
}
