use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::missing_setting;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service without `healthcheck`. Off by default: the image may
    /// define one (`HEALTHCHECK`), which Compose uses.
    ///
    /// ## Why is this bad?
    /// Without a healthcheck Docker only knows whether the process runs, not
    /// whether it works: a hung service stays "up", and `depends_on` cannot
    /// wait for it to be ready.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    ///     healthcheck:
    ///       test: ["CMD", "/app/healthcheck"]
    /// ```
    pub HealthcheckMissing {
        code: "DW5083",
        name: "healthcheck-missing",
        aliases: ["CIS-5.27", "cis", "698ed579"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for HealthcheckMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        missing_setting(
            cx,
            |svc| svc.has("healthcheck"),
            |name| format!("Service `{name}` has no `healthcheck`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&HealthcheckMissing)
            .pass([
                "services:\n  a:\n    image: a:1\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
            ])
            .test();
    }
}
