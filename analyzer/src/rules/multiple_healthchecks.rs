use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

use crate::families::overridden_instructions::report_overridden;

declare_rule! {
    /// ## What it does
    /// Flags every `HEALTHCHECK` of a stage but the last one, which is the only
    /// one that takes effect.
    ///
    /// ## Why is this bad?
    /// Docker keeps only the last `HEALTHCHECK` of a stage. The earlier ones are
    /// dead code that readers may take for the check that runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    /// HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the overridden instruction with the comment lines
    /// directly above it. It is unsafe: the comments go too, and a reader may
    /// have meant the earlier instruction to be the one that runs. There is
    /// no fix when those comments hold a pragma that applies to the whole
    /// file.
    pub MultipleHealthchecks {
        code: "DL3012",
        name: "multiple-healthchecks",
        aliases: ["MultipleInstructionsDisallowed", "DS-0023"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for MultipleHealthchecks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_overridden(cx, Keyword::Healthcheck);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MultipleHealthchecks)
            .pass([
                "FROM a\nHEALTHCHECK CMD a\nFROM b\nHEALTHCHECK CMD b\n",
                "FROM a\nHEALTHCHECK NONE\n",
                "FROM a\nONBUILD HEALTHCHECK CMD a\nHEALTHCHECK CMD b\n",
            ])
            .fail([
                "FROM a\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n",
                "FROM a\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD [\"b\"]\n",
            ])
            .fix([
                ("FROM a\nHEALTHCHECK CMD a\n# the real one\nHEALTHCHECK CMD b\n", "FROM a\n# the real one\nHEALTHCHECK CMD b\n"),
            ])
            .test();
    }
}
