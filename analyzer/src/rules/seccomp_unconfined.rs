use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::security_opt_unconfined;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `security_opt: seccomp:unconfined` (or `seccomp=unconfined`).
    ///
    /// ## Why is this bad?
    /// Docker's default seccomp profile blocks about 50 system calls that
    /// containers do not need and that kernel exploits use (`keyctl`,
    /// `add_key`, `unshare`, `mount`, `ptrace` on old kernels…). Turning it off
    /// widens the kernel's attack surface for the whole container. If a call is
    /// missing, write a profile that allows just that call.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     security_opt:
    ///       - seccomp:unconfined
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     security_opt:
    ///       - seccomp:./seccomp/app.json
    /// ```
    pub SeccompUnconfined {
        code: "DW5004",
        name: "seccomp-unconfined",
        aliases: ["CIS-5.22", "cis", "404fde2c", "default-seccomp-profile-disabled", "seccomp-confinement-disabled"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for SeccompUnconfined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        security_opt_unconfined(
            cx,
            "seccomp",
            "the container may make any system call, without the seccomp filter Docker applies by default",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&SeccompUnconfined)
            .pass([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"seccomp=./profile.json\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"seccomp=${PROFILE}\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    security_opt:\n      - seccomp:unconfined\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"seccomp=Unconfined\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"seccomp=${P:-unconfined}\"]\n",
            ])
            .test();
    }
}
