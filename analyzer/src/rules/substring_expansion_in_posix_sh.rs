use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags substring expansion, `${name:offset}` and `${name:offset:length}`, in a script that POSIX `sh` or dash runs (busybox has it).
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
    /// ARG COMMIT
    /// RUN echo "${COMMIT:0:7}" > /revision
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG COMMIT
    /// RUN echo "$COMMIT" | cut -c1-7 > /revision
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub SubstringExpansionInPosixSh {
        code: "SC3057",
        name: "substring-expansion-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SubstringExpansionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(
            cx,
            Bashism::Substring,
            "Substring expansion `${name:offset}`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SubstringExpansionInPosixSh)
            .pass([
                "FROM a\nRUN echo \"$x\" | cut -c1-7\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo \"${x:0:7}\"\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho \"${x:0:7}\"\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo \"${x:0:7}\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo \"${x:0:7}\"\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo \"${x:0:7}\"\n",
                "FROM a\nRUN echo ${x:-1} ${x:=a} ${x:?e} ${x:+y}\n",
            ])
            .fail([
                "FROM a\nRUN echo \"${x:0:7}\"\n",
                "FROM a\nRUN set -e; \\\n    echo \"${x:0:7}\"\n",
                "FROM a\nRUN <<EOF\nset -e\necho \"${x:0:7}\"\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo \"${x:0:7}\"\n",
                "FROM a\nONBUILD RUN echo \"${x:0:7}\"\n",
            ])
            .test();
    }
}
