use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::RunsAs;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service that sets no `user`. For a service built from a local
    /// Dockerfile (or `dockerfile_inline`) that the caller could read, the
    /// Dockerfile decides: a build target whose last `USER` is not root, or
    /// whose base image is a non-root one, is not flagged. Off by default.
    ///
    /// ## Why is this bad?
    /// Without `user`, the container runs as the image's user, which is root
    /// unless the image sets another. Root in a container is one flaw away from
    /// root on the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     user: "10001"
    /// ```
    pub ServiceUserUnset {
        code: "DW5041",
        name: "service-user-unset",
        aliases: ["CIS-4.1", "cis"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for ServiceUserUnset {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            if !svc.absence_is_known() || svc.has("user") {
                continue;
            }
            let name = crate::diagnostic::shorten(svc.name());
            let message = match svc.def.dockerfile_user {
                Some(RunsAs::NonRoot | RunsAs::Unknown) => continue,
                Some(RunsAs::Root) => format!(
                    "Service `{name}` sets no `user`, and the Dockerfile it builds runs as root"
                ),
                None => format!(
                    "Service `{name}` sets no `user`: it runs as the image's user, root unless the image sets another"
                ),
            };
            cx.report(svc.name_range(), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ServiceUserUnset)
            .file("app/Dockerfile", "FROM alpine:3.20\nUSER 10001\n")
            .file("root/Dockerfile", "FROM alpine:3.20\nRUN id\n")
            .pass([
                "services:\n  a:\n    image: a:1\n    user: \"1000\"\n",
                "services:\n  a:\n    build: ./app\n",
                "services:\n  a:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER nobody\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    build:\n      context: root\n",
            ])
            .test();
    }
}
