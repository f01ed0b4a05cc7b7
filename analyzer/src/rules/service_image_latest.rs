use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::facts::image_pins::uses_latest;
use crate::families::compose_services::pulled_image;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service whose `image` is tagged `latest` (without a digest),
    /// after interpolation: `${TAG:-latest}` is `latest`; `${TAG}` with no
    /// default is unknown and not flagged. A service that also has `build`
    /// names the image it builds, and is not flagged.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last: the same Compose file runs
    /// different software from one `docker compose pull` to the next, and an
    /// upstream release can break the stack without any change in the
    /// repository.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:latest
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    /// ```
    pub ServiceImageLatest {
        code: "DW5050",
        name: "service-image-latest",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for ServiceImageLatest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        pulled_image(
            cx,
            |_, image| uses_latest(image),
            |who, image| {
                format!("{who} runs the image {image} tagged `latest`, which changes under it")
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ServiceImageLatest)
            .pass([
                "services:\n  a:\n    image: postgres:16.4\n",
                "services:\n  a:\n    image: postgres:${TAG}\n",
                "services:\n  a:\n    image: postgres:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
                "services:\n  a:\n    image: app:latest\n    build: .\n",
                "services:\n  a:\n    image: postgres\n",
            ])
            .fail([
                "services:\n  a:\n    image: postgres:latest\n",
                "services:\n  a:\n    image: \"postgres:${TAG:-latest}\"\n",
                "services:\n  a:\n    image: ${REGISTRY}/app:latest\n",
            ])
            .test();
    }
}
