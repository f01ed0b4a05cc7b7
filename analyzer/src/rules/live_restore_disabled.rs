use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `live-restore` when it is `false` or absent (dockerd's
    /// default is `false`).
    ///
    /// ## Why is this bad?
    /// Without live restore, every restart of dockerd (an upgrade, a crash,
    /// a configuration reload that needs a restart) stops every container.
    /// Keeping containers running while the daemon is down keeps services
    /// available during daemon patching, so security updates are not put
    /// off (CIS Docker Benchmark 2.15).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "icc": false
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "icc": false,
    ///   "live-restore": true
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"live-restore": true` and is unsafe: dockerd refuses
    /// to start with live restore in Swarm mode, and containers keep
    /// running (with stale logging) while the daemon is down.
    pub LiveRestoreDisabled {
        code: "DW6005",
        name: "live-restore-disabled",
        aliases: ["CIS-2.15", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "live-restore",
    want: true,
    report_absent: true,
    effect: "containers stop whenever dockerd stops or is upgraded",
    fix: true,
};

impl Rule<DaemonModel> for LiveRestoreDisabled {
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
        Tester::new_for(&LiveRestoreDisabled)
            .pass(["{\"live-restore\": true}"])
            .fail(["{}", "{\"live-restore\": false}"])
            .fix([("{\"live-restore\": false}", "{\"live-restore\": true}")])
            .test();
    }
}
