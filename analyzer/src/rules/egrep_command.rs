use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags the `egrep` command.
    ///
    /// ## Why is this bad?
    /// `egrep` is a deprecated alias of `grep -E`: POSIX never had it, and
    /// GNU grep 3.8 and later print a warning each time it runs (a future
    /// release may drop it).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN egrep 'a|b' /etc/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -E 'a|b' /etc/hosts
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `egrep` with `grep -E`, which is what `egrep` runs;
    /// it is safe. A path (`/bin/egrep`) gets no fix.
    pub EgrepCommand {
        code: "SC2196",
        name: "egrep-command",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for EgrepCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                if command_basename(c.command, src).as_deref() != Some("egrep") {
                    continue;
                }
                let Some(word) = c.command.as_simple().and_then(|s| s.name_word()) else {
                    continue;
                };
                let range = run.file_range(word.span);
                let d = cx
                    .report(range, "`egrep` is deprecated: use `grep -E`")
                    .with_instruction(run.instruction);
                if word.text(src) == "egrep" {
                    d.with_fix(Fix::safe(
                        "Replace `egrep` with `grep -E`",
                        vec![Edit::replace(range, "grep -E")],
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
        Tester::new(&EgrepCommand)
            .pass(["FROM a\nRUN grep -E x f\n", "FROM a\nRUN echo egrep\n"])
            .fail([
                "FROM a\nRUN egrep x f\n",
                "FROM a\nRUN /bin/egrep x f\n",
                "FROM a\nRUN cat f | egrep -v x\n",
            ])
            .fix([
                ("FROM a\nRUN egrep x f\n", "FROM a\nRUN grep -E x f\n"),
                (
                    "FROM a\nRUN x=$(cat f | egrep -c 'a|b') \\\n  && echo $x\n",
                    "FROM a\nRUN x=$(cat f | grep -E -c 'a|b') \\\n  && echo $x\n",
                ),
            ])
            .test();
    }
}
