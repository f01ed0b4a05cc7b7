use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::facts::run_user::is_root;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `user: root`, `user: 0`, and `root:<group>` / `0:<group>`, after
    /// interpolation.
    ///
    /// ## Why is this bad?
    /// Root in a container is one kernel or runtime flaw away from root on the
    /// host, and it owns every file of the container and of its volumes. Run
    /// the service as an unprivileged user; if the image needs root to start,
    /// fix the image.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     user: root
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     user: "1000:1000"
    /// ```
    pub ServiceRunsAsRoot {
        code: "DW5040",
        name: "service-runs-as-root",
        aliases: ["CIS-4.1", "cis"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for ServiceRunsAsRoot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            let Some(s) = svc.user() else { continue };
            let Some(text) = s.known() else { continue };
            if !is_root(text.trim()) {
                continue;
            }
            let Some(range) = s.range() else { continue };
            cx.report(
                range,
                format!("{} runs as root (`user: {}`)", subject(&svc, &s), s.raw()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ServiceRunsAsRoot)
            .pass([
                "services:\n  a:\n    image: a:1\n    user: \"1000\"\n",
                "services:\n  a:\n    image: a:1\n    user: rootless\n",
                "services:\n  a:\n    image: a:1\n    user: ${UID}:${GID}\n",
                "services:\n  a:\n    image: a:1\n    user: \"1000:0\"\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    user: root\n",
                "services:\n  a:\n    image: a:1\n    user: \"0:0\"\n",
                "services:\n  a:\n    image: a:1\n    user: ${RUN_AS:-root}\n",
            ])
            .test();
    }
}
