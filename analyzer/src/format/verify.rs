//! The formatter's contract, as a check: two parses describe the same build.

use super::shell;
use crate::syntax::{Args, BuildkitInstruction, Dockerfile, Instruction, Keyword};

/// Compares what BuildKit builds from `before` and from `after`, and returns
/// the first difference, if any.
///
/// Equal means: both are rejected or both accepted; `after` has no more
/// syntax errors; the same instructions with the same flags, exec-form flag,
/// values and heredocs (name and content, byte for byte). The comparison
/// allows exactly what the formatter may change:
/// - instruction keywords (and ONBUILD triggers), `AS` in `FROM … AS name` and
///   the `CMD`/`NONE` word of HEALTHCHECK compare without ASCII case, as
///   BuildKit reads them;
/// - in shell-form text (RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD not in
///   exec form) runs of blanks where the shell splits words compare equal
///   whatever their length (see the `shell` module).
///
/// Line numbers are not compared.
#[must_use]
pub fn build_difference(before: &Dockerfile, after: &Dockerfile) -> Option<String> {
    if before.rejection().is_some() != after.rejection().is_some() {
        return Some(format!(
            "rejection differs: before {:?}, after {:?}",
            before.rejection().map(|e| &e.message),
            after.rejection().map(|e| &e.message)
        ));
    }
    if after.errors.len() > before.errors.len() {
        return Some(format!(
            "more syntax errors: {} before, {} after ({:?})",
            before.errors.len(),
            after.errors.len(),
            after.errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        ));
    }
    let a = before.buildkit_instructions();
    let b = after.buildkit_instructions();
    if a.len() != b.len() {
        return Some(format!(
            "{} instructions before, {} after",
            a.len(),
            b.len()
        ));
    }
    for ((x, y), inst) in a.iter().zip(&b).zip(&before.instructions) {
        if let Some(diff) = instruction_difference(x, y, inst) {
            return Some(format!("line {}: {diff}", x.start_line));
        }
    }
    None
}

fn instruction_difference(
    x: &BuildkitInstruction,
    y: &BuildkitInstruction,
    inst: &Instruction,
) -> Option<String> {
    if !x.cmd.eq_ignore_ascii_case(&y.cmd) {
        return Some(format!("keyword {:?} became {:?}", x.cmd, y.cmd));
    }
    let sub_equal = match (&x.sub_cmd, &y.sub_cmd) {
        (Some(p), Some(q)) => p.eq_ignore_ascii_case(q),
        (None, None) => true,
        _ => false,
    };
    if !sub_equal {
        return Some(format!("trigger {:?} became {:?}", x.sub_cmd, y.sub_cmd));
    }
    if x.json != y.json {
        return Some(format!("exec form {} became {}", x.json, y.json));
    }
    if x.flags != y.flags {
        return Some(format!("flags {:?} became {:?}", x.flags, y.flags));
    }
    if x.heredocs != y.heredocs {
        return Some(format!("heredocs {:?} became {:?}", x.heredocs, y.heredocs));
    }
    if x.value.len() != y.value.len() {
        return Some(format!("value {:?} became {:?}", x.value, y.value));
    }
    let target = inst.onbuild_trigger().unwrap_or(inst);
    let shape = ValueShape::of(target, &x.value);
    for (i, (p, q)) in x.value.iter().zip(&y.value).enumerate() {
        let equal = match shape.of_index(i) {
            Compare::Exact => p == q,
            Compare::Case => p.eq_ignore_ascii_case(q),
            Compare::Shell => shell::normalize(p) == shell::normalize(q),
        };
        if !equal {
            return Some(format!("value {p:?} became {q:?}"));
        }
    }
    None
}

#[derive(Clone, Copy)]
enum Compare {
    Exact,
    Case,
    Shell,
}

/// How each value of an instruction compares.
struct ValueShape {
    case: Option<usize>,
    shell_from: Option<usize>,
}

impl ValueShape {
    fn of(inst: &Instruction, values: &[String]) -> Self {
        let shell_text = |args: &Args| matches!(args, Args::Text(_));
        match (&inst.args, inst.keyword) {
            (args, Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell)
                if shell_text(args) =>
            {
                ValueShape {
                    case: None,
                    shell_from: Some(0),
                }
            }
            (Args::Healthcheck { command, .. }, _) => ValueShape {
                case: Some(0),
                shell_from: shell_text(command).then_some(1),
            },
            (Args::Words(words), Keyword::From)
                if words.len() == 3
                    && values.get(1).is_some_and(|v| v.eq_ignore_ascii_case("as")) =>
            {
                ValueShape {
                    case: Some(1),
                    shell_from: None,
                }
            }
            _ => ValueShape {
                case: None,
                shell_from: None,
            },
        }
    }

    fn of_index(&self, i: usize) -> Compare {
        if self.case == Some(i) {
            Compare::Case
        } else if self.shell_from.is_some_and(|from| i >= from) {
            Compare::Shell
        } else {
            Compare::Exact
        }
    }
}
