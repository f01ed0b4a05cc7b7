use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject_at;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a published host port 2375 or 2376 (in a range too): the Docker
    /// Engine API's ports.
    ///
    /// ## Why is this bad?
    /// Whatever listens there is usually an engine API (a socket proxy, a
    /// Docker-in-Docker daemon), and whoever reaches the engine API controls
    /// the host. Ports 2375/2376 are also what scanners look for; keep such a
    /// service on an internal network.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   dind:
    ///     image: docker:27-dind
    ///     ports:
    ///       - "2375:2375"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   dind:
    ///     image: docker:27-dind
    ///     expose: ["2376"]
    /// ```
    pub DockerApiPortPublished {
        code: "DW5072",
        name: "docker-api-port-published",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for DockerApiPortPublished {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for port in svc.ports() {
                let Some((lo, hi)) = port.spec.published_range() else {
                    continue;
                };
                let Some(p) = [2375, 2376].into_iter().find(|p| lo <= *p && *p <= hi) else {
                    continue;
                };
                let Some(range) = port.report else { continue };
                cx.report(
                    range,
                    format!(
                        "{} publishes host port {p}, the Docker API's port",
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
        ComposeTester::new_for(&DockerApiPortPublished)
            .pass([
                "services:\n  a:\n    image: a:1\n    ports: [\"2377:2377\", \"2375\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    ports: [\"127.0.0.1:2376:2376\"]\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - target: 2375\n        published: 2370-2380\n",
            ])
            .test();
    }
}
