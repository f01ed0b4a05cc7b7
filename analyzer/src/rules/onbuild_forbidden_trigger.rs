use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

declare_rule! {
    /// ## What it does
    /// Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// Docker does not allow these triggers: the build of the image that
    /// runs them (`FROM` this image) fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ONBUILD COPY . /app/
    /// ```
    pub OnbuildForbiddenTrigger {
        code: "DL3043",
        name: "onbuild-forbidden-trigger",
        aliases: [],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for OnbuildForbiddenTrigger {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for inst in cx.model.instructions() {
            let Some(trigger) = inst.onbuild_trigger() else {
                continue;
            };
            let message = match trigger.keyword {
                Keyword::Onbuild => "ONBUILD cannot trigger another ONBUILD",
                Keyword::From => "ONBUILD cannot trigger FROM",
                Keyword::Maintainer => "ONBUILD cannot trigger MAINTAINER",
                _ => continue,
            };
            cx.report(trigger.keyword_range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&OnbuildForbiddenTrigger)
            .pass([
                "FROM a\nONBUILD RUN make\n",
                "FROM a\nONBUILD COPY . /src/\n",
                "FROM a\nONBUILD\n",
            ])
            .fail([
                "FROM a\nONBUILD ONBUILD RUN make\n",
                "FROM a\nONBUILD FROM b\n",
                "FROM a\nonbuild maintainer me\n",
            ])
            .test();
    }
}
