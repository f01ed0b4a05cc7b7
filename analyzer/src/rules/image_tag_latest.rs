use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::{describe, image_stages};
use crate::facts::image_pins::uses_latest;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` image tagged `latest`, such as `FROM ubuntu:latest`,
    /// unless a digest pins it as well. ARGs in the image are expanded with
    /// their defaults; a tag that is still a variable after expansion is not
    /// flagged. `scratch` and earlier stages are never flagged.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last: the same Dockerfile builds on a
    /// different base image from one day to the next, so builds are not
    /// reproducible and an upstream release can break them without any
    /// change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    pub ImageTagLatest {
        code: "DL3007",
        name: "image-tag-latest",
        aliases: ["DS-0001", "CKV_DOCKER_7"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for ImageTagLatest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (stage, image) in image_stages(model) {
            if !uses_latest(image) {
                continue;
            }
            cx.report(
                stage.base.range,
                format!("Base image {} uses the `latest` tag", describe(&stage.base)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ImageTagLatest)
            .pass([
                "FROM ubuntu:24.04\n",
                "FROM ubuntu\n",
                "FROM ubuntu:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
                "FROM scratch\n",
                "FROM ubuntu:24.04 AS latest\nFROM latest\n",
                "ARG TAG\nFROM ubuntu:${TAG}\n",
                "ARG BASE\nFROM ${BASE}\n",
                "FROM ubuntu:Latest\n",
                "FROM ubuntu:latest-slim\n",
            ])
            .fail([
                "FROM ubuntu:latest\n",
                "FROM ghcr.io/org/app:latest AS app\n",
                "ARG TAG=latest\nFROM ubuntu:${TAG}\n",
                "ARG BASE=ubuntu:latest\nFROM $BASE\n",
                "ARG REGISTRY\nFROM ${REGISTRY}/app:latest\n",
            ])
            .test();
    }
}
