use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags `set -o NAME` (also `set -eo NAME`, `set +o NAME`) with an
    /// option POSIX sh does not define, most often `pipefail`, in a script that
    /// POSIX `sh` runs. A `SHELL` of dash, ash or busybox is not flagged, as
    /// by ShellCheck: busybox's ash has `pipefail` (and ShellCheck checks
    /// `ash` as dash).
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// A shell without the option stops the script: dash 0.5.12 (Debian 12,
    /// Ubuntu 24.04) fails `set -o pipefail` with "Illegal option", so the
    /// `RUN` fails. To get `pipefail`, run the `RUN`s with bash: `SHELL
    /// ["/bin/bash", "-o", "pipefail", "-c"]` (see DL4006).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN set -eo pipefail; curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN set -e; curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub SetOptionInPosixSh {
        code: "SC3040",
        name: "set-option-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SetOptionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::SetOption, |_, run, f| {
            let what = format!("`set -o {}`", bashism::text(run, f.span));
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
        Tester::new(&SetOptionInPosixSh)
            .pass([
                "FROM a\nRUN set -eux\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN set -euxo pipefail\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nset -euxo pipefail\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN set -euxo pipefail\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN set -euxo pipefail\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN set -euxo pipefail\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"set -euxo pipefail\"]\n",
                "FROM a\nRUN set -o errexit -o nounset -o xtrace\n",
                "FROM a\nSHELL [\"/bin/ash\", \"-c\"]\nRUN set -o pipefail\n",
            ])
            .fail([
                "FROM a\nRUN set -euxo pipefail\n",
                "FROM a\nRUN set -e; \\\n    set -euxo pipefail\n",
                "FROM a\nRUN <<EOF\nset -e\nset -euxo pipefail\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  set -euxo pipefail\n",
                "FROM a\nONBUILD RUN set -euxo pipefail\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"set -euxo pipefail\"]\n",
            ])
            .test();
    }
}
