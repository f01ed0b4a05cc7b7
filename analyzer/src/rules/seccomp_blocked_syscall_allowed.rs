use crate::checker::Checker;
use crate::declare_rule;
use crate::families::seccomp_allowed::check_allowed;
use crate::rule::{Rule, RuleMeta};
use crate::seccomp::SeccompModel;
use crate::seccomp::syscalls::BLOCKED;

declare_rule! {
    /// ## What it does
    /// Flags a system call that a seccomp profile allows (`SCMP_ACT_ALLOW`
    /// or `SCMP_ACT_LOG`) although Docker's default profile denies it to
    /// every container: `kexec_load`, `kexec_file_load`, `keyctl`,
    /// `add_key`, `request_key`, `userfaultfd`, `io_uring_setup`,
    /// `io_uring_enter`, `io_uring_register`, `pivot_root`, `swapon`,
    /// `swapoff`, `move_pages`, and obsolete calls (`uselib`, `_sysctl`,
    /// `vm86`…). The list and the reason for each are in
    /// `analyzer/src/seccomp/syscalls.rs`.
    ///
    /// An entry that filters arguments (`args`) is not reported, nor is a
    /// profile whose `defaultAction` already allows everything
    /// (`seccomp-default-allow`, DW6101, reports that).
    ///
    /// ## Why is this bad?
    /// Each of these calls reaches kernel code that containers do not need
    /// and that has been used to escape them: the keyring is shared with the
    /// host, `userfaultfd` and `io_uring` are staples of kernel exploits,
    /// `kexec_load` replaces the running kernel (CIS Docker Benchmark 5.22).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write", "keyctl"], "action": "SCMP_ACT_ALLOW"}
    ///   ]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the call from `names` and is unsafe: a workload that
    /// needs it then fails with `EPERM`.
    pub SeccompBlockedSyscallAllowed {
        code: "DW6102",
        name: "seccomp-blocked-syscall-allowed",
        aliases: ["CIS-5.22", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Seccomp],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<SeccompModel> for SeccompBlockedSyscallAllowed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, SeccompModel>) {
        check_allowed(
            cx,
            BLOCKED,
            |_| true,
            |sc| {
                format!(
                    "`{}` is allowed, and Docker's default profile denies it to every container: {}",
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
        Tester::new_for(&SeccompBlockedSyscallAllowed)
            .pass([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"keyctl\", \"add_key\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"keyctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"keyctl\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
            ])
            .fail([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"keyctl\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"name\": \"kexec_load\", \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"userfaultfd\"], \"action\": \"SCMP_ACT_LOG\", \"includes\": {\"minKernel\": \"4.3\"}}]}",
                "{\"defaultAction\": \"SCMP_ACT_KILL\", \"Syscalls\": [{\"Names\": [\"io_uring_setup\", \"io_uring_enter\"], \"Action\": \"SCMP_ACT_ALLOW\"}]}",
            ])
            .fix([
                (
                    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"keyctl\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                ),
                (
                    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"add_key\", \"keyctl\", \"request_key\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                ),
            ])
            .test();
    }
}
