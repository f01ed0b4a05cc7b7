use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::{Edit, Fix, Tag};

declare_rule! {
    /// ## What it does
    /// Flags the `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` has been deprecated since Docker 1.13. The author belongs
    /// in a label, where tools look for it (`org.opencontainers.image.authors`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the instruction with the label. It is unsafe: the
    /// image's `Author` field is no longer set, which tools reading it notice.
    pub DeprecatedMaintainer {
        code: "DL4000",
        name: "deprecated-maintainer",
        aliases: ["MaintainerDeprecated", "DS-0022", "CKV_DOCKER_6"],
        severity: Error,
        category: BestPractice,
        default: true,
        fix: Always,
    }
}

impl Rule for DeprecatedMaintainer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        for (i, inst) in cx.model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Maintainer {
                continue;
            }
            let author = match &inst.args {
                Args::Text(span) => span.text(inst, src).trim().to_owned(),
                _ => String::new(),
            };
            let quoted = author.replace('\\', "\\\\").replace('"', "\\\"");
            let label = format!("LABEL org.opencontainers.image.authors=\"{quoted}\"");
            cx.report(inst.keyword_range, "MAINTAINER is deprecated")
                .with_instruction(i)
                .with_tag(Tag::Deprecated)
                .with_fix(Fix::unsafe_(
                    "Replace with an `org.opencontainers.image.authors` label",
                    vec![Edit::replace(inst.header_range, label)],
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
        Tester::new(&DeprecatedMaintainer)
            .pass([
                "FROM alpine\nLABEL maintainer=me\n",
                "FROM alpine\n# MAINTAINER me\n",
            ])
            .fail([
                "FROM alpine\nMAINTAINER me <me@example.com>\n",
                "FROM alpine\nmaintainer \"quoted\" \\\n  name\n",
            ])
            .fix([(
                "FROM alpine\nMAINTAINER Jane \"JD\" Doe\nRUN x\n",
                "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" Doe\"\nRUN x\n",
            )])
            .test();
    }
}
