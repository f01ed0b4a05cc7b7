use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `&> file` and `&>> file`, bash's shorthands for redirecting both output streams, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// A POSIX shell reads `cmd &> log` as `cmd &` (run `cmd` in the
    /// background) followed by `> log` (truncate `log`): the command's output is
    /// not captured, its failure is not noticed, and the build may go on before
    /// it finished. busybox sh supports `&>`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ./configure &> /tmp/configure.log
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ./configure > /tmp/configure.log 2>&1
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites `&> file` as `> file 2>&1` (and `&>> file` as
    /// `>> file 2>&1`): the same redirection in bash, and what the script meant
    /// under a POSIX shell. It is safe.
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck does not flag `&>>`, which has the same problem; dockward
    /// does.
    ///
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub AmpersandRedirectInPosixSh {
        code: "SC3020",
        name: "ampersand-redirect-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for AmpersandRedirectInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::AmpersandRedirect, |_, run, f| {
            let text = bashism::text(run, f.span);
            let op = if text.starts_with("&>>") { "&>>" } else { "&>" };
            let fix = text.starts_with('&').then(|| {
                let amp = TextRange::new(f.span.start(), f.span.start() + 1);
                Fix::safe(
                    format!("Replace `{op}` with `{}` and `2>&1`", &op[1..]),
                    vec![
                        Edit::delete(run.file_range(amp)),
                        Edit::insert(run.file_range(f.span).end(), " 2>&1"),
                    ],
                )
            });
            let what = format!("The `{op}` redirection");
            Some(bashism::Report::new(bashism::unavailable(&what, run.dialect)).with_fix(fix))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AmpersandRedirectInPosixSh)
            .pass([
                "FROM a\nRUN make > /dev/null 2>&1\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make &> /dev/null\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nmake &> /dev/null\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN make &> /dev/null\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN make &> /dev/null\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN make &> /dev/null\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"make &> /dev/null\"]\n",
            ])
            .fail([
                "FROM a\nRUN make &> /dev/null\n",
                "FROM a\nRUN set -e; \\\n    make &> /dev/null\n",
                "FROM a\nRUN <<EOF\nset -e\nmake &> /dev/null\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  make &> /dev/null\n",
                "FROM a\nONBUILD RUN make &> /dev/null\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"make &> /dev/null\"]\n",
            ])
            .fix([
                ("FROM a\nRUN make &> /dev/null && make install &>>log\n", "FROM a\nRUN make > /dev/null 2>&1 && make install >>log 2>&1\n"),
                ("FROM a\nRUN [\"sh\", \"-c\", \"make &>/dev/null\"]\n", "FROM a\nRUN [\"sh\", \"-c\", \"make >/dev/null 2>&1\"]\n"),
            ])
            .test();
    }
}
