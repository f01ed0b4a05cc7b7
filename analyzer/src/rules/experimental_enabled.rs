use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `"experimental": true`.
    ///
    /// ## Why is this bad?
    /// Experimental features are not covered by Docker's stability and
    /// support guarantees and may change or go away; a production daemon
    /// should not run them (CIS Docker Benchmark 2.18).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "experimental": true
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "experimental": false
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"experimental": false` and is unsafe: workloads that
    /// use an experimental feature stop working.
    pub ExperimentalEnabled {
        code: "DW6012",
        name: "experimental-enabled",
        aliases: ["CIS-2.18", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "experimental",
    want: false,
    report_absent: false,
    effect: "the daemon runs features that are not production-ready",
    fix: true,
};

impl Rule<DaemonModel> for ExperimentalEnabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        check_bool(cx, &SETTING);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&ExperimentalEnabled)
            .pass(["{}", "{\"experimental\": false}"])
            .fail(["{\"experimental\": true}"])
            .fix([("{\"experimental\": true}", "{\"experimental\": false}")])
            .test();
    }
}
