use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags the `which` command. Off by default, as in ShellCheck (an
    /// optional check there).
    ///
    /// ## Why is this bad?
    /// `which` is not a standard command: slim images often lack it
    /// (`debian:*-slim` since bookworm ships it only in `debianutils`, many
    /// minimal images not at all), and its output and exit status differ
    /// between implementations. The shell's own `command -v` does the same
    /// everywhere.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN which python3 && python3 --version
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN command -v python3 && python3 --version
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `which` with `command -v` when it has no options. It
    /// is unsafe: `command -v` prints a builtin's or an alias's name rather
    /// than a path.
    pub WhichCommand {
        code: "SC2230",
        name: "which-command",
        aliases: [],
        severity: Style,
        category: Shell,
        default: false,
        fix: Sometimes,
    }
}

impl Rule for WhichCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("which") {
                    continue;
                }
                let Some(word) = cmd.name_word() else {
                    continue;
                };
                let range = run.file_range(word.span);
                let options = cmd
                    .arg_literals(src)
                    .any(|a| a.is_none_or(|a| a.starts_with('-')));
                let d = cx
                    .report(range, "`which` is not a standard command")
                    .with_instruction(run.instruction);
                if word.text(src) == "which" && !options {
                    d.with_fix(Fix::unsafe_(
                        "Replace `which` with `command -v`",
                        vec![Edit::replace(range, "command -v")],
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
        Tester::new(&WhichCommand)
            .pass(["FROM a\nRUN command -v python3\n"])
            .fail([
                "FROM a\nRUN which python3\n",
                "FROM a\nRUN PY=$(which python3) && $PY -V\n",
                "FROM a\nRUN which -a python3\n",
            ])
            .fix([(
                "FROM a\nRUN PY=$(which python3) && $PY -V\n",
                "FROM a\nRUN PY=$(command -v python3) && $PY -V\n",
            )])
            .test();
    }
}
