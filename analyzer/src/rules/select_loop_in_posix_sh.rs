use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the interactive `select name in …` loop in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `select`; dash stops with a syntax error. It also reads
    /// from a terminal, which a build does not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN select v in 1 2; do echo "$v"; break; done < /dev/null
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for v in 1 2; do echo "$v"; break; done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub SelectLoopInPosixSh {
        code: "SC3008",
        name: "select-loop-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SelectLoopInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::Select, "The `select` loop");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SelectLoopInPosixSh)
            .pass([
                "FROM a\nRUN for v in 1 2; do break; done\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN select v in 1 2; do break; done\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nselect v in 1 2; do break; done\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN select v in 1 2; do break; done\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN select v in 1 2; do break; done\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN select v in 1 2; do break; done\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"select v in 1 2; do break; done\"]\n",
            ])
            .fail([
                "FROM a\nRUN select v in 1 2; do break; done\n",
                "FROM a\nRUN set -e; \\\n    select v in 1 2; do break; done\n",
                "FROM a\nRUN <<EOF\nset -e\nselect v in 1 2; do break; done\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  select v in 1 2; do break; done\n",
                "FROM a\nONBUILD RUN select v in 1 2; do break; done\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"select v in 1 2; do break; done\"]\n",
            ])
            .test();
    }
}
