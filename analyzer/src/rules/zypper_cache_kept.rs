use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{Manager, path_covers, removes_path, shell_string_mentions};
use crate::families::package_rules::{Cleanup, report_not_cleaned};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs packages with `zypper install` (`zypper in`)
    /// without running `zypper clean` (`zypper cc`) after it in the same RUN.
    ///
    /// Also accepted: removing `/var/cache/zypp` with `rm`, and a cache or
    /// tmpfs mount on it (`RUN --mount=type=cache,target=/var/cache/zypp`),
    /// and a `sh -c '…'` string mentioning `zypper clean` or the cache.
    ///
    /// ## Why is this bad?
    /// zypper keeps repository metadata and downloaded packages under
    /// `/var/cache/zypp`. Left there, they weigh in the layer; removed by a
    /// later RUN, they still do.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean --all
    /// ```
    pub ZypperCacheKept {
        code: "DL3036",
        name: "zypper-cache-kept",
        aliases: ["DS-0020"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

const CACHE: &str = "/var/cache/zypp";

impl Rule for ZypperCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_not_cleaned(
            cx,
            &Cleanup {
                fills: &|pc| pc.manager == Manager::Zypper && pc.is_subcommand(&["install", "in"]),
                mounted: &|t| path_covers(t, CACHE),
                cleans: &|later, pc| {
                    removes_path(later, CACHE)
                        || shell_string_mentions(later, &["zypper clean", "zypper cc", CACHE])
                        || pc.is_some_and(|c| {
                            c.manager == Manager::Zypper && c.is_subcommand(&["clean", "cc"])
                        })
                },
                message: &|label| {
                    format!("`{label}` is not followed by `zypper clean` in the same RUN")
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
        Tester::new(&ZypperCacheKept)
            .pass([
                "FROM opensuse/leap\nRUN zypper install -y curl && zypper clean\n",
                "FROM opensuse/leap\nRUN zypper -n in curl && zypper cc -a\n",
                "FROM opensuse/leap\nRUN zypper in -y curl && rm -rf /var/cache/zypp/*\n",
                "FROM opensuse/leap\nRUN --mount=type=cache,target=/var/cache/zypp zypper in -y curl\n",
                "FROM opensuse/leap\nRUN zypper refresh\n",
            ])
            .fail([
                "FROM opensuse/leap\nRUN zypper install -y curl\n",
                "FROM opensuse/leap\nRUN zypper clean && zypper in -y curl\n",
            ])
            .test();
    }
}
