use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{Manager, path_covers, removes_path, shell_string_mentions};
use crate::families::package_rules::{Cleanup, report_not_cleaned};
use crate::rule::{Rule, RuleMeta};
use crate::rules::yum_cache_kept::is_rpm_clean_all;

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs packages with `dnf install` (also `microdnf`
    /// and `tdnf`) without running `dnf clean all` (or `microdnf clean all`)
    /// after it in the same RUN.
    ///
    /// Also accepted: removing the cache (`/var/cache/dnf`, `/var/cache/yum`,
    /// `/var/cache/libdnf5`) with `rm`, and a cache or tmpfs mount over it
    /// (`RUN --mount=type=cache,target=/var/cache/dnf`), and a `sh -c '…'`
    /// string mentioning `clean all` or the cache.
    ///
    /// ## Why is this bad?
    /// dnf keeps the repository metadata under `/var/cache/dnf`. Left there,
    /// it weighs in the layer; removed by a later RUN, it still does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    pub DnfCacheKept {
        code: "DL3040",
        name: "dnf-cache-kept",
        aliases: ["DS-0019", "DS-0027"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

const CACHES: [&str; 3] = ["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"];

impl Rule for DnfCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_not_cleaned(
            cx,
            &Cleanup {
                fills: &|pc| {
                    pc.manager.is_rpm_family()
                        && pc.manager != Manager::Yum
                        && pc.is_subcommand(&[
                            "install",
                            "groupinstall",
                            "localinstall",
                            "reinstall",
                        ])
                },
                mounted: &|t| CACHES.iter().any(|c| path_covers(t, c)),
                cleans: &|later, pc| {
                    CACHES.iter().any(|c| removes_path(later, c))
                        || shell_string_mentions(
                            later,
                            &["clean all", "/var/cache/dnf", "/var/cache/libdnf5"],
                        )
                        || pc.is_some_and(is_rpm_clean_all)
                },
                message: &|label| {
                    format!("`{label}` is not followed by `dnf clean all` in the same RUN")
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
        Tester::new(&DnfCacheKept)
            .pass([
                "FROM fedora\nRUN dnf install -y httpd && dnf clean all\n",
                "FROM fedora\nRUN microdnf install -y tar && microdnf clean all\n",
                "FROM fedora\nRUN dnf install -y x && rm -rf /var/cache/dnf\n",
                "FROM fedora\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y x\n",
                "FROM fedora\nRUN --mount=type=cache,target=/var/cache dnf install -y x\n",
                "FROM fedora\nRUN yum install -y x\n",
            ])
            .fail([
                "FROM fedora\nRUN dnf install -y httpd\n",
                "FROM fedora\nRUN microdnf install -y tar\n",
                "FROM fedora\nRUN dnf clean all && dnf install -y x\n",
                "FROM photon\nRUN tdnf install -y curl\n",
            ])
            .test();
    }
}
