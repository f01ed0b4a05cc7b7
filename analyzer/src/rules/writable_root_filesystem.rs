use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::{editable_mapping, written_entry};
use crate::rule::{Rule, RuleMeta};
use crate::yaml::edit::{NewValue, insert_entry};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a service without `read_only: true`: at its `read_only` value when
    /// set to false, else at its name. Off by default: nearly every real service
    /// has a writable root filesystem.
    ///
    /// ## Why is this bad?
    /// With a read-only root filesystem, an attacker in the container cannot
    /// drop tools, change binaries or plant persistence; writes go only to the
    /// volumes and `tmpfs` mounts the service declares.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/api:2.0
    ///     read_only: true
    ///     tmpfs: [/tmp]
    /// ```
    ///
    /// ## Fix safety
    /// Setting `read_only: true` (adding the key, or changing `false` to
    /// `true`) is unsafe: a service that writes outside its volumes (caches,
    /// PID files, `/tmp`) fails until those paths get a volume or `tmpfs`.
    pub WritableRootFilesystem {
        code: "DW5030",
        name: "writable-root-filesystem",
        aliases: ["CIS-5.13", "cis", "writable-filesystem-service"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: Sometimes,
    }
}

impl Rule<ComposeModel> for WritableRootFilesystem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            if !svc.absence_is_known() {
                continue;
            }
            let name = crate::diagnostic::shorten(svc.name());
            match svc.scalar("read_only") {
                Some(s) if s.as_bool() == Some(true) || !s.known => {}
                Some(s) => {
                    let Some(range) = s.range() else { continue };
                    let fix =
                        written_entry(cx.model, &s).map(|_| Edit::replace(s.value.span(), "true"));
                    let d = cx.report(
                        range,
                        format!("Service `{name}` sets `read_only: {}`: its root filesystem is writable", s.raw()),
                    );
                    if let Some(edit) = fix {
                        d.with_fix(Fix::unsafe_("Set `read_only: true`", vec![edit]));
                    }
                }
                None => {
                    let fix = editable_mapping(&svc).and_then(|m| {
                        insert_entry(cx.model.yaml(), m, "read_only", NewValue::Scalar("true"))
                    });
                    let d = cx.report(
                        svc.name_range(),
                        format!(
                            "Service `{name}` has a writable root filesystem: set `read_only: true`"
                        ),
                    );
                    if let Some(edit) = fix {
                        d.with_fix(Fix::unsafe_("Add `read_only: true`", vec![edit]));
                    }
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
        ComposeTester::new_for(&WritableRootFilesystem)
            .pass([
                "services:\n  a:\n    image: a:1\n    read_only: true\n",
                "services:\n  a:\n    image: a:1\n    read_only: ${RO}\n",
                "x-ro: &ro\n  read_only: true\nservices:\n  a:\n    <<: *ro\n    image: a:1\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    image: a:1\n    read_only: false\n",
            ])
            .fix([
                (
                    "services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n    read_only: \"false\"\n",
                    "services:\n  a:\n    image: a:1\n    read_only: true\n  b:\n    image: b:1\n    read_only: true\n",
                ),
            ])
            .test();
    }
}
