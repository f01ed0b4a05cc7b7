use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags variables that bash sets and POSIX sh does not (`$RANDOM`,
    /// `$BASH_SOURCE`, `$HOSTNAME`, `$UID`, `$EUID`, `$PIPESTATUS`,
    /// `$SECONDS`, `$OSTYPE`, `$FUNCNAME`, `$SHLVL`…), also named without `$`
    /// inside arithmetic, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// Under a POSIX shell these variables are simply unset: `$RANDOM` is
    /// empty, `$UID` is empty so `[ "$UID" -eq 0 ]` fails, `$PIPESTATUS` says
    /// nothing about the pipeline.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "build $RANDOM" > /build-id
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN od -An -N2 -tu2 /dev/urandom > /build-id
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// A variable that an `ARG` or `ENV` in scope defines, or that the
    /// script assigns itself, is an ordinary variable there (`ARG UID=1000`),
    /// and not flagged (ShellCheck flags an assigned `RANDOM`).
    ///
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub BashVariableInPosixSh {
        code: "SC3028",
        name: "bash-variable-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for BashVariableInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::BashVariable, |model, run, f| {
            let name = variable_name(bashism::text(run, f.span));
            // An ARG or ENV of that name makes it an ordinary variable.
            if model.lookup(run.instruction, name).is_some() {
                return None;
            }
            let what = format!("The bash variable `{name}`");
            Some(bashism::Report::new(bashism::unavailable(
                &what,
                run.dialect,
            )))
        });
    }
}

/// `RANDOM` from `$RANDOM`, `${RANDOM}`, `${BASH_SOURCE[0]}` or `RANDOM`.
fn variable_name(text: &str) -> &str {
    let name = text.trim_start_matches('$').trim_start_matches('{');
    let end = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    &name[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&BashVariableInPosixSh)
            .pass([
                "FROM a\nRUN echo $HOME\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $RANDOM\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\necho $RANDOM\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN echo $RANDOM\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $RANDOM\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN echo $RANDOM\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"echo $RANDOM\"]\n",
                "FROM a\nARG UID=1000\nRUN useradd -u $UID app\n",
                "FROM a\nENV HOSTNAME=x\nRUN echo $HOSTNAME\n",
                "FROM a\nRUN UID=1; echo $UID\n",
                "FROM a\nRUN echo '$RANDOM' $BASH_VERSION\n",
            ])
            .fail([
                "FROM a\nRUN echo $RANDOM\n",
                "FROM a\nRUN set -e; \\\n    echo $RANDOM\n",
                "FROM a\nRUN <<EOF\nset -e\necho $RANDOM\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  echo $RANDOM\n",
                "FROM a\nONBUILD RUN echo $RANDOM\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"echo $RANDOM\"]\n",
                "FROM a\nRUN echo $((RANDOM % 10)) ${BASH_SOURCE[0]}\n",
            ])
            .test();
    }
}
