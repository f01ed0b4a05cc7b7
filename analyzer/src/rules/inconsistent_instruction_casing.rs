use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags instruction keywords whose casing differs from the file's
    /// majority (all uppercase or all lowercase), and mixed-case keywords
    /// such as `Run`. This is BuildKit's `ConsistentInstructionCasing` check.
    ///
    /// Like BuildKit, it counts the keywords of the build stages (`FROM` and
    /// what follows); the global `ARG`s before the first `FROM` are neither
    /// counted nor checked. On a tie, uppercase wins.
    ///
    /// ## Why is this bad?
    /// Mixed casing makes a file harder to scan; BuildKit warns about it on
    /// every build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// run apk add --no-cache curl
    /// COPY app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// COPY app /app
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the keyword in the majority casing. It is safe:
    /// keywords are case-insensitive.
    pub InconsistentInstructionCasing {
        code: "DW2004",
        name: "inconsistent-instruction-casing",
        aliases: ["ConsistentInstructionCasing"],
        severity: Style,
        category: Style,
        default: true,
        fix: Always,
    }
}

impl Rule for InconsistentInstructionCasing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        let checked: Vec<usize> = (0..model.instructions().len())
            .filter(|&i| {
                model.instruction_stage.get(i).copied().flatten().is_some()
                    && model.instructions()[i].keyword != Keyword::Unknown
            })
            .collect();
        let (mut lower, mut upper) = (0usize, 0usize);
        for &i in &checked {
            let kw = model.instructions()[i].keyword_text(src);
            if kw == kw.to_ascii_lowercase() {
                lower += 1;
            } else if kw == kw.to_ascii_uppercase() {
                upper += 1;
            }
        }
        let majority_lower = lower > upper;
        for i in checked {
            let inst = &model.instructions()[i];
            let kw = inst.keyword_text(src);
            let (wanted, casing) = if majority_lower {
                (kw.to_ascii_lowercase(), "lowercase")
            } else {
                (kw.to_ascii_uppercase(), "uppercase")
            };
            if kw == wanted {
                continue;
            }
            cx.report(
                inst.keyword_range,
                format!("Instruction `{kw}` should match the majority casing ({casing})"),
            )
            .with_instruction(i)
            .with_fix(Fix::safe(
                format!("Write `{wanted}`"),
                vec![Edit::replace(inst.keyword_range, wanted.clone())],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&InconsistentInstructionCasing)
            .pass([
                "FROM alpine\nRUN a\nCOPY a b\n",
                "from alpine\nrun a\ncopy a b\n",
                "arg X\nFROM alpine\nRUN a\n",
                "FROM alpine\nRUNN a\n",
            ])
            .fail([
                "FROM alpine\nrun a\nCOPY a b\n",
                "from alpine\nRUN a\ncopy a b\n",
                "FROM alpine\nRun a\n",
                "FROM alpine\nrun a\n",
                "FROM alpine\nONBUILD run a\nonbuild RUN b\n",
            ])
            .fix([
                (
                    "from alpine\nRUN a\nCopy a b\nrun c\n",
                    "from alpine\nrun a\ncopy a b\nrun c\n",
                ),
                ("FROM alpine\nrun a\n", "FROM alpine\nRUN a\n"),
            ])
            .test();
    }
}
