use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_per_instruction;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `zypper dist-upgrade` (`zypper dup`).
    ///
    /// ## Why is this bad?
    /// A distribution upgrade inside an image build moves the whole system to
    /// whatever the repositories hold that day, possibly a new release of the
    /// distribution: the image no longer matches its base, and the build is
    /// not reproducible. Use a newer base image instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper dist-upgrade -y && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper patch -y && zypper clean
    /// ```
    pub ZypperDistUpgrade {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for ZypperDistUpgrade {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let hits = cx
            .package_commands()
            .iter()
            .filter(|pc| {
                pc.manager == Manager::Zypper && pc.is_subcommand(&["dist-upgrade", "dup"])
            })
            .map(|pc| pc.hit_at_head(None))
            .collect();
        report_per_instruction(
            cx,
            hits,
            |h| {
                format!(
                    "`{}` upgrades the whole distribution during the build",
                    h[0].label
                )
            },
            "Also a distribution upgrade",
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
        Tester::new(&ZypperDistUpgrade)
            .pass([
                "FROM opensuse/leap\nRUN zypper patch -y\n",
                "FROM opensuse/leap\nRUN zypper install -y dup\n",
            ])
            .fail([
                "FROM opensuse/leap\nRUN zypper dist-upgrade -y\n",
                "FROM opensuse/leap\nRUN zypper -n dup\n",
            ])
            .test();
    }
}
