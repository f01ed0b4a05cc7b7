use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a test of whether `grep`'s output is empty: `[ -z "$(… | grep
    /// x)" ]`, `[ -n "$(grep x f)" ]`, `[ "$(… | grep x)" ]`, also in `[[
    /// ]]` and `test`, when `grep` is the last command of the substitution.
    ///
    /// ## Why is this bad?
    /// `grep -q` answers the question with its exit status: it stops at
    /// the first match instead of collecting every matching line, and
    /// needs no substitution or string test.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -z "$(dpkg -l | grep libssl)" ]; then apt-get install -y libssl3; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if ! dpkg -l | grep -q libssl; then apt-get install -y libssl3; fi
    /// ```
    pub GrepOutputTested {
        code: "SC2143",
        name: "grep-output-tested",
        aliases: [],
        severity: Style,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for GrepOutputTested {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                let Some(words) = c.command.test_operands(src) else {
                    continue;
                };
                let span = c.command.span();
                let operand = match words {
                    [op, w] if matches!(op.literal(src).as_deref(), Some("-z" | "-n")) => w,
                    [w] => w,
                    _ => continue,
                };
                if !greps(operand, src) {
                    continue;
                }
                cx.report(
                    run.file_range(span),
                    "Testing whether `grep` printed something instead of using `grep -q`",
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

/// The word is only a substitution whose last command is `grep`.
fn greps(w: &Word, src: &str) -> bool {
    let parts: &[WordPart] = match w.parts.as_slice() {
        [WordPart::DoubleQuoted(d)] => &d.parts,
        other => other,
    };
    let [WordPart::CommandSubst(sub)] = parts else {
        return false;
    };
    let Some(last) = sub
        .body
        .items
        .last()
        .and_then(|a| a.pipelines.last())
        .and_then(|p| p.commands.last())
    else {
        return false;
    };
    matches!(
        command_basename(last, src).as_deref(),
        Some("grep" | "egrep" | "fgrep")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&GrepOutputTested)
            .pass([
                "FROM a\nRUN if ! dpkg -l | grep -q x; then y; fi\n",
                "FROM a\nRUN [ -z \"$(grep b f | head -1)\" ]\n",
                "FROM a\nRUN [ \"$(a | grep b)\" = \"\" ]\n",
            ])
            .fail([
                "FROM a\nRUN if [ -z \"$(dpkg -l | grep libssl)\" ]; then y; fi\n",
                "FROM a\nRUN [ -n \"$(grep b f)\" ] && echo found\n",
                "FROM a\nRUN if [ \"$(a | grep b)\" ]; then exit 1; fi\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -z $(a | grep -c b) ]] && exit 1\n",
            ])
            .test();
    }
}
