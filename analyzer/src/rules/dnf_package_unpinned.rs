use crate::checker::Checker;
use crate::declare_rule;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};
use crate::rules::yum_package_unpinned::rpm_unpinned_operands;

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `dnf install` (also `microdnf`, `tdnf`)
    /// without a version (`package-version`), and modules enabled with
    /// `dnf module install` without a stream (`module:stream`).
    ///
    /// Not flagged: `.rpm` files, paths and URLs, groups (`@group`,
    /// `dnf group install`), and packages whose name or version comes from a
    /// variable with no known value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the repository holds
    /// that day: rebuilding the same Dockerfile gives a different image, and
    /// an update can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    pub DnfPackageUnpinned {
        code: "DL3041",
        name: "dnf-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for DnfPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            if pc.manager.is_rpm_family() && pc.inv.program != "yum" {
                rpm_unpinned_operands(pc)
            } else {
                Vec::new()
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&DnfPackageUnpinned)
            .pass([
                "FROM fedora\nRUN dnf install -y httpd-2.4.62 mariadb-10.4\n",
                "FROM fedora\nRUN microdnf install -y /tmp/x.rpm @core\n",
                "FROM fedora\nRUN dnf group install -y 'Development Tools'\n",
                "FROM fedora\nRUN dnf module install -y nodejs:20/common\n",
                "FROM fedora\nRUN dnf install -y nginx-${NGINX_VERSION}\n",
                "FROM fedora\nRUN yum install -y httpd\n",
            ])
            .fail([
                "FROM fedora\nRUN dnf install -y httpd\n",
                "FROM fedora\nRUN microdnf --nodocs install -y shadow-utils tar-1.34\n",
                "FROM photon\nRUN tdnf install -y curl\n",
                "FROM fedora\nRUN dnf module install -y nodejs\n",
            ])
            .test();
    }
}
