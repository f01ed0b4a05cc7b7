use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `network_mode: bridge`: the service joins Docker's default bridge
    /// network instead of the project's own network.
    ///
    /// ## Why is this bad?
    /// On the default bridge every container of the host can reach every other
    /// (inter-container communication is on by default), with no name
    /// resolution between them. Compose gives each project its own network for
    /// this reason.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     network_mode: bridge
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    /// ```
    pub DefaultBridgeNetwork {
        code: "DW5084",
        name: "default-bridge-network",
        aliases: ["CIS-5.30", "cis"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for DefaultBridgeNetwork {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "network_mode", "bridge", |who| {
            format!(
                "{who} joins Docker's default bridge network, shared with every container of the host"
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&DefaultBridgeNetwork)
            .pass([
                "services:\n  a:\n    image: a:1\n    networks: [backend]\nnetworks:\n  backend: {}\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    network_mode: bridge\n",
            ])
            .test();
    }
}
