use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Context, Kind, param_info, text_of};

declare_rule! {
    /// ## What it does
    /// Flags `$@`, `${@…}`, `${array[@]}` and `${!array[@]}` left unquoted
    /// where the shell splits words: command arguments, `[ ]` operands,
    /// redirection targets and `for … in` lists.
    ///
    /// ## Why is this bad?
    /// `"$@"` passes each argument as it was given; unquoted, every argument
    /// is split again at blanks and expanded as a glob, so `cmd "a b"`
    /// forwarded as `$@` becomes `a` and `b`. In a `RUN <<EOF` script or a
    /// `sh -c '…' sh args` string, arguments with spaces are mangled.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// install() { apt-get install -y --no-install-recommends $@; }
    /// install curl ca-certificates
    /// EOF
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN <<EOF
    /// install() { apt-get install -y --no-install-recommends "$@"; }
    /// install curl ca-certificates
    /// EOF
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts the expansion in double quotes (`"$@"`). It is unsafe:
    /// an argument that was meant to be split (several words passed as
    /// one) stays one argument. No fix is offered inside backticks.
    pub UnquotedArrayExpansion {
        code: "SC2068",
        name: "unquoted-array-expansion",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UnquotedArrayExpansion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                let Kind::Param(p) = e.kind else { continue };
                if !e.is_split(run.dialect) || e.context == Context::ArrayElement {
                    continue;
                }
                let info = param_info(p, src);
                if info.length || !(info.name == "@" || info.subscript == Some("[@]")) {
                    continue;
                }
                let range = run.file_range(p.span);
                let edits = e.quote_edits(range);
                let d = cx.report(
                    range,
                    format!(
                        "Unquoted `{}` splits every element again at blanks and expands it as a glob",
                        text_of(p.span, src)
                    ),
                );
                if let Some(edits) = edits {
                    d.with_fix(Fix::unsafe_("Quote the expansion", edits));
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
        Tester::new(&UnquotedArrayExpansion)
            .pass([
                "FROM a\nRUN echo \"$@\" \"${a[@]}\" ${#a[@]} $*\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a=($@) && b=${a[@]}\n",
                "FROM a\nRUN [[ -n $@ ]]\n",
            ])
            .fail([
                "FROM a\nRUN echo $@\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a=(x y) && echo ${a[@]} ${!a[@]} ${@:2}\n",
                "FROM a\nRUN for x in $@; do echo \"$x\"; done\n",
                "FROM a\nRUN <<EOF\nf() { apt-get install -y $@; }\nf curl\nEOF\n",
            ])
            .fix([
                ("FROM a\nRUN echo $@\n", "FROM a\nRUN echo \"$@\"\n"),
                (
                    "FROM a\nRUN <<EOF\nf() { apt-get install -y $@; }\nEOF\n",
                    "FROM a\nRUN <<EOF\nf() { apt-get install -y \"$@\"; }\nEOF\n",
                ),
            ])
            .test();
    }
}
