use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ipc: host`.
    ///
    /// ## Why is this bad?
    /// The host's IPC namespace holds the shared memory segments, semaphores and
    /// message queues of every process on the host; a container in it can read
    /// and corrupt them.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: registry.example.com/cache:7.2
    ///     ipc: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: registry.example.com/cache:7.2
    ///     ipc: private
    /// ```
    pub HostIpcNamespace {
        code: "DW5012",
        name: "host-ipc-namespace",
        aliases: ["CIS-5.17", "cis", "baa3890f", "shared-host-ipc-namespace"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostIpcNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "ipc", "host", |who| {
            format!(
                "{who} sets `ipc: host`: the container shares the host's shared memory and semaphores"
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
        ComposeTester::new_for(&HostIpcNamespace)
            .pass(["services:\n  a:\n    image: a:1\n    ipc: shareable\n"])
            .fail(["services:\n  a:\n    image: a:1\n    ipc: host\n"])
            .test();
    }
}
