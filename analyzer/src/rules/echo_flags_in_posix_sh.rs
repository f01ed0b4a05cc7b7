use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::Dialect;
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags an option (`-n`, `-e`, `-E`, `-s`, or several: `-ne`) as the
    /// first argument of `echo` under POSIX `sh` (for dash and busybox, see
    /// SC3036).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX leaves `echo`'s options undefined: dash prints `-e` as text and
    /// always interprets backslash escapes, bash interprets them only with
    /// `-e`. The same line writes different files under different `/bin/sh`s.
    /// `printf` behaves the same everywhere.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo -e "[main]\nenabled=1" > /etc/app.conf
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN printf '[main]\nenabled=1\n' > /etc/app.conf
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// Only the shell's own `echo` is checked: ShellCheck also flags
    /// `/bin/echo -e`, which runs the system's `echo` program (coreutils or
    /// busybox), where `-e` and `-n` work.
    ///
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub EchoFlagsInPosixSh {
        code: "SC3037",
        name: "echo-flags-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for EchoFlagsInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::EchoFlags, |_, run, f| {
            (run.dialect == Dialect::Sh).then(|| {
                let flag = bashism::text(run, f.span).trim_matches(['\'', '"']);
                let what = format!("`echo {flag}`");
                bashism::Report::new(bashism::unavailable(&what, run.dialect))
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EchoFlagsInPosixSh)
            .pass([
                "FROM a\nRUN printf '%s' x > f\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -n x > f\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho -n x > f\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo -n x > f\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo -n x > f\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo -n x > f\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"echo -n x > f\"]\n",
                "FROM a\nSHELL [\"/bin/dash\", \"-c\"]\nRUN echo -n x\n",
                "FROM a\nRUN echo x -n && echo -- -e\n",
                "FROM a\nRUN /bin/echo -e 'a\\nb' > f\n",
            ])
            .fail([
                "FROM a\nRUN echo -n x > f\n",
                "FROM a\nRUN set -e; \\\n    echo -n x > f\n",
                "FROM a\nRUN <<EOF\nset -e\necho -n x > f\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo -n x > f\n",
                "FROM a\nONBUILD RUN echo -n x > f\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"echo -n x > f\"]\n",
            ])
            .test();
    }
}
