use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the appending assignment `name+=value` in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `+=`: dash takes `PATH+=:/opt/bin` as a command of that
    /// name, fails with "not found", and the variable is unchanged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN FLAGS=-O2; FLAGS+=" -g"; make CFLAGS="$FLAGS"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN FLAGS=-O2; FLAGS="$FLAGS -g"; make CFLAGS="$FLAGS"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub AppendAssignmentInPosixSh {
        code: "SC3024",
        name: "append-assignment-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for AppendAssignmentInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::AppendAssignment, "`+=` assignment");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AppendAssignmentInPosixSh)
            .pass([
                "FROM a\nRUN x=\"${x}1\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN x+=1\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nx+=1\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN x+=1\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN x+=1\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN x+=1\n",
            ])
            .fail([
                "FROM a\nRUN x+=1\n",
                "FROM a\nRUN set -e; \\\n    x+=1\n",
                "FROM a\nRUN <<EOF\nset -e\nx+=1\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  x+=1\n",
                "FROM a\nONBUILD RUN x+=1\n",
            ])
            .test();
    }
}
