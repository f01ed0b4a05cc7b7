use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::ProblemKind;
use crate::compose::validate::validate;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports what the Compose Specification's schema refuses: an unknown key
    /// (extension keys start with `x-`), a value of the wrong type, a value not
    /// among a setting's allowed ones, a pattern or range not met. Values are
    /// checked after interpolation (`${VAR}` is a string, which every
    /// interpolable setting accepts; a value with an unknown part is only
    /// type-checked). Also what else Compose refuses to load: services at the
    /// top level (the v1 format), an `extends` cycle, an `extends` base service
    /// that does not exist or a file that cannot be read, and an invalid
    /// `${…}` interpolation.
    ///
    /// ## Why is this bad?
    /// Compose stops at the first of these with an error that names the key
    /// but not the line. Reported in the editor, a misspelt key (`enviroment:`)
    /// is caught before it silently does nothing in a tool that ignores it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     enviroment:
    ///       MODE: production
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     environment:
    ///       MODE: production
    /// ```
    pub ComposeSchemaViolation {
        code: "DW5901",
        name: "compose-schema-violation",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for ComposeSchemaViolation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every node of the file against the schema: about 40% of the
    /// default Compose rules' time on a large file.
    fn is_heavy(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for p in cx.model.problems() {
            if p.kind != ProblemKind::RootNotMapping {
                cx.report(p.range, p.message.clone());
            }
        }
        for v in validate(cx.model) {
            cx.report(v.range, v.message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ComposeSchemaViolation)
            .file("base.yml", "services:\n  common:\n    image: a:1\n")
            .pass([
                "services:\n  web:\n    image: nginx:1.27\n    x-note: anything\n",
                "services:\n  web:\n    extends:\n      file: base.yml\n      service: common\n",
                "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n",
            ])
            .fail([
                "services:\n  web:\n    image: nginx:1.27\n    enviroment: {}\n",
                "services:\n  web:\n    image: nginx:1.27\n    cgroup: shared\n",
                "web:\n  image: nginx:1.27\n",
                "services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
                "services:\n  a:\n    extends: nowhere\n",
                "services:\n  a:\n    image: \"nginx:${TAG\"\n",
                "services:\n  web:\n    extends:\n      file: missing.yml\n      service: common\n",
            ])
            .test();
    }
}
