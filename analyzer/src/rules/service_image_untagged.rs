use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::facts::image_pins::is_untagged;
use crate::families::compose_services::pulled_image;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service whose `image` has neither a tag nor a digest, after
    /// interpolation. A registry port is not a tag (`registry.example.com:5000/app`
    /// is untagged); an image whose name is unknown (`${IMAGE}`) may carry its
    /// own tag and is not flagged. A service that also has `build` names the
    /// image it builds, and is not flagged.
    ///
    /// ## Why is this bad?
    /// Without a tag Docker pulls `latest`, which moves: the stack runs
    /// different software from one pull to the next.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis:7.4
    /// ```
    pub ServiceImageUntagged {
        code: "DW5051",
        name: "service-image-untagged",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for ServiceImageUntagged {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        pulled_image(
            cx,
            |_, image| is_untagged(image),
            |who, image| {
                format!("{who} runs the image {image} without a tag, so it pulls `latest`")
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
        ComposeTester::new_for(&ServiceImageUntagged)
            .pass([
                "services:\n  a:\n    image: redis:7.4\n",
                "services:\n  a:\n    image: ${IMAGE}\n",
                "services:\n  a:\n    image: redis@sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
                "services:\n  a:\n    image: myapp\n    build: .\n",
                "services:\n  a:\n    image: \"redis:${TAG:-7}\"\n",
            ])
            .fail([
                "services:\n  a:\n    image: redis\n",
                "services:\n  a:\n    image: registry.example.com:5000/team/app\n",
                "services:\n  a:\n    image: ${REGISTRY:-docker.io}/library/redis\n",
            ])
            .test();
    }
}
