use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags array references, `${name[index]}` (`${a[0]}`, `${a[@]}`, `${BASH_SOURCE[0]}`), in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no arrays; dash stops with "Bad substitution" when it
    /// expands the reference, failing the `RUN`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -- a b && echo "${BASH_ARGV[0]}"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -- a b && echo "$1"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub ArrayReferenceInPosixSh {
        code: "SC3054",
        name: "array-reference-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArrayReferenceInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::ArrayReference, "Array reference");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArrayReferenceInPosixSh)
            .pass([
                "FROM a\nRUN echo \"$1\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo \"${a[0]}\"\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho \"${a[0]}\"\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo \"${a[0]}\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo \"${a[0]}\"\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo \"${a[0]}\"\n",
            ])
            .fail([
                "FROM a\nRUN echo \"${a[0]}\"\n",
                "FROM a\nRUN set -e; \\\n    echo \"${a[0]}\"\n",
                "FROM a\nRUN <<EOF\nset -e\necho \"${a[0]}\"\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo \"${a[0]}\"\n",
                "FROM a\nONBUILD RUN echo \"${a[0]}\"\n",
            ])
            .test();
    }
}
