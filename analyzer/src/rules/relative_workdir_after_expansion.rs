use crate::checker::Checker;
use crate::declare_rule;
use crate::model::Model;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

declare_rule! {
    /// ## What it does
    /// Flags a `WORKDIR` written with a variable (`WORKDIR $APP_DIR`) whose
    /// value, after `ARG`/`ENV` expansion, is a relative path, when no
    /// earlier `WORKDIR` of the stage (or of the stages it is built on) set
    /// the directory. This is the part of BuildKit's `WorkdirRelativePath`
    /// check that DL3000 does not cover: DL3000 flags relative paths written
    /// out and leaves variables alone. A variable whose value comes from a
    /// build argument or from the base image cannot be known and is not
    /// flagged.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against the base image's working
    /// directory, which can change whenever the base image does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// ENV APP_DIR=app
    /// WORKDIR $APP_DIR
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// ENV APP_DIR=/app
    /// WORKDIR $APP_DIR
    /// ```
    pub RelativeWorkdirAfterExpansion {
        code: "DW2009",
        name: "relative-workdir-after-expansion",
        aliases: ["WorkdirRelativePath"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for RelativeWorkdirAfterExpansion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for stage in &model.stages {
            if model
                .ancestors(stage.index)
                .any(|a| has_workdir(model, a.instructions.clone()))
            {
                continue;
            }
            // Only the first WORKDIR of the stage: BuildKit checks no other.
            let Some(i) = stage
                .instructions
                .clone()
                .find(|&i| model.is(i, Keyword::Workdir))
            else {
                continue;
            };
            let inst = &model.instructions()[i];
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let text = span.text(inst, src);
            // DL3000's territory: anything not starting with `$`.
            if !text.trim_matches(['"', '\'']).starts_with('$') {
                continue;
            }
            let expanded = model.expand(i, text);
            if expanded.contains('$') || is_absolute(&expanded) {
                continue;
            }
            let value = if expanded.is_empty() {
                "an empty path".to_owned()
            } else {
                format!("the relative path `{expanded}`")
            };
            cx.report(
                span.range,
                format!(
                    "WORKDIR `{text}` expands to {value}, which depends on the base image's working directory"
                ),
            )
            .with_instruction(i);
        }
    }
}

fn has_workdir(model: &Model, range: std::ops::Range<usize>) -> bool {
    range.into_iter().any(|i| model.is(i, Keyword::Workdir))
}

/// Absolute on Linux (`/x`) or Windows (`C:\x`, `C:/x`, `\x`).
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with(['/', '\\'])
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'/' | b'\\'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&RelativeWorkdirAfterExpansion)
            .pass([
                "FROM alpine\nENV D=/app\nWORKDIR $D\n",
                "FROM alpine\nWORKDIR $FROM_IMAGE\n",
                "FROM alpine\nARG D\nWORKDIR $D\n",
                "FROM alpine\nWORKDIR app\n",
                "FROM alpine\nWORKDIR /srv\nENV D=app\nWORKDIR $D\n",
                "FROM alpine AS a\nWORKDIR /srv\nFROM a\nENV D=app\nWORKDIR $D\n",
                "FROM alpine\nWORKDIR $HOME/app\n",
                "FROM alpine\nENV D=C:\\\\app\nWORKDIR $D\n",
            ])
            .fail([
                "FROM alpine\nENV D=app\nWORKDIR $D\n",
                "FROM alpine\nARG D=app\nWORKDIR \"${D}\"\n",
                "FROM alpine AS a\nENV D=x\nFROM a\nWORKDIR ${D}/y\n",
                "FROM alpine\nARG D=\nWORKDIR ${D}\n",
            ])
            .test();
    }
}
