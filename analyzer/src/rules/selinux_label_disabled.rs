use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `security_opt` entries that turn SELinux labelling off:
    /// `label:disable`, `label=disable`, and the unconfined types
    /// `label=type:spc_t` and `label=type:unconfined_t`.
    ///
    /// ## Why is this bad?
    /// On SELinux hosts each container gets its own label, so a process that
    /// escapes it still cannot touch the host's files or other containers.
    /// Disabling the label, or running as the "super privileged container" type
    /// `spc_t`, removes that separation.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:5.0
    ///     security_opt:
    ///       - label:disable
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: registry.example.com/agent:5.0
    ///     security_opt:
    ///       - label:type:container_t
    /// ```
    pub SelinuxLabelDisabled {
        code: "DW5006",
        name: "selinux-label-disabled",
        aliases: ["CIS-5.3", "cis", "selinux-separation-disabled"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for SelinuxLabelDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for opt in svc.security_opts() {
                if opt.name != "label" || !opt.scalar.known {
                    continue;
                }
                let Some(v) = opt.value_lower() else { continue };
                if !(v == "disable" || v == "type:spc_t" || v == "type:unconfined_t") {
                    continue;
                }
                let Some(range) = opt.scalar.range() else {
                    continue;
                };
                cx.report(
                    range,
                    format!(
                        "{} sets `{}`: the container runs without SELinux separation from the host and other containers",
                        subject(&svc, &opt.scalar),
                        opt.scalar.raw()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&SelinuxLabelDisabled)
            .pass([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"label=level:s0:c100,c200\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    security_opt: [\"label=disable\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"label:type:spc_t\"]\n",
            ])
            .test();
    }
}
