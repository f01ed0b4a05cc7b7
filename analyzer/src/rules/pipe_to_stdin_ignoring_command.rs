use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a pipe into a command that does not read its standard input:
    /// `rm`, `cp`, `mv`, `ln`, `ls`, `cd`, `chmod`, `chown`, `chgrp`,
    /// `touch`, `kill`, `sleep`, `rmdir`, `echo`, `printf`.
    ///
    /// ## Why is this bad?
    /// The data piped in is ignored: `find . -name '*.tmp' | rm` removes
    /// nothing (and fails), and `cmd | echo` prints an empty line. `xargs`
    /// (for arguments) or `cat` (to print) was meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /tmp -name '*.tmp' | rm -f
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /tmp -name '*.tmp' -exec rm -f {} +
    /// ```
    pub PipeToStdinIgnoringCommand {
        code: "SC2216",
        name: "pipe-to-stdin-ignoring-command",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

const IGNORE_STDIN: &[&str] = &[
    "cd", "chgrp", "chmod", "chown", "cp", "echo", "kill", "ln", "ls", "mv", "printf", "rm",
    "rmdir", "sleep", "touch",
];

impl Rule for PipeToStdinIgnoringCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                for cmd in p.pipeline.commands.iter().skip(1) {
                    let Some(name) = command_basename(cmd, src) else {
                        continue;
                    };
                    if !IGNORE_STDIN.contains(&name.as_ref()) {
                        continue;
                    }
                    let Some(word) = cmd.as_simple().and_then(|s| s.name_word()) else {
                        continue;
                    };
                    let hint = if matches!(name.as_ref(), "echo" | "printf") {
                        "`cat` was probably meant"
                    } else {
                        "`xargs` was probably meant"
                    };
                    cx.report(
                        run.file_range(word.span),
                        format!("Piping into `{name}`, which does not read standard input: {hint}"),
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
        Tester::new(&PipeToStdinIgnoringCommand)
            .pass([
                "FROM a\nRUN find . | xargs rm\n",
                "FROM a\nRUN echo x | mkdir d\n",
                "FROM a\nRUN echo y | sudo rm f\n",
                "FROM a\nRUN rm f | cat\n",
            ])
            .fail([
                "FROM a\nRUN find /tmp -name '*.tmp' | rm -f\n",
                "FROM a\nRUN make | echo\n",
                "FROM a\nRUN ls \\\n  | cp a b\n",
            ])
            .test();
    }
}
