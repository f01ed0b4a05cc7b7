use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{Manager, PackageCommand, earlier_script_text_contains};
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::model::Model;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `yum install` (`groupinstall`, `localinstall`) without `-y`.
    ///
    /// Also accepted: `--assumeyes`, `yes | yum …`, and `assumeyes` set in
    /// the yum configuration by an earlier RUN of the stage. ARG and ENV
    /// values are expanded.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when yum asks "Is this ok [y/N]", it reads no
    /// answer and aborts, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: it only answers
    /// the prompt that would otherwise abort the build.
    pub YumInstallInteractive {
        code: "DL3030",
        name: "yum-install-interactive",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

/// `-y`, `--assumeyes`, `yes |`, or `assumeyes` configured earlier (shared
/// with DL3038).
pub(crate) fn rpm_assumes_yes(model: &Model, pc: &PackageCommand<'_>) -> bool {
    pc.has_opt(&['y'], &["assumeyes"])
        || pc.opts_named(&[], &["setopt"]).any(|o| {
            o.value.is_some_and(|v| {
                v.to_ascii_lowercase().starts_with("assumeyes=1")
                    || v.eq_ignore_ascii_case("assumeyes=true")
            })
        })
        || pc.inv.piped_from("yes")
        || earlier_script_text_contains(model, pc.inv, "assumeyes=")
}

impl Rule for YumInstallInteractive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(cx, &MissingOption::ASSUME_YES, |pc| {
            pc.manager == Manager::Yum
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
        Tester::new(&YumInstallInteractive)
            .pass([
                "FROM centos\nRUN yum install -y httpd\n",
                "FROM centos\nRUN yum -y groupinstall 'Development Tools'\n",
                "FROM centos\nRUN yum --assumeyes localinstall /x.rpm\n",
                "FROM centos\nRUN echo assumeyes=1 >> /etc/yum.conf\nRUN yum install httpd\n",
                "FROM centos\nRUN yum update\n",
                "FROM centos\nRUN dnf install httpd\n",
            ])
            .fail([
                "FROM centos\nRUN yum install httpd\n",
                "FROM centos\nRUN yum -q groupinstall x\n",
            ])
            .fix([(
                "FROM centos\nRUN yum install httpd && yum clean all\n",
                "FROM centos\nRUN yum install -y httpd && yum clean all\n",
            )])
            .test();
    }
}
