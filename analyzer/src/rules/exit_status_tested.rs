use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Command, Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a test whose only job is to compare `$?` with 0: `[ $? -ne 0
    /// ]`, `[ "$?" = 0 ]`, `[[ $? != 0 ]]`, `(( $? != 0 ))` (either side).
    ///
    /// ## Why is this bad?
    /// Testing the command itself (`if ! make; then …`, `make || exit 1`)
    /// says the same more directly, and cannot break when a command slips
    /// in between the command and the test (an `echo`, a debugging line),
    /// which silently changes what `$?` means.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make; if [ $? -ne 0 ]; then cat build.log; exit 1; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if ! make; then cat build.log; exit 1; fi
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// Like ShellCheck, `test $? -ne 0` (the `test` spelling) is not
    /// flagged.
    pub ExitStatusTested {
        code: "SC2181",
        name: "exit-status-tested",
        aliases: [],
        severity: Style,
        category: Shell,
        default: true,
        fix: None,
    }
}

const COMPARISONS: &[&str] = &[
    "-eq", "-ne", "-gt", "-lt", "-ge", "-le", "=", "==", "!=", ">", "<", ">=", "<=",
];

impl Rule for ExitStatusTested {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                let (operands, span): (&[Word], _) = match c.command {
                    Command::Simple(s) if s.name(src).as_deref() == Some("[") => {
                        let args = s.args();
                        let args = match args.split_last() {
                            Some((last, rest)) if last.text(src) == "]" => rest,
                            _ => args,
                        };
                        (args, s.span)
                    }
                    Command::Test(t) => (&t.words, t.span),
                    Command::Arith(a) => {
                        if arith_compares_status(a.expr.text(src)) {
                            report(cx, run, a.span);
                        }
                        continue;
                    }
                    _ => continue,
                };
                let [a, op, b] = operands else { continue };
                if !op
                    .literal(src)
                    .is_some_and(|o| COMPARISONS.contains(&o.as_ref()))
                {
                    continue;
                }
                let zero = |w: &Word| w.literal(src).as_deref() == Some("0");
                if (is_status(a, src) && zero(b)) || (zero(a) && is_status(b, src)) {
                    report(cx, run, span);
                }
            }
        }
    }
}

fn report(cx: &mut Checker<'_>, run: &crate::model::RunScript, span: crate::TextRange) {
    cx.report(
        run.file_range(span),
        "Testing `$?` against 0 instead of testing the command directly",
    )
    .with_instruction(run.instruction);
}

/// `$?` or `"$?"`.
fn is_status(w: &Word, src: &str) -> bool {
    let parts: &[WordPart] = match w.parts.as_slice() {
        [WordPart::DoubleQuoted(d)] => &d.parts,
        other => other,
    };
    matches!(parts, [WordPart::Param(p)] if p.name.slice(src) == "?" && p.parts.is_empty())
}

/// `$? != 0`, `0 == $?`… as an arithmetic command's expression.
fn arith_compares_status(expr: &str) -> bool {
    let e: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    ["==", "!=", ">=", "<=", ">", "<"].iter().any(|op| {
        e.split_once(op)
            .is_some_and(|(l, r)| (l == "$?" && r == "0") || (l == "0" && r == "$?"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ExitStatusTested)
            .pass([
                "FROM a\nRUN if ! make; then exit 1; fi\n",
                "FROM a\nRUN make; [ $? -eq 1 ]\n",
                "FROM a\nRUN make; test $? -ne 0\n",
                "FROM a\nRUN make; r=$?; [ $r -ne 0 ]\n",
                "FROM a\nRUN make; [ $? -ne 0 -a -f x ]\n",
            ])
            .fail([
                "FROM a\nRUN make; if [ $? -ne 0 ]; then exit 1; fi\n",
                "FROM a\nRUN make; [ \"$?\" = 0 ] && echo ok\n",
                "FROM a\nRUN make; [ 0 -ne $? ] && exit 1\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make; [[ $? != 0 ]] && exit 1\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make; (( $? != 0 )) && exit 1\n",
            ])
            .test();
    }
}
