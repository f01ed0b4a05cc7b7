use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{Manager, PackageCommand};
use crate::families::package_rules::report_per_instruction;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags upgrades of every installed package during the build:
    /// `apt-get upgrade`, `dist-upgrade`, `full-upgrade` (also `apt`),
    /// `apk upgrade`, `yum|dnf|microdnf|tdnf update|upgrade|distro-sync` and
    /// `zypper update` without package names. `zypper dist-upgrade` is
    /// DL3035's. Upgrading named packages is not flagged.
    ///
    /// Off by default: hadolint removed its equivalent rules (DL3005, DL3017,
    /// DL3031, DL3039) and Trivy deprecated DS-0024, because upgrading picks
    /// up security fixes the base image has not shipped yet. Enable it where
    /// images must contain exactly what their base image pins.
    ///
    /// ## Why is this bad?
    /// The image's packages depend on the day of the build instead of on the
    /// base image: two builds of the same Dockerfile differ, an upgrade can
    /// break the build unnoticed, and the layer duplicates much of the base
    /// image. A newer base image gives the same fixes reproducibly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get -y dist-upgrade
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.7
    /// RUN apt-get update && apt-get install -y --only-upgrade openssl
    /// ```
    pub SystemUpgrade {
        code: "DW3002",
        name: "system-upgrade",
        aliases: ["DS-0024"],
        severity: Info,
        category: BestPractice,
        default: false,
        fix: None,
    }
}

fn upgrades_everything(pc: &PackageCommand<'_>) -> bool {
    let subcommands: &[&str] = match pc.manager {
        m if m.is_apt() => &["upgrade", "dist-upgrade", "full-upgrade"],
        Manager::Apk => &["upgrade"],
        m if m.is_rpm_family() => &[
            "update",
            "upgrade",
            "distro-sync",
            "distrosync",
            "dsync",
            "update-minimal",
            "upgrade-minimal",
            "up",
        ],
        Manager::Zypper => &["update", "up"],
        _ => return false,
    };
    pc.is_subcommand(subcommands)
        && pc
            .operands_after_subcommand()
            .all(|a| a.text().starts_with('-') || a.text().is_empty())
}

impl Rule for SystemUpgrade {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let hits = cx
            .package_commands()
            .iter()
            .filter(|pc| upgrades_everything(pc))
            .map(|pc| pc.hit_at_head(None))
            .collect();
        report_per_instruction(
            cx,
            hits,
            |h| {
                format!(
                    "`{}` upgrades every installed package during the build",
                    h[0].label
                )
            },
            "Also an upgrade",
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SystemUpgrade)
            .pass([
                "FROM debian\nRUN apt-get install -y --only-upgrade openssl\n",
                "FROM alpine\nRUN apk upgrade --no-cache openssl\n",
                "FROM centos\nRUN yum update -y openssl\n",
                "FROM opensuse/leap\nRUN zypper dup -y\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get update && apt-get -y upgrade\n",
                "FROM debian\nRUN apt full-upgrade -y\n",
                "FROM alpine\nRUN apk upgrade --no-cache\n",
                "FROM centos\nRUN yum -y update && yum clean all\n",
                "FROM fedora\nRUN dnf distro-sync -y\n",
                "FROM opensuse/leap\nRUN zypper -n up\n",
            ])
            .test();
    }
}
