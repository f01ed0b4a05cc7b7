use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `"iptables": false`.
    ///
    /// ## Why is this bad?
    /// With `iptables` off, dockerd writes none of its firewall rules:
    /// networks are not isolated from each other, published ports are
    /// handled by hand or not at all, and hand-written rules tend to be
    /// either too open or stale (CIS Docker Benchmark 2.4).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "iptables": false
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "iptables": true
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"iptables": true` and is unsafe: dockerd then adds
    /// its rules to the host firewall, next to whatever replaced them.
    pub IptablesDisabled {
        code: "DW6011",
        name: "iptables-disabled",
        aliases: ["CIS-2.4", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "iptables",
    want: true,
    report_absent: false,
    effect: "dockerd no longer writes the firewall rules that isolate and publish containers",
    fix: true,
};

impl Rule<DaemonModel> for IptablesDisabled {
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
        Tester::new_for(&IptablesDisabled)
            .pass(["{}", "{\"iptables\": true}"])
            .fail(["{\"iptables\": false}"])
            .fix([("{\"iptables\": false}", "{\"iptables\": true}")])
            .test();
    }
}
