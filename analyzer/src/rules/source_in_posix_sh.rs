use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;
use crate::{Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags the `source` builtin in a script that POSIX `sh` or dash runs (busybox has it); the POSIX spelling is `.`.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash has no `source`: it fails with "not found", and the variables
    /// the file should set stay unset.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN source /etc/os-release && echo "$ID"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN . /etc/os-release && echo "$ID"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `source file` with `. file`. With one argument
    /// this is safe: bash's `source` and `.` are the same builtin. With more
    /// arguments the fix is unsafe, as dash's `.` ignores them.
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub SourceInPosixSh {
        code: "SC3046",
        name: "source-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for SourceInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        // The names of the `source` commands with one argument, per script
        // (one walk per script that has a finding).
        let mut single: Option<(usize, Vec<TextRange>)> = None;
        bashism::check(cx, Bashism::Source, |_, run, f| {
            // `source file` alone is `. file` everywhere; dash's `.` drops
            // further arguments.
            if single.as_ref().is_none_or(|(base, _)| *base != run.base) {
                let names = run
                    .script
                    .simple_commands()
                    .filter(|c| c.command.args().len() == 1)
                    .filter_map(|c| c.command.words.first().map(|w| w.span));
                let mut names: Vec<TextRange> = names.collect();
                names.sort_unstable();
                single = Some((run.base, names));
            }
            let one_argument = single
                .as_ref()
                .is_some_and(|(_, names)| names.binary_search(&f.span).is_ok());
            let edits = vec![bashism::replace(run, f.span, ".")];
            let fix = if one_argument {
                Fix::safe("Replace `source` with `.`", edits)
            } else {
                Fix::unsafe_("Replace `source` with `.`", edits)
            };
            Some(
                bashism::Report::new(bashism::unavailable("`source`", run.dialect))
                    .with_fix(Some(fix)),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SourceInPosixSh)
            .pass([
                "FROM a\nRUN . /etc/profile\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN source /etc/profile\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nsource /etc/profile\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN source /etc/profile\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN source /etc/profile\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN source /etc/profile\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"source /etc/profile\"]\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN source f\n",
            ])
            .fail([
                "FROM a\nRUN source /etc/profile\n",
                "FROM a\nRUN set -e; \\\n    source /etc/profile\n",
                "FROM a\nRUN <<EOF\nset -e\nsource /etc/profile\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  source /etc/profile\n",
                "FROM a\nONBUILD RUN source /etc/profile\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"source /etc/profile\"]\n",
            ])
            .fix([
                ("FROM a\nRUN source /etc/os-release && echo \"$ID\"\n", "FROM a\nRUN . /etc/os-release && echo \"$ID\"\n"),
                ("FROM a\nRUN source ./env.sh a b\n", "FROM a\nRUN . ./env.sh a b\n"),
            ])
            .test();
    }
}
