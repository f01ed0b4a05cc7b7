use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `cgroup-parent` setting: the cgroup every container is
    /// placed under instead of Docker's own. Off by default: a deliberate
    /// setting is fine; the benchmark asks to review it.
    ///
    /// ## Why is this bad?
    /// Containers under a cgroup shared with other workloads are limited
    /// and accounted together with them: a container can starve its
    /// neighbours or be starved, and the limits Docker reports no longer
    /// say what applies (CIS Docker Benchmark 2.10).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "cgroup-parent": "/system.slice"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "live-restore": true
    /// }
    /// ```
    pub CgroupParentSetDaemon {
        code: "DW6017",
        name: "cgroup-parent-set-daemon",
        aliases: ["CIS-2.10", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: None,
    }
}

impl Rule<DaemonModel> for CgroupParentSetDaemon {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        if let Some((parent, s)) = model.string("cgroup-parent")
            && !parent.is_empty()
        {
            cx.report(
                model.setting_range(s),
                format!(
                    "every container runs under the cgroup `{}`, not Docker's own",
                    shorten(parent)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&CgroupParentSetDaemon)
            .pass(["{}", "{\"cgroup-parent\": \"\"}"])
            .fail(["{\"cgroup-parent\": \"/foo\"}"])
            .test();
    }
}
