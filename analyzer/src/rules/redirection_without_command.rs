use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a statement made only of redirections: `> /var/log/app.log`,
    /// `2>/dev/null`. The `$(< file)` idiom (the whole of a command
    /// substitution) is not flagged.
    ///
    /// ## Why is this bad?
    /// A redirection without a command truncates or creates the file, but
    /// it reads like a mistake (a command lost on a continuation line, a
    /// stray `>`), and zsh-like shells would read standard input instead.
    /// `: > file` says "truncate" explicitly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN > /var/log/app.log && chown app /var/log/app.log
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN : > /var/log/app.log && chown app /var/log/app.log
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts the no-op command `:` before the redirections; it is
    /// safe: the file is opened the same way.
    pub RedirectionWithoutCommand {
        code: "SC2188",
        name: "redirection-without-command",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for RedirectionWithoutCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if !cmd.words.is_empty() || !cmd.assignments.is_empty() || cmd.redirects.is_empty()
                {
                    continue;
                }
                // `$(< file)`: the whole substitution.
                if let Some(sub) = c.scope.substitution
                    && let [only] = sub.body.items.as_slice()
                    && only.pipelines.len() == 1
                    && only.pipelines[0].commands.len() == 1
                {
                    continue;
                }
                let first = &cmd.redirects[0];
                let range = run.file_range(first.span);
                cx.report(range, "Redirection without a command")
                    .with_instruction(run.instruction)
                    .with_fix(Fix::safe(
                        "Add the no-op command `:`",
                        vec![Edit::insert(range.start(), ": ")],
                    ));
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
        Tester::new(&RedirectionWithoutCommand)
            .pass([
                "FROM a\nRUN : > /f\n",
                "FROM a\nRUN true > /f\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN x=$(< /f)\n",
                "FROM a\nRUN X=1 > /f\n",
            ])
            .fail([
                "FROM a\nRUN > /var/log/app.log && chown app /var/log/app.log\n",
                "FROM a\nRUN make; 2>/dev/null\n",
                "FROM a\nRUN <<EOF\n> /etc/motd\nEOF\n",
            ])
            .fix([
                (
                    "FROM a\nRUN > /var/log/app.log && chown app /var/log/app.log\n",
                    "FROM a\nRUN : > /var/log/app.log && chown app /var/log/app.log\n",
                ),
                (
                    "FROM a\nRUN make \\\n && >/tmp/x\n",
                    "FROM a\nRUN make \\\n && : >/tmp/x\n",
                ),
            ])
            .test();
    }
}
