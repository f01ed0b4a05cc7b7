use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use super::label_values::{is_rfc3339, labels, mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `rfc3339` and whose
    /// value is not an RFC 3339 date-time (`2024-05-01T12:30:00Z`). Values are
    /// checked after variable expansion; empty values (see DL3051) and values
    /// with a variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an RFC 3339 date-time; a value in
    /// another format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `rfc3339`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.created = "rfc3339"`.)
    pub LabelNotRfc3339 {
        code: "DL3053",
        name: "label-not-rfc3339",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for LabelNotRfc3339 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = labels(cx.model);
        for label in mistyped(&labels, cx.options, LabelType::Rfc3339, is_rfc3339) {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not an RFC 3339 date-time", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options.label_schema.insert(
            "org.opencontainers.image.created".to_owned(),
            LabelType::Rfc3339,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LabelNotRfc3339)
            .options(|o| LabelNotRfc3339.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00Z\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00.5+02:00\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=$UNSET\n",
                "FROM a\nLABEL other=\"2024-05-01\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"yesterday\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00\"\n",
                "FROM a\nARG V=\"2024-05-01\"\nLABEL org.opencontainers.image.created=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        let config = crate::Config {
            select: Some(vec!["DL3053".to_owned()]),
            ..crate::Config::default()
        };
        assert!(
            crate::analyze(
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01\"\n",
                &config
            )
            .diagnostics
            .is_empty()
        );
    }
}
