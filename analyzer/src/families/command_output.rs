//! The rules about a program's output read as a list of file names: `ls`
//! piped straight into another command (SC2010 `grep`, SC2011 `xargs`),
//! and a `for` loop over the output of one command (SC2045 `ls`, SC2044
//! `find`). Programs are recognised by the name as written, as in
//! ShellCheck.

use crate::checker::Checker;
use crate::facts::script_flow::command_name;
use crate::shell::{Command, WordPart};

/// Reports each `ls` piped straight into `consumer`, at the `ls`.
pub(crate) fn ls_piped_into(cx: &mut Checker<'_>, consumer: &str) {
    for run in &cx.model.scripts {
        let src = run.text.as_str();
        for p in run.script.pipelines() {
            for pair in p.pipeline.commands.windows(2) {
                if command_name(&pair[0], src).as_deref() != Some("ls")
                    || command_name(&pair[1], src).as_deref() != Some(consumer)
                {
                    continue;
                }
                cx.report(
                    run.file_range(pair[0].span()),
                    format!("`ls` output piped to `{consumer}` breaks on unusual file names"),
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

/// Reports each `for` loop whose whole item list is one command
/// substitution running a single pipeline that starts with `producer`
/// (`for f in $(find …)`), at the substitution.
pub(crate) fn for_over_output_of(cx: &mut Checker<'_>, producer: &str) {
    for run in &cx.model.scripts {
        let src = run.text.as_str();
        for c in run.script.commands() {
            let Command::For(f) = c.command else { continue };
            let Some([item]) = f.items.as_deref() else {
                continue;
            };
            let [WordPart::CommandSubst(sub)] = item.parts.as_slice() else {
                continue;
            };
            let [and_or] = sub.body.items.as_slice() else {
                continue;
            };
            let Some(first) = and_or.pipelines.first().and_then(|p| p.commands.first()) else {
                continue;
            };
            if and_or.pipelines.len() != 1 || command_name(first, src).as_deref() != Some(producer)
            {
                continue;
            }
            cx.report(
                run.file_range(sub.span),
                format!("`for` over `{producer}` output splits file names on blanks and newlines"),
            )
            .with_instruction(run.instruction);
        }
    }
}
