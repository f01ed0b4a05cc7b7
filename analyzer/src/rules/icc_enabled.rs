use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `icc` (inter-container communication on the default bridge
    /// network) when it is `true` or absent (dockerd's default is `true`).
    ///
    /// ## Why is this bad?
    /// With `icc` on, every container attached to the default `bridge`
    /// network can open connections to every other one on any port: one
    /// compromised container can probe and attack its neighbours. With
    /// `"icc": false`, containers on the default bridge talk only through
    /// published ports or links; user-defined networks are not affected
    /// (CIS Docker Benchmark 2.2).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "live-restore": true
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "live-restore": true,
    ///   "icc": false
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"icc": false` and is unsafe: containers on the
    /// default bridge that talk to each other directly stop reaching each
    /// other (put them on a user-defined network instead).
    pub IccEnabled {
        code: "DW6004",
        name: "icc-enabled",
        aliases: ["CIS-2.2", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "icc",
    want: false,
    report_absent: true,
    effect: "containers on the default bridge network can all reach each other",
    fix: true,
};

impl Rule<DaemonModel> for IccEnabled {
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
        Tester::new_for(&IccEnabled)
            .pass(["{\"icc\": false}", "[1]"])
            .fail(["{}", "{\"icc\": true}", ""])
            .fix([
                ("{\"icc\": true}", "{\"icc\": false}"),
                (
                    "{\n  \"debug\": false\n}",
                    "{\n  \"debug\": false,\n  \"icc\": false\n}",
                ),
            ])
            .test();
    }
}
