use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the `[[ … ]]` test in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `[[`: dash looks for a command named `[[`, fails with
    /// "not found", and the `&&` or `if` around it takes the false branch: the
    /// test is silently always false. busybox sh supports it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [[ -f /etc/debian_version ]]; then echo debian; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /etc/debian_version ]; then echo debian; fi
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub DoubleBracketTestInPosixSh {
        code: "SC3010",
        name: "double-bracket-test-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for DoubleBracketTestInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::DoubleBracket, "`[[ ]]`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&DoubleBracketTestInPosixSh)
            .pass([
                "FROM a\nRUN [ -f x ] && echo\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f x ]] && echo\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\n[[ -f x ]] && echo\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN [[ -f x ]] && echo\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN [[ -f x ]] && echo\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN [[ -f x ]] && echo\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"[[ -f x ]] && echo\"]\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN [[ -f x ]]\n",
            ])
            .fail([
                "FROM a\nRUN [[ -f x ]] && echo\n",
                "FROM a\nRUN set -e; \\\n    [[ -f x ]] && echo\n",
                "FROM a\nRUN <<EOF\nset -e\n[[ -f x ]] && echo\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  [[ -f x ]] && echo\n",
                "FROM a\nONBUILD RUN [[ -f x ]] && echo\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"[[ -f x ]] && echo\"]\n",
            ])
            .test();
    }
}
