use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::WordPart;

declare_rule! {
    /// ## What it does
    /// Flags `trap` whose action is in double quotes with an expansion in
    /// it: `trap "rm -rf $tmp" EXIT`, `trap "kill $(cat pid)" TERM`.
    ///
    /// ## Why is this bad?
    /// Double quotes expand when `trap` runs, not when the signal comes:
    /// the action keeps the values of that moment (often an empty `$tmp`,
    /// set later), and a value with spaces or quotes is parsed again as
    /// code. Single quotes defer the expansion to when the trap fires.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// tmp=$(mktemp -d)
    /// trap "rm -rf $tmp" EXIT
    /// curl -fsSLo "$tmp/x.tgz" https://example.com/x.tgz
    /// EOF
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// tmp=$(mktemp -d)
    /// trap 'rm -rf "$tmp"' EXIT
    /// curl -fsSLo "$tmp/x.tgz" https://example.com/x.tgz
    /// EOF
    /// ```
    pub TrapExpandsEarly {
        code: "SC2064",
        name: "trap-expands-early",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for TrapExpandsEarly {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if cmd.name(src).as_deref() != Some("trap") {
                    continue;
                }
                let Some(action) = cmd.args().first() else {
                    continue;
                };
                let expansion = action.parts.iter().find_map(|p| match p {
                    WordPart::DoubleQuoted(d) => d.parts.iter().find_map(|q| match q {
                        WordPart::Param(x) => Some(x.span),
                        WordPart::CommandSubst(s) => Some(s.span),
                        WordPart::Arith(a) => Some(a.span),
                        _ => None,
                    }),
                    _ => None,
                });
                let Some(span) = expansion else { continue };
                cx.report(
                    run.file_range(span),
                    "This expands when `trap` runs, not when the signal arrives",
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
        Tester::new(&TrapExpandsEarly)
            .pass([
                "FROM a\nRUN trap 'rm -rf \"$tmp\"' EXIT\n",
                "FROM a\nRUN trap \"echo hi\" EXIT\n",
                "FROM a\nRUN trap -- \"rm $t\" INT\n",
                "FROM a\nRUN trap rm\\ $t EXIT\n",
            ])
            .fail([
                "FROM a\nRUN tmp=$(mktemp -d) && trap \"rm -rf $tmp\" EXIT\n",
                "FROM a\nRUN trap \"kill $(cat /pid)\" TERM\n",
            ])
            .test();
    }
}
