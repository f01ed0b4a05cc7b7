use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use super::label_values::{is_email, labels, mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `email` and whose value
    /// is not an RFC 5322 email address (`jane@example.com`). Values are
    /// checked after variable expansion; empty values (see DL3051) and values
    /// with a variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an email address; a value in another
    /// format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `email`. Without a schema it does nothing.
    ///   (The examples use `maintainer = "email"`.)
    pub LabelNotEmail {
        code: "DL3058",
        name: "label-not-email",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for LabelNotEmail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = labels(cx.model);
        for label in mistyped(&labels, cx.options, LabelType::Email, is_email) {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not an email address", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options
            .label_schema
            .insert("maintainer".to_owned(), LabelType::Email);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LabelNotEmail)
            .options(|o| LabelNotEmail.example_options(o))
            .pass([
                "FROM a\nLABEL maintainer=\"jane@example.com\"\n",
                "FROM a\nLABEL maintainer=\"\\\"j d\\\"@example.com\"\n",
                "FROM a\nLABEL maintainer=\"\"\n",
                "FROM a\nLABEL maintainer=$UNSET\n",
                "FROM a\nLABEL other=\"Jane Doe <jane@example.com>\"\n",
            ])
            .fail([
                "FROM a\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
                "FROM a\nLABEL maintainer=\"jane\"\n",
                "FROM a\nLABEL maintainer=\"jane@\"\n",
                "FROM a\nARG V=\"Jane Doe <jane@example.com>\"\nLABEL maintainer=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        let config = crate::Config {
            select: Some(vec!["DL3058".to_owned()]),
            ..crate::Config::default()
        };
        assert!(
            crate::analyze(
                "FROM a\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
                &config
            )
            .diagnostics
            .is_empty()
        );
    }
}
