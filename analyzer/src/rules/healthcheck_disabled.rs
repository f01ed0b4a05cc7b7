use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a healthcheck switched off: `healthcheck.disable: true`, or
    /// `healthcheck.test: ["NONE"]` (or `NONE`).
    ///
    /// ## Why is this bad?
    /// A healthcheck lets Docker (and `depends_on: condition: service_healthy`)
    /// tell a running container from a working one. Disabling the image's own
    /// healthcheck hides a hung or compromised service.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    ///     healthcheck:
    ///       disable: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    ///     healthcheck:
    ///       test: ["CMD", "/app/healthcheck"]
    ///       interval: 30s
    /// ```
    pub HealthcheckDisabled {
        code: "DW5082",
        name: "healthcheck-disabled",
        aliases: ["CIS-5.27", "cis", "698ed579"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HealthcheckDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            if let Some(s) = svc.path_scalar(&["healthcheck", "disable"])
                && s.as_bool() == Some(true)
                && let Some(range) = s.range()
            {
                cx.report(
                    range,
                    format!("{} disables its healthcheck", subject(&svc, &s)),
                );
                continue;
            }
            let Some(test) = svc.path(&["healthcheck", "test"]) else {
                continue;
            };
            let first = if test.value.is_sequence() {
                test.value.items().next()
            } else {
                Some(test.value)
            };
            let Some(first) = first else { continue };
            let Some(s) =
                svc.model
                    .scalar(test.layer.file, first, svc.report_at(test.layer, first))
            else {
                continue;
            };
            if s.known().map(str::trim) != Some("NONE") {
                continue;
            }
            let Some(range) = s.range() else { continue };
            cx.report(
                range,
                format!(
                    "{} disables its healthcheck (`test: NONE`)",
                    subject(&svc, &s)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&HealthcheckDisabled)
            .pass([
                "services:\n  a:\n    image: a:1\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n",
                "services:\n  a:\n    image: a:1\n    healthcheck:\n      disable: false\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    healthcheck:\n      disable: true\n",
                "services:\n  a:\n    image: a:1\n    healthcheck:\n      test: [\"NONE\"]\n",
            ])
            .test();
    }
}
