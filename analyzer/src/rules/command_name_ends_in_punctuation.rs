use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism::{self, Report};
use crate::rule::{Rule, RuleMeta};
use crate::shell::lexical::Lexical;

declare_rule! {
    /// ## What it does
    /// Flags a command name that ends in punctuation (one of
    /// `\ . , ( [ { < > } ] ) # " ' %`) or a blank: `ls,`, `echo.`,
    /// `cd..`, `"ls "`. The commands `.`, `[` and `[[` are not flagged.
    ///
    /// ## Why is this bad?
    /// It is almost always a typo (a missing blank, a stray comma or
    /// quote), and the command is not found: the step fails, or with `||`
    /// around it, silently does nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd.. && make install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd .. && make install
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// hadolint feeds PowerShell and `cmd` text of Windows images to
    /// ShellCheck, where `Write-Host('x')` or `%PATH%` are no shell command
    /// names; that is where all its findings of this code in the shared
    /// corpus come from. dockward never checks those scripts.
    pub CommandNameEndsInPunctuation {
        code: "SC2288",
        name: "command-name-ends-in-punctuation",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for CommandNameEndsInPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_lexical(cx, Lexical::CommandNamePunctuation, |run, f| {
            let name = bashism::text(run, f.span);
            Some(Report::new(format!(
                "The command name `{name}` ends in punctuation: probably a typo"
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
        Tester::new(&CommandNameEndsInPunctuation)
            .pass([
                "FROM a\nRUN [ -f x ] && . /etc/os-release && : noop\n",
                "FROM a\nRUN ./configure && make && $CC -o x x.c\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN Write-Host('x')\n",
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN setx /M PATH %PATH%\n",
            ])
            .fail([
                "FROM a\nRUN ls, -l\n",
                "FROM a\nRUN cd.. && make\n",
                "FROM a\nRUN set -e; \\\n    echo. hi\n",
                "FROM a\nRUN <<EOF\n\"ls \" -l\nEOF\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN x=1 cmd% y\n",
            ])
            .test();
    }
}
