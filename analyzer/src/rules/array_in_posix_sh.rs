use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags array values, `name=(a b c)` (also `declare -a name=(…)`, `name+=(…)`), in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no arrays; dash stops with a syntax error at the `(`, so
    /// the `RUN` fails. Use the positional parameters (`set -- a b c`, then
    /// `"$@"`) or a blank-separated string.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN pkgs=(curl git) && apt-get install -y "${pkgs[@]}"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -- curl git && apt-get install -y "$@"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ArrayInPosixSh {
        code: "SC3030",
        name: "array-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArrayInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::Array, "Array");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArrayInPosixSh)
            .pass([
                "FROM a\nRUN set -- 1 2\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a=(1 2)\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\na=(1 2)\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN a=(1 2)\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a=(1 2)\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN a=(1 2)\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"a=(1 2)\"]\n",
            ])
            .fail([
                "FROM a\nRUN a=(1 2)\n",
                "FROM a\nRUN set -e; \\\n    a=(1 2)\n",
                "FROM a\nRUN <<EOF\nset -e\na=(1 2)\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  a=(1 2)\n",
                "FROM a\nONBUILD RUN a=(1 2)\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"a=(1 2)\"]\n",
            ])
            .test();
    }
}
