use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the arithmetic command `(( expression ))` in a script that a POSIX shell runs (the expansion `$(( … ))` is POSIX and fine).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash reads `((n > 3))` as two nested subshells running a command named
    /// `n` with a redirection to a file named `3`: no error at parse time,
    /// wrong behaviour at run time.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN n=$(nproc) && ((n > 4)) && echo many
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN n=$(nproc) && [ "$n" -gt 4 ] && echo many
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ArithmeticCommandInPosixSh {
        code: "SC3006",
        name: "arithmetic-command-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArithmeticCommandInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::ArithCommand, "The arithmetic command `((…))`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArithmeticCommandInPosixSh)
            .pass([
                "FROM a\nRUN [ \"$n\" -gt 4 ] && echo\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN ((n > 4)) && echo\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\n((n > 4)) && echo\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN ((n > 4)) && echo\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN ((n > 4)) && echo\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN ((n > 4)) && echo\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"((n > 4)) && echo\"]\n",
                "FROM a\nRUN echo $((1 + 2)) && ( (echo a) )\n",
            ])
            .fail([
                "FROM a\nRUN ((n > 4)) && echo\n",
                "FROM a\nRUN set -e; \\\n    ((n > 4)) && echo\n",
                "FROM a\nRUN <<EOF\nset -e\n((n > 4)) && echo\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  ((n > 4)) && echo\n",
                "FROM a\nONBUILD RUN ((n > 4)) && echo\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"((n > 4)) && echo\"]\n",
            ])
            .test();
    }
}
