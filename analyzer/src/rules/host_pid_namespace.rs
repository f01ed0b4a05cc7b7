use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `pid: host`.
    ///
    /// ## Why is this bad?
    /// In the host's PID namespace the container lists every process of the
    /// host, reads their command lines and environment (secrets included), and
    /// with enough privileges traces or kills them.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: registry.example.com/monitor:1.0
    ///     pid: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   monitor:
    ///     image: registry.example.com/monitor:1.0
    /// ```
    pub HostPidNamespace {
        code: "DW5011",
        name: "host-pid-namespace",
        aliases: ["CIS-5.16", "cis", "4f31dd9f", "host-namespace-is-shared"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostPidNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "pid", "host", |who| {
            format!(
                "{who} sets `pid: host`: the container sees and can signal every process of the host"
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
        ComposeTester::new_for(&HostPidNamespace)
            .pass(["services:\n  a:\n    image: a:1\n    pid: \"service:b\"\n"])
            .fail(["services:\n  a:\n    image: a:1\n    pid: host\n"])
            .test();
    }
}
