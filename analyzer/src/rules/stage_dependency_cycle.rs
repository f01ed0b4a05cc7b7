use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{RefTarget, StageRef};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags stages that depend on each other in a cycle through
    /// `COPY --from` and `RUN --mount=…,from=` (stage 1 copies from stage 2,
    /// which copies from stage 1). Reported once per cycle, at the reference
    /// that closes it; the other references are related locations. A stage
    /// that refers to itself is `copy-from-own-stage` (DL3023).
    ///
    /// ## Why is this bad?
    /// No stage of the cycle can be built before the others: BuildKit stops
    /// with a "circular dependency" error.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS a
    /// COPY --from=b /b /b
    /// FROM alpine:3.20 AS b
    /// COPY --from=a /a /a
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS a
    /// RUN echo a > /a
    /// FROM alpine:3.20 AS b
    /// COPY --from=a /a /a
    /// ```
    pub StageDependencyCycle {
        code: "DW2015",
        name: "stage-dependency-cycle",
        aliases: [],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for StageDependencyCycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let edge = |from: usize, to: usize| -> Option<&StageRef> {
            model
                .stage_refs
                .iter()
                .find(|r| r.stage == from && r.target == RefTarget::Stage(to))
        };
        for cycle in &model.cycles {
            let (Some(&first), Some(&last)) = (cycle.first(), cycle.last()) else {
                continue;
            };
            // The DFS that found the cycle closed it with last -> first.
            let Some(closing) = edge(last, first) else {
                continue;
            };
            let mut names: Vec<String> = cycle
                .iter()
                .map(|&s| format!("`{}`", model.stages[s].label()))
                .collect();
            names.push(names[0].clone());
            let diagnostic = cx.report(
                closing.range,
                format!(
                    "Stages depend on each other in a cycle: {}",
                    names.join(" → ")
                ),
            );
            for pair in cycle.windows(2) {
                if let Some(r) = edge(pair[0], pair[1]) {
                    diagnostic.with_related(
                        r.range,
                        format!(
                            "stage `{}` depends on `{}` here",
                            model.stages[pair[0]].label(),
                            model.stages[pair[1]].label()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&StageDependencyCycle)
            .pass([
                "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=a /a /a\n",
                "FROM alpine:3.20 AS a\nCOPY --from=a /a /a\n",
                "FROM alpine:3.20 AS a\nCOPY --from=b /b /b\nFROM alpine:3.20 AS b\n",
            ])
            .fail([
                "FROM alpine:3.20 AS a\nCOPY --from=b /b /b\nFROM alpine:3.20 AS b\nCOPY --from=a /a /a\n",
                "FROM alpine:3.20 AS a\nRUN --mount=from=c,target=/c true\nFROM alpine:3.20 AS b\nCOPY --from=a /a /a\nFROM b AS c\n",
            ])
            .test();
    }
}
