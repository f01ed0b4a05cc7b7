use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `cgroup: host`.
    ///
    /// ## Why is this bad?
    /// In the host's cgroup namespace the container sees the cgroup tree of
    /// every process on the host (and with write access to `/sys/fs/cgroup`
    /// could change their limits). The default, `private`, shows it only its own.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:5.0
    ///     cgroup: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:5.0
    ///     cgroup: private
    /// ```
    pub HostCgroupNamespace {
        code: "DW5015",
        name: "host-cgroup-namespace",
        aliases: [],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostCgroupNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "cgroup", "host", |who| {
            format!(
                "{who} sets `cgroup: host`: the container sees the host's whole cgroup hierarchy"
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
        ComposeTester::new_for(&HostCgroupNamespace)
            .pass(["services:\n  a:\n    image: a:1\n    cgroup: private\n"])
            .fail(["services:\n  a:\n    image: a:1\n    cgroup: host\n"])
            .test();
    }
}
