use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags the `local` builtin under POSIX `sh` (dash, ash and busybox have it).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX does not define `local`; most `/bin/sh`s have it, but with
    /// different semantics (dash's `local x` keeps the outer value, bash's
    /// unsets it), and a strictly POSIX shell fails with "not found".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// fetch() { local url="$1"; curl -fsSLO "$url"; }
    /// fetch https://example.com/a.tgz
    /// EOF
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// fetch() { curl -fsSLO "$1"; }
    /// fetch https://example.com/a.tgz
    /// EOF
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub LocalInPosixSh {
        code: "SC3043",
        name: "local-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LocalInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::Local, "`local`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LocalInPosixSh)
            .pass([
                "FROM a\nRUN f() { x=1; }\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local x=1; }\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nf() { local x=1; }\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN f() { local x=1; }\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN f() { local x=1; }\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN f() { local x=1; }\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"f() { local x=1; }\"]\n",
                "FROM a\nSHELL [\"/bin/dash\", \"-c\"]\nRUN f() { local x=1; }\n",
            ])
            .fail([
                "FROM a\nRUN f() { local x=1; }\n",
                "FROM a\nRUN set -e; \\\n    f() { local x=1; }\n",
                "FROM a\nRUN <<EOF\nset -e\nf() { local x=1; }\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  f() { local x=1; }\n",
                "FROM a\nONBUILD RUN f() { local x=1; }\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"f() { local x=1; }\"]\n",
            ])
            .test();
    }
}
