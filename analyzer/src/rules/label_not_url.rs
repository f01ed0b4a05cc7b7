use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use super::label_values::{is_url, labels, mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `url` and whose value is
    /// not a valid absolute URL (`https://…`). Values are checked after
    /// variable expansion; empty values (see DL3051) and values with a variable
    /// whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect a URL; a value in another format is
    /// ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/acme/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `url`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.source = "url"`.)
    pub LabelNotUrl {
        code: "DL3052",
        name: "label-not-url",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for LabelNotUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = labels(cx.model);
        for label in mistyped(&labels, cx.options, LabelType::Url, is_url) {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not a URL", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options
            .label_schema
            .insert("org.opencontainers.image.source".to_owned(), LabelType::Url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LabelNotUrl)
            .options(|o| LabelNotUrl.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.source=\"https://example.com/x\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"git+ssh://git@example.com/x.git\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=$UNSET\n",
                "FROM a\nLABEL other=\"example.com\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.source=\"example.com\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"http://a b\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"/relative/path\"\n",
                "FROM a\nARG V=\"example.com\"\nLABEL org.opencontainers.image.source=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        let config = crate::Config {
            select: Some(vec!["DL3052".to_owned()]),
            ..crate::Config::default()
        };
        assert!(
            crate::analyze(
                "FROM a\nLABEL org.opencontainers.image.source=\"example.com\"\n",
                &config
            )
            .diagnostics
            .is_empty()
        );
    }
}
