use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::{remove_entry_fix, subject};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a service that runs privileged: `privileged: true`, or
    /// `build.privileged: true` for its build. The value is read after
    /// interpolation and as Compose casts it (`"true"`, `yes`, `${PRIV:-true}`
    /// are all true); a value that stays unknown is not flagged.
    ///
    /// ## Why is this bad?
    /// A privileged container gets every capability, every device of the host,
    /// and no seccomp, AppArmor or SELinux confinement: root in it is root on
    /// the host. Grant the one capability or device the service needs instead
    /// (`cap_add`, `devices`).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     privileged: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:1.4
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    ///
    /// ## Fix safety
    /// Removing `privileged: true` (with its line) is unsafe: a service that
    /// really needs a device or a capability stops working until it is granted
    /// explicitly. No fix is offered for a value reached through an alias or
    /// written in a flow mapping's only entry.
    pub PrivilegedService {
        code: "DW5001",
        name: "privileged-service",
        aliases: ["CIS-5.5", "cis", "ae5b6871", "privileged-containers-enabled"],
        severity: Error,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<ComposeModel> for PrivilegedService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            let build = svc.build().and_then(|b| b.privileged);
            for (scalar, key) in [
                (svc.scalar("privileged"), "privileged"),
                (build, "build.privileged"),
            ] {
                let Some(s) = scalar else { continue };
                if s.as_bool() != Some(true) {
                    continue;
                }
                let Some(range) = s.range() else { continue };
                let fix = remove_entry_fix(cx.model, &s, format!("Remove `{key}: {}`", s.raw()));
                let message = if key == "privileged" {
                    format!(
                        "{} runs privileged: every capability and host device, and no seccomp, AppArmor or SELinux confinement",
                        subject(&svc, &s)
                    )
                } else {
                    format!(
                        "{} builds with `build.privileged`: the build runs with every capability of the host",
                        subject(&svc, &s)
                    )
                };
                let d = cx.report(range, message);
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
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
        ComposeTester::new_for(&PrivilegedService)
            .file("common.yml", "services:\n  base:\n    image: a:1\n    privileged: true\n")
            .pass([
                "services:\n  app:\n    image: nginx:1.27\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: false\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: ${PRIV}\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: \"no\"\n",
                "x-priv:\n  privileged: true\nservices:\n  app:\n    image: nginx:1.27\n",
            ])
            .fail([
                "services:\n  app:\n    image: nginx:1.27\n    privileged: true\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: \"true\"\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: yes\n",
                "services:\n  app:\n    image: nginx:1.27\n    privileged: ${PRIV:-true}\n",
                "services:\n  app:\n    build:\n      context: .\n      privileged: true\n",
                "x-common: &common\n  privileged: true\n  restart: always\nservices:\n  a:\n    <<: *common\n    image: a:1\n  b:\n    <<: *common\n    image: b:1\n",
                "services:\n  base:\n    image: a:1\n    privileged: true\n  app:\n    extends: base\n",
                "services:\n  app:\n    extends:\n      file: common.yml\n      service: base\n",
                "services:\n  app: {image: nginx:1.27, privileged: true}\n",
            ])
            .fix([
                (
                    "services:\n  app:\n    image: nginx:1.27\n    # needs /dev/kvm\n    privileged: true  # TODO\n    restart: always\n",
                    "services:\n  app:\n    image: nginx:1.27\n    # needs /dev/kvm\n    restart: always\n",
                ),
                (
                    "services:\n  app: {image: nginx:1.27, privileged: true}\n",
                    "services:\n  app: {image: nginx:1.27}\n",
                ),
            ])
            .test();
    }
}
