use std::collections::HashMap;

use crate::Fix;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::{BLANK_OR_GLOB, Origin, ScriptVars, is_safe_text, origin};
use crate::model::{RunScript, VarKind};
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Context, Expansion, Kind, ParamInfo, ParamOp, param_info, text_of};

declare_rule! {
    /// ## What it does
    /// Flags a parameter expansion (`$dir`, `${file}`, `$1`, `${x:-y}`)
    /// left unquoted where the shell splits words and expands globs: a
    /// command argument, a `[ ]` / `test` operand, a redirection target, a
    /// here-string, and in POSIX `sh` the value of an `export x=$y` or
    /// `local x=$y` argument.
    ///
    /// It is not flagged where no splitting happens (assignments, `[[ ]]`,
    /// `(( ))`, `$(( ))`, `case` words, here-document bodies, a command
    /// name that is only the expansion), where the split is the point
    /// (`for … in` lists, array elements), for values that cannot split
    /// (`$?`, `$#`, `$$`, `$!`, `$-`, `${#x}`, `${x:+…}`), nor when every
    /// assignment of the script reaching the expansion gives a non-empty
    /// literal without blanks or glob characters (`v=1.2.3 && echo $v`).
    /// `$@` and `${a[@]}` are `SC2068`.
    ///
    /// Variables defined by `ARG` or `ENV` are taken to be free of blanks,
    /// as hadolint declares them to ShellCheck — except where dockward can
    /// read the value: an `ENV` value or an `ARG` default that holds blanks
    /// or glob characters after expansion is split for real, and is
    /// flagged.
    ///
    /// ## Why is this bad?
    /// An unquoted `$file` becomes several arguments when the value holds a
    /// blank, and a glob when it holds `*`, `?` or `[`: `rm -rf $dir/cache`
    /// with `dir="/tmp/my dir"` removes `/tmp/my` and `dir/cache`. An empty
    /// value disappears instead of being an empty argument.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN dir="$(mktemp -d)" && cp -r /src $dir
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN dir="$(mktemp -d)" && cp -r /src "$dir"
    /// ```
    ///
    /// ## Fix safety
    /// The fix puts the expansion in double quotes (`"$dir"`, `"${dir}"`),
    /// also inside a larger word (`"$dir"/cache`), in heredoc scripts and in
    /// exec-form `sh -c` strings (JSON-escaped there). It is unsafe:
    /// quoting keeps the value one word, so where the split was meant — a
    /// list of packages in one variable, an `ENV` holding several options —
    /// the command changes. There is no safe case: when the value is known
    /// to be free of blanks and globs, there is no finding. No fix is
    /// offered inside backticks, where the quotes would need escaping.
    ///
    /// ## Differences from ShellCheck
    /// - An `ARG` or `ENV` whose value holds blanks or glob characters is
    ///   flagged (ShellCheck, run by hadolint, sees every `ARG` and `ENV` as
    ///   `1`): `ENV PHPIZE_DEPS="autoconf g++ make"` … `apk add
    ///   $PHPIZE_DEPS` is reported with the value, so a deliberate split can
    ///   be suppressed knowingly. On the shared corpus these are about 100 of
    ///   1,250 findings.
    /// - Every name of a multi-name `ARG` (`ARG a b=1`) and the `ARG`s of a
    ///   parent stage are known (hadolint declares only the first name of an
    ///   `ARG`, so ShellCheck reports `$b`).
    /// - The `ENV` of a parent stage named with a variable (`FROM
    ///   base-${FLAVOUR}`) is known: dockward resolves the name with the
    ///   `ARG`'s default, hadolint matches the text and declares none of it.
    /// - `${#x}` counts as a number wherever it is assigned
    ///   (`n=${#x}; echo $n` is not flagged).
    /// - Scripts hadolint never checks are checked too: `RUN cmd <<EOF`
    ///   bodies fed to a shell, exec-form `sh -c` strings.
    pub UnquotedExpansion {
        code: "SC2086",
        name: "unquoted-expansion",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UnquotedExpansion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let Some(vars) = cx.script_vars(index) else {
                continue;
            };
            let mut origins: HashMap<&str, Origin<'_>> = HashMap::new();
            for e in cx.expansions(index) {
                let Kind::Param(p) = e.kind else { continue };
                // `for x in $list` is split on purpose; `arr=($list)` is
                // ShellCheck's SC2206.
                if !e.is_split(run.dialect)
                    || matches!(e.context, Context::ForItem | Context::ArrayElement)
                {
                    continue;
                }
                let src = run.text.as_str();
                let info = param_info(p, src);
                let Some(reason) = finding(cx, run, vars, e, &info, &mut origins) else {
                    continue;
                };
                let text = text_of(p.span, src);
                let message = match reason {
                    Reason::Unknown => {
                        format!("Unquoted `{text}` is split into words and expanded as a glob")
                    }
                    Reason::Defined { kind, value } => format!(
                        "Unquoted `{text}` is split into words and expanded as a glob: {kind} `{}` is `{}`",
                        info.name,
                        shorten(&value)
                    ),
                };
                let range = run.file_range(p.span);
                let edits = e.quote_edits(range);
                let d = cx.report(range, message);
                if let Some(edits) = edits {
                    d.with_fix(Fix::unsafe_("Quote the expansion", edits));
                }
            }
        }
    }
}

/// Why an expansion is flagged.
enum Reason {
    /// Its value is not known to be free of blanks and globs.
    Unknown,
    /// An ARG or ENV whose value holds blanks or glob characters.
    Defined { kind: &'static str, value: String },
}

/// Whether the unquoted, split expansion `e` (a parameter described by
/// `info`) is a finding.
fn finding<'s, 'm>(
    cx: &Checker<'m>,
    run: &RunScript,
    vars: &ScriptVars,
    e: &Expansion<'_>,
    info: &ParamInfo<'s>,
    origins: &mut HashMap<&'s str, Origin<'m>>,
) -> Option<Reason> {
    if info.length || info.is_blank_free_special() || info.op == ParamOp::Alternative {
        return None;
    }
    // `$@`, `${a[@]}`: SC2068. `$*` is flagged here.
    if info.name == "@" || info.subscript == Some("[@]") {
        return None;
    }
    // `: ${x:=default}`: SC2223.
    if info.op == ParamOp::Assign
        && e.command
            .and_then(|c| c.name(&run.text))
            .is_some_and(|n| n == ":")
    {
        return None;
    }
    if info.indirect || !info.is_variable() || info.subscript.is_some() {
        return Some(Reason::Unknown);
    }
    let operand_ok = operand_keeps_safe(info);
    if let Some(v) = vars.value_at(e.span.start()) {
        return (!(v.is_safe() && operand_ok)).then_some(Reason::Unknown);
    }
    let origin = *origins
        .entry(info.name)
        .or_insert_with(|| origin(cx.model, run, info.name));
    match origin {
        Origin::Defined(def) => match &def.value {
            Some(value) if value.contains(BLANK_OR_GLOB) => Some(Reason::Defined {
                kind: if def.kind == VarKind::Env {
                    "ENV"
                } else {
                    "ARG"
                },
                value: value.clone(),
            }),
            _ => (!operand_ok).then_some(Reason::Unknown),
        },
        Origin::Proxy => (!operand_ok).then_some(Reason::Unknown),
        _ => Some(Reason::Unknown),
    }
}

/// The operator of a `${x…}` whose `x` is safe keeps the result safe:
/// no operator, a default or error text without blanks or globs, pattern
/// removal, substrings and case changes.
fn operand_keeps_safe(info: &ParamInfo<'_>) -> bool {
    match info.op {
        ParamOp::Plain | ParamOp::Alternative => true,
        ParamOp::Default | ParamOp::Assign | ParamOp::Error => {
            info.operand.is_empty() || is_safe_text(info.operand) || info.op == ParamOp::Error
        }
        ParamOp::Other => {
            let op = info.operand;
            if let Some(rest) = op.strip_prefix('/') {
                let replacement = rest.trim_start_matches('/').split_once('/').map(|(_, r)| r);
                replacement.is_none_or(|r| !r.contains(BLANK_OR_GLOB))
            } else {
                op.starts_with(['#', '%', ':', '^', ','])
            }
        }
    }
}

/// Long values are cut for the message.
fn shorten(value: &str) -> String {
    let one_line = value.replace('\n', " ");
    if one_line.chars().count() <= 40 {
        return one_line;
    }
    let cut: String = one_line.chars().take(37).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UnquotedExpansion)
            .pass([
                "FROM a\nRUN echo \"$x\" \"${y}\"\n",
                "FROM a\nRUN v=1.2.3 && curl -o /tmp/x-$v.tgz https://e.com/$v\n",
                "FROM a\nRUN echo $? $# $$ $! ${#x} ${x:+a} ${x+b}\n",
                "FROM a\nRUN x=$y && [[ -n $x ]] && (( z = $w )) && echo $(( $n + 1 ))\n",
                "FROM a\nRUN case $x in $y) ;; esac\n",
                "FROM a\nRUN for f in $list; do echo \"$f\"; done\n",
                "FROM a\nRUN $cmd \"$arg\"\n",
                "FROM a\nRUN cat <<EOF > /f\n$x\nEOF\n",
                "FROM a\nARG VERSION\nRUN curl -o /x https://e.com/$VERSION\n",
                "FROM a\nARG VERSION=1.2\nRUN curl -o /x https://e.com/$VERSION\n",
                "FROM a\nENV DIR=/opt/app\nRUN mkdir -p $DIR && cd ${DIR}\n",
                "FROM a\nRUN curl --proxy $HTTP_PROXY -o /x https://e.com\n",
                "FROM a AS base\nENV DIR=/opt/app\nFROM base\nRUN mkdir $DIR\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export v=$x\n",
                "FROM a\nRUN for i in 1 2 3; do echo $i; done\n",
                "FROM a\nRUN n=$(( 1 + 2 )) && echo $n\n",
                "FROM a\nRUN echo $@ ${a[@]}\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN arr=(a $x) && declare -a b=($y)\n",
                "FROM a\nRUN : ${x:=default}\n",
                "FROM a\nENV V=1\nRUN echo ${V%.*} ${V:-1}\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo \\\"$x\\\"\"]\n",
            ])
            .fail([
                "FROM a\nRUN echo $x\n",
                "FROM a\nRUN dir=$(mktemp -d) && cp -r /src $dir\n",
                "FROM a\nRUN echo ${x:-a} $1 $* ${x%a} ${!x} $HOME\n",
                "FROM a\nRUN [ -n $x ] && echo > $f && cat <<< $h\n",
                "FROM a\nRUN export v=$x\n",
                "FROM a\nRUN x='a b' && echo $x\n",
                "FROM a\nRUN x=1 && [ -n \"$y\" ] || x=$(b); echo $x\n",
                "FROM a\nENV JAVA_OPTS=\"-Xms1g -Xmx1g\"\nRUN java $JAVA_OPTS -jar /app.jar\n",
                "FROM a\nARG PKGS=\"curl git\"\nRUN apt-get install -y $PKGS\n",
                "FROM a\nARG FILES=*.txt\nRUN rm $FILES\n",
                "FROM a\nRUN echo \"$(echo $x)\"\n",
                "FROM a\nRUN apt-get update && \\\n    echo $x && \\\n    echo done\n",
                "FROM a\nRUN <<EOF\nset -e\nrm -rf $dir\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo $x\"]\n",
                "FROM a\nRUN echo `echo $x`\n",
                "FROM a\nONBUILD RUN echo $x\n",
                "FROM a\nRUN echo $TARGETARCH\n",
                "FROM a\nARG V=1\nFROM b\nRUN echo $V\n",
            ])
            .fix([
                ("FROM a\nRUN echo $x\n", "FROM a\nRUN echo \"$x\"\n"),
                (
                    "FROM a\nRUN cp -r /src $dir/cache ${b}x\n",
                    "FROM a\nRUN cp -r /src \"$dir\"/cache \"${b}\"x\n",
                ),
                (
                    "FROM a\nRUN apt-get update && \\\n    rm -rf $x\n",
                    "FROM a\nRUN apt-get update && \\\n    rm -rf \"$x\"\n",
                ),
                (
                    "FROM a\nRUN <<EOF\nrm -rf $dir\nEOF\n",
                    "FROM a\nRUN <<EOF\nrm -rf \"$dir\"\nEOF\n",
                ),
                (
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo $x\"]\n",
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo \\\"$x\\\"\"]\n",
                ),
                (
                    "FROM a\nRUN echo \"$(echo $x)\"\n",
                    "FROM a\nRUN echo \"$(echo \"$x\")\"\n",
                ),
            ])
            .test();
    }
}
