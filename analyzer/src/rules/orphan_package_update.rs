use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::Invocation;
use crate::facts::package_commands::{Manager, PackageCommand};
use crate::families::package_rules::{any_later, report_per_instruction};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a package-index update that nothing uses in the same RUN:
    /// `apt-get update` / `apt update`, `apk update`, `yum|dnf makecache`,
    /// `zypper refresh` with no install, upgrade or other use of the index by
    /// the same package manager after it in that RUN.
    ///
    /// Not flagged when something else that may install runs after the
    /// update in the same RUN: a script (`./install.sh`, `bash -c …`,
    /// `curl … | sh`), a wrapper (`xx-apt-get`, `apt-fast`,
    /// `install_packages`) or any `<tool> install` (`rosdep install`).
    ///
    /// ## Why is this bad?
    /// Docker caches each RUN on its text. A RUN that only updates the index
    /// is cached once and never re-run, so a later `RUN apt-get install …`
    /// keeps working from that old index: it installs outdated packages, or
    /// fails when the mirror has dropped them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    pub OrphanPackageUpdate {
        code: "DW3001",
        name: "orphan-package-update",
        aliases: ["DS-0017", "CKV_DOCKER_5"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// The package-manager family an index update feeds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Apt,
    Apk,
    Rpm,
    Zypper,
}

fn update_family(pc: &PackageCommand<'_>) -> Option<Family> {
    match pc.manager {
        m if m.is_apt() && pc.is_subcommand(&["update"]) => Some(Family::Apt),
        Manager::Apk if pc.is_subcommand(&["update"]) => Some(Family::Apk),
        m if m.is_rpm_family() && pc.is_subcommand(&["makecache"]) => Some(Family::Rpm),
        Manager::Zypper if pc.is_subcommand(&["refresh", "ref"]) => Some(Family::Zypper),
        _ => None,
    }
}

/// The invocation (running the package command `pc`, if any) uses the
/// index `family` keeps.
fn uses_index(inv: &Invocation<'_>, pc: Option<&PackageCommand<'_>>, family: Family) -> bool {
    let p = &*inv.program;
    // Wrappers and installers that call the package manager themselves:
    // `xx-apt-get`, `apt-fast`, `install_packages`, `rosdep install`, ….
    if p.starts_with("xx-")
        || matches!(
            p,
            "apt-cache"
                | "aptitude"
                | "apt-fast"
                | "install_packages"
                | "install-packages"
                | "add-pkg"
        )
        || inv.args().first().is_some_and(|a| a.is("install"))
    {
        return true;
    }
    let Some(pc) = pc else {
        return false;
    };
    match family {
        Family::Apt => {
            pc.manager.is_apt() && !pc.is_subcommand(&["update", "clean", "autoclean", "distclean"])
        }
        Family::Apk => pc.manager == Manager::Apk && !pc.is_subcommand(&["update", "del", "cache"]),
        Family::Rpm => {
            pc.manager.is_rpm_family()
                && !pc.is_subcommand(&["makecache", "clean", "remove", "erase"])
        }
        Family::Zypper => {
            pc.manager == Manager::Zypper && !pc.is_subcommand(&["refresh", "ref", "clean", "cc"])
        }
    }
}

/// The invocation runs a script that may install packages.
fn runs_script(inv: &Invocation<'_>) -> bool {
    let p = &*inv.program;
    p.ends_with(".sh")
        || (matches!(p, "sh" | "bash" | "dash" | "zsh" | "ash" | "ksh")
            && inv
                .args()
                .iter()
                .any(|a| !a.text().starts_with('-') || a.is("-c")))
        || (matches!(p, "sh" | "bash" | "dash" | "zsh" | "ash" | "ksh")
            && inv.cmd.position.prev_in_pipeline().is_some())
}

impl Rule for OrphanPackageUpdate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut hits = Vec::new();
        for pc in cx.package_commands() {
            let Some(family) = update_family(pc) else {
                continue;
            };
            if any_later(cx, pc.inv, |later, later_pc| {
                uses_index(later, later_pc, family) || runs_script(later)
            }) {
                continue;
            }
            hits.push(pc.hit_at_head(None));
        }
        report_per_instruction(
            cx,
            hits,
            |h| {
                format!(
                    "`{}` is not followed by an install in the same RUN",
                    h[0].label
                )
            },
            "Also unused",
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
        Tester::new(&OrphanPackageUpdate)
            .pass([
                "FROM debian\nRUN apt-get update && apt-get install -y x\n",
                "FROM debian\nRUN apt-get update && apt-get -y upgrade\n",
                "FROM debian\nRUN apt update && apt-cache policy x\n",
                "FROM debian\nRUN apt-get update && ./install-deps.sh\n",
                "FROM debian\nRUN apt-get update && curl -fsSL https://x/setup | bash -\n",
                "FROM debian\nRUN apt-get update && cat pkgs | xargs apt-get install -y\n",
                "FROM alpine\nRUN apk update && apk add x\n",
                "FROM fedora\nRUN dnf makecache && dnf install -y x\n",
                "FROM opensuse/leap\nRUN zypper ref && zypper in -y x\n",
                "FROM alpine\nRUN apk add --update x\n",
                "FROM debian\nRUN apt-get update && xx-apt-get install -y gcc\n",
                "FROM ros\nRUN apt-get update && rosdep install -y --from-paths src\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get update\n",
                "FROM debian\nRUN apt-get install -y x && apt-get update\n",
                "FROM debian\nRUN apt-get update && apt-get clean\n",
                "FROM alpine\nRUN apk update\nRUN apk add x\n",
                "FROM debian\nRUN apt-get update && apk add x\n",
                "FROM fedora\nRUN dnf makecache\n",
                "FROM opensuse/leap\nRUN zypper --non-interactive refresh\n",
            ])
            .test();
    }
}
