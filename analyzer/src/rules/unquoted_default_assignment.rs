use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::{origin, origin_value};
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Kind, ParamOp, param_info, text_of};

declare_rule! {
    /// ## What it does
    /// Flags `: ${NAME:=default}` (or `${NAME=default}`) with the expansion
    /// unquoted, the idiom that gives a variable a default value.
    ///
    /// ## Why is this bad?
    /// `:` ignores its arguments, but the shell still splits and globs
    /// them: a value with `*` makes the shell list a directory (slow on a
    /// large one, and a failure with `set -o noglob` off and `failglob` on).
    /// Quoted, the expansion only assigns.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN : ${PREFIX:=/usr/local} && ./configure --prefix="$PREFIX"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN : "${PREFIX:=/usr/local}" && ./configure --prefix="$PREFIX"
    /// ```
    ///
    /// Not flagged when the variable already holds a value known to be free
    /// of blanks and glob characters (a literal assignment earlier in the
    /// script, an `ARG` or `ENV`), since then nothing is split.
    ///
    /// ## Fix safety
    /// The fix quotes the expansion. It is safe: `:` does nothing with its
    /// arguments, so only the splitting and globbing go away.
    pub UnquotedDefaultAssignment {
        code: "SC2223",
        name: "unquoted-default-assignment",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UnquotedDefaultAssignment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            let vars = cx.script_vars(index);
            for e in cx.expansions(index) {
                let Kind::Param(p) = e.kind else { continue };
                if e.quoted || e.in_param || e.word_index.is_none_or(|i| i == 0) {
                    continue;
                }
                if e.command.and_then(|c| c.name(src)).as_deref() != Some(":") {
                    continue;
                }
                let info = param_info(p, src);
                if info.op != ParamOp::Assign {
                    continue;
                }
                // A variable already holding a blank-free value keeps it.
                let known_safe = match vars.and_then(|v| v.value_at(p.span.start())) {
                    Some(v) => v.is_safe(),
                    None => {
                        info.is_variable() && origin_value(origin(model, run, info.name)).is_safe()
                    }
                };
                if known_safe {
                    continue;
                }
                let range = run.file_range(p.span);
                let edits = e.quote_edits(range);
                let d = cx.report(
                    range,
                    format!(
                        "Unquoted `{}` is split and expanded as a glob although `:` only needs the assignment",
                        text_of(p.span, src)
                    ),
                );
                if let Some(edits) = edits {
                    d.with_fix(Fix::safe("Quote the expansion", edits));
                }
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
        Tester::new(&UnquotedDefaultAssignment)
            .pass([
                "FROM a\nRUN : \"${X:=1}\"\n",
                "FROM a\nRUN : ${X:-1}\n",
                "FROM a\nRUN echo ${X:=1}\n",
                "FROM a\nRUN x=1 && : ${x:=2}\n",
                "FROM a\nARG PREFIX=/usr\nRUN : ${PREFIX:=/usr/local}\n",
            ])
            .fail([
                "FROM a\nRUN : ${X:=1} ${Y=2}\n",
                "FROM a\nRUN <<EOF\n: ${PREFIX:=/usr/local}\nEOF\n",
            ])
            .fix([("FROM a\nRUN : ${X:=1}\n", "FROM a\nRUN : \"${X:=1}\"\n")])
            .test();
    }
}
