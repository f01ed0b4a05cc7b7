use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::yaml::edit::{line_start, next_line_start, remove_entry};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags the top-level `version` key.
    ///
    /// ## Why is this bad?
    /// The Compose Specification made `version` obsolete: Compose ignores it
    /// (and warns on every run). It no longer selects a file format, so keeping
    /// it suggests a compatibility that does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// version: "3.8"
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the `version` line is safe: Compose ignores the key.
    pub ObsoleteVersionKey {
        code: "DW5903",
        name: "obsolete-version-key",
        aliases: [],
        severity: Style,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: Always,
    }
}

impl Rule<ComposeModel> for ObsoleteVersionKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        let yaml = cx.model.yaml();
        for &(key, value) in cx.model.version_entries() {
            let range = yaml
                .node(key)
                .full_span()
                .cover(yaml.node(value).full_span());
            let edit = yaml
                .node(key)
                .parent()
                .and_then(|root| {
                    let index = yaml.entries(root).iter().position(|e| e.key == key)?;
                    remove_entry(yaml, root, index)
                })
                .unwrap_or_else(|| {
                    let src = yaml.source();
                    Edit::delete(TextRange::new(
                        line_start(src, range.start()),
                        next_line_start(src, range.end()),
                    ))
                });
            cx.report(
                range,
                "The top-level `version` is obsolete: Compose ignores it",
            )
            .with_fix(Fix::safe("Remove the `version` line", vec![edit]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ObsoleteVersionKey)
            .pass([
                "services:\n  web:\n    image: nginx:1.27\n",
                "services:\n  web:\n    image: nginx:1.27\n    environment:\n      version: \"1\"\n",
            ])
            .fail([
                "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n",
                "version: '2'\n",
            ])
            .fix([
                (
                    "# stack\nversion: \"3.8\"  # old\n\nservices:\n  web:\n    image: nginx:1.27\n",
                    "# stack\n\nservices:\n  web:\n    image: nginx:1.27\n",
                ),
                (
                    "version: '2'\n",
                    "",
                ),
            ])
            .test();
    }
}
