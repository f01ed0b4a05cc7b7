use crate::Applicability;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{Manager, cache_mount_targets, path_covers};
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `apk add` without `--no-cache`.
    ///
    /// Not flagged with `--no-network` (nothing is downloaded), nor when the
    /// RUN mounts a cache or tmpfs on `/var/cache/apk`
    /// (`RUN --mount=type=cache,target=/var/cache/apk`): the cache then stays
    /// out of the image.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk stores the package index under
    /// `/var/cache/apk` and it stays in the layer: dead weight in every
    /// image, unless removed by hand in the same RUN.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk update && apk add curl=8.9.1-r2
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache` after `add`. It is safe: apk fetches a fresh
    /// index instead of keeping one, and installs the same packages.
    pub ApkCacheKept {
        code: "DL3019",
        name: "apk-cache-kept",
        aliases: ["DS-0025"],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ApkCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(
            cx,
            &MissingOption {
                option: "--no-cache",
                what: "without `--no-cache` keeps the package index in the image",
                related: "Also without `--no-cache`",
                fix: Applicability::Safe,
            },
            |pc| {
                pc.manager == Manager::Apk
                    && pc.is_subcommand(&["add"])
                    && !pc.has_opt(&[], &["no-cache", "no-network"])
                    && !cache_mount_targets(model, pc.instruction())
                        .iter()
                        .any(|t| {
                            path_covers(t, "/var/cache/apk") || path_covers(t, "/etc/apk/cache")
                        })
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
        Tester::new(&ApkCacheKept)
            .pass([
                "FROM alpine\nRUN apk add --no-cache curl\n",
                "FROM alpine\nRUN apk --no-cache add curl\n",
                "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
                "FROM alpine\nRUN --mount=type=tmpfs,target=/var/cache apk add curl\n",
                "FROM alpine\nRUN apk update && apk upgrade\n",
                "FROM alpine\nRUN apk del curl\n",
                "FROM alpine\nRUN scanelf | xargs -rt apk add --no-network --virtual .rundeps\n",
            ])
            .fail([
                "FROM alpine\nRUN apk add curl\n",
                "FROM alpine\nRUN apk add --update curl && rm -rf /var/cache/apk/*\n",
                "FROM alpine\nRUN --mount=type=cache,target=/root/.cache apk add curl\n",
                "FROM alpine\nONBUILD RUN apk add curl\n",
            ])
            .fix([(
                "FROM alpine\nRUN apk add --virtual .deps gcc && apk add curl\n",
                "FROM alpine\nRUN apk add --no-cache --virtual .deps gcc && apk add --no-cache curl\n",
            )])
            .test();
    }
}
