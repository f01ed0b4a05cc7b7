use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism;
use crate::rule::{Rule, RuleMeta};
use crate::shell::bashisms::Bashism;

declare_rule! {
    /// ## What it does
    /// Flags a function defined with both the `function` keyword and parentheses, `function name() { …; }`, in a script that a POSIX shell runs.
    ///
    /// Checked wherever the shell that runs the script is POSIX-only: the
    /// default `/bin/sh`, or a `SHELL`, exec-form program, heredoc shebang or
    /// `# hadolint shell=` pragma naming `sh`, `dash`, `ash` or `busybox`.
    /// Scripts that bash or ksh runs are not checked.
    ///
    /// ## Why is this bad?
    /// POSIX sh has no `function` keyword; dash stops with a syntax error at
    /// the `(`, failing the `RUN`. `name() { …; }` works in every shell.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN function retry() { "$@" || "$@"; } && retry apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN retry() { "$@" || "$@"; } && retry apt-get update
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the keyword: `name() { …; }` means the same in
    /// bash and is what POSIX shells accept; it is safe.
    ///
    /// ## Differences from ShellCheck
    /// The dialect is the shell that really runs the script. hadolint 2.15
    /// resets it to `sh` after any `ENV` or `ARG` (its issues #1241 and
    /// #1252) and so reports bashisms in bash stages; dockward does not, and
    /// also checks `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]`
    /// strings, which hadolint skips.
    pub FunctionKeywordInPosixSh {
        code: "SC2112",
        name: "function-keyword-in-posix-sh",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for FunctionKeywordInPosixSh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check(cx, Bashism::FunctionKeyword, |_, run, f| {
            let name = bashism::text(run, f.span)
                .strip_prefix("function")
                .unwrap_or("")
                .trim_start();
            let fix = Fix::safe(
                "Remove the `function` keyword",
                vec![bashism::replace(run, f.span, name)],
            );
            let message = format!(
                "The `function` keyword is not available in {}",
                bashism::shell_name(run.dialect)
            );
            Some(bashism::Report::new(message).with_fix(Some(fix)))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FunctionKeywordInPosixSh)
            .pass([
                "FROM a\nRUN f() { :; }\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN function f() { :; }\n",
                "FROM a\nRUN <<EOF\n#!/bin/bash\nfunction f() { :; }\nEOF\n",
                "# hadolint shell=bash\nFROM a\nRUN function f() { :; }\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN function f() { :; }\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN function f() { :; }\n",
                "FROM a\nRUN [\"bash\", \"-c\", \"function f() { :; }\"]\n",
            ])
            .fail([
                "FROM a\nRUN function f() { :; }\n",
                "FROM a\nRUN set -e; \\\n    function f() { :; }\n",
                "FROM a\nRUN <<EOF\nset -e\nfunction f() { :; }\nEOF\n",
                "FROM a\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo start && \\\n  # comment\n  function f() { :; }\n",
                "FROM a\nONBUILD RUN function f() { :; }\n",
                "FROM a\nRUN [\"/bin/sh\", \"-c\", \"function f() { :; }\"]\n",
            ])
            .fix([
                ("FROM a\nRUN function f() { :; }; f\n", "FROM a\nRUN f() { :; }; f\n"),
            ])
            .test();
    }
}
