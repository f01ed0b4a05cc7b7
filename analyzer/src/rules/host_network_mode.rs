use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `network_mode: host`.
    ///
    /// ## Why is this bad?
    /// In the host's network namespace the container sees every interface of
    /// the host, can bind any port, and reaches every service that listens on
    /// the host's loopback (databases, the Docker API on `tcp://localhost`…).
    /// Publish the ports the service needs instead.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    ///     network_mode: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    ///     ports:
    ///       - "127.0.0.1:8080:8080"
    /// ```
    pub HostNetworkMode {
        code: "DW5010",
        name: "host-network-mode",
        aliases: ["CIS-5.10", "cis", "071a71ff", "shared-host-network-namespace"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostNetworkMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "network_mode", "host", |who| {
            format!(
                "{who} sets `network_mode: host`: the container shares the host's network stack, its interfaces and every port bound to localhost"
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
        ComposeTester::new_for(&HostNetworkMode)
            .pass([
                "services:\n  a:\n    image: a:1\n    network_mode: \"service:db\"\n",
                "services:\n  a:\n    image: a:1\n    network_mode: ${NET}\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    network_mode: host\n",
                "services:\n  a:\n    image: a:1\n    network_mode: \"${NET:-host}\"\n",
            ])
            .test();
    }
}
