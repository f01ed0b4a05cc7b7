use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::is_files_only;
use crate::facts::run_user::nonroot_base;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a Dockerfile whose final stage (the default build target) never
    /// sets `USER` and does not inherit one from an earlier stage it is
    /// built on, so the container runs as the base image's user, which is
    /// root for most images. Reported once, on the final stage's `FROM`. A
    /// final stage built on `scratch` without CMD or ENTRYPOINT is not
    /// flagged: it only carries files and cannot run as a container.
    ///
    /// dockward cannot see the base image's configuration. Images tagged or
    /// named `nonroot`, `non-root` or `rootless` (such as
    /// `gcr.io/distroless/static:nonroot`) are assumed to set a non-root
    /// user; for other base images that do, suppress the finding or switch
    /// the rule off.
    ///
    /// ## Why is this bad?
    /// A container that runs as root turns any bug in the service into root
    /// inside the container, one kernel or runtime flaw away from root on the
    /// host. Naming an unprivileged user makes the choice explicit and keeps
    /// it when the base image changes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/
    /// USER 10001
    /// CMD ["python", "/app/app.py"]
    /// ```
    pub ImplicitRootUser {
        code: "DW1002",
        name: "implicit-root-user",
        aliases: ["CKV_DOCKER_3", "DS-0002"],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

impl Rule for ImplicitRootUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let Some(stage) = model.final_stage() else {
            return;
        };
        if stage.user.is_some() || nonroot_base(model, stage) || is_files_only(model, stage) {
            return;
        }
        let from = &model.instructions()[stage.from];
        cx.report(
            from.keyword_range,
            "The final stage never sets USER, so the container runs as root",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ImplicitRootUser)
            .pass([
                "FROM debian:12\nUSER app\n",
                // Root set explicitly is DL3002's finding, not this one.
                "FROM debian:12\nUSER root\n",
                "FROM debian:12 AS base\nUSER app\nFROM base\nRUN id\n",
                "FROM debian:12 AS build\nFROM debian:12\nUSER 1000\n",
                "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
                "FROM gcr.io/distroless/static:nonroot AS base\nFROM base\n",
                "# no stage at all\nARG X=1\n",
                "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out /\n",
            ])
            .fail([
                "FROM debian:12\nRUN id\n",
                // A USER in an unrelated earlier stage does not carry over.
                "FROM debian:12 AS build\nUSER app\nFROM debian:12\nCOPY --from=build /x /x\n",
                "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
            ])
            .test();
    }
}
