use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

declare_rule! {
    /// ## What it does
    /// Flags an instruction other than `ARG` before the first `FROM`.
    ///
    /// ## Why is this bad?
    /// Only `ARG` (and parser directives and comments) may come before the
    /// first `FROM`; anything else fails the build with "no build stage in
    /// current context".
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV NODE_ENV=production
    /// FROM node:20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG NODE_VERSION=20
    /// FROM node:${NODE_VERSION}
    /// ENV NODE_ENV=production
    /// ```
    pub InstructionBeforeFrom {
        code: "DL3061",
        name: "instruction-before-from",
        aliases: [],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for InstructionBeforeFrom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (i, inst) in model.instructions().iter().enumerate() {
            if model.instruction_stage[i].is_some() {
                break;
            }
            if matches!(
                inst.keyword,
                Keyword::Arg | Keyword::From | Keyword::Unknown
            ) {
                continue;
            }
            cx.report(
                inst.keyword_range,
                format!("{} before the first FROM", inst.keyword.as_str()),
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
        Tester::new(&InstructionBeforeFrom)
            .pass([
                "# syntax=docker/dockerfile:1\nARG A=1\n# comment\nARG B\nFROM a\nRUN x\n",
                "FROM a\nLABEL x=y\n",
                "BOGUS x\nFROM a\n",
            ])
            .fail([
                "RUN x\nFROM a\n",
                "ARG A\nLABEL x=y\nENV B=1\nFROM a\n",
                "MAINTAINER me\n",
            ])
            .test();
    }
}
