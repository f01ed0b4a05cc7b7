use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

use crate::families::overridden_instructions::report_overridden;

declare_rule! {
    /// ## What it does
    /// Flags every `CMD` of a stage but the last one, which is the only
    /// one that takes effect.
    ///
    /// ## Why is this bad?
    /// Docker keeps only the last `CMD` of a stage. The earlier ones never run,
    /// which is rarely what their author meant (two commands need a script or
    /// an entrypoint).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// CMD ["python", "manage.py", "migrate"]
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the overridden instruction with the comment lines
    /// directly above it. It is unsafe: the comments go too, and a reader may
    /// have meant the earlier instruction to be the one that runs. There is
    /// no fix when those comments hold a pragma that applies to the whole
    /// file.
    pub MultipleCmds {
        code: "DL4003",
        name: "multiple-cmds",
        aliases: ["MultipleInstructionsDisallowed", "DS-0016"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for MultipleCmds {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_overridden(cx, Keyword::Cmd);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MultipleCmds)
            .pass([
                "FROM a\nCMD a\nFROM a\nCMD b\n",
                "FROM a\nCMD a\nONBUILD CMD b\n",
                "FROM a\nRUN a\nENTRYPOINT b\nCMD c\n",
            ])
            .fail([
                "FROM a\nCMD a\nCMD b\n",
                "FROM a AS x\nCMD [\"a\"]\nRUN x\ncmd b\nCMD c\nFROM x\nCMD d\n",
            ])
            .fix([
                ("FROM a\n# first\nCMD a\n\nCMD b\n", "FROM a\n\nCMD b\n"),
                (
                    "FROM a\n# hadolint global ignore=DL3025\nCMD a\nCMD b\n",
                    "FROM a\n# hadolint global ignore=DL3025\nCMD a\nCMD b\n",
                ),
            ])
            .test();
    }
}
