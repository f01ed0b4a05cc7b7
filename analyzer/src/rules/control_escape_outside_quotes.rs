use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism::{self, Report};
use crate::rule::{Rule, RuleMeta};
use crate::shell::lexical::Lexical;

declare_rule! {
    /// ## What it does
    /// Flags `\t`, `\n` and `\r` written outside quotes in a `RUN` script
    /// (`sed s/,/\t/`, `tr , \n`, `x=a\tb`). Text in quotes and
    /// here-document bodies is not checked.
    ///
    /// ## Why is this bad?
    /// Outside quotes a backslash only protects the next character, so the
    /// shell turns `\t` into a plain `t` before the program sees it:
    /// `sed s/,/\t/` replaces commas with the letter `t`, not with tabs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sed -i s/,/\t/g /etc/app/table.tsv
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sed -i 's/,/\t/g' /etc/app/table.tsv
    /// ```
    ///
    /// ## Fix safety
    /// The fix quotes the escape (`'\t'`), so the program gets the
    /// backslash it was most likely meant to get. It is unsafe: it changes
    /// the argument.
    ///
    /// ## Differences from ShellCheck
    /// hadolint feeds PowerShell and `cmd` text of Windows images to
    /// ShellCheck, where `C:\tools` is no shell escape; dockward never checks
    /// those scripts.
    pub ControlEscapeOutsideQuotes {
        code: "SC1012",
        name: "control-escape-outside-quotes",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for ControlEscapeOutsideQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_lexical(cx, Lexical::ControlEscape, |run, f| {
            let escape = bashism::text(run, f.span);
            let letter = escape.get(1..).unwrap_or("");
            let fix = Fix::unsafe_(
                format!("Quote it: `'{escape}'`"),
                vec![bashism::replace(run, f.span, &format!("'{escape}'"))],
            );
            Some(
                Report::new(format!(
                    "`{escape}` outside quotes is just `{letter}`: the shell drops the backslash"
                ))
                .with_fix(Some(fix)),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ControlEscapeOutsideQuotes)
            .pass([
                "FROM a\nRUN sed 's/,/\\t/' f && printf \"a\\tb\" && echo a\\\\tb\n",
                "FROM a\nRUN cat <<EOF > f\na\\tb\nEOF\n",
                "FROM a\nRUN echo \\$x \\\"\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN mkdir C:\\tools\n",
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\tools\n",
            ])
            .fail([
                "FROM a\nRUN sed s/,/\\t/ f\n",
                "FROM a\nRUN tr , \\n < a > b\n",
                "FROM a\nRUN X=a\\tb env\n",
                "FROM a\nRUN set -e; \\\n    printf a\\nb\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo a\\tb\n",
                "FROM a\nRUN <<EOF\nsed s/a/\\r/ f\nEOF\n",
            ])
            .fix([(
                "FROM a\nRUN sed s/,/\\t/g f\n",
                "FROM a\nRUN sed s/,/'\\t'/g f\n",
            )])
            .test();
    }
}
