use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the here-string redirection `<<< word` in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no here-strings; dash stops with a syntax error, so the
    /// `RUN` fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sha256sum -c <<< "$SUM  /tmp/app.tgz"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "$SUM  /tmp/app.tgz" | sha256sum -c
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub HereStringInPosixSh {
        code: "SC3011",
        name: "here-string-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for HereStringInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::HereString, "The here-string `<<<`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&HereStringInPosixSh)
            .pass([
                "FROM a\nRUN echo y | grep -q x\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN grep -q x <<< y\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\ngrep -q x <<< y\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN grep -q x <<< y\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN grep -q x <<< y\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN grep -q x <<< y\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"grep -q x <<< y\"]\n",
            ])
            .fail([
                "FROM a\nRUN grep -q x <<< y\n",
                "FROM a\nRUN set -e; \\\n    grep -q x <<< y\n",
                "FROM a\nRUN <<EOF\nset -e\ngrep -q x <<< y\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  grep -q x <<< y\n",
                "FROM a\nONBUILD RUN grep -q x <<< y\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"grep -q x <<< y\"]\n",
            ])
            .test();
    }
}
