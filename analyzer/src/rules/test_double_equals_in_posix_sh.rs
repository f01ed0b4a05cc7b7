use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags `==` as the comparison operator of `[` or `test` in a script that
    /// a POSIX shell runs (and inside `[[ ]]`, which SC3010 reports as a
    /// whole).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX `test` compares strings with `=`. dash's `test` rejects `==` with
    /// "unexpected operator" and returns false, so the condition is silently
    /// false. busybox sh accepts it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ "$(uname -m)" == x86_64 ]; then echo amd64; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ "$(uname -m)" = x86_64 ]; then echo amd64; fi
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `==` with `=`, which means the same in bash and
    /// is the only spelling POSIX shells accept; it is safe.
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub TestDoubleEqualsInPosixSh {
        code: "SC3014",
        name: "test-double-equals-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for TestDoubleEqualsInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::TestDoubleEquals, |_, run, f| {
            Some(
                bashism::Report::new(bashism::unavailable("`==` in `[` / `test`", run.dialect))
                    .with_fix(Some(Fix::safe(
                        "Replace `==` with `=`",
                        vec![bashism::replace(run, f.span, "=")],
                    ))),
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
        Tester::new(&TestDoubleEqualsInPosixSh)
            .pass([
                "FROM a\nRUN [ \"$x\" = y ] && echo\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [ \"$x\" == y ] && echo\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\n[ \"$x\" == y ] && echo\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN [ \"$x\" == y ] && echo\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN [ \"$x\" == y ] && echo\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN [ \"$x\" == y ] && echo\n",
                "FROM a\nRUN [ \"$x\" = \"==\" ]\n",
                "FROM a\nRUN echo ==\n",
            ])
            .fail([
                "FROM a\nRUN [ \"$x\" == y ] && echo\n",
                "FROM a\nRUN set -e; \\\n    [ \"$x\" == y ] && echo\n",
                "FROM a\nRUN <<EOF\nset -e\n[ \"$x\" == y ] && echo\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  [ \"$x\" == y ] && echo\n",
                "FROM a\nONBUILD RUN [ \"$x\" == y ] && echo\n",
            ])
            .fail(["FROM a\nRUN [[ $a == b ]] && echo\n"])
            .fix([
                ("FROM a\nRUN [ \"$A\" == b ] && test a == \"$B\"\n", "FROM a\nRUN [ \"$A\" = b ] && test a = \"$B\"\n"),
                ("FROM a\nRUN [ a == b ] \\\n && [ c == d ]\n", "FROM a\nRUN [ a = b ] \\\n && [ c = d ]\n"),
            ])
            .test();
    }
}
