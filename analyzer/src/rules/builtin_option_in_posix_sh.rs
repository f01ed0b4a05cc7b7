use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags an option that a builtin has in bash but not in POSIX sh:
    /// `read` other than `-r` (`-p` is fine in dash and busybox), `printf -v`,
    /// `export`/`readonly` other than `-p`, `unset -n`, `wait`, `type` and `trap`
    /// options, `hash` other than `-r`, `cd` other than `-L`/`-P`, `jobs` other
    /// than `-l`/`-p`, and under POSIX `sh` `ulimit` other than `-f`.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash rejects the unknown option: `read -a parts` fails with "Illegal
    /// option -a" and `printf -v x …` with "Illegal option -v", stopping
    /// the script.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN printf -v tag 'v%s' "$(cat VERSION)" && echo "$tag"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN tag=$(printf 'v%s' "$(cat VERSION)") && echo "$tag"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub BuiltinOptionInPosixSh {
        code: "SC3045",
        name: "builtin-option-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for BuiltinOptionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::BuiltinFlag, |_, run, f| {
            let what = format!("The `{}` option here", bashism::text(run, f.span));
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
        Tester::new(&BuiltinOptionInPosixSh)
            .pass([
                "FROM a\nRUN read -r x < f\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN read -a x < f\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nread -a x < f\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN read -a x < f\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN read -a x < f\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN read -a x < f\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"read -a x < f\"]\n",
            ])
            .fail([
                "FROM a\nRUN read -a x < f\n",
                "FROM a\nRUN set -e; \\\n    read -a x < f\n",
                "FROM a\nRUN <<EOF\nset -e\nread -a x < f\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  read -a x < f\n",
                "FROM a\nONBUILD RUN read -a x < f\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"read -a x < f\"]\n",
            ])
            .test();
    }
}
