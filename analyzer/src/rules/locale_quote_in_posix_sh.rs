use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags bash's translated strings, `$"…"`, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `$"…"`: dash prints the `$` literally in front of the
    /// string.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo $"Installing" && apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "Installing" && apt-get update
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub LocaleQuoteInPosixSh {
        code: "SC3004",
        name: "locale-quote-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LocaleQuoteInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::LocaleQuote, "`$\"…\"` translation quoting");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LocaleQuoteInPosixSh)
            .pass([
                "FROM a\nRUN echo \"hello\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $\"hello\"\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho $\"hello\"\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo $\"hello\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $\"hello\"\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo $\"hello\"\n",
            ])
            .fail([
                "FROM a\nRUN echo $\"hello\"\n",
                "FROM a\nRUN set -e; \\\n    echo $\"hello\"\n",
                "FROM a\nRUN <<EOF\nset -e\necho $\"hello\"\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo $\"hello\"\n",
                "FROM a\nONBUILD RUN echo $\"hello\"\n",
            ])
            .test();
    }
}
