use crate::Fix;
use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `"seccomp-profile": "unconfined"`, which turns off the default
    /// seccomp profile for every container that does not name its own.
    ///
    /// A profile file named here is checked by the seccomp rules when it
    /// is linted itself (`seccomp-default-allow`, DW6101, reports a profile
    /// that allows every system call).
    ///
    /// ## Why is this bad?
    /// Docker's default profile denies about fifty system calls that
    /// containers do not need and that widen the kernel's attack surface:
    /// keyring, `kexec`, module loading, namespace and mount calls without
    /// the matching capability. Without it, a kernel bug reachable through
    /// any of them is a container escape (CIS Docker Benchmark 2.17).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "seccomp-profile": "unconfined"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "seccomp-profile": "builtin"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"seccomp-profile": "builtin"` (Docker's default profile)
    /// and is unsafe: containers that use a system call the profile denies
    /// fail (give them their own profile with `--security-opt`).
    pub DaemonSeccompUnconfined {
        code: "DW6010",
        name: "daemon-seccomp-unconfined",
        aliases: ["CIS-2.17", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Always,
    }
}

impl Rule<DaemonModel> for DaemonSeccompUnconfined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        if let Some(("unconfined", s)) = model.string("seccomp-profile") {
            let edit =
                crate::json::edit::replace_value(model.json(), s.member.value, "\"builtin\"");
            cx.report(
                model.setting_range(s),
                "`seccomp-profile` is `unconfined`: containers run without a seccomp filter",
            )
            .with_fix(Fix::unsafe_("Use the built-in profile", vec![edit]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&DaemonSeccompUnconfined)
            .pass([
                "{}",
                "{\"seccomp-profile\": \"builtin\"}",
                "{\"seccomp-profile\": \"/etc/docker/seccomp.json\"}",
                "{\"seccomp-profile\": \"\"}",
            ])
            .fail(["{\"seccomp-profile\": \"unconfined\"}"])
            .fix([(
                "{\"seccomp-profile\": \"unconfined\"}",
                "{\"seccomp-profile\": \"builtin\"}",
            )])
            .test();
    }
}
