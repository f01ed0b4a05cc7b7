use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::Word;
use crate::shell::expansions::text_of;
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags an emptiness test written negated: `[ ! -z "$v" ]` (and
    /// `test ! -z`, `[[ ! -z ]]`, `! -n`), and `! [ -z "$v" ]`, the test
    /// negated from outside. Off by default, as in ShellCheck (its optional
    /// check `avoid-negated-conditions`).
    ///
    /// ## Why is this bad?
    /// `-n` is the test for a non-empty string and `-z` for an empty one:
    /// `! -z` says the same thing the long way round, and a reader has to
    /// undo the double negation.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG proxy
    /// RUN if [ ! -z "$proxy" ]; then echo "Acquire::http::Proxy \"$proxy\";" > /etc/apt/apt.conf.d/proxy; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG proxy
    /// RUN if [ -n "$proxy" ]; then echo "Acquire::http::Proxy \"$proxy\";" > /etc/apt/apt.conf.d/proxy; fi
    /// ```
    ///
    /// ## Fix safety
    /// Inside the brackets (`[ ! -z x ]` to `[ -n x ]`) the fix is safe: with
    /// one operand the two tests always give the same status. Outside
    /// (`! [ -z x ]` to `[ -n x ]`) it is unsafe: a command negated with `!`
    /// never stops a script running under `set -e`, the plain test does when
    /// it fails.
    ///
    /// ## Differences from ShellCheck
    /// One rule stands for both of ShellCheck's codes: `SC2236` (inside the
    /// brackets) and `SC2237` (outside), an alias. Only a test with nothing
    /// else in the brackets is flagged (`[ ! -z "$a" -a -f x ]` is not).
    pub NegatedEmptyTest {
        code: "SC2236",
        name: "negated-empty-test",
        aliases: ["SC2237"],
        severity: Style,
        category: Shell,
        default: false,
        fix: Always,
    }
}

impl Rule for NegatedEmptyTest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for run in &model.scripts {
            let src = run.text.as_str();
            // `[ ! -z x ]`: the negation inside the test.
            for c in run.script.commands() {
                let Some([bang, op, _]) = c.command.test_operands(src) else {
                    continue;
                };
                if bang.literal(src).as_deref() != Some("!") {
                    continue;
                }
                let Some(flipped) = flipped(op, src) else {
                    continue;
                };
                let span = TextRange::new(bang.span.start(), op.span.end());
                cx.report(
                    run.file_range(span),
                    format!(
                        "`! {}` is the long way to write `{flipped}`",
                        text_of(op.span, src)
                    ),
                )
                .with_instruction(run.instruction)
                .with_fix(Fix::safe(
                    format!("Replace with `{flipped}`"),
                    vec![Edit::replace(run.file_range(span), flipped)],
                ));
            }
            // `! [ -z x ]`: the whole test negated.
            for p in run.script.pipelines() {
                let Some(bang) = p.pipeline.bang else {
                    continue;
                };
                let [command] = p.pipeline.commands.as_slice() else {
                    continue;
                };
                let Some([op, _]) = command.test_operands(src) else {
                    continue;
                };
                let Some(flipped) = flipped(op, src) else {
                    continue;
                };
                let span = TextRange::new(bang.start(), command.span().end());
                cx.report(
                    run.file_range(span),
                    format!(
                        "`!` before a `{}` test is the long way to write `{flipped}`",
                        text_of(op.span, src)
                    ),
                )
                .with_instruction(run.instruction)
                .with_fix(Fix::unsafe_(
                    format!("Drop the `!` and test with `{flipped}`"),
                    vec![
                        Edit::delete(
                            run.file_range(TextRange::new(bang.start(), command.span().start())),
                        ),
                        Edit::replace(run.file_range(op.span), flipped),
                    ],
                ));
            }
        }
    }
}

/// The opposite emptiness operator of `op` (`-z` for `-n` and back).
fn flipped(op: &Word, src: &str) -> Option<&'static str> {
    match op.literal(src).as_deref() {
        Some("-z") if op.parts.len() == 1 => Some("-n"),
        Some("-n") if op.parts.len() == 1 => Some("-z"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&NegatedEmptyTest)
            .pass([
                "FROM a\nRUN [ -n \"$v\" ] && echo set\n",
                "FROM a\nRUN [ ! -f /x ] && touch /x\n",
                "FROM a\nRUN [ ! -z \"$a\" -a -f /x ] && echo both\n",
                "FROM a\nRUN ! grep -q x /f\n",
                "FROM a\nRUN ! [ -f /x ] || echo there\n",
                "FROM a\nRUN echo ! -z x\n",
                "FROM a\nRUN [ '!' = \"$v\" ]\n",
            ])
            .fail([
                "FROM a\nRUN if [ ! -z \"$v\" ]; then echo set; fi\n",
                "FROM a\nRUN test ! -n \"$v\" && echo empty\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ ! -z $v ]] && echo set\n",
                "FROM a\nRUN if ! [ -z \"$v\" ]; then echo set; fi\n",
                "FROM a\nRUN set -e; \\\n    [ ! -z \"$HOME\" ] \\\n    && echo home\n",
                "FROM a\nRUN <<EOF\nif [ ! -z \"$v\" ]; then echo set; fi\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"[ ! -z \\\"$v\\\" ] && echo set\"]\n",
            ])
            .fix([
                (
                    "FROM a\nRUN if [ ! -z \"$v\" ]; then echo set; fi\n",
                    "FROM a\nRUN if [ -n \"$v\" ]; then echo set; fi\n",
                ),
                (
                    "FROM a\nRUN test ! -n \"$v\" && echo empty\n",
                    "FROM a\nRUN test -z \"$v\" && echo empty\n",
                ),
                (
                    "FROM a\nRUN if ! [ -z \"$v\" ]; then echo set; fi\n",
                    "FROM a\nRUN if [ -n \"$v\" ]; then echo set; fi\n",
                ),
                (
                    "FROM a\nRUN set -e; \\\n    [ ! -z \"$HOME\" ] \\\n    && echo home\n",
                    "FROM a\nRUN set -e; \\\n    [ -n \"$HOME\" ] \\\n    && echo home\n",
                ),
            ])
            .test();
    }
}
