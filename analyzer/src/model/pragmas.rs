//! Suppression comments of a Dockerfile: which instruction, stage or file
//! each one covers (the syntax and the engine: [`crate::suppression`]).

pub use crate::suppression::{
    CheckDirective, Pragma, PragmaRule, PragmaScope, PragmaTool, Pragmas,
};
use crate::suppression::{IgnoreKind, PragmaComment, parse_check, parse_comment};

use super::Model;
use crate::syntax::Dockerfile;

pub(super) fn collect(model: &Model) -> Pragmas {
    let file = &model.file;
    let src = file.source();
    let mut out = Pragmas {
        check: file
            .directive("check")
            .map(|d| parse_check(&d.value, d.value_range)),
        ..Pragmas::default()
    };
    for comment in &file.comments {
        if comment.in_continuation {
            continue;
        }
        let text = comment.range.slice(src);
        let Some(parsed) = parse_comment(text, comment.range.start()) else {
            continue;
        };
        match parsed {
            PragmaComment::Shell(name) => out.shell = Some((name, comment.range)),
            PragmaComment::Ignore {
                tool,
                kind,
                rules,
                reason,
            } => {
                let next = next_instruction(file, comment.range.end());
                let scope = match kind {
                    IgnoreKind::Global => PragmaScope::File,
                    IgnoreKind::Stage => {
                        match next.and_then(|i| model.instruction_stage.get(i).copied().flatten()) {
                            // Above a FROM: that stage.
                            Some(s) => PragmaScope::Stage(s as usize),
                            None => continue,
                        }
                    }
                    IgnoreKind::Next => match next {
                        Some(i) => PragmaScope::Instruction(i),
                        None => continue,
                    },
                };
                out.pragmas.push(Pragma {
                    tool,
                    scope,
                    rules,
                    range: comment.range,
                    reason,
                });
            }
        }
    }
    out
}

/// The instruction a comment ending at `end` is attached to: the next
/// instruction, when only comment lines lie in between.
fn next_instruction(file: &Dockerfile, end: usize) -> Option<usize> {
    let idx = file.instructions.partition_point(|i| i.range.start() < end);
    let inst = file.instructions.get(idx)?;
    let between = &file.source()[end..inst.range.start()];
    // `between` is the comment's line ending, whole lines, then the
    // instruction's indentation: every whole line must be a comment.
    let parts: Vec<&str> = between.split('\n').collect();
    let attached = parts.len() >= 2
        && parts[1..parts.len() - 1]
            .iter()
            .all(|l| l.trim_start().starts_with('#'));
    attached.then_some(idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pragmas() {
        let src = "# hadolint global ignore=DL3008\nFROM alpine\n# dockward ignore=DL3003, curl-pipe-shell # vendored script\nRUN cd /x\n\n# hadolint ignore=DL3001\n\nRUN ps\n# check=skip=JSONArgsRecommended\nCMD echo\n";
        let m = Model::new(src);
        let p = &m.pragmas.pragmas;
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[0].scope, PragmaScope::File);
        assert_eq!(p[1].scope, PragmaScope::Instruction(1));
        assert_eq!(
            p[1].rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec!["DL3003", "curl-pipe-shell"]
        );
        assert_eq!(&src[p[1].rules[1].range.as_range()], "curl-pipe-shell");
        assert_eq!(p[1].reason.as_deref(), Some("vendored script"));
        // The DL3001 pragma is separated from RUN by a blank line: not attached.
        assert_eq!(p[2].tool, PragmaTool::Buildkit);
        assert_eq!(p[2].scope, PragmaScope::Instruction(3));
    }

    #[test]
    fn parses_check_directive() {
        let m = Model::new(
            "# check=skip=StageNameCasing,all;error=true;experimental=InvalidDefinitionDescription\nFROM alpine\n",
        );
        let c = m.pragmas.check.as_ref().unwrap();
        assert!(c.skip_all && c.error);
        assert_eq!(c.skip[0].id, "StageNameCasing");
        assert_eq!(c.experimental, vec!["InvalidDefinitionDescription"]);
        assert!(c.problems.is_empty());
    }

    #[test]
    fn stage_and_shell_pragmas() {
        let m = Model::new(
            "FROM alpine\n# hadolint stage ignore=DL3003\nFROM debian AS b\nRUN cd /\n# hadolint shell=powershell\nRUN dir\n",
        );
        assert_eq!(m.pragmas.pragmas[0].scope, PragmaScope::Stage(1));
        assert_eq!(m.pragmas.shell.as_ref().unwrap().0, "powershell");
    }
}
