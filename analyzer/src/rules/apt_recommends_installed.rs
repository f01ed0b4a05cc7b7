use crate::Applicability;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{PackageCommand, earlier_script_text_contains};
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::model::Model;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` (or `apt install`) without
    /// `--no-install-recommends`.
    ///
    /// Also accepted: `--install-recommends=no`,
    /// `-o APT::Install-Recommends=false`, and an `APT::Install-Recommends`
    /// setting written by an earlier RUN of the stage. ARG and ENV values are
    /// expanded.
    ///
    /// ## Why is this bad?
    /// By default apt also installs every package the requested ones
    /// *recommend*: documentation, optional tools and their dependencies,
    /// often doubling the image for nothing the application uses.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-install-recommends` after `install`. It is unsafe:
    /// packages that were installed only as recommendations disappear, and
    /// something in the image may rely on one of them.
    pub AptRecommendsInstalled {
        code: "DL3015",
        name: "apt-recommends-installed",
        aliases: ["DS-0029"],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

fn is_false(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

fn skips_recommends(model: &Model, pc: &PackageCommand<'_>) -> bool {
    pc.has_opt(&[], &["no-install-recommends"])
        || pc
            .opts_named(&[], &["install-recommends"])
            .any(|o| o.value.is_some_and(is_false))
        || pc.opts_named(&['o'], &["option"]).any(|o| {
            o.value.is_some_and(|v| {
                v.split_once('=').is_some_and(|(k, val)| {
                    k.eq_ignore_ascii_case("APT::Install-Recommends") && is_false(val)
                })
            })
        })
        || earlier_script_text_contains(model, pc.inv, "APT::Install-Recommends")
}

impl Rule for AptRecommendsInstalled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(
            cx,
            &MissingOption {
                option: "--no-install-recommends",
                what: "without `--no-install-recommends` also installs recommended packages",
                related: "Also without `--no-install-recommends`",
                fix: Applicability::Unsafe,
            },
            |pc| {
                pc.manager.is_apt()
                    && pc.is_subcommand(&["install"])
                    && !skips_recommends(model, pc)
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
        Tester::new(&AptRecommendsInstalled)
            .pass([
                "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n",
                "FROM debian\nRUN apt-get install -y --install-recommends=no curl\n",
                "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
                "FROM debian\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norec\nRUN apt-get install -y curl\n",
                "FROM debian\nENV OPTS=--no-install-recommends\nRUN apt-get install -y $OPTS curl\n",
                "FROM debian\nRUN apt-get remove -y curl\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get install -y curl\n",
                "FROM debian\nRUN apt install -y curl\n",
                "FROM debian\nRUN apt-get install -y --no-install-recommends a && apt-get install -y b\n",
            ])
            .fix([(
                "FROM debian\nRUN apt-get update && apt-get -y install curl\n",
                "FROM debian\nRUN apt-get update && apt-get -y install --no-install-recommends curl\n",
            )])
            .test();
    }
}
