use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::seccomp::{SeccompModel, Unconfinement, field};

declare_rule! {
    /// ## What it does
    /// Flags a seccomp profile that confines nothing, the same as
    /// `seccomp=unconfined`:
    ///
    /// - `defaultAction` is `SCMP_ACT_ALLOW`, so every system call the
    ///   profile does not list is allowed (a deny list can never keep up
    ///   with new kernel calls);
    /// - `defaultAction` is `SCMP_ACT_LOG`, which logs those calls and then
    ///   allows them;
    /// - the profile has neither `defaultAction` nor `syscalls` (`{}`, or a
    ///   file holding `null`): Docker then applies no filter at all.
    ///
    /// ## Why is this bad?
    /// Without a deny-by-default filter, every kernel interface is reachable
    /// from the container, including those Docker's default profile keeps
    /// out (keyrings, `kexec`, modules, namespaces, `io_uring`); a kernel
    /// bug behind any of them is a container escape (CIS Docker Benchmark
    /// 5.22 for a container's profile, 2.17 for the daemon's default).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ALLOW",
    ///   "syscalls": [
    ///     {"names": ["kexec_load", "reboot"], "action": "SCMP_ACT_ERRNO"}
    ///   ]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "defaultAction": "SCMP_ACT_ERRNO",
    ///   "syscalls": [
    ///     {"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}
    ///   ]
    /// }
    /// ```
    ///
    /// (in practice: start from Docker's default profile and add the calls
    /// the workload needs).
    pub SeccompDefaultAllow {
        code: "DW6101",
        name: "seccomp-default-allow",
        aliases: ["CIS-5.22", "CIS-2.17", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Seccomp],
        default: true,
        fix: None,
    }
}

impl Rule<SeccompModel> for SeccompDefaultAllow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, SeccompModel>) {
        let model = cx.model;
        let json = model.json();
        let Some(root) = json.root() else {
            return;
        };
        match model.unconfinement() {
            Some(Unconfinement::DefaultAllows(action)) => {
                let name = json.as_str(action).unwrap_or("");
                let range = field(json, root, "defaultAction")
                    .map_or(json.node(action).span(), |m| m.span(json));
                let what = if name == "SCMP_ACT_LOG" {
                    "logs and then allows"
                } else {
                    "allows"
                };
                cx.report(
                    range,
                    format!("`defaultAction` is `{name}`: the profile {what} every system call it does not list, the same as `seccomp=unconfined`"),
                );
            }
            Some(Unconfinement::Empty) => {
                let start = json.node(root).span().start();
                cx.report(
                    TextRange::new(start, start + 1),
                    "the profile has no `defaultAction` and no `syscalls`: Docker applies no seccomp filter, the same as `seccomp=unconfined`",
                );
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&SeccompDefaultAllow)
            .pass([
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}",
                "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"syscalls\": []}",
                "{\"defaultAction\": \"SCMP_ACT_NOTIFY\", \"listenerPath\": \"/run/agent.sock\"}",
                "",
                "[]",
                // Broken: the syntax rule's finding.
                "{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "{\"defaultAction\": ",
            ])
            .fail([
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}",
                "{\"defaultaction\": \"SCMP_ACT_LOG\", \"syscalls\": [{\"names\": [\"kexec_load\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
                "{}",
                "null",
                "{\"defaultAction\": \"\", \"syscalls\": []}",
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultAction\": \"SCMP_ACT_ALLOW\"}",
            ])
            .test();
    }
}
