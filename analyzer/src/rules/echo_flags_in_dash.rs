use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::Dialect;
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags an `echo` option that dash (`-e`, `-E`, `-s`) or busybox sh
    /// (`-E`, `-s`) does not have, when the `SHELL` in effect (or a heredoc
    /// shebang, or the `# hadolint shell=` pragma) is dash, ash or busybox.
    /// Under plain `sh`, SC3037 reports every `echo` option.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// dash's `echo` has only `-n`: `echo -e "a\tb"` prints `-e a	b`,
    /// with the flag in the output.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/dash", "-c"]
    /// RUN echo -e "[main]\nenabled=1" > /etc/app.conf
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/dash", "-c"]
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
    pub EchoFlagsInDash {
        code: "SC3036",
        name: "echo-flags-in-dash",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for EchoFlagsInDash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::EchoFlags, |_, run, f| {
            (run.dialect != Dialect::Sh).then(|| {
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
        Tester::new(&EchoFlagsInDash)
            .pass([
                "FROM a\nSHELL [\"/bin/dash\", \"-c\"]\nRUN echo -n x\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN echo -e x\n",
                "FROM a\nRUN echo -e x\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -e x\n",
            ])
            .fail([
                "FROM a\nSHELL [\"/bin/dash\", \"-c\"]\nRUN echo -e x\n",
                "FROM a\nSHELL [\"/bin/ash\", \"-c\"]\nRUN echo -en x\n",
                "FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN echo -E x\n",
                "FROM a\nRUN <<EOF\n#!/bin/dash\necho -e x\nEOF\n",
            ])
            .test();
    }
}
