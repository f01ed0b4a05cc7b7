use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags indirect expansion `${!name}` (and `${!prefix*}`, `${!array[@]}`) in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash stops with "Bad substitution" when it expands it, failing the
    /// `RUN`. `eval` is the POSIX way to read a variable whose name is in
    /// another.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG TARGETARCH
    /// ARG URL_amd64
    /// RUN var=URL_$TARGETARCH && curl -fsSLO "${!var}"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG TARGETARCH
    /// ARG URL_amd64
    /// RUN eval "url=\$URL_$TARGETARCH" && curl -fsSLO "$url"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub IndirectExpansionInPosixSh {
        code: "SC3053",
        name: "indirect-expansion-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for IndirectExpansionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(
            cx,
            Bashism::IndirectExpansion,
            "Indirect expansion `${!name}`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&IndirectExpansionInPosixSh)
            .pass([
                "FROM a\nRUN eval \"echo \\$$v\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo ${!v}\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho ${!v}\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo ${!v}\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo ${!v}\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo ${!v}\n",
            ])
            .fail([
                "FROM a\nRUN echo ${!v}\n",
                "FROM a\nRUN set -e; \\\n    echo ${!v}\n",
                "FROM a\nRUN <<EOF\nset -e\necho ${!v}\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo ${!v}\n",
                "FROM a\nONBUILD RUN echo ${!v}\n",
            ])
            .test();
    }
}
