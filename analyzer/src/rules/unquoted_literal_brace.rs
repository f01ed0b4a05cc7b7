use crate::checker::Checker;
use crate::declare_rule;
use crate::families::bashism::{self, Report};
use crate::rule::{Rule, RuleMeta};
use crate::shell::lexical::Lexical;

declare_rule! {
    /// ## What it does
    /// Flags an unquoted `{` or `}` inside a word that is neither a brace
    /// group (`{ cmd; }`), nor `{}` (as in `find -exec … {} +`), nor part of
    /// a brace expansion (`{a,b}`, `{1..3}`), nor of `${…}`: `echo {a}`,
    /// `fi}`, `${x}}`.
    ///
    /// ## Why is this bad?
    /// The shell passes such a brace on as text. Often a `;` or a blank is
    /// missing and a group or an expansion was meant (`{ echo a;}` works,
    /// `{echo a;}` runs a command named `{echo`); when the brace is meant
    /// literally, quoting it says so.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo {\"debug\": false} > /etc/app.json
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo '{"debug": false}' > /etc/app.json
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// hadolint feeds PowerShell and `cmd` text of Windows images to
    /// ShellCheck, where braces are script blocks; dockward never checks
    /// those scripts.
    pub UnquotedLiteralBrace {
        code: "SC1083",
        name: "unquoted-literal-brace",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for UnquotedLiteralBrace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        bashism::check_lexical(cx, Lexical::LiteralBrace, |run, f| {
            let brace = bashism::text(run, f.span);
            Some(Report::new(format!(
                "This `{brace}` is a literal character: quote it, or check for a missing `;` or blank"
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
        Tester::new(&UnquotedLiteralBrace)
            .pass([
                "FROM a\nRUN { echo a; echo b; } > f\n",
                "FROM a\nRUN find . -name '*.o' -exec rm {} + && xargs -I{} echo {}\n",
                "FROM a\nRUN echo ${HOME} \"{a}\" '{b}' {c,d}\n",
                "FROM a\nRUN f() { :; } && f\n",
                "FROM a\nRUN cat <<EOF > f\n{\"a\": 1}\nEOF\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN if ($x) { echo a }\n",
            ])
            .fail([
                "FROM a\nRUN echo {a}\n",
                "FROM a\nRUN echo ${HOME}}\n",
                "FROM a\nRUN git rev-parse @{u}\n",
                "FROM a\nRUN set -e; \\\n    x={\n",
                "FROM a\nRUN <<EOF\necho }\nEOF\n",
            ])
            .test();
    }
}
