use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::WordPart;

declare_rule! {
    /// ## What it does
    /// Flags `echo` whose only argument is a command substitution: `echo
    /// $(cmd)`, `echo "$(cmd)"`, `` echo `cmd` ``.
    ///
    /// ## Why is this bad?
    /// It captures the command's output only to print it again: running
    /// the command directly does the same, without an extra subshell, and
    /// keeps its exit status (and, unquoted, its whitespace).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > /build-date
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN date -u +%Y-%m-%dT%H:%M:%SZ > /build-date
    /// ```
    pub UselessEcho {
        code: "SC2005",
        name: "useless-echo",
        aliases: [],
        severity: Style,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for UselessEcho {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("echo") {
                    continue;
                }
                let [arg] = cmd.args() else { continue };
                let parts: &[WordPart] = match arg.parts.as_slice() {
                    [WordPart::DoubleQuoted(d)] => &d.parts,
                    other => other,
                };
                if !matches!(parts, [WordPart::CommandSubst(_)]) {
                    continue;
                }
                cx.report(
                    run.file_range(cmd.span),
                    "`echo` of a command substitution: run the command directly",
                )
                .with_instruction(run.instruction);
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
        Tester::new(&UselessEcho)
            .pass([
                "FROM a\nRUN echo \"x$(a)\"\n",
                "FROM a\nRUN echo $(a) b\n",
                "FROM a\nRUN echo -n $(a)\n",
                "FROM a\nRUN echo \"$X\"\n",
            ])
            .fail([
                "FROM a\nRUN echo $(date) > /d\n",
                "FROM a\nRUN echo \"$(date)\" > /d\n",
                "FROM a\nRUN echo `date` > /d\n",
            ])
            .test();
    }
}
