use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{RefTarget, StageRefKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=<name>` where `<name>` is neither a stage defined
    /// earlier in the file (by name or index) nor an image reference. A
    /// value with `:`, `/` or `@` (`nginx:1.27`, `org/tool`) is an image;
    /// `--from` values are expanded with ARG defaults, and a value that is
    /// still a variable after expansion is not flagged.
    ///
    /// ## Why is this bad?
    /// A bare name that matches no stage is pulled as an image: a typo in a
    /// stage name (`--from=buidler`) silently turns into a registry lookup,
    /// failing the build or, worse, copying from whatever image has that
    /// name. A stage defined later in the file, or an index past the current
    /// stage, is almost always a mistake in the stage order.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// RUN go build -o /app .
    /// FROM alpine:3.20
    /// COPY --from=buider /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// RUN go build -o /app .
    /// FROM alpine:3.20
    /// COPY --from=builder /app /app
    /// ```
    pub CopyFromUnknownStage {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        aliases: [],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for CopyFromUnknownStage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for r in &model.stage_refs {
            if r.kind != StageRefKind::CopyFrom || r.name.contains('$') {
                continue;
            }
            let message = match r.target {
                RefTarget::Stage(t) if t < r.stage => continue,
                RefTarget::SelfStage => continue,
                RefTarget::Stage(t) => format!(
                    "`COPY --from={}` refers to stage `{}`, which is defined later",
                    r.name,
                    model.stages[t].label()
                ),
                RefTarget::BadIndex => format!(
                    "`COPY --from={}` refers to no earlier stage: there is no stage with that index before this one",
                    r.name
                ),
                RefTarget::Image => {
                    if r.name.is_empty() || r.name.contains([':', '/', '@']) {
                        continue;
                    }
                    format!(
                        "`COPY --from={}` names no earlier stage, so it is pulled as an image",
                        r.name
                    )
                }
            };
            cx.report(r.range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopyFromUnknownStage)
            .pass([
                "FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=builder /app /app\n",
                "FROM golang:1.22 AS Builder\nFROM alpine:3.20\nCOPY --from=builder /app /app\n",
                "FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
                "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n",
                "FROM alpine:3.20\nCOPY --from=docker.io/library/nginx /etc/nginx /etc/nginx\n",
                "FROM alpine:3.20\nCOPY --from=bitnami/kubectl /opt /opt\n",
                "ARG SRC\nFROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /a /a\n",
                "FROM golang:1.22 AS builder\nFROM alpine:3.20\nARG SRC=builder\nCOPY --from=$SRC /a /a\n",
                // Its own stage is DL3023's finding.
                "FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n",
            ])
            .fail([
                "FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=buider /app /app\n",
                "FROM alpine:3.20\nCOPY --from=builder /app /app\nFROM golang:1.22 AS builder\n",
                "FROM alpine:3.20\nCOPY --from=3 /app /app\n",
                "FROM alpine:3.20\nCOPY --from=nginx /etc/nginx /etc/nginx\n",
            ])
            .test();
    }
}
