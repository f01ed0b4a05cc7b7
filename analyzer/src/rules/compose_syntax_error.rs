use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::ProblemKind;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::yaml::ErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports what keeps the YAML from being read: a syntax error (one
    /// finding, at its place; the part before it is still analysed), a
    /// duplicate key, an alias to an anchor that does not exist or contains it,
    /// an alias expansion over the limit (a "billion laughs" YAML bomb is
    /// refused, not expanded), a `<<` merge of something that is not a
    /// mapping, and a document that is not a mapping.
    ///
    /// ## Why is this bad?
    /// Compose refuses such a file; a duplicate key, which many YAML readers
    /// accept silently, is an error for Compose and hides one of the two values.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     image: httpd:2.4
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    pub ComposeSyntaxError {
        code: "DW5900",
        name: "compose-syntax-error",
        aliases: [],
        severity: Error,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
        unsuppressible: true,
    }
}

impl Rule<ComposeModel> for ComposeSyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        let errors = cx.model.yaml().errors();
        let refused = errors
            .iter()
            .filter(|e| e.kind == ErrorKind::ExpansionLimit)
            .count();
        let mut bomb_reported = false;
        for e in errors {
            if e.kind == ErrorKind::ExpansionLimit {
                // A YAML bomb: one finding, at the first alias refused.
                if bomb_reported {
                    continue;
                }
                bomb_reported = true;
                let more = if refused > 1 {
                    format!(" ({refused} aliases refused)")
                } else {
                    String::new()
                };
                cx.report(e.range, format!("{}{more}", e.message));
                continue;
            }
            cx.report(e.range, e.message.clone());
        }
        for p in cx.model.problems() {
            if p.kind == ProblemKind::RootNotMapping {
                cx.report(p.range, p.message.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&ComposeSyntaxError)
            .pass([
                "services:\n  web:\n    image: nginx:1.27\n",
                "",
                "# only a comment\n",
            ])
            .fail([
                "services:\n  web:\n    image: \"nginx\n",
                "services:\n  web:\n    image: nginx\n    image: httpd\n",
                "services:\n  web:\n    <<: *missing\n",
                "- just\n- a list\n",
                "a: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
            ])
            .test();
    }
}
