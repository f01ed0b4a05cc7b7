use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `cat` given one file and piped into another command: `cat
    /// file | grep x`. Off by default, as in ShellCheck (an optional check
    /// there).
    ///
    /// ## Why is this bad?
    /// The command can read the file itself (`grep x file`, `cmd < file`),
    /// without an extra process and pipe.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cat /etc/os-release | grep VERSION_ID
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep VERSION_ID /etc/os-release
    /// ```
    pub UselessCat {
        code: "SC2002",
        name: "useless-cat",
        aliases: [],
        severity: Style,
        category: Shell,
        default: false,
        fix: None,
    }
}

impl Rule for UselessCat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                let commands = &p.pipeline.commands;
                for cmd in commands.iter().take(commands.len().saturating_sub(1)) {
                    if command_basename(cmd, src).as_deref() != Some("cat") {
                        continue;
                    }
                    let Some(cat) = cmd.as_simple() else { continue };
                    let [file] = cat.args() else { continue };
                    if file.literal(src).is_some_and(|f| f.starts_with('-')) {
                        continue;
                    }
                    cx.report(
                        run.file_range(cat.span),
                        "`cat` of one file into a pipe: the next command can read the file itself",
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
        Tester::new(&UselessCat)
            .pass([
                "FROM a\nRUN grep x /etc/f\n",
                "FROM a\nRUN cat a b | grep x\n",
                "FROM a\nRUN cat - | grep x\n",
                "FROM a\nRUN cat /etc/f\n",
                "FROM a\nRUN x | cat /f\n",
            ])
            .fail([
                "FROM a\nRUN cat /etc/os-release | grep VERSION_ID\n",
                "FROM a\nRUN cat \"$F\" \\\n  | sha256sum -c -\n",
            ])
            .test();
    }
}
