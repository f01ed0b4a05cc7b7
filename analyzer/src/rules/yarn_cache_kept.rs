use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{
    Manager, PackageCommand, in_image_stage, shell_string_mentions,
};
use crate::families::package_rules::{Cleanup, report_not_cleaned};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs packages with yarn (`yarn`, `yarn install`,
    /// `yarn add`, `yarn global add`) without running `yarn cache clean`
    /// after it in the same RUN.
    ///
    /// Also accepted: removing a yarn cache directory with `rm`, and a cache
    /// or tmpfs mount on it (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`),
    /// and a `sh -c '…'` string mentioning `yarn cache clean`.
    /// Only stages whose files end up in an image are checked: the last
    /// stage, stages other stages are built `FROM`, and ONBUILD triggers.
    ///
    /// ## Why is this bad?
    /// yarn keeps a copy of every package it downloads in its global cache.
    /// In an image nothing reuses that cache: it only makes the layer bigger.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    pub YarnCacheKept {
        code: "DL3060",
        name: "yarn-cache-kept",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

fn installs(pc: &PackageCommand<'_>) -> bool {
    match pc.subcommand() {
        // Bare `yarn` installs, `yarn --version` does not.
        None => pc.operands.is_empty() && !pc.has_opt(&['v', 'h'], &["version", "help"]),
        Some("install" | "add") => true,
        Some("global") => pc.operand(1).is_some_and(|a| a.is("add")),
        Some(_) => false,
    }
}

impl Rule for YarnCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_not_cleaned(
            cx,
            &Cleanup {
                fills: &|pc| {
                    pc.manager == Manager::Yarn
                        && installs(pc)
                        && !pc.inv.stdin_args
                        && in_image_stage(model, pc.instruction())
                },
                mounted: &|t| t.contains("yarn") || t.trim_end_matches('/').ends_with("/.cache"),
                cleans: &|later, pc| {
                    shell_string_mentions(later, &["yarn cache clean"])
                        || (later.program == "rm"
                            && later
                                .args()
                                .iter()
                                .any(|a| a.known().is_some_and(|v| v.contains("yarn"))))
                        || pc.is_some_and(|c| {
                            c.manager == Manager::Yarn
                                && c.is_subcommand(&["cache"])
                                && c.operands_after_subcommand().any(|a| a.is("clean"))
                        })
                },
                message: &|label| {
                    format!("`{label}` is not followed by `yarn cache clean` in the same RUN")
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
        Tester::new(&YarnCacheKept)
            .pass([
                "FROM node\nRUN yarn install && yarn cache clean\n",
                "FROM node\nRUN yarn --frozen-lockfile && yarn cache clean --all\n",
                "FROM node\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
                "FROM node\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n",
                "FROM node AS build\nRUN yarn install && yarn build\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
                "FROM node\nRUN yarn build && yarn --version\n",
            ])
            .fail([
                "FROM node\nRUN yarn install\n",
                "FROM node\nRUN yarn\n",
                "FROM node\nRUN yarn global add typescript@5\n",
                "FROM node\nRUN yarn cache clean && yarn add left-pad@1\n",
            ])
            .test();
    }
}
