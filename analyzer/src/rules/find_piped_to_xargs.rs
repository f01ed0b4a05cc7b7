use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_name;
use crate::rule::{Rule, RuleMeta};
use crate::shell::Command;

declare_rule! {
    /// ## What it does
    /// Flags `find` piped straight into `xargs` when `find` does not
    /// separate names with NUL (`-print0`, `-printf`) or `xargs` does not
    /// read them so (`-0`, `--null`, `-d`).
    ///
    /// As in ShellCheck, `find` and `xargs` are recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `xargs` splits its input on blanks and newlines and interprets
    /// quotes: a file name with a space, a quote or a newline is split into
    /// several arguments or makes `xargs` stop, so the command runs on the
    /// wrong files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /usr/share/doc -name '*.gz' | xargs rm -f
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /usr/share/doc -name '*.gz' -print0 | xargs -0 rm -f
    /// ```
    pub FindPipedToXargs {
        code: "SC2038",
        name: "find-piped-to-xargs",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for FindPipedToXargs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                for pair in p.pipeline.commands.windows(2) {
                    let (Command::Simple(find), Command::Simple(xargs)) = (&pair[0], &pair[1])
                    else {
                        continue;
                    };
                    if command_name(&pair[0], src).as_deref() != Some("find")
                        || command_name(&pair[1], src).as_deref() != Some("xargs")
                    {
                        continue;
                    }
                    let nul_find = find.arg_literals(src).flatten().any(|a| {
                        matches!(a.as_ref(), "-print0" | "-printf" | "-fprint0" | "-fprintf")
                    });
                    let nul_xargs = xargs.arg_literals(src).flatten().any(|a| {
                        let a = a.as_ref();
                        a == "--null"
                            || a.starts_with("--delimiter")
                            || (a.starts_with('-')
                                && !a.starts_with("--")
                                && a[1..]
                                    .chars()
                                    .take_while(|c| c.is_ascii_alphabetic() || *c == '0')
                                    .any(|c| c == '0' || c == 'd'))
                    });
                    if nul_find || nul_xargs {
                        continue;
                    }
                    let Some(word) = find.name_word() else {
                        continue;
                    };
                    cx.report(
                        run.file_range(word.span),
                        "`find` output piped to `xargs` breaks on file names with blanks, quotes or newlines",
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
        Tester::new(&FindPipedToXargs)
            .pass([
                "FROM a\nRUN find . -print0 | xargs -0 rm\n",
                "FROM a\nRUN find . -name x -print0 | xargs --null rm\n",
                "FROM a\nRUN find . | xargs -r0 rm\n",
                "FROM a\nRUN find . -printf '%p\\0' | xargs -0 rm\n",
                "FROM a\nRUN find . | xargs -d '\\n' rm\n",
                "FROM a\nRUN find . -exec rm {} +\n",
                "FROM a\nRUN find . | grep x | xargs rm\n",
                "FROM a\nRUN /usr/bin/find . | /usr/bin/xargs rm\n",
            ])
            .fail([
                "FROM a\nRUN find /usr -name '*.pyc' | xargs rm -f\n",
                "FROM a\nRUN find / -type f \\\n    | xargs -r chmod 644\n",
                "FROM a\nRUN <<EOF\nfind . -name '*.o' | xargs rm\nEOF\n",
                "FROM a\nRUN x=$(find . | xargs ls)\n",
            ])
            .test();
    }
}
