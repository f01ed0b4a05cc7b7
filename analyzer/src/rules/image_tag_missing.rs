use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::{describe, image_stages};
use crate::facts::image_pins::is_untagged;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` image without a tag or digest, such as `FROM ubuntu`.
    /// ARGs in the image are expanded with their defaults (`FROM ${BASE}`
    /// with `ARG BASE=ubuntu` is flagged); an image whose name is still a
    /// variable after expansion is not. `scratch` and earlier stages are
    /// never flagged.
    ///
    /// ## Why is this bad?
    /// Without a tag Docker pulls `latest`, which moves: the same Dockerfile
    /// builds on a different base image from one day to the next, and a
    /// rebuild can break or change behaviour for reasons that are not in the
    /// repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    pub ImageTagMissing {
        code: "DL3006",
        name: "image-tag-missing",
        aliases: ["DS-0001", "CKV_DOCKER_7"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for ImageTagMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (stage, image) in image_stages(model) {
            // A variable in the repository name may carry the tag itself.
            if !is_untagged(image) {
                continue;
            }
            cx.report(
                stage.base.range,
                format!(
                    "Base image {} has no tag, so it pulls `latest`",
                    describe(&stage.base)
                ),
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
        Tester::new(&ImageTagMissing)
            .pass([
                "FROM ubuntu:24.04\n",
                "FROM ubuntu@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
                "FROM scratch\n",
                "FROM ubuntu:24.04 AS build\nFROM build\n",
                "FROM ubuntu:24.04 AS Build\nFROM build\n",
                // Unresolved: the variable may hold a tag.
                "ARG BASE\nFROM ${BASE}\n",
                "FROM ${BASE}\n",
                "ARG IMAGE\nFROM myorg/${IMAGE}\n",
                // Resolved through the ARG default.
                "ARG BASE=ubuntu:24.04\nFROM ${BASE}\n",
                "ARG TAG=24.04\nFROM ubuntu:${TAG}\n",
                "ARG TAG\nFROM ubuntu:${TAG}\n",
                "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
            ])
            .fail([
                "FROM ubuntu\n",
                "FROM ubuntu AS build\nRUN make\n",
                "FROM registry.example.com:5000/team/app\n",
                "ARG BASE=ubuntu\nFROM ${BASE}\n",
                // The registry is a variable, but no tag can come from it.
                "ARG REGISTRY\nFROM ${REGISTRY}/team/app\n",
                // A stage defined later is not a stage yet: this is an image.
                "FROM build\nFROM alpine:3.20 AS build\n",
            ])
            .test();
    }
}
