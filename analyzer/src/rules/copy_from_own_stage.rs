use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{RefTarget, StageRefKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=<name>` and `RUN --mount=…,from=<name>` that refer
    /// to the stage they are in, by name or by index.
    ///
    /// ## Why is this bad?
    /// A stage cannot read from itself: BuildKit stops with a circular
    /// dependency error. To copy files within a stage, use `COPY` from the
    /// build context or `RUN cp`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS app
    /// COPY --from=app /etc/hosts /tmp/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS app
    /// RUN cp /etc/hosts /tmp/hosts
    /// ```
    pub CopyFromOwnStage {
        code: "DL3023",
        name: "copy-from-own-stage",
        aliases: ["DS-0006"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for CopyFromOwnStage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for r in &model.stage_refs {
            if r.target != RefTarget::SelfStage {
                continue;
            }
            let message = match r.kind {
                StageRefKind::CopyFrom => {
                    format!("`COPY --from={}` refers to its own stage", r.name)
                }
                StageRefKind::MountFrom => {
                    format!(
                        "`RUN --mount` with `from={}` refers to its own stage",
                        r.name
                    )
                }
                StageRefKind::FromBase => continue,
            };
            cx.report(r.range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopyFromOwnStage)
            .pass([
                "FROM alpine:3.20 AS base\nFROM alpine:3.20 AS app\nCOPY --from=base /a /b\n",
                "FROM alpine:3.20\nCOPY --from=nginx:1.27 /a /b\n",
                "FROM alpine:3.20 AS app\nRUN --mount=type=bind,from=base,target=/x true\n",
            ])
            .fail([
                "FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n",
                "FROM alpine:3.20 AS App\nCOPY --from=app /a /b\n",
                "FROM alpine:3.20\nCOPY --from=0 /a /b\n",
                "FROM alpine:3.20 AS base\nFROM alpine:3.20\nCOPY --from=1 /a /b\n",
                "FROM alpine:3.20 AS app\nRUN --mount=type=bind,from=app,target=/x true\n",
            ])
            .test();
    }
}
