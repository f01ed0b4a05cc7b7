use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::missing_setting;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service without `cap_drop: [ALL]`. Off by default: nearly every
    /// real service keeps Docker's default capabilities.
    ///
    /// ## Why is this bad?
    /// Docker's default set still holds capabilities most services never use
    /// (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `NET_RAW`, `SETUID`, `SETGID`…). Dropping
    /// them all and adding back what the service needs leaves less for an
    /// attacker in the container.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    pub CapabilitiesNotDropped {
        code: "DW5003",
        name: "capabilities-not-dropped",
        aliases: ["CIS-5.4", "cis", "ce76b7d0", "container-capabilities-unrestricted"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for CapabilitiesNotDropped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        missing_setting(
            cx,
            |svc| svc.capabilities("cap_drop").iter().any(|(c, _)| c == "ALL"),
            |name| {
                format!(
                    "Service `{name}` keeps Docker's default capabilities: drop them with `cap_drop: [ALL]` and add back what it needs"
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
        ComposeTester::new_for(&CapabilitiesNotDropped)
            .pass([
                "services:\n  a:\n    image: a:1\n    cap_drop: [ALL]\n",
                "services:\n  a:\n    image: a:1\n    cap_drop:\n      - all\n",
                "services:\n  a:\n    extends:\n      file: other.yml\n      service: b\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    image: a:1\n    cap_drop: [NET_RAW]\n",
            ])
            .test();
    }
}
