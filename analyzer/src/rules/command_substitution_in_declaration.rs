use crate::checker::Checker;
use crate::declare_rule;
use crate::model::RunScript;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOrOp, SimpleCommand, SimpleCommandRef, Word, WordPart};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `export`, `local`, `declare`, `typeset` and `readonly` given an
    /// assignment whose value holds a command substitution:
    /// `export GNUPGHOME="$(mktemp -d)"`, `` local v=`cmd` ``. Each such
    /// assignment is reported. A substitution nested in a `${…}` default
    /// (`export X="${Y:-$(cmd)}"`) and array values are not flagged, and
    /// `local -r` / `declare -r` inside a function are exempt (they cannot
    /// be split without losing the read-only local).
    ///
    /// ## Why is this bad?
    /// The exit status of `export X="$(cmd)"` is the status of `export`,
    /// which succeeds: a failing `cmd` goes unnoticed, even under `set -e`
    /// or in an `&&` chain, and the build carries on with an empty `X`.
    /// Assigned on its own, `X="$(cmd)"` has `cmd`'s status.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN export GNUPGHOME="$(mktemp -d)" && gpg --batch --import /tmp/key.asc
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN GNUPGHOME="$(mktemp -d)" && export GNUPGHOME && gpg --batch --import /tmp/key.asc
    /// ```
    ///
    /// ## Fix safety
    /// The fix splits the assignment from the declaration: in an `&&` chain
    /// `export X="$(cmd)" && next` becomes `X="$(cmd)" && export X && next`;
    /// a statement on its own becomes `X="$(cmd)"; export X` (with `;`, so
    /// that `set -e` still sees the failure). `local`, `declare` and
    /// `typeset` declare first (`local x; x="$(cmd)"`), since declaring
    /// after the assignment would reset a function's local; `readonly` and
    /// `-r` assign first. It is unsafe: a failing command now fails the
    /// chain or the step, which is the point but changes what the build
    /// does. No fix is offered after `||`, in a pipeline, with redirections
    /// or prefix assignments, or for a backgrounded command.
    ///
    /// ## Differences from ShellCheck
    /// None known. Unlike hadolint, every assignment of a `RUN` is
    /// reported (hadolint shows one ShellCheck finding per `RUN`), also in
    /// `RUN <<EOF` scripts, in heredocs fed to a shell and in exec-form
    /// `sh -c` strings.
    pub CommandSubstitutionInDeclaration {
        code: "SC2155",
        name: "command-substitution-in-declaration",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

const DECLARING: &[&str] = &["export", "local", "declare", "typeset", "readonly"];

impl Rule for CommandSubstitutionInDeclaration {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                let Some(builtin) = cmd.name(src) else {
                    continue;
                };
                let builtin = builtin.as_ref();
                if !DECLARING.contains(&builtin) {
                    continue;
                }
                let (flags, first) = declaration_flags(cmd, src);
                let read_only = flags.contains('r');
                if read_only
                    && matches!(builtin, "local" | "declare" | "typeset")
                    && c.scope.function.is_some()
                {
                    continue;
                }
                for word in &cmd.words[first..] {
                    let Some(name) = assignment_name(word, src) else {
                        continue;
                    };
                    if !value_has_substitution(word) {
                        continue;
                    }
                    let fix = split_fix(run, &c, word, name, builtin, read_only);
                    let name_text = name.slice(src);
                    let d = cx
                        .report(
                            run.file_range(word.span),
                            format!(
                                "`{builtin} {name_text}=…` hides the exit status of the command substitution in its value"
                            ),
                        )
                        .with_instruction(run.instruction);
                    if let Some(fix) = fix {
                        d.with_fix(fix);
                    }
                }
            }
        }
    }
}

/// The option letters of a declaring builtin, and the index of its first
/// operand word.
fn declaration_flags(cmd: &SimpleCommand, src: &str) -> (String, usize) {
    let mut flags = String::new();
    let mut k = 1;
    while let Some(w) = cmd.words.get(k) {
        let Some(v) = w.literal(src) else { break };
        if v == "--" {
            k += 1;
            break;
        }
        match v.strip_prefix(['-', '+']) {
            Some(letters) if !letters.is_empty() && !v.contains('=') => flags.push_str(letters),
            _ => break,
        }
        k += 1;
    }
    (flags, k)
}

/// The name of `NAME=value` written as a declaration operand (the name and
/// `=` unquoted at the start of the word).
fn assignment_name(word: &Word, src: &str) -> Option<TextRange> {
    let Some(WordPart::Literal(first)) = word.parts.first() else {
        return None;
    };
    let text = first.slice(src);
    let (name, _) = text.split_once('=')?;
    let ok = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then(|| TextRange::new(first.start(), first.start() + name.len()))
}

/// The value has a `$(…)` or `` `…` `` of its own (unquoted or in double
/// quotes; not nested in `${…}` or arithmetic).
fn value_has_substitution(word: &Word) -> bool {
    fn any(parts: &[WordPart]) -> bool {
        parts.iter().any(|p| match p {
            WordPart::CommandSubst(_) => true,
            WordPart::DoubleQuoted(d) => any(&d.parts),
            _ => false,
        })
    }
    any(&word.parts)
}

/// Splits `builtin … NAME=value …` into an assignment and the declaration.
fn split_fix(
    run: &RunScript,
    c: &SimpleCommandRef<'_>,
    word: &Word,
    name: TextRange,
    builtin: &str,
    read_only: bool,
) -> Option<Fix> {
    let cmd = c.command;
    let pos = &c.position;
    if pos.pipeline.commands.len() != 1
        || pos.pipeline.bang.is_some()
        || !cmd.assignments.is_empty()
        || !cmd.redirects.is_empty()
        || pos.op_before() == Some(AndOrOp::Or)
        || pos.is_background()
        || cmd.words.first()?.text(&run.text) != builtin
    {
        return None;
    }
    let src = run.text.as_str();
    let assign = word.text(src);
    let name = name.slice(src);
    if assign.contains('\n') && run.source == crate::model::ScriptSource::ExecForm {
        return None;
    }
    let sep = if pos.and_or.pipelines.len() == 1 {
        "; "
    } else {
        " && "
    };
    let assign_first = matches!(builtin, "export" | "readonly") || read_only;
    let mut edits = Vec::with_capacity(2);
    if assign_first {
        edits.push(Edit::insert(
            run.file_range(cmd.span).start(),
            format!("{assign}{sep}"),
        ));
        edits.push(Edit::replace(run.file_range(word.span), name));
    } else {
        edits.push(Edit::replace(run.file_range(word.span), name));
        edits.push(Edit::insert(
            run.file_range(cmd.span).end(),
            format!("{sep}{assign}"),
        ));
    }
    Some(Fix::unsafe_(
        format!("Assign `{name}` separately from `{builtin}`"),
        edits,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CommandSubstitutionInDeclaration)
            .pass([
                "FROM a\nRUN X=\"$(mktemp -d)\" && export X\n",
                "FROM a\nRUN export X=\"${Y:-$(c)}\"\n",
                "FROM a\nRUN export X=1 Y=$HOME\n",
                "FROM a\nRUN echo export X=$(c)\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local -r x=$(c); declare -r y=$(c); echo $x$y; }\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -a arr=($(c))\n",
                "FROM a\nRUN export A=$((1+2))\n",
                "FROM a\nRUN export 'X=$(c)'\n",
                "FROM a\nCMD export X=$(c)\n",
            ])
            .fail([
                "FROM a\nRUN export GNUPGHOME=\"$(mktemp -d)\" && gpg --import k\n",
                "FROM a\nRUN export X=`c` Y=1 Z=\"a$(b)\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -r x=$(c)\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { readonly z=$(c); local y=$(d); }\n",
                "FROM a\nRUN set -e \\\n    && export V=$(cat /v) \\\n    && echo $V\n",
                "FROM a\nRUN <<EOF\nexport X=$(c)\necho $X\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"export X=$(c) && echo $X\"]\n",
                "FROM a\nRUN a || export X=$(c)\n",
                "FROM a\nRUN export X=$(c) | cat\n",
            ])
            .fix([
                (
                    "FROM a\nRUN export GNUPGHOME=\"$(mktemp -d)\" && gpg --import k\n",
                    "FROM a\nRUN GNUPGHOME=\"$(mktemp -d)\" && export GNUPGHOME && gpg --import k\n",
                ),
                (
                    "FROM a\nRUN set -e; export X=$(c); echo $X\n",
                    "FROM a\nRUN set -e; X=$(c); export X; echo $X\n",
                ),
                (
                    "FROM a\nRUN a \\\n  && export X=`c` Y=1 Z=\"a$(b)\" \\\n  && d\n",
                    "FROM a\nRUN a \\\n  && X=`c` && Z=\"a$(b)\" && export X Y=1 Z \\\n  && d\n",
                ),
                (
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local y=$(d) && echo $y; }\n",
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local y && y=$(d) && echo $y; }\n",
                ),
                (
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -r x=$(c)\n",
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN x=$(c); declare -r x\n",
                ),
                (
                    "FROM a\nRUN <<EOF\nexport X=$(c)\necho $X\nEOF\n",
                    "FROM a\nRUN <<EOF\nX=$(c); export X\necho $X\nEOF\n",
                ),
                (
                    "FROM a\nRUN [\"sh\", \"-c\", \"export X=$(c) && echo $X\"]\n",
                    "FROM a\nRUN [\"sh\", \"-c\", \"X=$(c) && export X && echo $X\"]\n",
                ),
                (
                    "FROM a\nRUN a || export X=$(c)\n",
                    "FROM a\nRUN a || export X=$(c)\n",
                ),
            ])
            .test();
    }
}
