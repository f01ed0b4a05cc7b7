use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags ANSI-C quoting, `$'…'` (`$'\n'`, `$'\t'`), in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh (before the 2024 edition) and dash 0.5.12 read `$'a\tb'` as a
    /// literal `$` followed by the single-quoted `a\tb`: the escapes are not
    /// decoded and a stray `$` ends up in the value. busybox sh supports it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN printf '%s' $'line\n' > /etc/motd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN printf 'line\n' > /etc/motd
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub AnsiCQuoteInPosixSh {
        code: "SC3003",
        name: "ansi-c-quote-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for AnsiCQuoteInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::AnsiCQuote, "`$'…'` quoting");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AnsiCQuoteInPosixSh)
            .pass([
                "FROM a\nRUN read -r x < f\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN IFS=$'\\n' read -r x < f\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nIFS=$'\\n' read -r x < f\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN IFS=$'\\n' read -r x < f\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN IFS=$'\\n' read -r x < f\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN IFS=$'\\n' read -r x < f\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN echo $'a'\n",
                "FROM a\nRUN echo \"$'a'\" '$x'\n",
            ])
            .fail([
                "FROM a\nRUN IFS=$'\\n' read -r x < f\n",
                "FROM a\nRUN set -e; \\\n    IFS=$'\\n' read -r x < f\n",
                "FROM a\nRUN <<EOF\nset -e\nIFS=$'\\n' read -r x < f\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  IFS=$'\\n' read -r x < f\n",
                "FROM a\nONBUILD RUN IFS=$'\\n' read -r x < f\n",
            ])
            .test();
    }
}
