use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{PackageCommand, earlier_script_text_contains};
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::model::Model;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` (and the other `apt-get` / `apt` commands that
    /// ask for confirmation: `upgrade`, `dist-upgrade`, `remove`, `purge`,
    /// `autoremove`, `build-dep`, …) run without `-y`.
    ///
    /// Also accepted: `--yes`, `--assume-yes`, `-qq` (quiet level 2 implies
    /// `-y`), `-o APT::Get::Assume-Yes=true`, `yes | apt-get …`, and an
    /// `APT::Get::Assume-Yes` setting written by an earlier RUN of the stage.
    /// ARG and ENV values are expanded (`apt-get install $APT_OPTS curl`).
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when apt asks "Do you want to continue?",
    /// it reads no answer and aborts, and the build fails as soon as an
    /// install pulls in an extra package.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand. It is safe: it only answers
    /// the prompt that would otherwise abort the build.
    pub AptGetInstallInteractive {
        code: "DL3014",
        name: "apt-get-install-interactive",
        aliases: ["DS-0021"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

/// Subcommands that may ask for confirmation.
const PROMPTING: &[&str] = &[
    "install",
    "reinstall",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "build-dep",
    "satisfy",
];

fn assumes_yes(model: &Model, pc: &PackageCommand<'_>) -> bool {
    let quiet: u32 = pc
        .opts_named(&['q'], &["quiet"])
        .map(|o| match &o.value {
            Some(v) => v.parse().unwrap_or(1),
            None => 1,
        })
        .sum();
    quiet >= 2
        || pc.has_opt(&['y'], &["yes", "assume-yes"])
        || pc.opts_named(&['o'], &["option"]).any(|o| {
            o.value.is_some_and(|v| {
                v.split_once('=').is_some_and(|(k, val)| {
                    k.eq_ignore_ascii_case("APT::Get::Assume-Yes")
                        && matches!(val.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                })
            })
        })
        || pc.inv.piped_from("yes")
        || earlier_script_text_contains(model, pc.inv, "APT::Get::Assume-Yes")
}

impl Rule for AptGetInstallInteractive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(cx, &MissingOption::ASSUME_YES, |pc| {
            pc.manager.is_apt() && pc.is_subcommand(PROMPTING) && !assumes_yes(model, pc)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AptGetInstallInteractive)
            .pass([
                "FROM debian\nRUN apt-get install -y curl\n",
                "FROM debian\nRUN apt-get -yq install curl && apt-get --yes remove x\n",
                "FROM debian\nRUN apt-get --assume-yes install curl\n",
                "FROM debian\nRUN apt-get -qq install curl && apt-get -q -q purge x\n",
                "FROM debian\nRUN apt-get -q=2 install curl\n",
                "FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
                "FROM debian\nRUN yes | apt-get install curl\n",
                "FROM debian\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n",
                "FROM debian\nARG APT_OPTS=\"-y --no-install-recommends\"\nRUN apt-get install $APT_OPTS curl\n",
                "FROM debian\nRUN apt-get update && apt-get clean\n",
                "FROM debian\nRUN apt-get install -y curl=1 # apt-get install x\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get install curl\n",
                "FROM debian\nRUN apt-get -q install curl\n",
                "FROM debian\nRUN apt-get update && apt-get upgrade && apt-get install -y x\n",
                "FROM debian\nRUN apt install nano\n",
                "FROM debian\nRUN apt-get install $OPTS curl\n",
            ])
            .fix([
                (
                    "FROM debian\nRUN apt-get update \\\n && apt-get install curl \\\n && apt-get upgrade\n",
                    "FROM debian\nRUN apt-get update \\\n && apt-get install -y curl \\\n && apt-get upgrade -y\n",
                ),
                (
                    "FROM debian\nRUN <<EOF\napt-get install --no-install-recommends git\nEOF\n",
                    "FROM debian\nRUN <<EOF\napt-get install -y --no-install-recommends git\nEOF\n",
                ),
            ])
            .test();
    }
}
