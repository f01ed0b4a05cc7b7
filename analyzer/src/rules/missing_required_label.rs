use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::model::{RefTarget, StageRefKind};
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::example_schema;

declare_rule! {
    /// ## What it does
    /// Flags a stage that lacks a label the label schema requires: neither
    /// the stage nor a stage of the file it is built on (`FROM <stage>`) sets
    /// it. Stages that only feed other stages (`COPY --from`, `RUN --mount
    /// from=`, or `FROM` of a later stage) are not images anyone runs and
    /// are skipped. The finding sits on the stage's `FROM`.
    ///
    /// ## Why is this bad?
    /// The schema lists the labels every image must carry (source, version,
    /// licence…); an image without them cannot be traced back or audited.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.title="app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.title="app" \
    ///       org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: the required labels and their types. Without a
    ///   schema the rule does nothing. (The examples require
    ///   `org.opencontainers.image.source`.)
    pub MissingRequiredLabel {
        code: "DL3049",
        name: "missing-required-label",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for MissingRequiredLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = cx.labels();
        let mut feeds_another = vec![false; model.stages.len()];
        for r in &model.stage_refs {
            if let RefTarget::Stage(t) = r.target
                && matches!(
                    r.kind,
                    StageRefKind::CopyFrom | StageRefKind::MountFrom | StageRefKind::FromBase
                )
                && t != r.stage
            {
                feeds_another[t] = true;
            }
        }
        let required: Vec<&String> = cx.options.label_schema.keys().collect();
        // Per stage and required label: set in the stage or a stage it is
        // built on (parents come first in the file).
        let mut set = vec![vec![false; required.len()]; model.stages.len()];
        for label in labels {
            if let (Some(s), Some(k)) =
                (label.stage, required.iter().position(|k| **k == label.key))
            {
                set[s][k] = true;
            }
        }
        for s in 0..model.stages.len() {
            if let Some(p) = model.stages[s].parent.filter(|&p| p < s) {
                let (done, rest) = set.split_at_mut(s);
                for (mine, parent) in rest[0].iter_mut().zip(&done[p]) {
                    *mine |= *parent;
                }
            }
        }
        for stage in &model.stages {
            if feeds_another[stage.index] {
                continue;
            }
            let from = &model.file.instructions[stage.from];
            let range = if stage.base.range.is_empty() {
                from.keyword_range
            } else {
                stage.base.range
            };
            for (k, key) in required.iter().enumerate() {
                if !set[stage.index][k] {
                    cx.report(range, format!("Label `{key}` is missing"))
                        .with_instruction(stage.from);
                }
            }
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(options, "org.opencontainers.image.source", LabelType::Url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    const KEY: &str = "org.opencontainers.image.source";

    #[test]
    fn vectors() {
        Tester::new(&MissingRequiredLabel)
            .options(|o| {
                o.label_schema.insert(KEY.to_owned(), LabelType::Url);
                o.label_schema.insert("maintainer".to_owned(), LabelType::Email);
            })
            .pass([
                "FROM a\nLABEL org.opencontainers.image.source=x maintainer=y\n",
                "FROM a AS base\nLABEL org.opencontainers.image.source=x\nFROM base\nLABEL maintainer=y\n",
                "FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /x /x\nLABEL \"org.opencontainers.image.source\"=x maintainer=y\n",
            ])
            .fail([
                "FROM a\nRUN x\n",
                "FROM a\nLABEL maintainer=y\n",
                "FROM a AS one\nLABEL org.opencontainers.image.source=x maintainer=y\nFROM b\nLABEL maintainer=y\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(&MissingRequiredLabel, ["FROM a\n"]);
    }
}
