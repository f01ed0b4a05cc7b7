use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::missing_setting;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service with no CPU limit or share: none of `cpus`,
    /// `cpu_shares`, `cpu_quota`, `cpu_count`, `cpu_percent`, `cpuset` or
    /// `deploy.resources.limits.cpus`. Off by default.
    ///
    /// ## Why is this bad?
    /// A container without a CPU limit can starve every other container and the
    /// host itself; a runaway loop or a cryptominer then takes the machine.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:1.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:1.0
    ///     cpus: 1.5
    /// ```
    pub CpuLimitMissing {
        code: "DW5032",
        name: "cpu-limit-missing",
        aliases: ["CIS-5.12", "cis", "6b610c50"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for CpuLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        missing_setting(
            cx,
            |svc| {
                svc.limit(
                    &[
                        "cpus",
                        "cpu_shares",
                        "cpu_quota",
                        "cpu_count",
                        "cpu_percent",
                        "cpuset",
                    ],
                    "cpus",
                )
            },
            |name| {
                format!(
                    "Service `{name}` has no CPU limit or shares (`cpus`, `cpu_shares`, `deploy.resources.limits.cpus`…)"
                )
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
        ComposeTester::new_for(&CpuLimitMissing)
            .pass([
                "services:\n  a:\n    image: a:1\n    cpu_shares: 512\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    mem_limit: 1g\n",
            ])
            .test();
    }
}
