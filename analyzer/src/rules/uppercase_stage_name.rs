use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{Model, RefTarget, StageRefKind};
use crate::rule::{Rule, RuleMeta};
use crate::values::mount::parse_mount;
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags a build stage whose name (`FROM … AS name`) has uppercase
    /// letters. This is BuildKit's `StageNameCasing` check.
    ///
    /// ## Why is this bad?
    /// BuildKit lowercases stage names, so `AS Builder` and `--from=builder`
    /// name the same stage. Mixed spellings of one name read as different
    /// stages, and `docker build --target` shows the lowercase name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS Builder
    /// RUN go build -o /app .
    /// FROM alpine:3.20
    /// COPY --from=Builder /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// RUN go build -o /app .
    /// FROM alpine:3.20
    /// COPY --from=builder /app /app
    /// ```
    ///
    /// ## Fix safety
    /// The fix lowercases the name and every reference to it written out in
    /// the file (`FROM <stage>`, `COPY --from=`, `RUN --mount=…,from=`). It is
    /// safe: stage names are case-insensitive, so the build does not change.
    pub UppercaseStageName {
        code: "DW2001",
        name: "uppercase-stage-name",
        aliases: ["StageNameCasing"],
        severity: Style,
        category: Style,
        default: true,
        fix: Always,
    }
}

impl Rule for UppercaseStageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for stage in &model.stages {
            let Some(name) = &stage.name else { continue };
            // Names BuildKit rejects (`AS ${NAME}`) are a syntax error, not this.
            if name.text == name.lower || !valid_stage_name(&name.lower) {
                continue;
            }
            let mut edits = vec![Edit::replace(name.range, name.lower.clone())];
            for range in references(model, stage.index, &name.lower) {
                edits.push(Edit::replace(range, name.lower.clone()));
            }
            cx.report(
                name.range,
                format!("Stage name `{}` should be lowercase", name.text),
            )
            .with_instruction(stage.from)
            .with_fix(Fix::safe(
                "Lowercase the stage name and its references",
                edits,
            ));
        }
    }
}

/// BuildKit's stage name syntax: `[a-z][a-z0-9-_.]*` (after lowercasing).
fn valid_stage_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Source ranges of the references to stage `target` that spell its name
/// out (variables and numeric indices are left alone), excluding those that
/// are already lowercase.
fn references(model: &Model, target: usize, lower: &str) -> Vec<TextRange> {
    let src = model.src();
    let escape = model.file.escape.as_char();
    let mut out = Vec::new();
    let spelled = |range: TextRange| {
        let text = range.slice(src);
        text.eq_ignore_ascii_case(lower) && text != lower
    };
    for r in &model.stage_refs {
        if r.target != RefTarget::Stage(target) {
            continue;
        }
        match r.kind {
            StageRefKind::FromBase | StageRefKind::CopyFrom => {
                if spelled(r.range) {
                    out.push(r.range);
                }
            }
            StageRefKind::MountFrom => {
                let Some(inst) = model.instructions().get(r.instruction) else {
                    continue;
                };
                for flag in inst.flags.iter().filter(|f| f.name() == "mount") {
                    let value = flag.value_range(src);
                    if value == flag.range {
                        continue;
                    }
                    let spec = parse_mount(value.slice(src), value.start(), escape);
                    if let Some(from) = &spec.from
                        && !from.symbolic
                        && from.span.end() <= src.len()
                        && spelled(from.span)
                    {
                        out.push(from.span);
                    }
                }
            }
        }
    }
    out.sort_by_key(|r| r.start());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UppercaseStageName)
            .pass([
                "FROM alpine AS build\n",
                "FROM alpine\n",
                "FROM alpine AS build-1.x_y\nFROM build\n",
                "ARG N=x\nFROM alpine AS ${N}\n",
            ])
            .fail([
                "FROM alpine AS Build\n",
                "from alpine as BUILD\nFROM build\n",
                "FROM golang AS Builder\nRUN --mount=type=cache,from=BUILDER,target=/x true\nFROM Builder AS final\nCOPY --from=builder /a /b\n",
            ])
            .fix([
                (
                    "FROM golang AS Builder\nFROM alpine\nRUN --mount=type=bind,from=BUILDER,target=/x true\nFROM Builder\nCOPY --from=BuildeR /a /b\nCOPY --from=0 /a /b\n",
                    "FROM golang AS builder\nFROM alpine\nRUN --mount=type=bind,from=builder,target=/x true\nFROM builder\nCOPY --from=builder /a /b\nCOPY --from=0 /a /b\n",
                ),
                (
                    "FROM alpine AS Base\nFROM alpine\nCOPY --from=base /a /b\n",
                    "FROM alpine AS base\nFROM alpine\nCOPY --from=base /a /b\n",
                ),
            ])
            .test();
    }
}
