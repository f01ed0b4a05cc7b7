use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags brace expansion, `{a,b}` and `{1..3}`, in a script that a POSIX
    /// shell runs: braces around a list (a comma at their level) or a range
    /// (`..`) in the unquoted text of a command word, a `for` item or a
    /// redirection target. Quoted braces, `{}` (as in `find -exec … {} +`) and
    /// `${…}` are not brace expansions.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh does not expand braces: `mkdir -p /opt/{bin,lib}` under dash
    /// creates one directory literally named `{bin,lib}`, and the build goes
    /// on.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /opt/app/{bin,lib,log}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /opt/app/bin /opt/app/lib /opt/app/log
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck also flags braces in an assignment (`x={a,b}`), a `case`
    /// pattern and `[[ ]]`, where bash does not expand them either; dockward
    /// does not.
    ///
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub BraceExpansionInPosixSh {
        code: "SC3009",
        name: "brace-expansion-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for BraceExpansionInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_simple(cx, Bashism::BraceExpansion, "Brace expansion");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&BraceExpansionInPosixSh)
            .pass([
                "FROM a\nRUN cp config.yml config.yml.bak\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN cp config.yml{,.bak}\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\ncp config.yml{,.bak}\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN cp config.yml{,.bak}\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN cp config.yml{,.bak}\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN cp config.yml{,.bak}\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"cp config.yml{,.bak}\"]\n",
                "FROM a\nRUN find . -name '*.o' -exec rm {} +\n",
                "FROM a\nRUN echo \"{a,b}\" '{1..3}' ${x:-a}\n",
                "FROM a\nRUN x={a,b}\n",
                "FROM a\nRUN echo {a}\n",
            ])
            .fail([
                "FROM a\nRUN cp config.yml{,.bak}\n",
                "FROM a\nRUN set -e; \\\n    cp config.yml{,.bak}\n",
                "FROM a\nRUN <<EOF\nset -e\ncp config.yml{,.bak}\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  cp config.yml{,.bak}\n",
                "FROM a\nONBUILD RUN cp config.yml{,.bak}\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"cp config.yml{,.bak}\"]\n",
                "FROM a\nRUN for i in {1..3}; do echo $i; done\n",
                "FROM a\nRUN touch \"$D\"/{a,b}\n",
            ])
            .test();
    }
}
