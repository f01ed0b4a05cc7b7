//! Suppression comments and the `check` directive.
//!
//! Recognised forms (the `#` starts the comment line; text after a second `#`
//! is a free-form reason):
//! - `# dockward ignore=CODE[,CODE…]` and `# hadolint ignore=…`: the next
//!   instruction (the pragma may sit anywhere in the comment block directly
//!   above it);
//! - `# dockward stage ignore=…` / `# hadolint stage ignore=…` above a FROM:
//!   that whole stage;
//! - `# dockward global ignore=…` / `# hadolint global ignore=…`: the file;
//! - `# check=skip=A,B` above an instruction (BuildKit ≥ 1.21): that
//!   instruction;
//! - the `# check=skip=…;error=true;experimental=…` parser directive: the file;
//! - `# hadolint shell=<shell>`: the shell RUN uses (PowerShell and cmd turn
//!   shell analysis off).
//!
//! Rules may be named by code, name or any alias.

use crate::TextRange;

use super::Model;
use crate::syntax::Dockerfile;

/// Whose syntax a pragma uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PragmaTool {
    Dockward,
    Hadolint,
    /// BuildKit's `# check=skip=` comment.
    Buildkit,
}

/// What a pragma covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PragmaScope {
    /// One instruction (by index).
    Instruction(usize),
    /// One stage (by index).
    Stage(usize),
    File,
}

/// One rule identifier inside a pragma.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PragmaRule {
    pub id: String,
    pub range: TextRange,
}

/// A suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pragma {
    pub tool: PragmaTool,
    pub scope: PragmaScope,
    pub rules: Vec<PragmaRule>,
    /// The whole comment.
    pub range: TextRange,
    /// The text after a second `#`, if any.
    pub reason: Option<String>,
}

/// The `# check=` parser directive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckDirective {
    pub skip: Vec<PragmaRule>,
    pub skip_all: bool,
    /// `error=true`: BuildKit checks fail the build.
    pub error: bool,
    pub experimental: Vec<String>,
    pub experimental_all: bool,
    pub range: TextRange,
    /// Problems in the directive (unknown keys, bad values).
    pub problems: Vec<(String, TextRange)>,
}

/// Every suppression in a file.
#[derive(Clone, Debug, Default)]
pub struct Pragmas {
    pub pragmas: Vec<Pragma>,
    pub check: Option<CheckDirective>,
    /// `# hadolint shell=…` (the last one wins), with its comment range.
    pub shell: Option<(String, TextRange)>,
}

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
            Parsed::Shell(name) => out.shell = Some((name, comment.range)),
            Parsed::Ignore {
                tool,
                kind,
                rules,
                reason,
            } => {
                let next = next_instruction(file, comment.range.end());
                let scope = match kind {
                    Kind::Global => PragmaScope::File,
                    Kind::Stage => {
                        match next.and_then(|i| model.instruction_stage.get(i).copied().flatten()) {
                            // Above a FROM: that stage.
                            Some(s) => PragmaScope::Stage(s as usize),
                            None => continue,
                        }
                    }
                    Kind::Next => match next {
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

enum Kind {
    Next,
    Stage,
    Global,
}

enum Parsed {
    Ignore {
        tool: PragmaTool,
        kind: Kind,
        rules: Vec<PragmaRule>,
        reason: Option<String>,
    },
    Shell(String),
}

/// Parses one comment line (`#…`), `start` being its offset in the file.
fn parse_comment(text: &str, start: usize) -> Option<Parsed> {
    let body = text.strip_prefix('#')?;
    let lead = body.len() - body.trim_start().len();
    let body_start = start + 1 + lead;
    let body = body.trim_start();
    // BuildKit's per-instruction `check=skip=…`.
    if let Some(rest) = body.strip_prefix("check=") {
        let rest_start = body_start + "check=".len();
        let d = parse_check(rest, TextRange::new(rest_start, rest_start + rest.len()));
        if d.skip.is_empty() {
            return None;
        }
        return Some(Parsed::Ignore {
            tool: PragmaTool::Buildkit,
            kind: Kind::Next,
            rules: d.skip,
            reason: None,
        });
    }
    let (tool, rest) = if let Some(r) = body.strip_prefix("dockward") {
        (PragmaTool::Dockward, r)
    } else if let Some(r) = body.strip_prefix("hadolint") {
        (PragmaTool::Hadolint, r)
    } else {
        return None;
    };
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut offset = body_start + (body.len() - rest.len());
    let trimmed = rest.trim_start();
    offset += rest.len() - trimmed.len();
    let (kind, after) = if let Some(r) = trimmed.strip_prefix("global ") {
        (Kind::Global, r)
    } else if let Some(r) = trimmed.strip_prefix("stage ") {
        (Kind::Stage, r)
    } else if let Some(shell) = trimmed.strip_prefix("shell=") {
        let name = shell.split(['#', ' ', '\t']).next().unwrap_or("").trim();
        return (tool == PragmaTool::Hadolint || tool == PragmaTool::Dockward)
            .then(|| Parsed::Shell(name.to_owned()));
    } else {
        (Kind::Next, trimmed)
    };
    offset += trimmed.len() - after.len();
    let after_trim = after.trim_start();
    offset += after.len() - after_trim.len();
    let list = after_trim.strip_prefix("ignore=")?;
    offset += "ignore=".len();
    let (list, reason) = match list.split_once('#') {
        Some((l, r)) => (l, Some(r.trim().to_owned()).filter(|r| !r.is_empty())),
        None => (list, None),
    };
    // The list ends at the reason or at a word that is not part of it
    // (`ignore=A, B trailing words`).
    let mut end = list.len();
    let mut after_comma = true;
    for (i, c) in list.char_indices() {
        if c == ',' {
            after_comma = true;
        } else if c.is_whitespace() {
            if !after_comma && !list[i..].trim_start().starts_with(',') {
                end = i;
                break;
            }
        } else {
            after_comma = false;
        }
    }
    let rules = split_ids(&list[..end], offset);
    if rules.is_empty() {
        return None;
    }
    Some(Parsed::Ignore {
        tool,
        kind,
        rules,
        reason,
    })
}

/// Splits `A,B , C` into identifiers with their ranges (`offset` = start of `list`).
fn split_ids(list: &str, offset: usize) -> Vec<PragmaRule> {
    let mut out = Vec::new();
    let mut pos = 0;
    for part in list.split(',') {
        let lead = part.len() - part.trim_start().len();
        let id = part.trim();
        if !id.is_empty() {
            let start = offset + pos + lead;
            out.push(PragmaRule {
                id: id.to_owned(),
                range: TextRange::new(start, start + id.len()),
            });
        }
        pos += part.len() + 1;
    }
    out
}

/// Parses BuildKit's `skip=…;error=…;experimental=…` (`range`: the value's range).
fn parse_check(value: &str, range: TextRange) -> CheckDirective {
    let mut d = CheckDirective {
        range,
        ..CheckDirective::default()
    };
    let mut pos = 0;
    for part in value.split(';') {
        let part_start = range.start() + pos;
        pos += part.len() + 1;
        let trimmed = part.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start().len();
        let Some((key, val)) = trimmed.split_once('=') else {
            d.problems.push((
                format!("invalid check option {trimmed:?}: expected key=value"),
                TextRange::new(part_start + lead, part_start + lead + trimmed.len()),
            ));
            continue;
        };
        let val_start = part_start + lead + key.len() + 1;
        match key.trim().to_ascii_lowercase().as_str() {
            "skip" => {
                for r in split_ids(val, val_start) {
                    if r.id.eq_ignore_ascii_case("all") {
                        d.skip_all = true;
                    } else {
                        d.skip.push(r);
                    }
                }
            }
            "error" => match val.trim().to_ascii_lowercase().as_str() {
                "1" | "t" | "true" => d.error = true,
                "0" | "f" | "false" => d.error = false,
                other => d.problems.push((
                    format!("invalid boolean value {other:?} for check option error"),
                    TextRange::new(val_start, val_start + val.len()),
                )),
            },
            "experimental" => {
                for r in split_ids(val, val_start) {
                    if r.id.eq_ignore_ascii_case("all") {
                        d.experimental_all = true;
                    } else {
                        d.experimental.push(r.id);
                    }
                }
            }
            other => d.problems.push((
                format!("unknown check option {other:?}"),
                TextRange::new(part_start + lead, part_start + lead + key.len()),
            )),
        }
    }
    d
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
