use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::{Origin, origin};
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Kind, ParamOp, param_info, text_of};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a `RUN` script that reads a platform build arg —
    /// `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, `TARGETVARIANT`,
    /// `BUILDPLATFORM`, `BUILDOS`, `BUILDARCH`, `BUILDVARIANT` — that its
    /// stage (or a stage it is built on) does not declare with `ARG`.
    /// A read that handles the empty case itself (`${TARGETARCH:-amd64}`)
    /// and an assignment by the script are not flagged.
    ///
    /// ## Why is this bad?
    /// BuildKit defines these args for every build, but like any `ARG` they
    /// reach a stage only when it declares them: without `ARG TARGETARCH`
    /// in the stage, `$TARGETARCH` in `RUN` is empty, and
    /// `curl …/tool-linux-$TARGETARCH.tgz` downloads `tool-linux-.tgz`.
    /// hadolint and ShellCheck cannot tell, since the variable is
    /// predefined in `FROM` lines.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/v1.30.0/bin/linux/${TARGETARCH}/kubectl"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG TARGETARCH
    /// RUN curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/v1.30.0/bin/linux/${TARGETARCH}/kubectl"
    /// ```
    ///
    /// ## Fix safety
    /// The fix declares `ARG NAME` right after the stage's `FROM`. It is
    /// unsafe: the `RUN` then sees the platform where it saw an empty
    /// string, which is what was meant but changes what it does.
    pub UndeclaredPlatformArg {
        code: "DW2016",
        name: "undeclared-platform-arg",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UndeclaredPlatformArg {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        // One fix per stage and name.
        let mut fixed: Vec<(usize, &str)> = Vec::new();
        for (index, run) in model.scripts.iter().enumerate() {
            let Some(vars) = cx.script_vars(index) else {
                continue;
            };
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                let Kind::Param(p) = e.kind else { continue };
                let info = param_info(p, src);
                if !matches!(info.op, ParamOp::Plain | ParamOp::Other)
                    || info.length
                    || info.indirect
                    || !crate::model::PLATFORM_ARGS.contains(&info.name)
                    || vars.is_assigned(info.name)
                    || !matches!(origin(model, run, info.name), Origin::UndeclaredPlatform)
                {
                    continue;
                }
                let Some(stage) = model.stage_of(run.instruction) else {
                    continue;
                };
                let from = &model.instructions()[stage.from];
                let name = info.name;
                let fix = (!fixed.contains(&(stage.index, name))).then(|| {
                    fixed.push((stage.index, name));
                    Fix::unsafe_(
                        format!("Declare `ARG {name}` in this stage"),
                        vec![Edit::insert(
                            from.header_range.end(),
                            format!("\nARG {name}"),
                        )],
                    )
                });
                let d = cx
                    .report(
                        run.file_range(p.span),
                        format!(
                            "`{}` is empty here: the stage does not declare `ARG {name}`",
                            text_of(p.span, src)
                        ),
                    )
                    .with_instruction(run.instruction);
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UndeclaredPlatformArg)
            .pass([
                "FROM a\nARG TARGETARCH\nRUN echo $TARGETARCH\n",
                "FROM a AS base\nARG TARGETOS TARGETARCH\nFROM base\nRUN echo $TARGETOS/$TARGETARCH\n",
                "FROM a\nRUN echo ${TARGETARCH:-amd64}\n",
                "FROM a\nRUN TARGETARCH=$(dpkg --print-architecture) && echo $TARGETARCH\n",
                "FROM --platform=$BUILDPLATFORM a\nRUN echo '$TARGETARCH'\n",
                "FROM a\nONBUILD RUN echo $TARGETARCH\n",
            ])
            .fail([
                "FROM a\nRUN echo $TARGETARCH\n",
                "FROM --platform=$BUILDPLATFORM golang:1.22\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build ./...\n",
                "ARG TARGETARCH\nFROM a\nRUN echo ${TARGETARCH}\n",
                "FROM a\nRUN <<EOF\ncurl -o /x \"https://e.com/${TARGETPLATFORM}\"\nEOF\n",
            ])
            .fix([
                (
                    "FROM a\nRUN echo $TARGETARCH\n",
                    "FROM a\nARG TARGETARCH\nRUN echo $TARGETARCH\n",
                ),
                (
                    "FROM a AS b\nWORKDIR /x\nRUN echo $TARGETOS $TARGETOS\n",
                    "FROM a AS b\nARG TARGETOS\nWORKDIR /x\nRUN echo $TARGETOS $TARGETOS\n",
                ),
            ])
            .test();
    }
}
