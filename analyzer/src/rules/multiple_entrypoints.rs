use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

use crate::families::overridden_instructions::report_overridden;

declare_rule! {
    /// ## What it does
    /// Flags every `ENTRYPOINT` of a stage but the last one, which is the only
    /// one that takes effect.
    ///
    /// ## Why is this bad?
    /// Docker keeps only the last `ENTRYPOINT` of a stage. The earlier ones are
    /// dead code that readers may take for the program that starts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/bin/sh"]
    /// ENTRYPOINT ["/docker-entrypoint.sh"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/docker-entrypoint.sh"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the overridden instruction with the comment lines
    /// directly above it. It is unsafe: the comments go too, and a reader may
    /// have meant the earlier instruction to be the one that runs. There is
    /// no fix when those comments hold a pragma that applies to the whole
    /// file.
    pub MultipleEntrypoints {
        code: "DL4004",
        name: "multiple-entrypoints",
        aliases: ["MultipleInstructionsDisallowed", "DS-0007"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for MultipleEntrypoints {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_overridden(cx, Keyword::Entrypoint);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MultipleEntrypoints)
            .pass([
                "FROM a\nENTRYPOINT a\nFROM a\nENTRYPOINT b\n",
                "FROM a\nENTRYPOINT a\nCMD b\n",
            ])
            .fail([
                "FROM a\nENTRYPOINT a\nENTRYPOINT b\n",
                "FROM a\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\nENTRYPOINT [\"c\"]\n",
            ])
            .fix([(
                "FROM a\nENTRYPOINT a\nENTRYPOINT b\n",
                "FROM a\nENTRYPOINT b\n",
            )])
            .test();
    }
}
