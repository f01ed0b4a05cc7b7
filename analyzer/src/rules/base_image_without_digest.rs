use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::{describe, image_stages};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` image that is not pinned by digest
    /// (`image:tag@sha256:…`). Off by default. ARGs in the image are
    /// expanded with their defaults; an image whose name or tag is still a
    /// variable after expansion is not flagged, nor are `scratch` and earlier
    /// stages.
    ///
    /// ## Why is this bad?
    /// Tags are mutable: the publisher (or anyone who compromises the
    /// registry account) can point `node:20` at a different image at any
    /// time. Only a digest names exactly one image, which makes builds
    /// reproducible and protects against a swapped base image. Keep the tag
    /// next to the digest for readability; tools such as Renovate and
    /// Dependabot update both.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20@sha256:2ef1a3b1e1d22bf8e8c71f8d4c0e5c6d9e0e8b6a1f5f6e7d8c9b0a1b2c3d4e5f
    /// ```
    pub BaseImageWithoutDigest {
        code: "DW1007",
        name: "base-image-without-digest",
        aliases: [],
        severity: Info,
        category: Security,
        default: false,
        fix: None,
    }
}

impl Rule for BaseImageWithoutDigest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (stage, image) in image_stages(model) {
            // A variable in the name or tag may carry a digest.
            let symbolic_tail =
                image.path.symbolic || image.tag.as_ref().is_some_and(|t| t.symbolic);
            if image.digest.is_some() || symbolic_tail {
                continue;
            }
            cx.report(
                stage.base.range,
                format!(
                    "Base image {} is not pinned by digest",
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
        Tester::new(&BaseImageWithoutDigest)
            .pass([
                "FROM node:20@sha256:2ef1a3b1e1d22bf8e8c71f8d4c0e5c6d9e0e8b6a1f5f6e7d8c9b0a1b2c3d4e5f\n",
                "FROM scratch\n",
                "FROM node@sha256:2ef1a3b1e1d22bf8e8c71f8d4c0e5c6d9e0e8b6a1f5f6e7d8c9b0a1b2c3d4e5f AS build\nFROM build\n",
                "ARG BASE\nFROM $BASE\n",
                "ARG TAG\nFROM node:${TAG}\n",
                "ARG DIGEST\nFROM node:20@${DIGEST}\n",
            ])
            .fail([
                "FROM node:20\n",
                "FROM node\n",
                "ARG BASE=node:20\nFROM ${BASE} AS app\n",
            ])
            .test();
    }
}
