use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags the `fgrep` command.
    ///
    /// ## Why is this bad?
    /// `fgrep` is a deprecated alias of `grep -F`: POSIX never had it, and
    /// GNU grep 3.8 and later print a warning each time it runs (a future
    /// release may drop it).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN fgrep 'a|b' /etc/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -F 'a|b' /etc/hosts
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `fgrep` with `grep -F`, which is what `fgrep` runs;
    /// it is safe. A path (`/bin/fgrep`) gets no fix.
    pub FgrepCommand {
        code: "SC2197",
        name: "fgrep-command",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for FgrepCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                if command_basename(c.command, src).as_deref() != Some("fgrep") {
                    continue;
                }
                let Some(word) = c.command.as_simple().and_then(|s| s.name_word()) else {
                    continue;
                };
                let range = run.file_range(word.span);
                let d = cx
                    .report(range, "`fgrep` is deprecated: use `grep -F`")
                    .with_instruction(run.instruction);
                if word.text(src) == "fgrep" {
                    d.with_fix(Fix::safe(
                        "Replace `fgrep` with `grep -F`",
                        vec![Edit::replace(range, "grep -F")],
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FgrepCommand)
            .pass(["FROM a\nRUN grep -F x f\n", "FROM a\nRUN echo fgrep\n"])
            .fail([
                "FROM a\nRUN fgrep x f\n",
                "FROM a\nRUN /bin/fgrep x f\n",
                "FROM a\nRUN cat f | fgrep -v x\n",
            ])
            .fix([
                ("FROM a\nRUN fgrep x f\n", "FROM a\nRUN grep -F x f\n"),
                (
                    "FROM a\nRUN x=$(cat f | fgrep -c 'a|b') \\\n  && echo $x\n",
                    "FROM a\nRUN x=$(cat f | grep -F -c 'a|b') \\\n  && echo $x\n",
                ),
            ])
            .test();
    }
}
