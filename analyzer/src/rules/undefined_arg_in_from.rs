use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::suggest::closest;
use crate::model::{Binding, VarKind};
use crate::rule::{Rule, RuleMeta};
use crate::rules::undefined_variable::malformed_reference;
use crate::syntax::Keyword;
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a variable in a `FROM` line (the image or `--platform`) that
    /// is not declared by an `ARG` before the first `FROM`, and suggests a
    /// declared name when one is close. This is BuildKit's
    /// `UndefinedArgInFrom` check. The platform args BuildKit predefines
    /// (`TARGETPLATFORM`, `BUILDARCH`, …) count as declared.
    ///
    /// ## Why is this bad?
    /// `FROM` sees only global `ARG`s. An undeclared variable expands to an
    /// empty string (or its `${…:-default}`) and cannot be set with
    /// `--build-arg`; usually it is a typo or an `ARG` declared inside a
    /// stage instead of before the first `FROM`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG VERSION=3.20
    /// FROM alpine:${VERSOIN}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VERSION=3.20
    /// FROM alpine:${VERSION}
    /// ```
    ///
    /// ## Fix safety
    /// When a declared name is close, the fix replaces the variable with it.
    /// It is unsafe: the build then uses a different value.
    pub UndefinedArgInFrom {
        code: "DW2005",
        name: "undefined-arg-in-from",
        aliases: ["UndefinedArgInFrom"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UndefinedArgInFrom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        let declared: Vec<&str> = model
            .vars
            .defs
            .iter()
            .filter(|d| {
                d.stage.is_none()
                    && (d.kind == VarKind::Arg
                        // The platform args; the proxy args are not global.
                        || (d.kind == VarKind::Predefined
                            && !d.name.to_ascii_lowercase().ends_with("_proxy")))
            })
            .map(|d| d.name.as_str())
            .collect();
        for u in &model.vars.uses {
            if u.binding != Binding::Unbound
                || !model.is(u.instruction, Keyword::From)
                || malformed_reference(model, u)
            {
                continue;
            }
            let suggestion = closest(&u.name, declared.iter().copied());
            let message = match suggestion {
                Some(s) => format!(
                    "`{}` is not declared by an ARG before the first FROM; did you mean `{s}`?",
                    u.name
                ),
                None => format!(
                    "`{}` is not declared by an ARG before the first FROM",
                    u.name
                ),
            };
            let diag = cx
                .report(u.name_range, message)
                .with_instruction(u.instruction);
            if let Some(s) = suggestion
                && u.name_range.slice(src) == u.name
            {
                diag.with_fix(Fix::unsafe_(
                    format!("Use `{s}`"),
                    vec![Edit::replace(u.name_range, s)],
                ));
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
        Tester::new(&UndefinedArgInFrom)
            .pass([
                "ARG BASE=alpine\nFROM $BASE\n",
                "ARG BASE\nFROM ${BASE}\n",
                "FROM --platform=$BUILDPLATFORM alpine\n",
                "FROM alpine:${TARGETARCH}\n",
                "FROM alpine\nARG X\nRUN echo $X\n",
                "FROM alpine:${template:variant}\n",
            ])
            .fail([
                "FROM $BASE\n",
                "ARG VERSION=1\nFROM alpine:$VERSOIN\n",
                "FROM alpine\nARG TAG=1\nFROM alpine:$TAG\n",
                "FROM --platform=$PLATFORM alpine\n",
                "FROM ${IMAGE:-alpine}\n",
            ])
            .fix([
                (
                    "ARG VERSION=1\nFROM alpine:${VERSOIN}\n",
                    "ARG VERSION=1\nFROM alpine:${VERSION}\n",
                ),
                ("FROM $BASE\n", "FROM $BASE\n"),
            ])
            .test();
    }
}
