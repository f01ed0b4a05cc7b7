use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags process substitution, `<(command)` and `>(command)`, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no process substitution. dash, the `/bin/sh` of Debian
    /// and Ubuntu images, stops with a syntax error at the `(`, so the `RUN`
    /// fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN diff <(sort a.txt) <(sort b.txt)
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sort a.txt > /tmp/a && sort b.txt > /tmp/b && diff /tmp/a /tmp/b
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ProcessSubstitutionInPosixSh {
        code: "SC3001",
        name: "process-substitution-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ProcessSubstitutionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::ProcessSubstitution, "Process substitution");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ProcessSubstitutionInPosixSh)
            .pass([
                "FROM a\nRUN sort a > /tmp/a && diff /tmp/a b\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN diff <(sort a) <(sort b)\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\ndiff <(sort a) <(sort b)\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN diff <(sort a) <(sort b)\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN diff <(sort a) <(sort b)\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN diff <(sort a) <(sort b)\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"diff <(sort a) <(sort b)\"]\n",
                "FROM a\nRUN echo '<(ls)' \"<(x)\"\n",
            ])
            .fail([
                "FROM a\nRUN diff <(sort a) <(sort b)\n",
                "FROM a\nRUN set -e; \\\n    diff <(sort a) <(sort b)\n",
                "FROM a\nRUN <<EOF\nset -e\ndiff <(sort a) <(sort b)\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  diff <(sort a) <(sort b)\n",
                "FROM a\nONBUILD RUN diff <(sort a) <(sort b)\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"diff <(sort a) <(sort b)\"]\n",
                "FROM a\nRUN x=$(cat <(ls))\n",
            ])
            .test();
    }
}
