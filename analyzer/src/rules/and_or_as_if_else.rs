use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOrOp, Command, Pipeline};

declare_rule! {
    /// ## What it does
    /// Flags `A && B || C` used as if-then-else: an `||` right after an
    /// `&&`, outside an `if` / `while` condition. Exempt: `B` a test (`[`,
    /// `[[`, `test`), and `C` an `echo`, `printf`, `exit`, `return`,
    /// `true`, `:` or a plain assignment (the usual "report and stop"
    /// idioms).
    ///
    /// ## Why is this bad?
    /// `C` runs when `A` fails, but also when `A` succeeds and `B` fails:
    /// `[ -f x ] && rm x || install x` installs after a failed `rm` too.
    /// `if A; then B; else C; fi` runs exactly one branch.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN command -v curl && curl -fsSLO https://example.com/x.tgz || wget https://example.com/x.tgz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if command -v curl; then curl -fsSLO https://example.com/x.tgz; else wget https://example.com/x.tgz; fi
    /// ```
    pub AndOrAsIfElse {
        code: "SC2015",
        name: "and-or-as-if-else",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for AndOrAsIfElse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for (index, run) in cx.model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            if !src.contains("||") {
                continue;
            }
            let flow = cx.script_flow(index);
            for p in &flow.pipelines {
                let and_or = p.and_or;
                let i = p.index;
                if i == 0
                    || p.op_before() != Some(AndOrOp::And)
                    || p.op_after() != Some(AndOrOp::Or)
                {
                    continue;
                }
                if p.and_or_flow.condition {
                    continue;
                }
                let Some(c) = and_or.pipelines.get(i + 1) else {
                    continue;
                };
                if is_test(p.pipeline, src) || is_handler(c, src) {
                    continue;
                }
                let op = and_or.operators[i - 1].span;
                cx.report(
                    run.file_range(op),
                    "`A && B || C` is not if-then-else: `C` also runs when `A` succeeds and `B` fails",
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

fn is_test(p: &Pipeline, src: &str) -> bool {
    match p.commands.as_slice() {
        [Command::Test(_)] => true,
        [c] => matches!(command_basename(c, src).as_deref(), Some("[" | "test")),
        _ => false,
    }
}

fn is_handler(p: &Pipeline, src: &str) -> bool {
    let Some(first) = p.commands.first() else {
        return false;
    };
    if let Command::Simple(s) = first
        && s.words.is_empty()
        && !s.assignments.is_empty()
    {
        return true;
    }
    matches!(
        command_basename(first, src).as_deref(),
        Some("echo" | "printf" | "exit" | "return" | "true" | ":")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AndOrAsIfElse)
            .pass([
                "FROM a\nRUN [ -f x ] && rm x || echo no\n",
                "FROM a\nRUN a && b || exit 1\n",
                "FROM a\nRUN a && b || true\n",
                "FROM a\nRUN a && b || x=1\n",
                "FROM a\nRUN if a && b || c; then :; fi\n",
                "FROM a\nRUN a && [ -d x ] || c\n",
                "FROM a\nRUN a && b || echo x && d\n",
                "FROM a\nRUN a || b\n",
            ])
            .fail([
                "FROM a\nRUN command -v curl && curl -O u || wget u\n",
                "FROM a\nRUN a || b && c || d\n",
                "FROM a\nRUN x=$(a && b || c)\n",
                "FROM a\nRUN a && b || { echo x; exit 1; }\n",
                "FROM a\nRUN a \\\n  && b \\\n  || c\n",
            ])
            .test();
    }
}
