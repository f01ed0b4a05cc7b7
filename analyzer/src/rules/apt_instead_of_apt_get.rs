use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Hit;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_per_instruction;
use crate::rule::{Rule, RuleMeta};
use crate::{Applicability, Edit};

declare_rule! {
    /// ## What it does
    /// Flags the `apt` command in RUN scripts.
    ///
    /// ## Why is this bad?
    /// `apt` is the front end for people at a terminal: its output and
    /// behaviour may change between releases, and it warns that it "does not
    /// have a stable CLI interface". Scripts should use `apt-get` and
    /// `apt-cache`, whose interface is stable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt update && apt install -y curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `apt` by `apt-get` (or `apt-cache` for `search`,
    /// `show`, `policy`, `depends`, `rdepends`; `full-upgrade` becomes
    /// `apt-get dist-upgrade`). It is unsafe: the two differ in details, for
    /// example `apt upgrade` installs new dependencies and `apt-get upgrade`
    /// does not. Subcommands `apt-get` lacks (`list`, `edit-sources`) get no
    /// fix.
    pub AptInsteadOfAptGet {
        code: "DL3027",
        name: "apt-instead-of-apt-get",
        aliases: ["CKV_DOCKER_9"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

const APT_GET: &[&str] = &[
    "update",
    "upgrade",
    "install",
    "reinstall",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "dist-upgrade",
    "satisfy",
    "source",
    "build-dep",
    "download",
    "changelog",
    "clean",
    "autoclean",
    "check",
];

const APT_CACHE: &[&str] = &[
    "search", "show", "showsrc", "policy", "depends", "rdepends", "showpkg", "madison",
];

impl Rule for AptInsteadOfAptGet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut hits = Vec::new();
        for pc in cx.package_commands() {
            if pc.manager != Manager::Apt {
                continue;
            }
            let span = pc.inv.program_span;
            let word = span.slice(&pc.inv.run.text);
            let literal_program = word == "apt" || word.ends_with("/apt");
            let mut edits = Vec::new();
            if let (true, Some(sub)) = (
                literal_program,
                pc.subcommand_arg().filter(|s| s.is_literal()),
            ) {
                let program_range = pc.inv.file_range(span);
                let tool = match sub.text() {
                    s if APT_GET.contains(&s) => Some("apt-get"),
                    s if APT_CACHE.contains(&s) => Some("apt-cache"),
                    "full-upgrade" => {
                        edits.push(Edit::replace(pc.inv.file_range(sub.span), "dist-upgrade"));
                        Some("apt-get")
                    }
                    _ => None,
                };
                if let Some(tool) = tool {
                    let replacement = format!("{}{tool}", &word[..word.len() - 3]);
                    edits.push(Edit::replace(program_range, replacement));
                }
            }
            hits.push(Hit {
                instruction: pc.instruction(),
                range: pc.inv.file_range(span),
                label: pc.label(),
                command: pc.label(),
                edits,
            });
        }
        report_per_instruction(
            cx,
            hits,
            |_| {
                "`apt` is meant for interactive use; scripts should use `apt-get` or `apt-cache`"
                    .to_owned()
            },
            "Also `apt`",
            Some(("Use `apt-get` / `apt-cache`", Applicability::Unsafe)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AptInsteadOfAptGet)
            .pass([
                "FROM debian\nRUN apt-get install -y curl && apt-cache policy curl\n",
                "FROM debian\nRUN echo apt install\n",
                "FROM debian\nRUN aptitude install -y curl\n",
            ])
            .fail([
                "FROM debian\nRUN apt install -y curl\n",
                "FROM debian\nRUN apt list --installed\n",
                "FROM debian\nRUN sudo /usr/bin/apt update\n",
            ])
            .fix([
                (
                    "FROM debian\nRUN apt update && apt install -y curl && apt search x && apt full-upgrade -y && apt list\n",
                    "FROM debian\nRUN apt-get update && apt-get install -y curl && apt-cache search x && apt-get dist-upgrade -y && apt list\n",
                ),
                (
                    "FROM debian\nRUN /usr/bin/apt install -y curl\n",
                    "FROM debian\nRUN /usr/bin/apt-get install -y curl\n",
                ),
            ])
            .test();
    }
}
