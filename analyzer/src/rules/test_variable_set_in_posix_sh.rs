use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the `-v name` (is the variable set) operator of `[` or `test` in
    /// a script that a POSIX shell runs (and inside `[[ ]]`, which SC3010
    /// reports as a whole).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX `test` has no `-v`; dash reports "unexpected operator" and the
    /// test is false whether the variable is set or not.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG PROXY
    /// RUN if [ -v PROXY ]; then echo "using $PROXY"; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG PROXY
    /// RUN if [ -n "${PROXY+x}" ]; then echo "using $PROXY"; fi
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub TestVariableSetInPosixSh {
        code: "SC3016",
        name: "test-variable-set-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for TestVariableSetInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::TestV, "`test -v`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&TestVariableSetInPosixSh)
            .pass([
                "FROM a\nRUN [ -n \"${X+x}\" ] && echo\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [ -v X ] && echo\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\n[ -v X ] && echo\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN [ -v X ] && echo\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN [ -v X ] && echo\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN [ -v X ] && echo\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"[ -v X ] && echo\"]\n",
            ])
            .fail([
                "FROM a\nRUN [ -v X ] && echo\n",
                "FROM a\nRUN set -e; \\\n    [ -v X ] && echo\n",
                "FROM a\nRUN <<EOF\nset -e\n[ -v X ] && echo\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  [ -v X ] && echo\n",
                "FROM a\nONBUILD RUN [ -v X ] && echo\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"[ -v X ] && echo\"]\n",
            ])
            .fail(["FROM a\nRUN if [[ -v X ]]; then echo; fi\n"])
            .test();
    }
}
