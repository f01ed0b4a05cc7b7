use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{
    Manager, PackageCommand, path_covers, removes_path, shell_string_mentions,
};
use crate::families::package_rules::{Cleanup, report_not_cleaned};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs packages with `yum install` (`groupinstall`,
    /// `localinstall`, `reinstall`) without running `yum clean all` after it
    /// in the same RUN.
    ///
    /// Also accepted: removing `/var/cache/yum` with `rm`, `dnf clean all`,
    /// and a cache or tmpfs mount on `/var/cache/yum`
    /// (`RUN --mount=type=cache,target=/var/cache/yum`), and a `sh -c '…'`
    /// string mentioning `clean all` or the cache.
    ///
    /// ## Why is this bad?
    /// yum keeps the repository metadata (and, depending on the
    /// configuration, the downloaded packages) under `/var/cache/yum`. Left
    /// there, it weighs in the layer; removed by a later RUN, it still does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    pub YumCacheKept {
        code: "DL3032",
        name: "yum-cache-kept",
        aliases: ["DS-0015"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// `yum|dnf|microdnf|tdnf clean all` (shared with DL3040).
pub(crate) fn is_rpm_clean_all(pc: &PackageCommand<'_>) -> bool {
    pc.manager.is_rpm_family()
        && pc.is_subcommand(&["clean"])
        && pc.operands_after_subcommand().any(|a| a.is("all"))
}

impl Rule for YumCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_not_cleaned(
            cx,
            &Cleanup {
                fills: &|pc| {
                    pc.manager == Manager::Yum
                        && pc.is_subcommand(&[
                            "install",
                            "groupinstall",
                            "localinstall",
                            "reinstall",
                        ])
                },
                mounted: &|t| path_covers(t, "/var/cache/yum"),
                cleans: &|later, pc| {
                    removes_path(later, "/var/cache/yum")
                        || shell_string_mentions(later, &["clean all", "/var/cache/yum"])
                        || pc.is_some_and(is_rpm_clean_all)
                },
                message: &|label| {
                    format!("`{label}` is not followed by `yum clean all` in the same RUN")
                },
                related: "Also not cleaned",
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&YumCacheKept)
            .pass([
                "FROM centos\nRUN yum install -y httpd && yum clean all\n",
                "FROM centos\nRUN yum install -y httpd && yum -q clean all && rm -rf /var/cache/yum\n",
                "FROM centos\nRUN yum install -y httpd && rm -rf /var/cache/yum/*\n",
                "FROM centos\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n",
                "FROM centos\nRUN yum update -y\n",
                "FROM centos\nRUN yum install -y x && sh -ec 'yum clean all'\n",
            ])
            .fail([
                "FROM centos\nRUN yum install -y httpd\n",
                "FROM centos\nRUN yum clean all && yum install -y httpd\n",
                "FROM centos\nRUN yum install -y httpd && yum clean metadata\n",
                "FROM centos\nRUN yum install -y a && yum clean all && yum install -y b\n",
            ])
            .test();
    }
}
