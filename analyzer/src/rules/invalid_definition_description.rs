use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a comment directly above a named `FROM … AS name` or an `ARG`
    /// that does not start with the stage or argument name. This is
    /// BuildKit's experimental `InvalidDefinitionDescription` check, off by
    /// default (enable it with `# check=experimental=InvalidDefinitionDescription`
    /// or in the configuration).
    ///
    /// As BuildKit's documentation describes, only the comment line right
    /// above the instruction counts: an empty line or an empty `#` line
    /// separates other comments. Suppression comments (`# hadolint …`,
    /// `# dockward …`, `# check=…`) are not descriptions and are skipped.
    ///
    /// ## Why is this bad?
    /// `docker build --call=outline` and `--call=targets` show such comments
    /// as the descriptions of build targets and arguments, but only when the
    /// comment starts with the name it describes.
    ///
    /// ## Example
    /// ```dockerfile
    /// # the version to install
    /// ARG VERSION=1.0
    /// FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # VERSION is the version to install
    /// ARG VERSION=1.0
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts an empty line between the comment and the instruction,
    /// for a comment that is not meant as a description. It is safe: comments
    /// do not change the build.
    pub InvalidDefinitionDescription {
        code: "DW2012",
        name: "invalid-definition-description",
        aliases: ["InvalidDefinitionDescription"],
        severity: Style,
        category: Style,
        default: false,
        fix: Always,
    }
}

impl Rule for InvalidDefinitionDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for (i, inst) in model.instructions().iter().enumerate() {
            let (what, names): (&str, Vec<&str>) = match (inst.keyword, &inst.args) {
                (Keyword::From, _) => {
                    let Some(stage) = model.stage_of(i) else {
                        continue;
                    };
                    let Some(name) = &stage.name else { continue };
                    ("FROM", vec![name.text.as_str(), name.lower.as_str()])
                }
                (Keyword::Arg, Args::Words(words)) => {
                    let keys: Vec<&str> = words
                        .iter()
                        .map(|w| {
                            let t = w.text(inst, src);
                            t.split_once('=').map_or(t, |(k, _)| k)
                        })
                        .filter(|k| !k.is_empty())
                        .collect();
                    ("ARG", keys)
                }
                _ => continue,
            };
            if names.is_empty() || inst.start_line == 0 {
                continue;
            }
            let Some(comment) = model
                .file
                .comments
                .iter()
                .find(|c| c.line + 1 == inst.start_line && !c.in_continuation)
            else {
                continue;
            };
            let body = comment.range.slice(src)[1..].trim();
            let first = body.split(' ').next().unwrap_or("");
            if body.is_empty() || names.contains(&first) || is_pragma(body) {
                continue;
            }
            let example = if what == "ARG" && names.len() > 1 {
                "<arg_key>"
            } else {
                names[0]
            };
            let line_start = src[..inst.range.start()].rfind('\n').map_or(0, |n| n + 1);
            cx.report(
                comment.range,
                format!("Comment above {what} should describe it as `# {example} <description>`"),
            )
            .with_instruction(i)
            .with_fix(Fix::safe(
                "Separate the comment from the instruction with an empty line",
                vec![Edit::insert(line_start, "\n")],
            ));
        }
    }
}

/// A suppression or check comment, which is not meant as a description.
fn is_pragma(body: &str) -> bool {
    body.starts_with("hadolint") || body.starts_with("dockward") || body.starts_with("check=")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&InvalidDefinitionDescription)
            .pass([
                "# foo this is the foo\nARG foo=bar\n",
                "# base this is the base image\nFROM scratch AS base\n",
                "# baz this is the baz\nARG foo=baz bar=qux baz=quux\n",
                "# a comment\n#\nARG bit=bat\n",
                "# a comment\n\nARG bit=bat\n",
                "FROM scratch\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n",
                "# not a stage description\nFROM scratch\n",
                "# hadolint ignore=DL3006\nFROM alpine AS build\n",
                "# Build the app\nFROM alpine AS Build\n",
            ])
            .fail([
                "# bar this is the bar\nARG foo=bar\n",
                "# BasE this is the BasE image\nFROM scratch AS base\n",
                "FROM scratch\n# definitely a bad comment\nARG version=latest\n",
                "# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n",
            ])
            .fix([(
                "FROM alpine\n# not a description\nARG V=1\n",
                "FROM alpine\n# not a description\n\nARG V=1\n",
            )])
            .test();
    }
}
