use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `cgroup_parent`. Off by default.
    ///
    /// ## Why is this bad?
    /// A custom parent cgroup takes the container out of the limits and
    /// accounting Docker sets up for it; CIS asks that the default be kept
    /// unless there is a reason.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     cgroup_parent: /custom
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    /// ```
    pub CgroupParentSet {
        code: "DW5080",
        name: "cgroup-parent-set",
        aliases: ["CIS-5.25", "cis", "4d9f44c6"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for CgroupParentSet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            let Some(s) = svc.scalar("cgroup_parent") else {
                continue;
            };
            if s.known().is_some_and(|t| t.trim().is_empty()) {
                continue;
            }
            let Some(range) = s.range() else { continue };
            cx.report(
                range,
                format!("{} sets a parent cgroup (`{}`)", subject(&svc, &s), s.raw()),
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
        ComposeTester::new_for(&CgroupParentSet)
            .pass(["services:\n  a:\n    image: a:1\n"])
            .fail(["services:\n  a:\n    image: a:1\n    cgroup_parent: m-executor-abcd\n"])
            .test();
    }
}
