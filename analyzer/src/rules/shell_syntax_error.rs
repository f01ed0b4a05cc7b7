use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `RUN` script that the shell running it cannot parse: an
    /// unterminated quote or `$(`, an `if` without `fi`, a loop without
    /// `done`, a `&&`, `||` or `|` with no command after it, a stray `)`,
    /// `fi` or `done`, a line that starts with `&&` or `|` after a real
    /// newline. The script is what the shell gets: Docker's line
    /// continuations are joined first, so `&& \` at the end of a line and
    /// `&&` at the start of the next continued line are both fine. Shell-form
    /// `RUN`, `RUN <<EOF` scripts and exec-form `["sh", "-c", "…"]` strings
    /// are checked; the finding points at the construct the error is about
    /// (the unterminated quote, the `if` missing its `fi`, the dangling
    /// operator). One finding per script: the first error.
    ///
    /// The grammar is the shell's in effect: a script that `dash -n` accepts
    /// under `/bin/sh`, or that `bash -n` accepts under a bash `SHELL`,
    /// never gets this finding (a test runs both shells over the corpus).
    /// Under `/bin/sh`, bash-only syntax that dash cannot parse (arrays,
    /// `<(…)`, `function f {`, `|&`, `<<<`, `for ((…))`) is reported by the
    /// bashism checks (SC3xxx) rather than here.
    ///
    /// ## Why is this bad?
    /// The build fails at this step, after every step before it has run.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /etc/debian_version ]; then echo debian; \
    ///     && apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /etc/debian_version ]; then echo debian; fi \
    ///     && apt-get update
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck's parser gives up with SC1xxx errors (SC1072, SC1073,
    /// SC1088, SC1065, SC1133, …) on some scripts the shell runs fine, and
    /// hadolint 2.15 feeds it the PowerShell and `cmd` text of Windows
    /// images, which is where nearly all its SC1xxx findings come from.
    /// dockward reports only what the real shell rejects, never checks
    /// PowerShell or `cmd` text, and takes ShellCheck's parse-error codes
    /// as aliases, so `# hadolint ignore=SC1088` and friends keep working.
    /// Nesting deeper than the parser follows (64 levels) is no error.
    pub ShellSyntaxError {
        code: "DW2020",
        name: "shell-syntax-error",
        aliases: [
            "SC1009", "SC1046", "SC1047", "SC1056", "SC1058", "SC1061", "SC1062", "SC1064",
            "SC1065", "SC1072", "SC1073", "SC1078", "SC1088", "SC1089", "SC1133", "SC1141",
        ],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ShellSyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let Some(error) = run
                .script
                .errors
                .iter()
                .find(|e| e.rejected_by(run.dialect))
            else {
                continue;
            };
            let mut message = String::from("Shell syntax error: ");
            message.push_str(&error.message);
            cx.report(run.file_range(error.span), message)
                .with_instruction(run.instruction);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ShellSyntaxError)
            .pass([
                "FROM a\nRUN echo hi\n",
                "FROM a\nRUN apt-get update \\\n    && apt-get install -y curl\n",
                "FROM a\nRUN apt-get update && \\\n    apt-get install -y curl\n",
                "FROM a\nRUN set -eux; \\\n    # a comment\n    echo hi\n",
                "FROM a\nRUN if [ -f x ]; then \\\n      echo x; \\\n    fi\n",
                "FROM a\nRUN <<EOF\nset -e\nfor f in a b; do\n  echo \"$f\"\ndone\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo a && echo b\"]\n",
                // dash reads these as plain commands.
                "FROM a\nRUN [[ -f x ] && echo y\n",
                "FROM a\nRUN f() echo hi\n",
                // bash-only syntax is not a syntax error of bash.
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a=(1 2) && cat <(ls) <<< x\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f x && $y == z* ]] && echo\n",
                // PowerShell is not shell.
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN if ((Get-Item x).Length -gt 0) { echo \"(\" }\n",
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\tmp && echo (a\n",
                "FROM a\nRUN echo \"$(printf '%s' \"$x\")\"\n",
                "FROM a\nRUN case \"$x\" in a|b) echo;; *) ;; esac\n",
            ])
            .fail([
                "FROM a\nRUN echo \"hi\n",
                "FROM a\nRUN echo 'hi\n",
                "FROM a\nRUN echo $(date\n",
                "FROM a\nRUN if [ -f x ]; then echo x\n",
                "FROM a\nRUN for f in a b; do echo $f\n",
                "FROM a\nRUN apt-get update &&\n",
                "FROM a\nRUN apt-get update && \\\n    # gone\n",
                "FROM a\nRUN echo a |\n",
                "FROM a\nRUN echo a )\n",
                "FROM a\nRUN echo a; fi\n",
                "FROM a\nRUN echo a; done\n",
                "FROM a\nRUN <<EOF\necho a\n&& echo b\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo 'a\"]\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f x ] && echo y\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() echo hi\n",
                "FROM a\nRUN case x in a) echo\n",
            ])
            .test();
    }

    #[test]
    fn one_finding_per_script_at_the_first_error() {
        let src = "FROM a\nRUN echo \"a; fi; done\nRUN if x; then y; fi; fi; done\n";
        let model = crate::model::Model::new(src);
        let config = crate::config::Config {
            select: Some(vec!["DW2020".to_owned()]),
            ..crate::config::Config::default()
        };
        let diags = crate::analysis::check_model(&model, &config, crate::Context::default());
        let at: Vec<&str> = diags.iter().map(|d| d.range.slice(src)).collect();
        assert_eq!(at, ["\"", "fi"]);
    }
}
