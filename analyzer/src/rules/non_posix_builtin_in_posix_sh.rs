use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags bash builtins that POSIX sh does not have (`declare`, `typeset`,
    /// `shopt`, `pushd`, `popd`, `dirs`, `disown`, `suspend`, `enable`,
    /// `mapfile`, `readarray`, `caller`, `complete`, `compgen`) in a script that
    /// a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash fails with "not found": `shopt -s globstar` does not turn the
    /// option on, `declare -x X=1` does not export anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN pushd /usr/src && make && popd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /usr/src && make && cd -
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub NonPosixBuiltinInPosixSh {
        code: "SC3044",
        name: "non-posix-builtin-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for NonPosixBuiltinInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::NonPosixBuiltin, |_, run, f| {
            let what = format!("The `{}` builtin", bashism::text(run, f.span));
            Some(bashism::Report::new(bashism::unavailable(
                &what,
                run.dialect,
            )))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&NonPosixBuiltinInPosixSh)
            .pass([
                "FROM a\nRUN export X=1\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -x X=1\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\ndeclare -x X=1\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN declare -x X=1\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN declare -x X=1\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN declare -x X=1\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"declare -x X=1\"]\n",
            ])
            .fail([
                "FROM a\nRUN declare -x X=1\n",
                "FROM a\nRUN set -e; \\\n    declare -x X=1\n",
                "FROM a\nRUN <<EOF\nset -e\ndeclare -x X=1\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  declare -x X=1\n",
                "FROM a\nONBUILD RUN declare -x X=1\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"declare -x X=1\"]\n",
            ])
            .test();
    }
}
