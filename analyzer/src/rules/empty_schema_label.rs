use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::example_schema;

declare_rule! {
    /// ## What it does
    /// Flags a label of the label schema set to an empty value (after
    /// variable expansion: an ARG with an empty default counts).
    ///
    /// ## Why is this bad?
    /// An empty value satisfies a "required label" check while carrying no
    /// information; it usually means a build argument was not passed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version=""
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: the labels this rule checks. Without a schema it
    ///   does nothing. (The examples use `org.opencontainers.image.version`.)
    pub EmptySchemaLabel {
        code: "DL3051",
        name: "empty-schema-label",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for EmptySchemaLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        for label in cx.labels() {
            if label.value.is_empty() && cx.options.label_schema.contains_key(&label.key) {
                cx.report(
                    label.value_or_key_range(),
                    format!("Label `{}` is empty", label.key),
                );
            }
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(
            options,
            "org.opencontainers.image.version",
            LabelType::Semver,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&EmptySchemaLabel)
            .options(|o| EmptySchemaLabel.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.version=1.0.0\n",
                "FROM a\nLABEL other=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=$VERSION\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.version=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\n",
                "FROM a\nARG VERSION=\nLABEL org.opencontainers.image.version=$VERSION\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &EmptySchemaLabel,
            ["FROM a\nLABEL org.opencontainers.image.version=\"\"\n"],
        );
    }
}
