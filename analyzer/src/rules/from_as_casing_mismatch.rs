use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `FROM … AS name` where `AS` is not cased like `FROM`: `FROM x as
    /// y` or `from x AS y`. This is BuildKit's `FromAsCasing` check. A `FROM`
    /// keyword of mixed case (`From`) is left to `inconsistent-instruction-casing`.
    ///
    /// ## Why is this bad?
    /// The file reads inconsistently; BuildKit warns about it on every build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 as build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// ```
    ///
    /// ## Fix safety
    /// The fix recases `AS` to match `FROM`. It is safe: keywords are
    /// case-insensitive.
    pub FromAsCasingMismatch {
        code: "DW2002",
        name: "from-as-casing-mismatch",
        aliases: ["FromAsCasing"],
        severity: Style,
        category: Style,
        default: true,
        fix: Always,
    }
}

impl Rule for FromAsCasingMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        for (i, inst) in cx.model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::From {
                continue;
            }
            let Args::Words(words) = &inst.args else {
                continue;
            };
            let Some(as_word) = words.get(1).filter(|_| words.len() >= 3) else {
                continue;
            };
            let keyword = inst.keyword_text(src);
            let as_text = as_word.text(inst, src);
            if !as_text.eq_ignore_ascii_case("as") {
                continue;
            }
            let wanted = if keyword == keyword.to_ascii_lowercase() {
                "as"
            } else if keyword == keyword.to_ascii_uppercase() {
                "AS"
            } else {
                continue;
            };
            if as_text == wanted {
                continue;
            }
            cx.report(
                as_word.range,
                format!("`{as_text}` and `{keyword}` keywords' casing do not match"),
            )
            .with_instruction(i)
            .with_fix(Fix::safe(
                format!("Write `{wanted}`"),
                vec![Edit::replace(as_word.range, wanted)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FromAsCasingMismatch)
            .pass([
                "FROM alpine AS a\n",
                "from alpine as a\n",
                "From alpine as a\n",
                "FROM alpine\n",
                "FROM --platform=linux/amd64 alpine AS a\n",
            ])
            .fail([
                "FROM alpine as a\n",
                "from alpine AS a\n",
                "FROM alpine As a\n",
            ])
            .fix([
                ("FROM alpine as a\n", "FROM alpine AS a\n"),
                ("from alpine aS a\n", "from alpine as a\n"),
            ])
            .test();
    }
}
