use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_name;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Command, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a `for` loop whose list is a single command substitution
    /// running `ls`: `for f in $(ls …)`, `` for f in `ls …` ``.
    ///
    /// As in ShellCheck, `ls` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `ls` output is for people to read: iterating over it splits names on
    /// blanks and newlines and globs them again.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in $(ls /docker-entrypoint.d); do sh /docker-entrypoint.d/$f; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in /docker-entrypoint.d/*; do sh "$f"; done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck reports this as an error when `ls` has no options and as
    /// a warning when it has some; dockward always reports an error.
    pub ForOverLsOutput {
        code: "SC2045",
        name: "for-over-ls-output",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ForOverLsOutput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                let Command::For(f) = c.command else { continue };
                let Some([item]) = f.items.as_deref() else {
                    continue;
                };
                let [WordPart::CommandSubst(sub)] = item.parts.as_slice() else {
                    continue;
                };
                let [and_or] = sub.body.items.as_slice() else {
                    continue;
                };
                let Some(first) = and_or.pipelines.first().and_then(|p| p.commands.first()) else {
                    continue;
                };
                if and_or.pipelines.len() != 1 || command_name(first, src).as_deref() != Some("ls")
                {
                    continue;
                }
                cx.report(
                    run.file_range(sub.span),
                    "`for` over `ls` output splits file names on blanks and newlines",
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
        Tester::new(&ForOverLsOutput)
            .pass([
                "FROM a\nRUN for f in /x/*; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in \"$(ls /x)\"; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in a $(ls /x); do echo \"$f\"; done\n",
                "FROM a\nRUN ls /x | while read -r f; do echo \"$f\"; done\n",
            ])
            .fail([
                "FROM a\nRUN for f in $(ls /x); do echo $f; done\n",
                "FROM a\nRUN for f in `ls /x`; do echo $f; done\n",
                "FROM a\nRUN for f in $(ls /x | sort); do \\\n      echo $f; \\\n    done\n",
                "FROM a\nRUN <<EOF\nfor f in $(ls /x); do\n  echo $f\ndone\nEOF\n",
            ])
            .test();
    }
}
