use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::missing_setting;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service without a PID limit (`pids_limit` or
    /// `deploy.resources.limits.pids`), or whose limit is `-1` or `0`
    /// (unlimited). Off by default.
    ///
    /// ## Why is this bad?
    /// Without a PID limit a fork bomb in one container exhausts the host's
    /// process table, and nothing on the host can start a process any more.
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
    ///     pids_limit: 200
    /// ```
    pub PidsLimitMissing {
        code: "DW5033",
        name: "pids-limit-missing",
        aliases: ["CIS-5.29", "cis", "221e0658"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for PidsLimitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            let limit = svc
                .scalar("pids_limit")
                .or_else(|| svc.path_scalar(&["deploy", "resources", "limits", "pids"]));
            let Some(s) = limit else { continue };
            if !matches!(s.known().map(str::trim), Some("-1" | "0")) {
                continue;
            }
            let Some(range) = s.range() else { continue };
            cx.report(
                range,
                format!(
                    "Service `{}` sets an unlimited PID limit (`{}`)",
                    crate::diagnostic::shorten(svc.name()),
                    s.raw()
                ),
            );
        }
        missing_setting(
            cx,
            |svc| svc.limit(&["pids_limit"], "pids"),
            |name| format!("Service `{name}` has no PID limit (`pids_limit`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&PidsLimitMissing)
            .pass([
                "services:\n  a:\n    image: a:1\n    pids_limit: 100\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          pids: 50\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    image: a:1\n    pids_limit: -1\n",
            ])
            .test();
    }
}
