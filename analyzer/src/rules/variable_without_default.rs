use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::{FileId, for_each_value_scalar};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a variable reference without a default (`$VAR`, `${VAR}`,
    /// `${VAR:?message}`) that the `.env` file does not set. Off by default.
    ///
    /// ## Why is this bad?
    /// When the environment does not set it either, Compose substitutes an
    /// empty string (with only a warning) and the stack starts with, say, an
    /// image without a tag or an empty password. A default (`${VAR:-value}`)
    /// or a required marker with a message documents what is expected.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:${APP_TAG}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   app:
    ///     image: registry.example.com/app:${APP_TAG:-1.4}
    /// ```
    pub VariableWithoutDefault {
        code: "DW5902",
        name: "variable-without-default",
        aliases: [],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for VariableWithoutDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        let model = cx.model;
        let yaml = model.yaml();
        let mut found = Vec::new();
        for_each_value_scalar(yaml, |id| {
            let Some(i) = model.interpolate(FileId::MAIN, id) else {
                return;
            };
            let mapped = model.value_offset(FileId::MAIN, id).is_some();
            for r in &i.refs {
                if !r.without_default() || r.set {
                    continue;
                }
                let range = if mapped {
                    r.range
                } else {
                    yaml.node(id).span()
                };
                found.push((range, r.name.to_owned()));
            }
        });
        found.sort_by_key(|(r, _)| (r.start, r.end));
        let env = if model.has_dotenv() {
            "the `.env` file does not set it"
        } else {
            "no `.env` file sets it"
        };
        for (range, name) in found {
            cx.report(
                range,
                format!(
                    "`{name}` has no default and {env}: Compose substitutes an empty string when the environment does not set it"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&VariableWithoutDefault)
            .dotenv("SET=1\n")
            .pass([
                "services:\n  a:\n    image: a:${TAG:-1}\n    environment:\n      X: ${SET}\n      Y: $$NOT_A_VAR\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:${TAG}\n    command: echo $HOME ${NEED:?set NEED}\n",
                "services:\n  a:\n    image: \"a:\\\\${TAG}\"\n",
            ])
            .test();
    }
}
