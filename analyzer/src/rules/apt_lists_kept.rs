use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{
    in_image_stage, path_covers, removes_path, shell_string_mentions,
};
use crate::families::package_rules::{Cleanup, report_not_cleaned};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that runs `apt-get update` (or `apt update`) without
    /// deleting the package lists afterwards in the same RUN
    /// (`rm -rf /var/lib/apt/lists/*`, or `apt-get distclean`).
    ///
    /// Not flagged when the RUN mounts a cache or tmpfs over the lists
    /// (`--mount=type=cache,target=/var/lib/apt/lists`, or on `/var/lib/apt`),
    /// and in build stages whose files do not end up in an image: only the
    /// last stage, stages other stages are built `FROM`, and ONBUILD triggers
    /// are checked. `apt-get clean` alone does not delete the lists. A
    /// cleanup inside a `sh -c '…'` string counts when the string mentions
    /// it (dockward does not parse such strings).
    ///
    /// ## Why is this bad?
    /// The lists take tens of megabytes. Deleted in a later RUN, they still
    /// weigh in the earlier layer; kept, they also go stale and tempt later
    /// `apt-get install` runs to use an outdated index.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    pub AptListsKept {
        code: "DL3009",
        name: "apt-lists-kept",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

const LISTS: &str = "/var/lib/apt/lists";

impl Rule for AptListsKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_not_cleaned(
            cx,
            &Cleanup {
                fills: &|pc| {
                    pc.manager.is_apt()
                        && pc.is_subcommand(&["update"])
                        && in_image_stage(model, pc.instruction())
                },
                mounted: &|t| path_covers(t, LISTS),
                cleans: &|later, pc| {
                    removes_path(later, LISTS)
                        || shell_string_mentions(later, &[LISTS, "dist-clean", "distclean"])
                        || pc.is_some_and(|c| {
                            c.manager.is_apt() && c.is_subcommand(&["distclean", "dist-clean"])
                        })
                },
                message: &|label| {
                    format!("The package lists `{label}` fetches are not deleted in the same RUN")
                },
                related: "Lists also fetched here",
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
        Tester::new(&AptListsKept)
            .pass([
                "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
                "FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists\n",
                "FROM debian\nRUN apt-get update && apt-get install -y x \\\n && apt-get clean && rm -rf /var/lib/apt/* /tmp/*\n",
                "FROM debian\nRUN apt-get update && apt-get install -y x && apt-get distclean\n",
                "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n",
                "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y x\n",
                "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\nCOPY --from=build /x /x\n",
                "FROM debian\nRUN apt-get install -y x\n",
                "FROM debian\nRUN apt-get update && bash -c \"apt-get install -y x && rm -rf /var/lib/apt/lists/*\"\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get update && apt-get install -y x\n",
                "FROM debian\nRUN apt-get update && apt-get install -y x && apt-get clean\n",
                "FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x\n",
                "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x\n",
                "FROM debian AS base\nRUN apt update\nFROM base\nRUN true\n",
                "FROM debian\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n",
                "FROM debian\nONBUILD RUN apt-get update && apt-get install -y x\n",
            ])
            .test();
    }
}
