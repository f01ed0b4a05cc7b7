use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::MountKind;
use crate::declare_rule;
use crate::families::compose_services::subject_at;
use crate::rule::{Rule, RuleMeta};
use crate::rules::docker_socket_mounted::is_engine_socket;

declare_rule! {
    /// ## What it does
    /// Flags bind mounts of the host's sensitive paths:
    ///
    /// - exactly `/`, `/boot`, `/dev`, `/etc`, `/lib`, `/lib64`, `/proc`, `/sys`,
    ///   `/usr`, `/usr/lib`, `/bin`, `/sbin`, `/root`, `/run`, `/var/run`,
    ///   `/var/lib/docker` or `/lib/modules`, in any mode;
    /// - anything under `/etc/shadow`, `/etc/sudoers`, `/etc/ssh`, `/etc/docker`,
    ///   `/root`, `/var/lib/docker` or `/boot`, in any mode;
    /// - anything under `/etc`, `/proc`, `/sys`, `/lib`, `/usr/lib`, `/bin` or
    ///   `/sbin`, when writable.
    ///
    /// Never flagged: read-only `/etc/localtime` and `/etc/timezone`, `/dev/shm`,
    /// read-only subpaths of the system directories (`/proc/cpuinfo:ro`), and
    /// engine sockets (`docker-socket-mounted`).
    ///
    /// ## Why is this bad?
    /// These paths hold the host's credentials (`/etc/shadow`, SSH keys, root's
    /// home), its kernel and devices (`/proc`, `/sys`, `/dev`), its binaries, or
    /// Docker's own state. A container that can read them leaks the host's
    /// secrets; one that can write them owns the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: registry.example.com/backup:1.0
    ///     volumes:
    ///       - /etc:/host/etc
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   backup:
    ///     image: registry.example.com/backup:1.0
    ///     volumes:
    ///       - /etc/localtime:/etc/localtime:ro
    ///       - ./data:/data
    /// ```
    pub SensitiveHostPathMounted {
        code: "DW5021",
        name: "sensitive-host-path-mounted",
        aliases: ["CIS-5.6", "cis", "1c1325ff", "volume-has-sensitive-host-directory"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for SensitiveHostPathMounted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for m in svc.volumes() {
                let Some(src) = m.source else {
                    continue;
                };
                if !m.known || !matches!(m.kind, MountKind::Bind | MountKind::Other) {
                    continue;
                }
                if !src.starts_with('/') || is_engine_socket(src) {
                    continue;
                }
                let path = normalize(src);
                let Some(why) = sensitive(&path, m.read_only) else {
                    continue;
                };
                let Some(range) = m.report else { continue };
                let mode = if m.read_only { " read-only" } else { "" };
                cx.report(
                    range,
                    format!(
                        "{} mounts the host's `{path}`{mode}: {why}",
                        subject_at(&svc, m.file, m.value)
                    ),
                );
            }
        }
    }
}

/// Mounted exactly, in any mode, these are the host's system directories.
const EXACT: [&str; 17] = [
    "/",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib64",
    "/proc",
    "/sys",
    "/usr",
    "/usr/lib",
    "/bin",
    "/sbin",
    "/root",
    "/run",
    "/var/run",
    "/var/lib/docker",
    "/lib/modules",
];

/// Anything under these, in any mode, is a credential or the host's state.
const ANY_MODE: [&str; 7] = [
    "/etc/shadow",
    "/etc/sudoers",
    "/etc/ssh",
    "/etc/docker",
    "/root",
    "/var/lib/docker",
    "/boot",
];

/// Writable anywhere under these changes the host's system.
const WRITABLE: [&str; 7] = ["/etc", "/proc", "/sys", "/lib", "/usr/lib", "/bin", "/sbin"];

/// `path` is `dir` or below it.
fn under(path: &str, dir: &str) -> bool {
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/') || dir == "/")
}

/// The path without repeated or trailing slashes.
fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for part in path.split('/').filter(|p| !p.is_empty() && *p != ".") {
        out.push('/');
        out.push_str(part);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Why mounting `path` (read-only or not) exposes the host, if it does.
fn sensitive(path: &str, read_only: bool) -> Option<&'static str> {
    if read_only && matches!(path, "/etc/localtime" | "/etc/timezone") {
        return None;
    }
    if under(path, "/dev/shm") {
        return None;
    }
    if EXACT.contains(&path) {
        return Some("a system directory of the host");
    }
    if ANY_MODE.iter().any(|d| under(path, d)) {
        return Some("credentials or state of the host");
    }
    if !read_only && WRITABLE.iter().any(|d| under(path, d)) {
        return Some("writable system files of the host");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&SensitiveHostPathMounted)
            .pass([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n      - /dev/shm:/dev/shm\n      - /proc/cpuinfo:/host/cpuinfo:ro\n      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n      - ./etc:/etc/app\n      - /home/me/data:/data\n      - /var/log:/var/log/host:ro\n      - etc:/etc\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - ${HOST_ETC}:/host/etc\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - type: bind\n        source: /etc/nginx\n        target: /etc/nginx\n        read_only: true\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /:/host:ro\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /etc/ssh:/etc/ssh:ro\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /etc/nginx/conf.d:/etc/nginx/conf.d\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /var/lib/docker/containers:/containers:ro\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - type: bind\n        source: /proc/\n        target: /host/proc\n        read_only: true\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - ${ROOT:-/}:/rootfs\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /lib/modules:/lib/modules:ro\n",
            ])
            .test();
    }
}
