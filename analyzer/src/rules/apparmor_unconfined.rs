use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::security_opt_unconfined;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `security_opt: apparmor:unconfined` (or `apparmor=unconfined`).
    ///
    /// ## Why is this bad?
    /// On hosts with AppArmor, Docker confines each container with its
    /// `docker-default` profile (no writes to `/proc/sys`, no mounts, no access
    /// to `/sys/kernel/security`…). `unconfined` removes that layer; use a
    /// profile made for the service instead.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     security_opt: ["apparmor=unconfined"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     security_opt: ["apparmor=app-profile"]
    /// ```
    pub ApparmorUnconfined {
        code: "DW5005",
        name: "apparmor-unconfined",
        aliases: ["CIS-5.2", "cis"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for ApparmorUnconfined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        security_opt_unconfined(
            cx,
            "apparmor",
            "the container runs without the AppArmor profile Docker applies by default",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ApparmorUnconfined)
            .pass([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"apparmor:docker-default\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"apparmor:unconfined\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt:\n      - apparmor=unconfined\n",
            ])
            .test();
    }
}
