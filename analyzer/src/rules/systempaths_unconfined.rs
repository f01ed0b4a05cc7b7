use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::security_opt_unconfined;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `security_opt: systempaths=unconfined`.
    ///
    /// ## Why is this bad?
    /// Docker masks sensitive kernel files (`/proc/kcore`, `/proc/keys`,
    /// `/sys/firmware`…) and mounts others read-only (`/proc/sys`,
    /// `/proc/sysrq-trigger`). `systempaths=unconfined` lifts both, giving the
    /// container the host kernel's knobs.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: registry.example.com/builder:1.0
    ///     security_opt: ["systempaths=unconfined"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: registry.example.com/builder:1.0
    /// ```
    pub SystempathsUnconfined {
        code: "DW5008",
        name: "systempaths-unconfined",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for SystempathsUnconfined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        security_opt_unconfined(
            cx,
            "systempaths",
            "the kernel paths Docker masks or makes read-only (`/proc/kcore`, `/sys/firmware`…) are exposed and writable",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&SystempathsUnconfined)
            .pass(["services:\n  a:\n    image: a:1\n"])
            .fail([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"systempaths=unconfined\"]\n",
            ])
            .test();
    }
}
