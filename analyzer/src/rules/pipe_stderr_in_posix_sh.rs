use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags `|&` (pipe both output streams) in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `|&`; dash stops with a syntax error, so the `RUN`
    /// fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make |& tee /tmp/build.log
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make 2>&1 | tee /tmp/build.log
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub PipeStderrInPosixSh {
        code: "SC3029",
        name: "pipe-stderr-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for PipeStderrInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::PipeStderr, "The `|&` pipe");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PipeStderrInPosixSh)
            .pass([
                "FROM a\nRUN make 2>&1 | tee log\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make |& tee log\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nmake |& tee log\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN make |& tee log\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN make |& tee log\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN make |& tee log\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"make |& tee log\"]\n",
            ])
            .fail([
                "FROM a\nRUN make |& tee log\n",
                "FROM a\nRUN set -e; \\\n    make |& tee log\n",
                "FROM a\nRUN <<EOF\nset -e\nmake |& tee log\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  make |& tee log\n",
                "FROM a\nONBUILD RUN make |& tee log\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"make |& tee log\"]\n",
            ])
            .test();
    }
}
