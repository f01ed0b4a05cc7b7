//! The deprecated `grep` aliases (`egrep`, `fgrep`: SC2196, SC2197): one
//! body, parameterised by the alias and the `grep` option it stands for.

use crate::checker::Checker;
use crate::facts::script_flow::command_basename;
use crate::{Edit, Fix};

/// Reports every command named `alias` (also by path); a bare name gets the
/// safe fix to `grep OPTION`, which is what the alias runs.
pub(crate) fn check(cx: &mut Checker<'_>, alias: &str, option: &str) {
    for run in &cx.model.scripts {
        let src = run.text.as_str();
        for c in run.script.commands() {
            if command_basename(c.command, src).as_deref() != Some(alias) {
                continue;
            }
            let Some(word) = c.command.as_simple().and_then(|s| s.name_word()) else {
                continue;
            };
            let range = run.file_range(word.span);
            let d = cx
                .report(
                    range,
                    format!("`{alias}` is deprecated: use `grep {option}`"),
                )
                .with_instruction(run.instruction);
            if word.text(src) == alias {
                d.with_fix(Fix::safe(
                    format!("Replace `{alias}` with `grep {option}`"),
                    vec![Edit::replace(range, format!("grep {option}"))],
                ));
            }
        }
    }
}
