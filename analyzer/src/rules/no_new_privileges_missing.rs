use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::editable_mapping;
use crate::rule::{Rule, RuleMeta};
use crate::yaml::edit::{NewValue, append_item, insert_entry};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a service whose `security_opt` does not set `no-new-privileges`
    /// (bare, `no-new-privileges:true` or `no-new-privileges=true`). Off by
    /// default: most real services do not set it.
    ///
    /// ## Why is this bad?
    /// Without it, a process in the container can gain privileges through
    /// setuid and setgid binaries or file capabilities (`sudo`, `su`, a planted
    /// setuid shell). With it, `execve` never grants more than the parent had.
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
    ///     security_opt:
    ///       - no-new-privileges:true
    /// ```
    ///
    /// ## Fix safety
    /// Adding `no-new-privileges:true` to `security_opt` (creating the key when
    /// the service has none) is unsafe: a service that switches user with
    /// `sudo` or `su`, or relies on a setuid binary, stops working. No fix is
    /// offered when `no-new-privileges:false` is set explicitly, or when the
    /// service's mapping is an alias.
    pub NoNewPrivilegesMissing {
        code: "DW5007",
        name: "no-new-privileges-missing",
        aliases: ["CIS-5.26", "cis", "27fcc7d6", "no-new-privileges"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: Sometimes,
    }
}

impl Rule<ComposeModel> for NoNewPrivilegesMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            if !svc.absence_is_known() {
                continue;
            }
            let opts = svc.security_opts();
            let mut explicit_false = false;
            let set = opts.iter().any(|o| {
                if o.name != "no-new-privileges" {
                    return false;
                }
                match o.value_lower().as_deref() {
                    None | Some("true") => true,
                    Some(_) => {
                        explicit_false = true;
                        false
                    }
                }
            });
            if set
                || opts
                    .iter()
                    .any(|o| o.name == "no-new-privileges" && !o.scalar.known)
            {
                continue;
            }
            let fix = if explicit_false {
                None
            } else {
                add_option(&svc)
            };
            let d = cx.report(
                svc.name_range(),
                format!(
                    "Service `{}` does not set `no-new-privileges`: setuid binaries in it can still gain privileges",
                    crate::diagnostic::shorten(svc.name())
                ),
            );
            if let Some(edit) = fix {
                d.with_fix(Fix::unsafe_(
                    "Add `no-new-privileges:true` to `security_opt`",
                    vec![edit],
                ));
            }
        }
    }
}

/// Appends `no-new-privileges:true` to the service's own `security_opt`,
/// or adds the key.
fn add_option(svc: &crate::compose::model::Service<'_>) -> Option<Edit> {
    let yaml = svc.model.yaml();
    let mapping = editable_mapping(svc)?;
    match svc.field("security_opt") {
        Some(f) => {
            let own = f.layer.origin == crate::compose::model::Origin::Own;
            if !own || f.value.via().is_some() || !f.value.is_sequence() {
                return None;
            }
            let item = if f.value.node().is_flow() {
                "\"no-new-privileges:true\""
            } else {
                "no-new-privileges:true"
            };
            append_item(yaml, f.value.id(), item)
        }
        None => insert_entry(
            yaml,
            mapping,
            "security_opt",
            NewValue::Sequence(&["no-new-privileges:true"]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&NoNewPrivilegesMissing)
            .pass([
                "services:\n  a:\n    image: a:1\n    security_opt: [no-new-privileges]\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"no-new-privileges:true\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt:\n      - no-new-privileges=true\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"no-new-privileges:${NNP}\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"no-new-privileges:false\"]\n",
                "services:\n  a:\n    image: a:1\n    security_opt: [\"label:disable\"]\n",
            ])
            .fix([
                (
                    "services:\n  a:\n    image: a:1\n    ports:\n      - \"80:80\"\n",
                    "services:\n  a:\n    image: a:1\n    ports:\n      - \"80:80\"\n    security_opt:\n      - no-new-privileges:true\n",
                ),
                (
                    "services:\n  a:\n    image: a:1\n    security_opt:\n      - apparmor:x  # keep\n    restart: always\n",
                    "services:\n  a:\n    image: a:1\n    security_opt:\n      - apparmor:x  # keep\n      - no-new-privileges:true\n    restart: always\n",
                ),
                (
                    "services:\n  a:\n    image: a:1\n    security_opt: [apparmor:x]\n",
                    "services:\n  a:\n    image: a:1\n    security_opt: [apparmor:x, \"no-new-privileges:true\"]\n",
                ),
            ])
            .test();
    }
}
