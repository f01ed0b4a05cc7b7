use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Context, Kind, text_of};
use crate::shell::{Command, CommandSubst};

declare_rule! {
    /// ## What it does
    /// Flags a command substitution (`$(…)` or `` `…` ``) left unquoted
    /// where the shell splits words and expands globs: a command argument,
    /// a `[ ]` / `test` operand, a redirection target, a here-string, and in
    /// POSIX `sh` the value of an `export x=$(…)` argument.
    ///
    /// Not flagged: empty substitutions, the command name (`$(which
    /// python) -V`, also after `exec` and `command`), `for … in $(…)`
    /// lists (other checks cover them), array elements, and substitutions
    /// that run only `seq` or `pgrep`, whose output is numbers meant to be
    /// split.
    ///
    /// ## Why is this bad?
    /// The output becomes as many arguments as it has blank-separated
    /// words, each of them a glob: `chown app $(cat /etc/app-dirs)` breaks
    /// on a directory with a space, and a `*` in the output expands to the
    /// files of the working directory.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p $(dirname /opt/app/config/settings.yaml)
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p "$(dirname /opt/app/config/settings.yaml)"
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts the substitution in double quotes. It is unsafe: where
    /// the output is a list meant to become several arguments
    /// (`apt-get install $(cat packages.txt)`), the command changes. No fix
    /// is offered inside backticks, where the quotes would need escaping.
    ///
    /// ## Differences from ShellCheck
    /// None in what is flagged. Scripts hadolint never checks (`RUN cmd
    /// <<EOF` bodies fed to a shell, exec-form `sh -c` strings) are checked
    /// too.
    pub UnquotedCommandSubstitution {
        code: "SC2046",
        name: "unquoted-command-substitution",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UnquotedCommandSubstitution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                let Kind::Command(c) = e.kind else { continue };
                if !e.is_split(run.dialect)
                    || matches!(e.context, Context::ForItem | Context::ArrayElement)
                    || c.body.is_empty()
                    || splits_on_purpose(c, src)
                {
                    continue;
                }
                let edits = e.quote_edits(run.file_range(c.span));
                let shown = if c.backtick { "`…`" } else { "$(…)" };
                let d = cx.report(
                    run.file_range(c.span),
                    format!("Unquoted `{shown}` is split into words and expanded as a glob"),
                );
                if let Some(edits) = edits {
                    d.with_fix(Fix::unsafe_("Quote the command substitution", edits));
                }
                let _ = text_of;
            }
        }
    }
}

/// The substitution runs only `seq` or `pgrep` (numbers, one per line).
fn splits_on_purpose(c: &CommandSubst, src: &str) -> bool {
    let [item] = c.body.items.as_slice() else {
        return false;
    };
    let [pipeline] = item.pipelines.as_slice() else {
        return false;
    };
    let [Command::Simple(s)] = pipeline.commands.as_slice() else {
        return false;
    };
    s.name(src).is_some_and(|n| n == "seq" || n == "pgrep")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UnquotedCommandSubstitution)
            .pass([
                "FROM a\nRUN echo \"$(date)\"\n",
                "FROM a\nRUN x=$(date) && y=`date`\n",
                "FROM a\nRUN $(which python) -V && exec $(which app) --x && command $(which b)\n",
                "FROM a\nRUN for f in $(ls /x); do echo \"$f\"; done\n",
                "FROM a\nRUN echo $(seq 1 3) && kill $(pgrep nginx)\n",
                "FROM a\nRUN echo $()\n",
                "FROM a\nRUN case $(uname -m) in x86_64) ;; esac\n",
                "FROM a\nRUN [[ $(uname) = Linux ]]\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export V=$(cat /v) && arr=($(ls))\n",
                "FROM a\nRUN cat <<EOF > /f\n$(date)\nEOF\n",
            ])
            .fail([
                "FROM a\nRUN mkdir -p $(dirname /opt/a/b)\n",
                "FROM a\nRUN echo `date`\n",
                "FROM a\nRUN [ $(id -u) = 0 ] && cat > $(mktemp)\n",
                "FROM a\nRUN export V=$(cat /v)\n",
                "FROM a\nRUN echo $(seq 3 | tr 1 2) $(/usr/bin/seq 3)\n",
                "FROM a\nRUN rm -rf $(go env GOCACHE)/x\n",
                "FROM a\nRUN echo $(echo $(date))\n",
                "FROM a\nRUN <<EOF\napt-get install -y $(cat /pkgs)\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo $(date)\"]\n",
            ])
            .fix([
                (
                    "FROM a\nRUN mkdir -p $(dirname /opt/a/b)\n",
                    "FROM a\nRUN mkdir -p \"$(dirname /opt/a/b)\"\n",
                ),
                ("FROM a\nRUN echo `date`\n", "FROM a\nRUN echo \"`date`\"\n"),
                (
                    "FROM a\nRUN rm -rf $(go env GOCACHE)/x && \\\n    echo $(id -u)\n",
                    "FROM a\nRUN rm -rf \"$(go env GOCACHE)\"/x && \\\n    echo \"$(id -u)\"\n",
                ),
                (
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo $(date)\"]\n",
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo \\\"$(date)\\\"\"]\n",
                ),
            ])
            .test();
    }
}
