use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::WordPart;

declare_rule! {
    /// ## What it does
    /// Flags a command whose second word starts with an unquoted `=` (but
    /// not `==`): `VERSION = 1.2`, `VERSION =1.2`. The command `chmod` is
    /// exempt, since `chmod =755 file` is a valid symbolic mode.
    ///
    /// ## Why is this bad?
    /// An assignment takes no blanks around `=`: `VERSION = 1.2` runs a
    /// command named `VERSION` with the arguments `=` and `1.2`, which
    /// fails (or worse, runs something), and the variable stays unset. For
    /// a comparison, `[ "$a" = b ]` is meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN VERSION = 1.2 && echo "$VERSION"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN VERSION=1.2 && echo "$VERSION"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck also flags `chmod =2775 dir` (its false positive: `=mode`
    /// is a valid symbolic mode); dockward does not.
    pub SpacedAssignment {
        code: "SC2283",
        name: "spaced-assignment",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SpacedAssignment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let [name, second, ..] = c.command.words.as_slice() else {
                    continue;
                };
                let Some(WordPart::Literal(first)) = second.parts.first() else {
                    continue;
                };
                let text = first.slice(src);
                if !text.starts_with('=') || text.starts_with("==") {
                    continue;
                }
                let name = name.literal(src);
                if name
                    .as_deref()
                    .is_some_and(|n| crate::facts::commands::base_name(n) == "chmod")
                {
                    continue;
                }
                cx.report(
                    run.file_range(second.span),
                    "Blanks around `=`: this runs a command instead of assigning a variable",
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SpacedAssignment)
            .pass([
                "FROM a\nRUN VERSION=1.2\n",
                "FROM a\nRUN chmod =2775 /opt/conda\n",
                "FROM a\nRUN [ a = b ]\n",
                "FROM a\nRUN x '=b'\n",
                "FROM a\nRUN x ==y\n",
            ])
            .fail([
                "FROM a\nRUN VERSION = 1.2\n",
                "FROM a\nRUN VERSION =1.2 && echo $VERSION\n",
                "FROM a\nRUN <<EOF\nX = 1\nEOF\n",
            ])
            .test();
    }
}
