use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use super::label_values::{is_semver, labels, mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `semver` and whose value
    /// is not a semantic version (`1.2.3`, `2.0.0-rc.1`). Values are checked
    /// after variable expansion; empty values (see DL3051) and values with a
    /// variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect a semantic version; a value in another
    /// format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `semver`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.version = "semver"`.)
    pub LabelNotSemver {
        code: "DL3056",
        name: "label-not-semver",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for LabelNotSemver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = labels(cx.model);
        for label in mistyped(&labels, cx.options, LabelType::Semver, is_semver) {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not a semantic version", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options.label_schema.insert(
            "org.opencontainers.image.version".to_owned(),
            LabelType::Semver,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LabelNotSemver)
            .options(|o| LabelNotSemver.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.version=\"1.2.3\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"2.0.0-rc.1+build.7\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=$UNSET\n",
                "FROM a\nLABEL other=\"v1.2.3\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.version=\"v1.2.3\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"1.2\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"latest\"\n",
                "FROM a\nARG V=\"v1.2.3\"\nLABEL org.opencontainers.image.version=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        let config = crate::Config {
            select: Some(vec!["DL3056".to_owned()]),
            ..crate::Config::default()
        };
        assert!(
            crate::analyze(
                "FROM a\nLABEL org.opencontainers.image.version=\"v1.2.3\"\n",
                &config
            )
            .diagnostics
            .is_empty()
        );
    }
}
