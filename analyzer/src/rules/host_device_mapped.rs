use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::MountKind;
use crate::declare_rule;
use crate::families::compose_services::{subject, subject_at};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags host devices given to a service: each `devices` entry, bind mounts
    /// of a path under `/dev` (not `/dev/shm`; `/dev` itself is
    /// `sensitive-host-path-mounted`), and `device_cgroup_rules` that allow
    /// every device (`a *:* rwm`).
    ///
    /// ## Why is this bad?
    /// A device node is a direct line to a kernel driver: a disk read raw, a
    /// GPU, a serial port, `/dev/kvm`. Each one widens what a compromised
    /// container can reach; list the devices a service needs and nothing more.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   iot:
    ///     image: registry.example.com/iot:1.2
    ///     devices:
    ///       - /dev/ttyUSB0:/dev/ttyUSB0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   iot:
    ///     image: registry.example.com/iot:1.2
    /// ```
    pub HostDeviceMapped {
        code: "DW5023",
        name: "host-device-mapped",
        aliases: ["CIS-5.18", "cis"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for HostDeviceMapped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for d in svc.devices() {
                let Some(range) = d.report else { continue };
                if !d.known {
                    continue;
                }
                cx.report(
                    range,
                    format!(
                        "{} is given the host device `{}`",
                        subject_at(&svc, d.file, d.value),
                        d.source
                    ),
                );
            }
            for m in svc.volumes() {
                let Some(src) = m.source else {
                    continue;
                };
                if !m.known || !matches!(m.kind, MountKind::Bind | MountKind::Other) {
                    continue;
                }
                let Some(rest) = src.strip_prefix("/dev/") else {
                    continue;
                };
                let rest = rest.trim_end_matches('/');
                if rest.is_empty() || rest == "shm" || rest.starts_with("shm/") {
                    continue;
                }
                let Some(range) = m.report else { continue };
                cx.report(
                    range,
                    format!(
                        "{} mounts the host device path `{src}`",
                        subject_at(&svc, m.file, m.value)
                    ),
                );
            }
            for s in svc.strings("device_cgroup_rules") {
                let Some(text) = s.known() else { continue };
                if text.split_whitespace().next() != Some("a") {
                    continue;
                }
                let Some(range) = s.range() else { continue };
                cx.report(
                    range,
                    format!(
                        "{} may use every device of the host (`device_cgroup_rules: {text}`)",
                        subject(&svc, &s)
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
        ComposeTester::new_for(&HostDeviceMapped)
            .pass([
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /dev/shm:/dev/shm\n      - /dev:/dev\n",
                "services:\n  a:\n    image: a:1\n    device_cgroup_rules: [\"c 189:* rmw\"]\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    devices:\n      - /dev/kvm\n      - source: /dev/fuse\n        target: /dev/fuse\n",
                "services:\n  a:\n    image: a:1\n    volumes:\n      - /dev/bus/usb:/dev/bus/usb\n",
                "services:\n  a:\n    image: a:1\n    device_cgroup_rules:\n      - \"a *:* rwm\"\n",
            ])
            .test();
    }
}
