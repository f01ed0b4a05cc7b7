use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::{AssignKind, SHELL_VARS, origin};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a variable a `RUN` script assigns (`x=…`, `read x`, `for x
    /// in`, `local x`, arithmetic) but never reads, exports or passes to a
    /// command. Reported once per name, at its last assignment.
    ///
    /// Not flagged: names starting with `_`, `NAME=value cmd` (the
    /// assignment is the command's environment), names exported anywhere
    /// in the script, names that are already in the environment (an `ARG`
    /// or `ENV` in scope, a proxy build arg), and variables the shell or
    /// common tools read themselves (`IFS`, `PATH`, `HOME`, `LANG`, `TZ`,
    /// `PS1`…).
    ///
    /// ## Why is this bad?
    /// Each `RUN` is its own shell: a variable set for a later `RUN`, or for
    /// the programs of this one without `export`, is lost.
    /// `RUN DEBIAN_FRONTEND=noninteractive; apt-get install -y tzdata`
    /// leaves `apt-get` interactive: the `;` makes the assignment a
    /// separate, unexported command.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN DEBIAN_FRONTEND=noninteractive; apt-get install -y tzdata
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// A variable defined by an `ARG` or `ENV` in scope is in the
    /// environment already, so assigning it is not flagged (as with
    /// hadolint, which declares them exported).
    pub UnusedVariable {
        code: "SC2034",
        name: "unused-variable",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

/// Variables the shell or common programs read from the environment or the
/// shell itself, beyond [`SHELL_VARS`].
const READ_BY_SHELL: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "SHELL",
    "TERM",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TMPDIR",
    "PWD",
    "OLDPWD",
    "HOSTNAME",
    "LOGNAME",
    "DISPLAY",
    "LD_LIBRARY_PATH",
    "PROMPT_COMMAND",
    "TIMEFORMAT",
    "BASH_ENV",
    "POSIXLY_CORRECT",
    "GLOBIGNORE",
    "INPUTRC",
    "TMOUT",
    "FUNCNEST",
    "BASH_XTRACEFD",
    "PS3",
];

impl Rule for UnusedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let Some(vars) = cx.script_vars(index) else {
                continue;
            };
            let mut reported: std::collections::HashSet<&str> = std::collections::HashSet::new();
            // Last assignment of each name first.
            for a in vars.assignments.iter().rev() {
                let name = a.name.as_str();
                if a.kind == AssignKind::Prefix
                    || a.exported
                    || name.starts_with('_')
                    || reported.contains(&name)
                    || vars.is_read(name)
                    || vars.is_exported(name)
                    || SHELL_VARS.contains(&name)
                    || READ_BY_SHELL.contains(&name)
                    || name.starts_with("LC_")
                    || origin(model, run, name).is_in_environment()
                {
                    continue;
                }
                reported.insert(name);
                cx.report(
                    run.file_range(a.span),
                    format!("`{name}` is assigned but never used in this `RUN`, and not exported"),
                );
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
        Tester::new(&UnusedVariable)
            .pass([
                "FROM a\nRUN x=1 && echo $x\n",
                "FROM a\nRUN X=1 make\n",
                "FROM a\nRUN export X=1\n",
                "FROM a\nRUN X=1 && export X\n",
                "FROM a\nRUN _ignored=1\n",
                "FROM a\nRUN IFS=, && PATH=/x:$PATH && LC_ALL=C\n",
                "FROM a\nARG VERSION=1\nRUN VERSION=2\n",
                "FROM a\nENV APP=/app\nRUN APP=/srv\n",
                "FROM a\nRUN http_proxy=http://p\n",
                "FROM a\nRUN x=1; f() { echo $x; }\n",
                "FROM a\nRUN x=1 && cat <<EOF > /f\n$x\nEOF\n",
            ])
            .fail([
                "FROM a\nRUN DEBIAN_FRONTEND=noninteractive; apt-get install -y tzdata\n",
                "FROM a\nRUN x=1 && x=2\n",
                "FROM a\nRUN read -r a b\n",
                "FROM a\nRUN for i in 1 2; do echo hi; done\n",
                "FROM a\nRUN (( n = 1 ))\n",
                "FROM a\nRUN version=1.2\nRUN echo $version\n",
                "FROM a\nRUN <<EOF\nout=$(date)\nEOF\n",
                "FROM a\nRUN x=1 && sh -c 'echo $x'\n",
            ])
            .test();
    }
}
