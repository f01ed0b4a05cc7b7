//! Suppression comments of a Dockerfile: which instruction, stage or file
//! each one covers (the syntax and the engine: [`crate::suppression`]).
//!
//! ShellCheck's own `# shellcheck disable=SC2086,SC2046` directives are
//! honoured inside every script a RUN executes, as ShellCheck honours them
//! in the scripts it checks ([`shell_directives`]): a directive before the
//! script's first command covers the whole script, any other the next
//! command (its whole and-or list, compound commands included). Codes are
//! written `SC2086` or `2086`, ranges `SC2000-SC2099`, or `all` (every SC
//! code). For consistency the same comment written as a Dockerfile comment
//! line inside a shell-form RUN's continuation lines (which BuildKit
//! removes before the shell runs) covers the next command too. A
//! `# shellcheck` comment above the RUN instruction is not a directive (it
//! is not in the script; `# hadolint ignore=` and `# dockward ignore=` are
//! the Dockerfile's pragmas), and a directive that suppresses nothing is
//! not reported as unused: it belongs to ShellCheck.

pub use crate::suppression::{
    CheckDirective, Pragma, PragmaRule, PragmaScope, PragmaTool, Pragmas,
};
use crate::suppression::{IgnoreKind, PragmaComment, parse_check, parse_comment};

use super::{Model, RunScript, ScriptSource};
use crate::TextRange;
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

/// The `# shellcheck disable=` directives of every script (see the module
/// docs), as pragmas with a byte-range scope.
pub(super) fn shell_directives(model: &Model) -> Vec<Pragma> {
    let mut out = Vec::new();
    let comments = &model.file.comments;
    for run in &model.scripts {
        // The script's own comments, then (shell form) the Dockerfile
        // comment lines inside its continuations, in script offsets.
        let mut found: Vec<TextRange> = run
            .script
            .comments
            .iter()
            .copied()
            .filter(|c| mentions_shellcheck(c.slice(&run.text)))
            .collect();
        let in_view = run.source == ScriptSource::Line;
        if in_view {
            let (start, end) = (run.base, run.base + run.text.len());
            let first = comments.partition_point(|c| c.range.start() < start);
            found.extend(
                comments[first..]
                    .iter()
                    .take_while(|c| c.range.start() < end)
                    .filter(|c| c.in_continuation && c.range.end() <= end)
                    .filter(|c| mentions_shellcheck(c.range.slice(model.src())))
                    .map(|c| TextRange::new(c.range.start() - start, c.range.end() - start)),
            );
        }
        if found.is_empty() {
            continue;
        }
        let mut lists: Option<Vec<TextRange>> = None;
        for comment in found {
            // Blanked comment lines are read from the file (same offsets).
            let text = match comment.slice(&run.text) {
                t if t.starts_with('#') => t,
                _ => comment.shift(run.base).slice(model.src()),
            };
            let Some((rules, reason)) = parse_shellcheck(text, comment.start()) else {
                continue;
            };
            let Some(scope) = directive_scope(run, comment, &mut lists) else {
                continue;
            };
            out.push(Pragma {
                tool: PragmaTool::Shellcheck,
                scope: PragmaScope::Range(run.file_range(scope)),
                rules: rules
                    .into_iter()
                    .map(|r| PragmaRule {
                        id: r.id,
                        range: run.file_range(r.range),
                    })
                    .collect(),
                range: run.file_range(comment),
                reason,
            });
        }
    }
    out
}

fn mentions_shellcheck(comment: &str) -> bool {
    comment.contains("shellcheck")
}

/// What a directive at `comment` (script offsets) covers: the whole script
/// when no command comes before it, else the next and-or list (or, inside
/// one, the next pipeline).
fn directive_scope(
    run: &RunScript,
    comment: TextRange,
    lists: &mut Option<Vec<TextRange>>,
) -> Option<TextRange> {
    let first = run.script.body.items.first().map(|a| a.span.start());
    if first.is_none_or(|f| comment.end() <= f) {
        return Some(TextRange::new(0, run.text.len()));
    }
    let lists = lists.get_or_insert_with(|| {
        // And-or lists, and the pipelines inside them (a comment line
        // between the continued lines of `a \ && b` attaches to `b`).
        let mut v: Vec<TextRange> = run
            .script
            .and_or_lists()
            .map(|a| a.and_or.span)
            .chain(run.script.pipelines().map(|p| p.pipeline.span))
            .collect();
        // By start; of those starting together, the outermost first.
        v.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        v
    });
    let i = lists.partition_point(|r| r.start() < comment.end());
    lists.get(i).copied()
}

/// `# shellcheck disable=SC2086,2046 # reason` (`start`: the comment's
/// offset): the disabled codes, `SC` added to bare numbers.
fn parse_shellcheck(text: &str, start: usize) -> Option<(Vec<PragmaRule>, Option<String>)> {
    let body = text.strip_prefix('#')?;
    let trimmed = body.trim_start();
    let rest = trimmed.strip_prefix("shellcheck")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut offset = start + 1 + (body.len() - trimmed.len()) + "shellcheck".len();
    let mut rules = Vec::new();
    let mut reason = None;
    let mut rest = rest;
    loop {
        let t = rest.trim_start();
        offset += rest.len() - t.len();
        if t.is_empty() {
            break;
        }
        if let Some(r) = t.strip_prefix('#') {
            reason = Some(r.trim().to_owned()).filter(|r| !r.is_empty());
            break;
        }
        let len = t.find([' ', '\t']).unwrap_or(t.len());
        let token = &t[..len];
        if let Some(list) = token.strip_prefix("disable=") {
            let mut at = offset + "disable=".len();
            for id in list.split(',') {
                if !id.is_empty() {
                    let name = if id.bytes().all(|b| b.is_ascii_digit()) {
                        format!("SC{id}")
                    } else {
                        id.to_owned()
                    };
                    rules.push(PragmaRule {
                        id: name,
                        range: TextRange::new(at, at + id.len()),
                    });
                }
                at += id.len() + 1;
            }
        }
        offset += len;
        rest = &t[len..];
    }
    (!rules.is_empty()).then_some((rules, reason))
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
