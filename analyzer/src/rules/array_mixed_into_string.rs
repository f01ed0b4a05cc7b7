use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::WordPart;
use crate::shell::expansions::{Context, Kind, param_info, text_of};

declare_rule! {
    /// ## What it does
    /// Flags `"$@"` or `"${array[@]}"` in a command argument that also
    /// holds other text: `"installing $@"`, `"--pkg=${pkgs[@]}"`,
    /// `x"$@"`.
    ///
    /// ## Why is this bad?
    /// `"$@"` becomes one argument per element only on its own; joined to
    /// other text, the first element sticks to the text before and the last
    /// to the text after, and the rest become separate arguments. It is
    /// rarely what was meant: `"$*"` joins all elements into one string,
    /// and a separate `"$@"` argument keeps them apart.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// log() { echo "build: $@"; }
    /// log start
    /// EOF
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// log() { echo "build: $*"; }
    /// log start
    /// EOF
    /// ```
    pub ArrayMixedIntoString {
        code: "SC2145",
        name: "array-mixed-into-string",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ArrayMixedIntoString {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                let Kind::Param(p) = e.kind else { continue };
                if !e.quoted
                    || e.in_param
                    || !matches!(e.context, Context::Argument | Context::TestOperand)
                {
                    continue;
                }
                let info = param_info(p, src);
                if info.length || !(info.name == "@" || info.subscript == Some("[@]")) {
                    continue;
                }
                // Alone in its word: `"$@"`.
                if let [WordPart::DoubleQuoted(d)] = e.word.parts.as_slice()
                    && d.parts.len() == 1
                {
                    continue;
                }
                cx.report(
                    run.file_range(p.span),
                    format!(
                        "`{}` is joined to other text in one argument: the elements are split apart and the text sticks to the first and last",
                        text_of(p.span, src)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ArrayMixedIntoString)
            .pass([
                "FROM a\nRUN echo \"$@\" \"${a[@]}\" \"x $*\" \"${#a[@]} x\"\n",
                "FROM a\nRUN x=\"a $@\"\n",
                "FROM a\nRUN echo $@x\n",
            ])
            .fail([
                "FROM a\nRUN echo \"x $@\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a=(1 2) && echo \"y${a[@]}\" \"$@z\" x\"$@\" \"${@:2} x\"\n",
                "FROM a\nRUN <<EOF\nlog() { echo \"build: $@\"; }\nEOF\n",
            ])
            .test();
    }
}
