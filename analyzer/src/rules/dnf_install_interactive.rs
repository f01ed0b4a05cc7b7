use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::rule::{Rule, RuleMeta};
use crate::rules::yum_install_interactive::rpm_assumes_yes;

declare_rule! {
    /// ## What it does
    /// Flags `dnf install` (`groupinstall`, `localinstall`; also `microdnf`
    /// and `tdnf`) without `-y`.
    ///
    /// Also accepted: `--assumeyes`, `yes | dnf …`, and `assumeyes` set in
    /// the dnf configuration by an earlier RUN of the stage. ARG and ENV
    /// values are expanded.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when dnf asks "Is this ok [y/N]", it reads no
    /// answer and aborts, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: it only answers
    /// the prompt that would otherwise abort the build.
    pub DnfInstallInteractive {
        code: "DL3038",
        name: "dnf-install-interactive",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for DnfInstallInteractive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(cx, &MissingOption::ASSUME_YES, |pc| {
            pc.manager.is_rpm_family()
                && pc.manager != Manager::Yum
                && pc.is_subcommand(&["install", "groupinstall", "localinstall"])
                && !rpm_assumes_yes(model, pc)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&DnfInstallInteractive)
            .pass([
                "FROM fedora\nRUN dnf install -y httpd\n",
                "FROM fedora\nRUN microdnf --assumeyes install shadow-utils\n",
                "FROM fedora\nRUN dnf -y groupinstall x\n",
                "FROM fedora\nRUN yum install httpd\n",
                "FROM fedora\nRUN dnf upgrade\n",
            ])
            .fail([
                "FROM fedora\nRUN dnf install httpd\n",
                "FROM fedora\nRUN microdnf install shadow-utils\n",
                "FROM photon\nRUN tdnf install curl\n",
            ])
            .fix([(
                "FROM fedora\nRUN microdnf install --nodocs tar && microdnf clean all\n",
                "FROM fedora\nRUN microdnf install -y --nodocs tar && microdnf clean all\n",
            )])
            .test();
    }
}
