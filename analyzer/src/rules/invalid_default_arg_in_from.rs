use std::borrow::Cow;

use crate::checker::Checker;
use crate::declare_rule;
use crate::model::VarKind;
use crate::rule::{Rule, RuleMeta};
use crate::values::image_ref::parse_image_ref;
use crate::values::substitution::{Env, Lex, UnsetMode};

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` whose image, built from global `ARG`s, is empty or not
    /// a valid image reference when every `ARG` keeps its default value (no
    /// `--build-arg`). This is BuildKit's `InvalidDefaultArgInFrom` check.
    ///
    /// ## Why is this bad?
    /// A plain `docker build` fails (`base name should not be blank`, or an
    /// invalid reference), and tools that read the Dockerfile without build
    /// arguments cannot resolve the base image. Give the `ARG` a default that
    /// works, or a `${VAR:-default}` in the `FROM` line.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=3.20
    /// FROM alpine:${TAG}
    /// ```
    pub InvalidDefaultArgInFrom {
        code: "DW2008",
        name: "invalid-default-arg-in-from",
        aliases: ["InvalidDefaultArgInFrom"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for InvalidDefaultArgInFrom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let lex = Lex {
            unset: UnsetMode::Empty,
            ..Lex::new(model.file.escape.as_char())
        };
        for stage in &model.stages {
            let raw = &stage.base.raw;
            if !raw.contains('$') {
                continue;
            }
            // A variant arg is empty on some platforms and set on others.
            if raw.contains("VARIANT") {
                continue;
            }
            let env = Defaults {
                model,
                index: stage.from,
            };
            let Ok(expansion) = lex.process_word(raw, &env) else {
                continue; // a malformed `${…}` is a syntax error
            };
            let image = expansion.value;
            if image.contains(['$', '"', '\'', '\\', '`']) {
                continue;
            }
            let reference = parse_image_ref(&image, 0, '\\');
            if reference.errors.is_empty() {
                continue;
            }
            let message = if image.is_empty() {
                format!("With the default ARG values, the base image `{raw}` is empty")
            } else {
                format!(
                    "With the default ARG values, the base image `{raw}` is `{image}`, not a valid image reference"
                )
            };
            cx.report(stage.base.range, message)
                .with_instruction(stage.from);
        }
    }
}

/// Global ARGs with their defaults, and BuildKit's predefined platform args
/// with typical values; everything else is unset.
struct Defaults<'m> {
    model: &'m crate::model::Model,
    index: usize,
}

impl Env for Defaults<'_> {
    fn lookup(&self, name: &str) -> Option<Cow<'_, str>> {
        let def = self.model.lookup(self.index, name)?;
        if def.kind == VarKind::Predefined {
            let value = match name {
                "TARGETPLATFORM" | "BUILDPLATFORM" => "linux/amd64",
                "TARGETOS" | "BUILDOS" => "linux",
                "TARGETARCH" | "BUILDARCH" => "amd64",
                _ => "",
            };
            return Some(Cow::Borrowed(value));
        }
        def.value.as_deref().map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&InvalidDefaultArgInFrom)
            .pass([
                "ARG TAG=3.20\nFROM alpine:${TAG}\n",
                "FROM alpine:3.20\n",
                "ARG IMAGE=alpine\nFROM ${IMAGE}\n",
                "ARG TAG\nFROM alpine:${TAG:-3.20}\n",
                "FROM --platform=$BUILDPLATFORM golang:1.22-${TARGETOS}\n",
                "ARG REGISTRY=\nFROM ${REGISTRY}alpine\n",
                "ARG B=base\nFROM alpine AS base\nFROM $B\n",
            ])
            .fail([
                "ARG TAG\nFROM alpine:${TAG}\n",
                "ARG BASE\nFROM $BASE\n",
                "FROM $UNDECLARED\n",
                "ARG REPO=My/App\nFROM ${REPO}:1\n",
                "ARG REGISTRY\nFROM ${REGISTRY}/app:1\n",
            ])
            .test();
    }
}
