use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::example_schema;

declare_rule! {
    /// ## What it does
    /// With strict labels on, flags a label that the label schema does not
    /// list. Keys with a variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// A strict schema is the complete list of labels an organisation
    /// allows; anything else is a typo or a label nobody maintains.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app" \
    ///       build-host="ci-7"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## Options
    /// - `strict-labels`: turns the rule on (off by default).
    /// - `label-schema`: the labels allowed. (The examples allow
    ///   `org.opencontainers.image.source` only.)
    pub SuperfluousLabel {
        code: "DL3050",
        name: "superfluous-label",
        aliases: [],
        severity: Info,
        category: Style,
        default: true,
        fix: None,
    }
}

impl Rule for SuperfluousLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if !cx.options.strict_labels {
            return;
        }
        for label in cx.labels() {
            if label.key.contains('$') || cx.options.label_schema.contains_key(&label.key) {
                continue;
            }
            cx.report(
                label.key_range,
                format!("Label `{}` is not in the label schema", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options.strict_labels = true;
        example_schema(options, "org.opencontainers.image.source", LabelType::Url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&SuperfluousLabel)
            .options(|o| SuperfluousLabel.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.source=x\n",
                "FROM a\nLABEL $K=x\n",
                "FROM a\nRUN x\n",
            ])
            .fail([
                "FROM a\nLABEL version=1\n",
                "FROM a\nLABEL org.opencontainers.image.source=x other=y\n",
            ])
            .test();
    }

    #[test]
    fn off_without_strict_labels() {
        assert_silent_without_options(&SuperfluousLabel, ["FROM a\nLABEL x=y\n"]);
    }
}
