use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `userns_mode: host`.
    ///
    /// ## Why is this bad?
    /// When the daemon remaps users (`userns-remap`), root in a container is an
    /// unprivileged user on the host. `userns_mode: host` opts the container
    /// out: its root is uid 0 on the host again.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     userns_mode: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    /// ```
    pub HostUsernsMode {
        code: "DW5013",
        name: "host-userns-mode",
        aliases: ["CIS-5.31", "cis", "8af7162d", "shared-host-user-namespace"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostUsernsMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "userns_mode", "host", |who| {
            format!(
                "{who} sets `userns_mode: host`: user namespace remapping is off for this container, so its root is the host's root"
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&HostUsernsMode)
            .pass(["services:\n  a:\n    image: a:1\n"])
            .fail(["services:\n  a:\n    image: a:1\n    userns_mode: host\n"])
            .test();
    }
}
