use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags case-modifying expansions, `${name^}`, `${name^^}`, `${name,}`, `${name,,}`, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash stops with "Bad substitution" when it expands it, failing the
    /// `RUN`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG FLAVOR=slim
    /// RUN echo "${FLAVOR^^}" > /flavor
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG FLAVOR=slim
    /// RUN echo "$FLAVOR" | tr '[:lower:]' '[:upper:]' > /flavor
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub CaseModificationInPosixSh {
        code: "SC3059",
        name: "case-modification-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for CaseModificationInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(
            cx,
            Bashism::CaseModification,
            "Case modification `${name^^}`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CaseModificationInPosixSh)
            .pass([
                "FROM a\nRUN echo \"$x\" | tr A-Z a-z\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo \"${x,,}\"\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho \"${x,,}\"\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo \"${x,,}\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo \"${x,,}\"\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo \"${x,,}\"\n",
            ])
            .fail([
                "FROM a\nRUN echo \"${x,,}\"\n",
                "FROM a\nRUN set -e; \\\n    echo \"${x,,}\"\n",
                "FROM a\nRUN <<EOF\nset -e\necho \"${x,,}\"\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo \"${x,,}\"\n",
                "FROM a\nONBUILD RUN echo \"${x,,}\"\n",
            ])
            .test();
    }
}
