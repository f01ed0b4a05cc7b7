use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `zypper install` (`zypper in`) without a
    /// version constraint (`package=version`, `package>=version`).
    ///
    /// Not flagged: `.rpm` files, paths and URLs, patterns, patches and
    /// products (`-t pattern`, `pattern:x`), and packages whose name comes
    /// from a variable with no known value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the repository holds
    /// that day: rebuilding the same Dockerfile gives a different image, and
    /// an update can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    pub ZypperPackageUnpinned {
        code: "DL3037",
        name: "zypper-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A package operand with no version constraint.
fn unpinned(v: &str) -> bool {
    !(v.contains(['=', '<', '>', '/', ':']) || v.ends_with(".rpm"))
}

impl Rule for ZypperPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            let installs = pc.manager == Manager::Zypper
                && pc.is_subcommand(&["install", "in"])
                && pc
                    .opts_named(&['t'], &["type"])
                    .all(|o| o.value == Some("package"));
            pc.unpinned_operands(installs, unpinned)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ZypperPackageUnpinned)
            .pass([
                "FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 'git>=2.40'\n",
                "FROM opensuse/leap\nRUN zypper --non-interactive in /tmp/x.rpm pattern:devel_basis\n",
                "FROM opensuse/leap\nRUN zypper in -y -t pattern devel_basis\n",
                "FROM opensuse/leap\nRUN zypper in -y $PKGS\n",
            ])
            .fail([
                "FROM opensuse/leap\nRUN zypper install -y curl\n",
                "FROM opensuse/leap\nRUN zypper -n in -r repo-oss git curl=8\n",
            ])
            .test();
    }
}
