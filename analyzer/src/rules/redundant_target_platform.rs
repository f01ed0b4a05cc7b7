use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix, Tag, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`,
    /// quoted or not).
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform anyway: the flag repeats the
    /// default and suggests to readers that something special happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the flag. It is safe: the stage is built for the
    /// target platform with or without it.
    pub RedundantTargetPlatform {
        code: "DL3065",
        name: "redundant-target-platform",
        aliases: ["RedundantTargetPlatform"],
        severity: Warning,
        category: Style,
        default: true,
        fix: Always,
    }
}

impl Rule for RedundantTargetPlatform {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for stage in &model.stages {
            let from = &model.instructions()[stage.from];
            let Some(flag) = from.flag("platform") else {
                continue;
            };
            let value = flag.value().unwrap_or("");
            if value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}" {
                continue;
            }
            // The flag and the blanks after it, on the same line.
            let rest = &src[flag.range.end()..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let removal = TextRange::new(flag.range.start(), flag.range.end() + blanks);
            cx.report(
                flag.range,
                "`--platform=$TARGETPLATFORM` is the default and can be removed",
            )
            .with_tag(Tag::Unnecessary)
            .with_fix(Fix::safe(
                "Remove `--platform=$TARGETPLATFORM`",
                vec![Edit::delete(removal)],
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
        Tester::new(&RedundantTargetPlatform)
            .pass([
                "FROM alpine:3.20\n",
                "FROM --platform=$BUILDPLATFORM alpine:3.20\n",
                "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n",
            ])
            .fail([
                "FROM --platform=$TARGETPLATFORM alpine:3.20\n",
                "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS app\n",
                "FROM --platform=\"$TARGETPLATFORM\" alpine:3.20\n",
            ])
            .fix([
                (
                    "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN true\n",
                    "FROM alpine:3.20\nRUN true\n",
                ),
                (
                    "FROM --platform=${TARGETPLATFORM} \\\n  alpine:3.20 AS app\n",
                    "FROM \\\n  alpine:3.20 AS app\n",
                ),
            ])
            .test();
    }
}
