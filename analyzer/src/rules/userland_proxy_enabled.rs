use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `userland-proxy` when it is `true` or absent (dockerd's
    /// default is `true`).
    ///
    /// ## Why is this bad?
    /// The userland proxy is a process per published port that forwards
    /// traffic the kernel's NAT rules can handle: more running code, more
    /// attack surface (CIS Docker Benchmark 2.16). Off by default: current
    /// dockerd uses it only where NAT cannot (hairpin and loopback traffic),
    /// and turning it off breaks those.
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
    ///   "userland-proxy": false
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"userland-proxy": false` and is unsafe: published
    /// ports may stop answering on `localhost` and from containers reaching
    /// the host's own address (hairpin NAT), depending on the kernel.
    pub UserlandProxyEnabled {
        code: "DW6008",
        name: "userland-proxy-enabled",
        aliases: ["CIS-2.16", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "userland-proxy",
    want: false,
    report_absent: true,
    effect: "a `docker-proxy` process forwards each published port",
    fix: true,
};

impl Rule<DaemonModel> for UserlandProxyEnabled {
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
        Tester::new_for(&UserlandProxyEnabled)
            .pass(["{\"userland-proxy\": false}"])
            .fail(["{}", "{\"userland-proxy\": true}"])
            .fix([("{\"userland-proxy\": true}", "{\"userland-proxy\": false}")])
            .test();
    }
}
