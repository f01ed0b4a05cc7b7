use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism::{self, Report};
use crate::rule::{Rule, RuleMeta};
use crate::shell::lexical::Lexical;

declare_rule! {
    /// ## What it does
    /// Flags a backslash outside quotes before a character it does not need
    /// to protect: a letter (other than `\t`, `\n`, `\r`, see SC1012), a
    /// digit, or one of `- _ / % = : ^` (`\o`, `\d`, `\-`). A backslash
    /// before a character that is special to the shell, or to globs and
    /// regular expressions (`\.`, `\*`, `\|`, `\$`…), is not flagged; nor is
    /// `\cmd` as a command name, the usual way to skip an alias.
    ///
    /// ## Why is this bad?
    /// The shell drops such a backslash, so the program never sees it:
    /// `grep \d` searches for the letter `d`. Either the backslash was meant
    /// for the program, and the argument needs quotes, or it is noise.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -E ^\d+ /etc/app/versions
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -E '^[0-9]+' /etc/app/versions
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// hadolint feeds PowerShell and `cmd` text of Windows images to
    /// ShellCheck, where `C:\bin` is a path; dockward never checks those
    /// scripts.
    pub OrdinaryCharacterEscaped {
        code: "SC1001",
        name: "ordinary-character-escaped",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for OrdinaryCharacterEscaped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_lexical(cx, Lexical::OrdinaryEscape, |run, f| {
            let escape = bashism::text(run, f.span);
            let c = escape.get(1..).unwrap_or("");
            Some(Report::new(format!(
                "`{escape}` outside quotes is just `{c}`: the shell drops the backslash"
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
        Tester::new(&OrdinaryCharacterEscaped)
            .pass([
                "FROM a\nRUN grep -E '^\\d+' f && echo \"\\d\"\n",
                "FROM a\nRUN find . -name \\*.o -exec rm {} \\; && echo a\\.b \\$x\n",
                "FROM a\nRUN \\ls -l\n",
                "FROM a\nRUN sed s/a/\\t/ f\n",
                "FROM a\nRUN apt-get update \\\n && apt-get install -y x\n",
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN setx /M PATH C:\\bin\n",
            ])
            .fail([
                "FROM a\nRUN grep \\d f\n",
                "FROM a\nRUN ls \\-l\n",
                "FROM a\nRUN set -e; \\\n    echo a\\/b\n",
                "FROM a\nRUN <<EOF\necho \\o\nEOF\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN x=\\z\n",
            ])
            .test();
    }
}
