use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{RedirectOp, RedirectTarget, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a redirection to or from an unquoted word that is the name of
    /// a common command: `echo hi > test`, `cmd < ls`, `make 2> grep`.
    ///
    /// ## Why is this bad?
    /// It usually means a pipe was intended (`cmd | grep x` typed as `cmd
    /// > grep x`): the output lands in a file named after the command, in
    /// the image. Quote the name if a file of that name is really meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN dpkg -l > grep libc
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN dpkg -l | grep libc
    /// ```
    pub RedirectToCommandName {
        code: "SC2238",
        name: "redirect-to-command-name",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

const COMMANDS: &[&str] = &[
    "awk", "bash", "cat", "cp", "curl", "cut", "echo", "find", "git", "grep", "gzip", "head",
    "less", "ls", "more", "mv", "printf", "rm", "sed", "sh", "sort", "tail", "tar", "tee", "test",
    "tr", "uniq", "wc", "wget", "xargs",
];

impl Rule for RedirectToCommandName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                for r in c.command.redirects() {
                    if !matches!(
                        r.op,
                        RedirectOp::Read
                            | RedirectOp::Write
                            | RedirectOp::Append
                            | RedirectOp::Clobber
                            | RedirectOp::WriteAll
                            | RedirectOp::AppendAll
                    ) {
                        continue;
                    }
                    let RedirectTarget::Word(w) = &r.target else {
                        continue;
                    };
                    let [WordPart::Literal(l)] = w.parts.as_slice() else {
                        continue;
                    };
                    let name = l.slice(src);
                    if !COMMANDS.contains(&name) {
                        continue;
                    }
                    cx.report(
                        run.file_range(w.span),
                        format!("Redirection to or from `{name}`, a command name: a pipe was probably meant"),
                    )
                    .with_instruction(run.instruction);
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
        Tester::new(&RedirectToCommandName)
            .pass([
                "FROM a\nRUN echo hi > file\n",
                "FROM a\nRUN echo hi > \"test\"\n",
                "FROM a\nRUN echo hi > /tmp/test\n",
                "FROM a\nRUN dpkg -l | grep libc\n",
            ])
            .fail([
                "FROM a\nRUN echo hi > test\n",
                "FROM a\nRUN dpkg -l > grep libc\n",
                "FROM a\nRUN make 2> tail\n",
            ])
            .test();
    }
}
