use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags blank lines inside an instruction continued with `\`. This is
    /// BuildKit's `NoEmptyContinuation` check; one finding per instruction.
    ///
    /// ## Why is this bad?
    /// The builder skips the blank line and keeps joining: the line after it
    /// still belongs to the instruction, which is rarely what a blank line
    /// suggests. Docker has announced that empty continuation lines will
    /// become an error.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///
    ///     curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///     curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blank lines. It is safe: the builder ignores them.
    pub EmptyContinuationLine {
        code: "DW2003",
        name: "empty-continuation-line",
        aliases: ["NoEmptyContinuation"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Always,
    }
}

impl Rule for EmptyContinuationLine {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        for (i, inst) in cx.model.instructions().iter().enumerate() {
            let Some(first) = inst.empty_continuation_lines.first() else {
                continue;
            };
            let whole_line = |line: &TextRange| {
                let end = src[line.end()..]
                    .find('\n')
                    .map_or(src.len(), |n| line.end() + n + 1);
                TextRange::new(line.start(), end)
            };
            let edits = inst
                .empty_continuation_lines
                .iter()
                .map(|l| Edit::delete(whole_line(l)))
                .collect();
            let n = inst.empty_continuation_lines.len();
            let message = if n == 1 {
                "Empty continuation line".to_owned()
            } else {
                format!("{n} empty continuation lines")
            };
            cx.report(whole_line(first), message)
                .with_instruction(i)
                .with_fix(Fix::safe("Delete the empty lines", edits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EmptyContinuationLine)
            .pass([
                "FROM alpine\nRUN a \\\n  b\n\nRUN c\n",
                "FROM alpine\nRUN a \\\n# comment\n  b\n",
            ])
            .fail([
                "FROM alpine\nRUN a \\\n\n  b\n",
                "FROM alpine\nRUN a \\\n   \n  b \\\n\n\n  c\n",
                "FROM alpine\r\nRUN a \\\r\n\r\n  b\r\n",
            ])
            .fix([
                (
                    "FROM alpine\nRUN a \\\n   \n  b \\\n\n\n  c\n",
                    "FROM alpine\nRUN a \\\n  b \\\n  c\n",
                ),
                (
                    "FROM alpine\r\nRUN a \\\r\n\r\n  b\r\n",
                    "FROM alpine\r\nRUN a \\\r\n  b\r\n",
                ),
            ])
            .test();
    }
}
