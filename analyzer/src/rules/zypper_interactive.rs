use crate::Applicability;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `zypper install`, `remove`, `source-install` and `patch` (and
    /// their short forms `in`, `rm`, `si`) run without `-y` /
    /// `--no-confirm` or the global `-n` / `--non-interactive`.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when zypper asks "Continue? [y/n/v/...?]", it
    /// reads no answer and aborts, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: it only answers
    /// the prompt that would otherwise abort the build.
    pub ZypperInteractive {
        code: "DL3034",
        name: "zypper-interactive",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ZypperInteractive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_missing_option(
            cx,
            &MissingOption {
                option: "-y",
                what: "without `-y` or `-n` aborts at the confirmation prompt",
                related: "Also interactive",
                fix: Applicability::Safe,
            },
            |pc| {
                pc.manager == Manager::Zypper
                    && pc.is_subcommand(&[
                        "install",
                        "in",
                        "remove",
                        "rm",
                        "source-install",
                        "si",
                        "patch",
                    ])
                    && !pc.has_opt(&['y', 'n'], &["no-confirm", "non-interactive"])
                    && !pc.inv.piped_from("yes")
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
        Tester::new(&ZypperInteractive)
            .pass([
                "FROM opensuse/leap\nRUN zypper install -y curl\n",
                "FROM opensuse/leap\nRUN zypper -n in curl && zypper --non-interactive rm x\n",
                "FROM opensuse/leap\nRUN zypper in --no-confirm curl\n",
                "FROM opensuse/leap\nRUN zypper refresh && zypper clean\n",
            ])
            .fail([
                "FROM opensuse/leap\nRUN zypper install curl\n",
                "FROM opensuse/leap\nRUN zypper patch\n",
            ])
            .fix([(
                "FROM opensuse/leap\nRUN zypper in curl\n",
                "FROM opensuse/leap\nRUN zypper in -y curl\n",
            )])
            .test();
    }
}
