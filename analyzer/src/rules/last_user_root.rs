use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::run_user::is_root;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Args;

declare_rule! {
    /// ## What it does
    /// Flags a stage whose last `USER` instruction switches to root: `root`,
    /// `0`, or `root:<group>` / `0:<group>`. Variables are expanded
    /// (`USER $RUN_AS` with `ARG RUN_AS=root` is flagged). A stage without
    /// any `USER` is not flagged here; `implicit-root-user` (DW1002) covers
    /// a final stage that never sets one.
    ///
    /// ## Why is this bad?
    /// A container that runs as root turns any bug in the service into root
    /// inside the container, one kernel or runtime flaw away from root on the
    /// host. Switching to root for setup is fine, as long as the stage
    /// switches back to an unprivileged user afterwards.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER root
    /// RUN apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// USER root
    /// RUN apt-get update
    /// USER 10001
    /// ```
    pub LastUserRoot {
        code: "DL3002",
        name: "last-user-root",
        aliases: ["CKV_DOCKER_8"],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

impl Rule for LastUserRoot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for stage in &model.stages {
            let Some((index, value)) = &stage.user else {
                continue;
            };
            if stage.user_inherited || !is_root(value) {
                continue;
            }
            let inst = &model.instructions()[*index];
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let written = span.text(inst, src);
            let shown = if written == value {
                format!("`{written}`")
            } else {
                format!("`{written}` (`{value}`)")
            };
            cx.report(
                span.range,
                format!("The last USER of the stage is {shown}, so it runs as root"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LastUserRoot)
            .pass([
                "FROM debian:12\n",
                "FROM debian:12\nUSER root\nRUN id\nUSER app\n",
                "FROM debian:12\nUSER 1000:0\n",
                "FROM debian:12\nUSER rootless\n",
                "FROM debian:12\nUSER 00\n",
                // Inherited from the parent stage: reported there, once.
                "FROM debian:12 AS base\nUSER app\nFROM base\n",
                "ARG RUN_AS=app\nFROM debian:12\nARG RUN_AS\nUSER $RUN_AS\n",
            ])
            .fail([
                "FROM debian:12\nUSER root\n",
                "FROM debian:12\nUSER 0\n",
                "FROM debian:12\nUSER root:root\n",
                "FROM debian:12\nUSER 0:0\n",
                "FROM debian:12\nUSER app\nRUN id\nUSER root\n",
                "FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\n",
                "FROM debian:12\nARG RUN_AS=root\nUSER ${RUN_AS}\n",
                "FROM debian:12\nENV RUN_AS=0\nUSER $RUN_AS:$RUN_AS\n",
            ])
            .test();
    }
}
