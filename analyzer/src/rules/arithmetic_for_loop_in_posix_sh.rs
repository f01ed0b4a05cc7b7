use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the C-style loop `for ((i = 0; i < n; i++))` in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh only has `for name in words`. dash stops with a syntax error,
    /// so the `RUN` fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for ((i = 0; i < 3; i++)); do echo "$i"; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN i=0; while [ "$i" -lt 3 ]; do echo "$i"; i=$((i + 1)); done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ArithmeticForLoopInPosixSh {
        code: "SC3005",
        name: "arithmetic-for-loop-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArithmeticForLoopInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::ArithFor, "The arithmetic `for ((…))` loop");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArithmeticForLoopInPosixSh)
            .pass([
                "FROM a\nRUN for i in 0 1 2; do echo; done\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nfor ((i = 0; i < 3; i++)); do echo; done\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"for ((i = 0; i < 3; i++)); do echo; done\"]\n",
            ])
            .fail([
                "FROM a\nRUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nRUN set -e; \\\n    for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nRUN <<EOF\nset -e\nfor ((i = 0; i < 3; i++)); do echo; done\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nONBUILD RUN for ((i = 0; i < 3; i++)); do echo; done\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"for ((i = 0; i < 3; i++)); do echo; done\"]\n",
            ])
            .test();
    }
}
