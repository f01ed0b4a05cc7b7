use crate::checker::Checker;
use crate::compose::interpolate::UNKNOWN;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject_at;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a bind mount with `shared`, `rshared`, `slave` or `rslave`
    /// propagation (short-syntax option or long-syntax `bind.propagation`).
    ///
    /// ## Why is this bad?
    /// With shared propagation, mounts made inside the container appear on the
    /// host (and with slave propagation, the host's new mounts appear inside).
    /// A container that can mount can then change what the host sees under that
    /// path. The default, `rprivate`, keeps them apart.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   storage:
    ///     image: registry.example.com/storage:4.1
    ///     volumes:
    ///       - /mnt/data:/data:rshared
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   storage:
    ///     image: registry.example.com/storage:4.1
    ///     volumes:
    ///       - /mnt/data:/data
    /// ```
    pub MountPropagationShared {
        code: "DW5022",
        name: "mount-propagation-shared",
        aliases: ["CIS-5.20", "cis", "baa452f0"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for MountPropagationShared {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for m in svc.volumes() {
                let Some(p) = m.propagation else {
                    continue;
                };
                if !matches!(p, "shared" | "rshared" | "slave" | "rslave") {
                    continue;
                }
                let Some(range) = m.report else { continue };
                cx.report(
                    range,
                    format!(
                        "{} mounts `{}` with `{p}` propagation: mounts cross between the container and the host",
                        subject_at(&svc, m.file, m.value),
                        m.source.unwrap_or("?").replace(UNKNOWN, "…")
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
        ComposeTester::new_for(&MountPropagationShared)
            .pass([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /mnt:/mnt:ro,rprivate\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /mnt:/mnt:ro,rshared\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: slave\n",
            ])
            .test();
    }
}
