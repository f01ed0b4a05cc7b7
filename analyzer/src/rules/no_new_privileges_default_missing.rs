use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::families::daemon_settings::{BoolSetting, check_bool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `no-new-privileges` when it is `false` or absent, so that
    /// containers do not get the `no_new_privs` flag by default.
    ///
    /// ## Why is this bad?
    /// A process with `no_new_privs` set cannot gain privileges when it runs
    /// a setuid or setcap binary (`su`, `sudo`, `ping`, a planted setuid
    /// shell). Setting it daemon-wide protects every container that does
    /// not ask for it itself (CIS Docker Benchmark 2.14).
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
    ///   "no-new-privileges": true
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"no-new-privileges": true` and is unsafe: containers
    /// that rely on setuid binaries (`sudo`, `su`, some `ping` builds) to
    /// gain privileges stop working.
    pub NoNewPrivilegesDefaultMissing {
        code: "DW6007",
        name: "no-new-privileges-default-missing",
        aliases: ["CIS-2.14", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

const SETTING: BoolSetting = BoolSetting {
    key: "no-new-privileges",
    want: true,
    report_absent: true,
    effect: "processes in containers can gain privileges through setuid and setcap binaries",
    fix: true,
};

impl Rule<DaemonModel> for NoNewPrivilegesDefaultMissing {
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
        Tester::new_for(&NoNewPrivilegesDefaultMissing)
            .pass(["{\"no-new-privileges\": true}"])
            .fail(["{}", "{\"no-new-privileges\": false}"])
            .fix([(
                "{\"no-new-privileges\": false}",
                "{\"no-new-privileges\": true}",
            )])
            .test();
    }
}
