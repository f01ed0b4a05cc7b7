use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `cap_add` entries that give power over the host: `ALL`,
    /// `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `SYS_RAWIO`,
    /// `DAC_READ_SEARCH`, `SYS_BOOT`, `MAC_ADMIN`, `MAC_OVERRIDE`, `BPF`,
    /// `PERFMON`, `SYS_TIME`, `SYSLOG` and `LINUX_IMMUTABLE`. Case and the
    /// `CAP_` prefix are ignored.
    ///
    /// ## Why is this bad?
    /// Each of these capabilities is a known path from the container to the
    /// host (mounting the host's disks, loading kernel modules, tracing other
    /// processes, reading files by handle). Docker leaves them out of its
    /// default set for that reason; add only the narrow capability the service
    /// needs.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: registry.example.com/vpn:2.1
    ///     cap_add: [SYS_ADMIN]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   vpn:
    ///     image: registry.example.com/vpn:2.1
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    pub DangerousCapabilityAdded {
        code: "DW5002",
        name: "dangerous-capability-added",
        aliases: ["CIS-5.4", "cis", "ce76b7d0", "container-capabilities-unrestricted"],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for DangerousCapabilityAdded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for (name, s) in svc.capabilities("cap_add") {
                let Some(&(_, why)) = DANGEROUS.iter().find(|(c, _)| *c == name) else {
                    continue;
                };
                let Some(range) = s.range() else { continue };
                cx.report(
                    range,
                    format!("{} adds the capability `{name}`: {why}", subject(&svc, &s)),
                );
            }
        }
    }
}

/// Capabilities that give a container power over the host, and why.
const DANGEROUS: [(&str, &str); 15] = [
    ("ALL", "every capability"),
    ("SYS_ADMIN", "mounts, namespaces and most of root's power"),
    (
        "NET_ADMIN",
        "control of the network stack: interfaces, routes, firewall",
    ),
    ("SYS_PTRACE", "tracing and reading other processes"),
    ("SYS_MODULE", "loading kernel modules"),
    ("SYS_RAWIO", "raw access to I/O ports and devices"),
    (
        "DAC_READ_SEARCH",
        "reading any file by handle (the shocker escape)",
    ),
    ("SYS_BOOT", "rebooting the host"),
    ("MAC_ADMIN", "changing the mandatory access control policy"),
    (
        "MAC_OVERRIDE",
        "bypassing the mandatory access control policy",
    ),
    ("BPF", "loading BPF programs into the kernel"),
    ("PERFMON", "kernel performance monitoring"),
    ("SYS_TIME", "setting the host's clock"),
    ("SYSLOG", "reading and clearing the kernel log"),
    (
        "LINUX_IMMUTABLE",
        "changing immutable and append-only files",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&DangerousCapabilityAdded)
            .pass([
                "services:\n  a:\n    image: a:1\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n",
                "services:\n  a:\n    image: a:1\n    cap_add: [\"${CAP}\"]\n",
                "services:\n  a:\n    image: a:1\n    cap_drop: [SYS_ADMIN]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    cap_add:\n      - SYS_ADMIN\n      - NET_BIND_SERVICE\n      - cap_net_admin\n",
                "services:\n  a:\n    image: a:1\n    cap_add: [ALL]\n",
                "services:\n  a:\n    image: a:1\n    cap_add: [\"${CAP:-SYS_PTRACE}\"]\n",
            ])
            .test();
    }
}
