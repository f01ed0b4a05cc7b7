use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::model::Model;
use crate::model::VarKind;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::values::substitution::references;

declare_rule! {
    /// ## What it does
    /// Flags `USER <name>` that names the user instead of giving a numeric
    /// UID (`USER app`, `USER app:app`). Variables are expanded: an ENV
    /// whose value is numeric is fine. A user that comes from a build
    /// argument (`USER $UID` with `ARG UID`) is not flagged, since the
    /// builder decides it, nor is one that is still an unset variable.
    ///
    /// ## Why is this bad?
    /// Only a numeric UID is meaningful outside the image: Kubernetes'
    /// `runAsNonRoot` cannot verify a user name, and volume permissions on
    /// the host are set by number. A name must also exist in the image's
    /// `/etc/passwd`; in a base image without one, the container fails to
    /// start.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER 10001
    /// ```
    pub NonNumericUser {
        code: "DL3066",
        name: "non-numeric-user",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A variable in `text` of instruction `index` comes from a build argument:
/// it resolves to an ARG, to an ENV whose value uses an ARG
/// (`ENV APP_USER=$USER_ARG`), or (as hadolint has it) it names an ARG
/// declared earlier in the file.
fn uses_build_arg(model: &Model, src: &str, index: usize, text: &str, depth: u32) -> bool {
    let escape = model.file.escape.as_char();
    references(text, 0, escape).any(|r| match model.lookup(index, r.name) {
        Some(def) => match (def.kind, def.instruction, def.value_range) {
            (VarKind::Arg, _, _) => true,
            (VarKind::Env, Some(at), Some(value)) if depth < 4 => {
                uses_build_arg(model, src, at, value.slice(src), depth + 1)
            }
            _ => false,
        },
        None => model.vars.defs.iter().any(|d| {
            d.kind == VarKind::Arg && d.name == r.name && d.instruction.is_some_and(|i| i < index)
        }),
    })
}

impl Rule for NonNumericUser {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for (index, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::User || model.instruction_stage[index].is_none() {
                continue;
            }
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let text = span.text(inst, src);
            if uses_build_arg(model, src, index, text, 0) {
                continue;
            }
            let expanded = model.expand(index, text);
            if expanded.contains('$') {
                continue;
            }
            let uid = expanded.split(':').next().unwrap_or("");
            if uid.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            // The user part of the argument, when it is written plainly.
            let range = match text.find(':') {
                Some(colon) if !text.contains('$') && span.range.len() == text.len() => {
                    TextRange::new(span.range.start(), span.range.start() + colon)
                }
                _ => span.range,
            };
            cx.report(
                range,
                format!("USER `{uid}` is a user name, not a numeric UID"),
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
        Tester::new(&NonNumericUser)
            .pass([
                "FROM alpine:3.20\nUSER 10001\n",
                "FROM alpine:3.20\nUSER 10001:10001\n",
                "FROM alpine:3.20\nARG UID=app\nUSER $UID\n",
                "ARG UID=app\nFROM alpine:3.20\nUSER ${UID}\n",
                "FROM alpine:3.20\nARG UID\nUSER ${UID:-1000}\n",
                "FROM alpine:3.20\nENV UID=1000\nUSER $UID:$UID\n",
                "FROM alpine:3.20\nUSER $NOT_SET\n",
                "ARG RUN_AS=app\nFROM alpine:3.20\nARG RUN_AS\nENV APP_USER=${RUN_AS}\nUSER $APP_USER\n",
            ])
            .fail([
                "FROM alpine:3.20\nUSER app\n",
                "FROM alpine:3.20\nUSER app:app\n",
                "FROM alpine:3.20\nUSER root\n",
                "FROM alpine:3.20\nENV APP_USER=app\nUSER $APP_USER\n",
            ])
            .test();
    }
}
