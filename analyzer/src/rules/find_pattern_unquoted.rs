use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Word, WordPart};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags an unquoted glob (`*`, `?`, `[…]`) given to one of `find`'s
    /// pattern tests: `-name`, `-iname`, `-path`, `-ipath`, `-wholename`,
    /// `-iwholename`, `-lname`, `-ilname`, `-regex`, `-iregex`.
    ///
    /// ## Why is this bad?
    /// The shell expands the glob before `find` runs, in the current
    /// directory: `find / -name *.pyc -delete` becomes `find / -name
    /// app.pyc -delete` when the working directory holds one `.pyc` file,
    /// and fails with several. Quoted, the pattern reaches `find`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN find / -name *.pyc -delete
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN find / -name '*.pyc' -delete
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts the pattern in single quotes (when it is plain text
    /// without quotes). It is unsafe: when the glob matched files in the
    /// working directory, `find` got their names before and the pattern
    /// now.
    pub FindPatternUnquoted {
        code: "SC2061",
        name: "find-pattern-unquoted",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

const PATTERN_TESTS: &[&str] = &[
    "-name",
    "-iname",
    "-path",
    "-ipath",
    "-wholename",
    "-iwholename",
    "-lname",
    "-ilname",
    "-regex",
    "-iregex",
];

impl Rule for FindPatternUnquoted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("find") {
                    continue;
                }
                for pair in cmd.args().windows(2) {
                    let Some(test) = pair[0].literal(src) else {
                        continue;
                    };
                    if !PATTERN_TESTS.contains(&test.as_ref()) || !unquoted_glob(&pair[1], src) {
                        continue;
                    }
                    let w = &pair[1];
                    let range = run.file_range(w.span);
                    let d = cx
                        .report(
                            range,
                            format!(
                                "Unquoted pattern for `find {test}`: the shell expands it first"
                            ),
                        )
                        .with_instruction(run.instruction);
                    let text = w.text(src);
                    if matches!(w.parts.as_slice(), [WordPart::Literal(_)])
                        && !text.contains(['\'', '\\', '\n'])
                    {
                        d.with_fix(Fix::unsafe_(
                            "Quote the pattern",
                            vec![Edit::replace(range, format!("'{text}'"))],
                        ));
                    }
                }
            }
        }
    }
}

/// A `*`, `?` or `[` in an unquoted literal part of the word.
fn unquoted_glob(w: &Word, src: &str) -> bool {
    w.parts.iter().any(|p| match p {
        WordPart::Literal(r) => r.slice(src).contains(['*', '?', '[']),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FindPatternUnquoted)
            .pass([
                "FROM a\nRUN find / -name '*.pyc' -delete\n",
                "FROM a\nRUN find / -name \"*.pyc\" -delete\n",
                "FROM a\nRUN find / -name a\\* -delete\n",
                "FROM a\nRUN find / -type f\n",
                "FROM a\nRUN ls -name *.pyc\n",
            ])
            .fail([
                "FROM a\nRUN find / -name *.pyc -delete\n",
                "FROM a\nRUN find . -iname x* -o -regex .*\n",
                "FROM a\nRUN find . -path ./a/$X* \\\n   -prune\n",
            ])
            .fix([
                (
                    "FROM a\nRUN find / -name *.pyc -delete\n",
                    "FROM a\nRUN find / -name '*.pyc' -delete\n",
                ),
                (
                    "FROM a\nRUN find . -path ./a/$X* -prune\n",
                    "FROM a\nRUN find . -path ./a/$X* -prune\n",
                ),
            ])
            .test();
    }
}
