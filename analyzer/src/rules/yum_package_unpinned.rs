use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::Arg;
use crate::facts::package_commands::{Manager, PackageCommand, rpm_unpinned};
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `yum install` without a version
    /// (`package-version`), and modules enabled with `yum module install`
    /// without a stream (`module:stream`).
    ///
    /// Not flagged: `.rpm` files, paths and URLs, groups (`@group`), and
    /// packages whose name or version comes from a variable with no known
    /// value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the repository holds
    /// that day: rebuilding the same Dockerfile gives a different image, and
    /// an update can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    pub YumPackageUnpinned {
        code: "DL3033",
        name: "yum-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// The unpinned packages and modules of an rpm-family install command
/// (shared with DL3041): `install` packages without a `-version`, `module
/// install` modules without a `:stream`.
pub(crate) fn rpm_unpinned_operands<'a>(pc: &PackageCommand<'a>) -> Vec<&'a Arg<'a>> {
    if pc.is_subcommand(&["install"]) {
        return pc
            .operands_after_subcommand()
            .filter(|a| rpm_unpinned(a))
            .collect();
    }
    if pc.is_subcommand(&["module"]) && pc.operand(1).is_some_and(|a| a.is("install")) {
        return pc
            .operands_after_subcommand()
            .skip(1)
            .filter(|a| {
                a.known()
                    .is_some_and(|v| !v.starts_with('-') && !v.contains(':'))
            })
            .collect();
    }
    Vec::new()
}

impl Rule for YumPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| match pc.manager {
            Manager::Yum => rpm_unpinned_operands(pc),
            _ => Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&YumPackageUnpinned)
            .pass([
                "FROM centos\nRUN yum install -y httpd-2.4.6 python3-devel-3.6.8-1.el7 gcc-c++-4.8.5\n",
                "FROM centos\nRUN yum install -y /tmp/x.rpm https://example.com/y.rpm @development\n",
                "FROM centos\nRUN yum install -y nginx-$NGINX_VERSION $EXTRA\n",
                "FROM centos\nARG V=1.2\nRUN yum install -y foo-$V\n",
                "FROM centos\nRUN yum module install -y nodejs:18\n",
                "FROM centos\nRUN yum --enablerepo epel install -y jq-1.6\n",
                "FROM centos\nRUN yum update -y && yum clean all\n",
            ])
            .fail([
                "FROM centos\nRUN yum install -y httpd\n",
                "FROM centos\nRUN yum install -y epel-release gcc-c++ git-2.1\n",
                "FROM centos\nRUN yum module install -y nodejs\n",
                "FROM centos\nARG P=\"jq wget\"\nRUN yum install -y $P\n",
            ])
            .test();
    }
}
