use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::pulled_image;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service whose `image` is not pinned by a digest (`@sha256:…`).
    /// Images with an unknown part are not flagged; nor is a service that also
    /// has `build`. Off by default.
    ///
    /// ## Why is this bad?
    /// A tag can be moved to another image at any time (a re-push, a
    /// compromised registry account); only a digest names exactly one image.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4@sha256:0000000000000000000000000000000000000000000000000000000000000000
    /// ```
    pub ServiceImageWithoutDigest {
        code: "DW5052",
        name: "service-image-without-digest",
        aliases: [],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for ServiceImageWithoutDigest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        pulled_image(
            cx,
            |s, image| s.known && !image.is_pinned_by_digest() && !image.is_symbolic(),
            |who, image| format!("{who} runs the image {image} without a digest"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ServiceImageWithoutDigest)
            .pass([
                "services:\n  a:\n    image: postgres:16.4@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
                "services:\n  a:\n    image: postgres:${TAG}\n",
            ])
            .fail([
                "services:\n  a:\n    image: postgres:16.4\n",
            ])
            .test();
    }
}
