use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject_at;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a published host port below 1024. Off by default.
    ///
    /// ## Why is this bad?
    /// Ports below 1024 are privileged on the host: only root may bind them.
    /// CIS asks that containers do not take them, so that a service that gets
    /// one was meant to.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    ///     ports:
    ///       - "80:8080"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: registry.example.com/web:3.2
    ///     ports:
    ///       - "8080:8080"
    /// ```
    pub PrivilegedPortPublished {
        code: "DW5071",
        name: "privileged-port-published",
        aliases: ["CIS-5.8", "cis", "bc2908f3"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for PrivilegedPortPublished {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for port in svc.ports() {
                let Some((lo, _)) = port.spec.published_range() else {
                    continue;
                };
                if lo == 0 || lo >= 1024 {
                    continue;
                }
                let Some(range) = port.report else { continue };
                cx.report(
                    range,
                    format!(
                        "{} publishes the privileged host port {lo}",
                        subject_at(&svc, port.file, port.value)
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
        ComposeTester::new_for(&PrivilegedPortPublished)
            .pass(["services:\n  a:\n    image: a:1\n    ports: [\"8080:80\", \"443\"]\n"])
            .fail([
                "services:\n  a:\n    image: a:1\n    ports: [\"80:80\", \"127.0.0.1:443:8443\"]\n",
            ])
            .test();
    }
}
