use std::collections::HashMap;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a stage name (`FROM … AS <name>`) already used by an earlier
    /// stage. Names are compared case-insensitively, as BuildKit does. Each
    /// later duplicate is reported and points at the first use.
    ///
    /// ## Why is this bad?
    /// `FROM <name>`, `COPY --from=<name>` and `--target <name>` can only
    /// mean one stage, so every reference picks one of them, not necessarily
    /// the one the author meant, and the other cannot be named at all.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20 AS build
    /// FROM golang:1.22 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20 AS build-web
    /// FROM golang:1.22 AS build-api
    /// ```
    pub DuplicateStageName {
        code: "DL3024",
        name: "duplicate-stage-name",
        aliases: ["DuplicateStageName", "DS-0012", "CKV_DOCKER_11"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for DuplicateStageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut first: HashMap<&str, &crate::model::StageName> = HashMap::new();
        for stage in &model.stages {
            let Some(name) = &stage.name else {
                continue;
            };
            match first.get(name.lower.as_str()) {
                Some(earlier) => {
                    cx.report(
                        name.range,
                        format!(
                            "Stage name `{}` is already used by an earlier stage",
                            name.text
                        ),
                    )
                    .with_related(earlier.range, "first used here");
                }
                None => {
                    first.insert(name.lower.as_str(), name);
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
        Tester::new(&DuplicateStageName)
            .pass([
                "FROM node:20 AS web\nFROM golang:1.22 AS api\n",
                "FROM node:20\nFROM node:20\n",
            ])
            .fail([
                "FROM node:20 AS build\nFROM golang:1.22 AS build\n",
                "FROM node:20 AS build\nFROM golang:1.22 AS Build\nFROM alpine:3.20 AS BUILD\n",
            ])
            .test();
    }
}
