use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::is_files_only;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a Dockerfile whose final stage (the last stage, the default
    /// build target) has no `HEALTHCHECK`, neither its own nor one inherited
    /// through `FROM <earlier stage>`. A `HEALTHCHECK` in an unrelated
    /// earlier stage does not count; `HEALTHCHECK NONE` does, as an explicit
    /// choice. Reported once per file, on the final stage's `FROM`. A final
    /// stage built on `scratch` without CMD or ENTRYPOINT is not flagged: it
    /// only carries files and cannot run as a container.
    ///
    /// Unlike hadolint's DL3057 (off by default, one finding per stage), this
    /// rule is on by default and looks only at the image the build produces:
    /// builder stages are never run as containers.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker and orchestrators that use the image's
    /// `HEALTHCHECK` only know whether the main process is alive, not whether
    /// it still serves: a hung server stays "running" and keeps receiving
    /// traffic. This holds even when the service comes from the base image's
    /// `CMD`. If health is checked elsewhere (a Kubernetes probe), say so
    /// with `HEALTHCHECK NONE`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site /usr/share/nginx/html
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site /usr/share/nginx/html
    /// HEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1
    /// ```
    pub MissingHealthcheck {
        code: "DL3057",
        name: "missing-healthcheck",
        aliases: ["CKV_DOCKER_2", "DS-0026"],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for MissingHealthcheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let Some(stage) = model.final_stage() else {
            return;
        };
        if stage.healthcheck.is_some() || is_files_only(model, stage) {
            return;
        }
        let from = &model.instructions()[stage.from];
        cx.report(from.keyword_range, "The final stage has no HEALTHCHECK");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MissingHealthcheck)
            .pass([
                "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n",
                "FROM nginx:1.27\nHEALTHCHECK NONE\n",
                "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nRUN id\n",
                "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base AS mid\nFROM mid\n",
                "FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nHEALTHCHECK CMD true\n",
                "ARG X=1\n",
                "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out /\n",
            ])
            .fail([
                "FROM nginx:1.27\n",
                // A HEALTHCHECK in an unrelated stage does not count.
                "FROM nginx:1.27 AS other\nHEALTHCHECK CMD true\nFROM nginx:1.27\n",
                "FROM golang:1.22 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
                "FROM nginx:1.27\nONBUILD HEALTHCHECK CMD true\n",
                "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
            ])
            .test();
    }
}
