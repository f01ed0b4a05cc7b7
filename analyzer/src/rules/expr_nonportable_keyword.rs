use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `expr length`, `expr substr`, `expr index` and `expr match`.
    ///
    /// ## Why is this bad?
    /// POSIX leaves these `expr` keywords unspecified: GNU `expr` has
    /// them, BusyBox's only with some build options, BSD's not at all.
    /// The shell does the same portably: `${#x}` for a length, `cut` or
    /// `${x#…}` for a substring, `expr "$x" : 're'` for a match.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN n=$(expr length "$HOSTNAME") && echo "$n"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN n=${#HOSTNAME} && echo "$n"
    /// ```
    pub ExprNonportableKeyword {
        code: "SC2308",
        name: "expr-nonportable-keyword",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ExprNonportableKeyword {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                if command_basename(c.command, src).as_deref() != Some("expr") {
                    continue;
                }
                let Some(word) = c.command.as_simple().and_then(|s| s.args().first()) else {
                    continue;
                };
                let Some(kw) = word.literal(src) else {
                    continue;
                };
                if !matches!(kw.as_ref(), "length" | "substr" | "index" | "match") {
                    continue;
                }
                cx.report(
                    run.file_range(word.span),
                    format!("`expr {kw}` is not portable: POSIX leaves it unspecified"),
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
        Tester::new(&ExprNonportableKeyword)
            .pass([
                "FROM a\nRUN expr \"$x\" : 'a.*'\n",
                "FROM a\nRUN expr 1 + 1\n",
                "FROM a\nRUN echo length\n",
            ])
            .fail([
                "FROM a\nRUN expr length \"$x\"\n",
                "FROM a\nRUN v=$(expr substr \"$V\" 1 3)\n",
                "FROM a\nRUN expr index abc b; expr match a b\n",
            ])
            .test();
    }
}
