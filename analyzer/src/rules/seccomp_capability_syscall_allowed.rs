use crate::checker::Checker;
use crate::declare_rule;
use crate::families::seccomp_allowed::check_allowed;
use crate::rule::{Rule, RuleMeta};
use crate::seccomp::SeccompModel;
use crate::seccomp::syscalls::GATED;

declare_rule! {
    /// ## What it does
    /// Flags a system call that a seccomp profile allows to every container
    /// although Docker's default profile allows it only to a container that
    /// holds a capability: the mount calls (`mount`, `umount2`, `fsopen`,
    /// `open_tree`…), the namespace calls (`unshare`, `setns`, `clone3`, and
    /// `clone` without a filter on its flags) and `bpf`, `perf_event_open`,
    /// `fanotify_init` (`CAP_SYS_ADMIN`); `init_module`, `finit_module`,
    /// `delete_module` (`CAP_SYS_MODULE`); `open_by_handle_at`
    /// (`CAP_DAC_READ_SEARCH`); `reboot` (`CAP_SYS_BOOT`); the clock calls
    /// (`CAP_SYS_TIME`); `iopl`, `ioperm` (`CAP_SYS_RAWIO`); `acct`,
    /// `syslog`, `quotactl`, `lookup_dcookie`. The list and the reasons are
    /// in `analyzer/src/seccomp/syscalls.rs`.
    ///
    /// Not reported: an entry conditioned on a capability (`"includes":
    /// {"caps": […]}`), an entry that filters arguments (`args`), and a
    /// profile whose `defaultAction` already allows everything
    /// (`seccomp-default-allow`, DW6101). `ptrace` is not on the list:
    /// Docker's profile allows it on kernels from 4.8.
    ///
    /// ## Why is this bad?
    /// The capability check in the kernel is only one of two gates; the
    /// seccomp profile is the other. With the call allowed, a container
    /// that gains the capability some other way, or an unprivileged user
    /// namespace created through `unshare` or `clone`, reaches kernel code
    /// (filesystem mounting, eBPF, module loading) that has a long record of
    /// privilege escalations; `open_by_handle_at` is the call the "shocker"
    /// escape used to read host files (CIS Docker Benchmark 5.22).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write", "unshare", "mount"], "action": "SCMP_ACT_ALLOW"}
    ///   ]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
    ///     {"names": ["unshare", "mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the call from `names` and is unsafe: a workload that
    /// needs it then fails with `EPERM` (make the entry conditional on the
    /// capability instead, as in the example).
    pub SeccompCapabilitySyscallAllowed {
        code: "DW6103",
        name: "seccomp-capability-syscall-allowed",
        aliases: ["CIS-5.22", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Seccomp],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<SeccompModel> for SeccompCapabilitySyscallAllowed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, SeccompModel>) {
        check_allowed(
            cx,
            GATED,
            |rule| rule.requires_caps.is_empty(),
            |sc| {
                let cap = sc.capability.unwrap_or("a capability");
                format!(
                    "`{}` is allowed without `{cap}`, which Docker's default profile requires: {}",
                    sc.name, sc.reason
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&SeccompCapabilitySyscallAllowed)
            .pass([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"ptrace\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"mount\", \"unshare\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 2114060288, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_LOG\", \"syscalls\": [{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
            ])
            .fail([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"unshare\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"open_by_handle_at\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"arches\": [\"s390x\"]}}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"name\": \"bpf\", \"action\": \"SCMP_ACT_LOG\"}]}",
            ])
            .fix([(
                "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n    {\n      \"names\": [\n        \"read\",\n        \"init_module\"\n      ],\n      \"action\": \"SCMP_ACT_ALLOW\"\n    }\n  ]\n}\n",
                "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n    {\n      \"names\": [\n        \"read\"\n      ],\n      \"action\": \"SCMP_ACT_ALLOW\"\n    }\n  ]\n}\n",
            )])
            .test();
    }
}
