use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the `let` builtin in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `let`; dash fails with "not found" and the variable
    /// keeps its old value. `$((…))` is POSIX.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN n=1; let n=n+1; echo $n
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN n=1; n=$((n + 1)); echo $n
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub LetInPosixSh {
        code: "SC3039",
        name: "let-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LetInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::Let, "`let`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LetInPosixSh)
            .pass([
                "FROM a\nRUN n=$((n + 1))\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN let n=n+1\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nlet n=n+1\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN let n=n+1\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN let n=n+1\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN let n=n+1\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"let n=n+1\"]\n",
            ])
            .fail([
                "FROM a\nRUN let n=n+1\n",
                "FROM a\nRUN set -e; \\\n    let n=n+1\n",
                "FROM a\nRUN <<EOF\nset -e\nlet n=n+1\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  let n=n+1\n",
                "FROM a\nONBUILD RUN let n=n+1\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"let n=n+1\"]\n",
            ])
            .test();
    }
}
