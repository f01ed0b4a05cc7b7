//! Suppression comments and the `check` directive, for every kind of file:
//! the comment syntax, and the engine that drops suppressed findings and
//! finds unused suppressions. Each kind's model decides what a pragma
//! covers (a Dockerfile's next instruction or stage, a Compose file's next
//! key) and hands over [`Pragmas`].
//!
//! Recognised forms (the `#` starts the comment line; text after a second `#`
//! is a free-form reason):
//! - `# dockward ignore=CODE[,CODE…]` and `# hadolint ignore=…`: the next
//!   instruction, or in YAML the next key (the pragma may sit anywhere in
//!   the comment block directly above it);
//! - `# dockward stage ignore=…` / `# hadolint stage ignore=…` above a FROM:
//!   that whole stage;
//! - `# dockward global ignore=…` / `# hadolint global ignore=…`: the file;
//! - `# check=skip=A,B` above an instruction (BuildKit ≥ 1.21): that
//!   instruction;
//! - the `# check=skip=…;error=true;experimental=…` parser directive: the file;
//! - `# hadolint shell=<shell>`: the shell RUN uses (PowerShell and cmd turn
//!   shell analysis off);
//! - inside the scripts RUN executes, ShellCheck's `# shellcheck
//!   disable=SC2086` (the model finds them and gives each a byte range:
//!   `crate::model::pragmas`).
//!
//! Rules may be named by code, name or any alias.

use crate::config::Config;
use crate::registry;
use crate::rule::{BUILDKIT_EXPERIMENTAL, RuleMeta};
use crate::{Diagnostic, TextRange};

/// Whose syntax a pragma uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PragmaTool {
    Dockward,
    Hadolint,
    /// BuildKit's `# check=skip=` comment.
    Buildkit,
    /// ShellCheck's `# shellcheck disable=` directive inside a script; its
    /// ids are SC codes, code ranges (`SC2000-SC2099`) or `all` (every SC
    /// code), and it is never reported as unused.
    Shellcheck,
}

/// What a pragma covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PragmaScope {
    /// One instruction (by index).
    Instruction(usize),
    /// The findings that start inside a range (a YAML key and its value).
    Range(TextRange),
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

pub(crate) enum IgnoreKind {
    /// The next instruction, or the next key of a YAML mapping.
    Next,
    /// The stage that follows (Dockerfiles).
    Stage,
    /// The whole file.
    Global,
}

/// One parsed pragma comment.
pub(crate) enum PragmaComment {
    Ignore {
        tool: PragmaTool,
        kind: IgnoreKind,
        rules: Vec<PragmaRule>,
        reason: Option<String>,
    },
    Shell(String),
}

/// Parses one comment line (`#…`), `start` being its offset in the file.
pub(crate) fn parse_comment(text: &str, start: usize) -> Option<PragmaComment> {
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
        return Some(PragmaComment::Ignore {
            tool: PragmaTool::Buildkit,
            kind: IgnoreKind::Next,
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
        (IgnoreKind::Global, r)
    } else if let Some(r) = trimmed.strip_prefix("stage ") {
        (IgnoreKind::Stage, r)
    } else if let Some(shell) = trimmed.strip_prefix("shell=") {
        let name = shell.split(['#', ' ', '\t']).next().unwrap_or("").trim();
        return (tool == PragmaTool::Hadolint || tool == PragmaTool::Dockward)
            .then(|| PragmaComment::Shell(name.to_owned()));
    } else {
        (IgnoreKind::Next, trimmed)
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
    Some(PragmaComment::Ignore {
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
pub(crate) fn parse_check(value: &str, range: TextRange) -> CheckDirective {
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

/// Whether the `check` directive's `experimental=` turns on one of the
/// BuildKit experimental checks `meta` implements.
pub(crate) fn experimental_enabled(meta: &RuleMeta, c: &CheckDirective) -> bool {
    meta.aliases.iter().any(|a| {
        BUILDKIT_EXPERIMENTAL.contains(a)
            && (c.experimental_all || c.experimental.iter().any(|e| e == a))
    })
}

/// Whether a `# shellcheck disable=` id (`SC2086`, `SC2000-SC2099`,
/// `all`) names the rule: an SC code's rule (by code or alias).
fn shellcheck_names(meta: &RuleMeta, id: &str) -> bool {
    if id.eq_ignore_ascii_case("all") {
        return meta.code.starts_with("SC");
    }
    if let Some((lo, hi)) = id.split_once('-') {
        let number = |s: &str| {
            let s = s.trim();
            let s = s
                .strip_prefix("SC")
                .or_else(|| s.strip_prefix("sc"))
                .unwrap_or(s);
            s.parse::<u32>().ok()
        };
        let (Some(lo), Some(hi)) = (number(lo), number(hi)) else {
            return false;
        };
        return std::iter::once(meta.code)
            .chain(meta.aliases.iter().copied())
            .filter_map(|c| c.strip_prefix("SC")?.parse::<u32>().ok())
            .any(|n| lo <= n && n <= hi);
    }
    id.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("SC")) && meta.is_named(id)
}

/// Drops suppressed findings; returns the unused suppressions (range,
/// message). `covers` tells whether a pragma's scope covers a finding
/// ([`PragmaScope::File`] always does; the rest is the kind's business).
pub(crate) fn suppress(
    pragmas: &Pragmas,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
    covers: impl Fn(PragmaScope, &Diagnostic) -> bool,
) -> Vec<(TextRange, String)> {
    let check = pragmas.check.as_ref();
    // (pragma index, rule index) -> used
    let mut used: Vec<Vec<bool>> = pragmas
        .pragmas
        .iter()
        .map(|p| vec![false; p.rules.len()])
        .collect();
    let mut check_used = check.map_or_else(Vec::new, |c| vec![false; c.skip.len()]);
    let inline = !config.disable_inline_pragmas && !pragmas.pragmas.is_empty();
    if check.is_none() && !inline {
        // Nothing can suppress a finding (most files).
        return Vec::new();
    }
    diagnostics.retain(|d| {
        let Some(meta) = registry::by_code(d.code) else {
            return true;
        };
        if meta.unsuppressible {
            return true;
        }
        // The check directive: BuildKit checks only.
        if let Some(c) = check
            && meta.buildkit_check().is_some()
        {
            // Like BuildKit, `skip=all` leaves the experimental checks that
            // `experimental=` turns on.
            if c.skip_all && !experimental_enabled(meta, c) {
                return false;
            }
            if let Some(i) = c.skip.iter().position(|r| meta.is_named(&r.id)) {
                check_used[i] = true;
                return false;
            }
        }
        if config.disable_inline_pragmas {
            return true;
        }
        let mut keep = true;
        for (pi, p) in pragmas.pragmas.iter().enumerate() {
            let applies = match p.scope {
                PragmaScope::File => true,
                PragmaScope::Range(r) => r.contains(d.range.start()),
                scope => covers(scope, d),
            };
            if !applies {
                continue;
            }
            for (ri, r) in p.rules.iter().enumerate() {
                let names = match p.tool {
                    PragmaTool::Buildkit if r.id.eq_ignore_ascii_case("all") => {
                        meta.buildkit_check().is_some()
                    }
                    PragmaTool::Shellcheck => shellcheck_names(meta, &r.id),
                    _ => meta.is_named(&r.id),
                };
                if names {
                    used[pi][ri] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    let mut unused = Vec::new();
    if !config.disable_inline_pragmas {
        for (pi, p) in pragmas.pragmas.iter().enumerate() {
            if p.tool == PragmaTool::Shellcheck {
                continue;
            }
            for (ri, r) in p.rules.iter().enumerate() {
                if used[pi][ri] {
                    continue;
                }
                let known =
                    r.id.eq_ignore_ascii_case("all") || !registry::resolve(&r.id).is_empty();
                let message = if known {
                    format!("Suppression of `{}` matches no finding", r.id)
                } else if r.id.starts_with("SC") {
                    format!(
                        "`{}` is a ShellCheck code that dockward does not implement",
                        r.id
                    )
                } else {
                    format!("`{}` names no rule", r.id)
                };
                unused.push((r.range, message));
            }
        }
    }
    if let Some(c) = check {
        for (i, r) in c.skip.iter().enumerate() {
            if !check_used[i] {
                let known = !registry::resolve(&r.id).is_empty();
                let message = if known {
                    format!("`check=skip={}` matches no finding", r.id)
                } else {
                    format!("`{}` names no rule", r.id)
                };
                unused.push((r.range, message));
            }
        }
    }
    unused
}
