use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the increment and decrement operators `++` and `--` in arithmetic (`$((i++))`, `((i--))`, `for ((…; i++))`) in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX arithmetic has no `++`/`--`: dash fails on `$((i++))` with an
    /// arithmetic syntax error, and reads `$((++i))` as `+(+i)`, which does not
    /// change `i`, so a loop counting with it never ends.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN i=0; while [ $i -lt 3 ]; do echo $i; : $((i++)); done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN i=0; while [ $i -lt 3 ]; do echo $i; i=$((i + 1)); done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ArithmeticIncrementInPosixSh {
        code: "SC3018",
        name: "arithmetic-increment-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArithmeticIncrementInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::IncrementDecrement, "`++` / `--` in arithmetic");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArithmeticIncrementInPosixSh)
            .pass([
                "FROM a\nRUN echo $((i + 1))\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $((i++))\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho $((i++))\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo $((i++))\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $((i++))\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo $((i++))\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"echo $((i++))\"]\n",
                "FROM a\nRUN echo $((a - -1)) --x ++\n",
            ])
            .fail([
                "FROM a\nRUN echo $((i++))\n",
                "FROM a\nRUN set -e; \\\n    echo $((i++))\n",
                "FROM a\nRUN <<EOF\nset -e\necho $((i++))\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo $((i++))\n",
                "FROM a\nONBUILD RUN echo $((i++))\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"echo $((i++))\"]\n",
            ])
            .test();
    }
}
