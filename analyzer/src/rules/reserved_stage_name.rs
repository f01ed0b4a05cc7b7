use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a stage named `scratch` or `context` (in any case).
    ///
    /// ## Why is this bad?
    /// BuildKit reserves both names: `scratch` always means the empty image
    /// and `context` the build context, so a stage with either name cannot
    /// be referred to by it, and builders warn or refuse.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratchpad
    /// ```
    pub ReservedStageName {
        code: "DL3063",
        name: "reserved-stage-name",
        aliases: ["ReservedStageName"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for ReservedStageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for stage in &model.stages {
            let Some(name) = &stage.name else {
                continue;
            };
            if matches!(name.lower.as_str(), "scratch" | "context") {
                cx.report(
                    name.range,
                    format!("Stage name `{}` is reserved", name.text),
                );
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
        Tester::new(&ReservedStageName)
            .pass([
                "FROM scratch\n",
                "FROM alpine:3.20 AS scratchpad\n",
                "FROM alpine:3.20 AS build-context\n",
            ])
            .fail([
                "FROM alpine:3.20 AS scratch\n",
                "FROM alpine:3.20 AS Context\n",
            ])
            .test();
    }
}
