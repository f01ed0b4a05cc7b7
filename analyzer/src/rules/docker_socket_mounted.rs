use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::MountKind;
use crate::declare_rule;
use crate::families::compose_services::{subject, subject_at};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a bind mount of a container engine's API socket (`docker.sock`,
    /// `podman.sock`, `containerd.sock`, `crio.sock`, `cri-dockerd.sock`, in any
    /// directory), in the short or the long volume syntax, read-only or not; and
    /// `use_api_socket: true`, which mounts the Docker socket for the service.
    ///
    /// ## Why is this bad?
    /// Whoever can talk to the engine's socket can start a privileged container
    /// that mounts the host's root filesystem: it is root on the host. A
    /// read-only mount does not help: `:ro` only stops the socket file from
    /// being replaced, not requests from being sent through it. Give the
    /// service a narrow API proxy, or run the tool on the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ui:
    ///     image: registry.example.com/ui:2.3
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock:ro
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   ui:
    ///     image: registry.example.com/ui:2.3
    ///     environment:
    ///       DOCKER_HOST: tcp://socket-proxy:2375
    /// ```
    pub DockerSocketMounted {
        code: "DW5020",
        name: "docker-socket-mounted",
        aliases: ["CIS-5.32", "cis", "d6355c88", "docker-socket-mounted-in-container", "exposing-docker-socket-volume"],
        severity: Error,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for DockerSocketMounted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for m in svc.volumes() {
                let Some(src) = m.source else {
                    continue;
                };
                if !m.known
                    || !matches!(m.kind, MountKind::Bind | MountKind::Other)
                    || !is_engine_socket(src)
                {
                    continue;
                }
                let Some(range) = m.report else { continue };
                let ro = if m.read_only {
                    " (read-only does not limit what can be sent through it)"
                } else {
                    ""
                };
                let who = subject_at(&svc, m.file, m.value);
                cx.report(
                    range,
                    format!("{who} mounts the engine socket `{src}`{ro}: full control of the host"),
                );
            }
            if let Some((true, s)) = svc.bool("use_api_socket")
                && let Some(range) = s.range()
            {
                cx.report(
                    range,
                    format!(
                        "{} sets `use_api_socket`: the Docker socket, full control of the host",
                        subject(&svc, &s)
                    ),
                );
            }
        }
    }
}

/// Sockets that give full control of a container engine.
const SOCKETS: [&str; 5] = [
    "docker.sock",
    "podman.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
];

/// Whether a host path is an engine's API socket.
pub(crate) fn is_engine_socket(path: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    SOCKETS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&DockerSocketMounted)
            .pass([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - ./data:/data\n      - /var/run/docker:/x\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - sock:/var/run/docker.sock\nvolumes:\n  sock: {}\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - type: bind\n        source: /run/podman/podman.sock\n        target: /var/run/docker.sock\n        read_only: true\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - ${SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n",
                "services:\n  a:\n    image: a:1\n    use_api_socket: true\n",
            ])
            .test();
    }
}
