use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the `%q` (shell-quoted) directive in the format of `printf` in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX `printf` has no `%q`: dash fails with "invalid directive" and
    /// prints nothing for the argument.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG NAME
    /// RUN printf 'NAME=%q\n' "$NAME" >> /etc/environment
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG NAME
    /// RUN printf 'NAME=%s\n' "$NAME" >> /etc/environment
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub PrintfQInPosixSh {
        code: "SC3050",
        name: "printf-q-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for PrintfQInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::PrintfQ, "`printf %q`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PrintfQInPosixSh)
            .pass([
                "FROM a\nRUN printf '%s' x\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN printf '%q' x\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nprintf '%q' x\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN printf '%q' x\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN printf '%q' x\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN printf '%q' x\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"printf '%q' x\"]\n",
                "FROM a\nRUN printf '%%q %s' x && echo %q\n",
            ])
            .fail([
                "FROM a\nRUN printf '%q' x\n",
                "FROM a\nRUN set -e; \\\n    printf '%q' x\n",
                "FROM a\nRUN <<EOF\nset -e\nprintf '%q' x\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  printf '%q' x\n",
                "FROM a\nONBUILD RUN printf '%q' x\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"printf '%q' x\"]\n",
            ])
            .test();
    }
}
