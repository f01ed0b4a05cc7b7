use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::setting_is;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `uts: host`.
    ///
    /// ## Why is this bad?
    /// In the host's UTS namespace the container sees, and with `SYS_ADMIN`
    /// changes, the host's hostname and NIS domain name.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     uts: host
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     hostname: app
    /// ```
    pub HostUtsNamespace {
        code: "DW5014",
        name: "host-uts-namespace",
        aliases: ["CIS-5.21", "cis"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostUtsNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        setting_is(cx, "uts", "host", |who| {
            format!(
                "{who} sets `uts: host`: the container shares the host's hostname and domain name, and may change them"
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
        ComposeTester::new_for(&HostUtsNamespace)
            .pass(["services:\n  a:\n    image: a:1\n    hostname: a\n"])
            .fail(["services:\n  a:\n    image: a:1\n    uts: host\n"])
            .test();
    }
}
