use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::missing_setting;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service with neither `mem_limit` nor
    /// `deploy.resources.limits.memory`. Off by default.
    ///
    /// ## Why is this bad?
    /// Without a limit one container can take all of the host's memory, and
    /// the kernel's OOM killer then picks processes on the whole host, other
    /// containers and the daemon included.
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
    ///     deploy:
    ///       resources:
    ///         limits:
    ///           memory: 512M
    /// ```
    pub MemoryLimitMissing {
        code: "DW5031",
        name: "memory-limit-missing",
        aliases: ["CIS-5.11", "cis", "bb9ac4f7"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for MemoryLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        missing_setting(
            cx,
            |svc| svc.limit(&["mem_limit"], "memory"),
            |name| {
                format!(
                    "Service `{name}` has no memory limit (`mem_limit` or `deploy.resources.limits.memory`)"
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
        ComposeTester::new_for(&MemoryLimitMissing)
            .pass([
                "services:\n  a:\n    image: a:1\n    mem_limit: 256m\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          memory: ${MEM:-1g}\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          cpus: \"1\"\n",
            ])
            .test();
    }
}
