use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use super::label_values::{is_spdx, labels, mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `spdx` and whose value
    /// is not an SPDX license expression (`MIT`, `Apache-2.0 OR MIT`). Values
    /// are checked after variable expansion; empty values (see DL3051) and
    /// values with a variable whose value is unknown are not checked. The
    /// expression's syntax is checked (license ids, `AND`, `OR`, `WITH`,
    /// parentheses, `LicenseRef-`), not whether each id is on the SPDX license
    /// list.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an SPDX license expression; a value in
    /// another format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache License 2.0"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `spdx`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.licenses = "spdx"`.)
    pub LabelNotSpdx {
        code: "DL3054",
        name: "label-not-spdx",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for LabelNotSpdx {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        if cx.options.label_schema.is_empty() {
            return;
        }
        let labels = labels(cx.model);
        for label in mistyped(&labels, cx.options, LabelType::Spdx, is_spdx) {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not an SPDX license expression", label.key),
            );
        }
    }

    fn example_options(&self, options: &mut RuleOptions) {
        options.label_schema.insert(
            "org.opencontainers.image.licenses".to_owned(),
            LabelType::Spdx,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LabelNotSpdx)
            .options(|o| LabelNotSpdx.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"Apache-2.0 OR MIT\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"GPL-2.0-only WITH Classpath-exception-2.0\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=$UNSET\n",
                "FROM a\nLABEL other=\"MIT/X11\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT/X11\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"Apache License 2.0\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT OR\"\n",
                "FROM a\nARG V=\"MIT/X11\"\nLABEL org.opencontainers.image.licenses=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        let config = crate::Config {
            select: Some(vec!["DL3054".to_owned()]),
            ..crate::Config::default()
        };
        assert!(
            crate::analyze(
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT/X11\"\n",
                &config
            )
            .diagnostics
            .is_empty()
        );
    }
}
