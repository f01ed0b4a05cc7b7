use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags pattern replacement, `${name/pattern/string}` and `${name//pattern/string}`, in a script that POSIX `sh` or dash runs (busybox has it).
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
    /// ARG VERSION=1.2.3
    /// RUN echo "${VERSION//./_}" > /version
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG VERSION=1.2.3
    /// RUN echo "$VERSION" | tr . _ > /version
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub StringReplacementInPosixSh {
        code: "SC3060",
        name: "string-replacement-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for StringReplacementInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(
            cx,
            Bashism::StringReplacement,
            "String replacement `${name/pattern/string}`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&StringReplacementInPosixSh)
            .pass([
                "FROM a\nRUN echo \"$x\" | sed s/a/b/\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo \"${x/a/b}\"\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho \"${x/a/b}\"\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo \"${x/a/b}\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo \"${x/a/b}\"\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo \"${x/a/b}\"\n",
                "FROM a\nRUN echo ${x#a/b} ${x%/*}\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN echo ${x/a/b}\n",
            ])
            .fail([
                "FROM a\nRUN echo \"${x/a/b}\"\n",
                "FROM a\nRUN set -e; \\\n    echo \"${x/a/b}\"\n",
                "FROM a\nRUN <<EOF\nset -e\necho \"${x/a/b}\"\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo \"${x/a/b}\"\n",
                "FROM a\nONBUILD RUN echo \"${x/a/b}\"\n",
            ])
            .test();
    }
}
