//! `textDocument/codeAction`: a quick fix per fixable finding, "ignore CODE
//! for this instruction" and "ignore CODE in this file" (inserting or merging
//! a `# dockward ignore=` pragma), and `source.fixAll.dockward`.
//!
//! The findings are taken from the current analysis, never rebuilt from the
//! client's `context.diagnostics`: those are matched by code and by the
//! instruction carried in `Diagnostic.data` (or by line when a client drops
//! `data`), because some clients echo byte columns back (Neovim 0.7).

use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::model::Model;
use dockward_analyzer::model::pragmas::{PragmaScope, PragmaTool};
use dockward_analyzer::{Applicability, Context, Edit, daemon, fixes, registry, seccomp};
use ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    NumberOrString,
};

use crate::capabilities::{ClientCaps, FIX_ALL_KIND};
use crate::document::{DocKind, Snapshot};
use crate::from_proto;
use crate::to_proto::{self, DiagnosticData, SOURCE};

/// Whether the request asks for actions of `kind` (no `only` means all).
fn wants(params: &CodeActionParams, kind: &CodeActionKind) -> bool {
    match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|k| {
            let k = k.as_str();
            kind.as_str() == k || kind.as_str().starts_with(&format!("{k}."))
        }),
    }
}

/// The findings the request is about, as indices into the analysis.
fn findings(snap: &Snapshot, params: &CodeActionParams) -> Vec<usize> {
    let diagnostics = snap.findings();
    let ctx = &params.context.diagnostics;
    let mut out = Vec::new();
    if ctx.is_empty() {
        // No context (or a client that sends none): the findings under the range.
        let range = from_proto::text_range(snap, params.range);
        for (i, d) in diagnostics.iter().enumerate() {
            if d.range.start() <= range.end() && range.start() <= d.range.end() {
                out.push(i);
            }
        }
        return out;
    }
    for cd in ctx {
        if cd.source.as_deref().is_some_and(|s| s != SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(code)) = &cd.code else {
            continue;
        };
        let data: Option<DiagnosticData> =
            cd.data.clone().and_then(|v| serde_json::from_value(v).ok());
        // Exact match when the data is for this version.
        if let Some(data) = &data
            && data.version == snap.version
            && diagnostics.get(data.index).is_some_and(|d| d.code == code)
        {
            out.push(data.index);
            continue;
        }
        let (l0, l1) = (
            cd.range.start.line,
            cd.range.end.line.max(cd.range.start.line),
        );
        for (i, d) in diagnostics.iter().enumerate() {
            if d.code != code {
                continue;
            }
            let same_instruction = data
                .as_ref()
                .and_then(|x| x.instruction)
                .is_some_and(|n| d.instruction == Some(n));
            let (s, e) = (
                snap.position(d.range.start()).line,
                snap.position(d.range.end()).line,
            );
            if same_instruction || (s <= l1 && l0 <= e) {
                out.push(i);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn action(
    snap: &Snapshot,
    caps: &ClientCaps,
    title: String,
    kind: CodeActionKind,
    edits: &[Edit],
    diagnostic: Option<ls_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits = edits.iter().map(|e| to_proto::text_edit(snap, e)).collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(to_proto::workspace_edit(
            &snap.uri,
            snap.version,
            edits,
            caps.document_changes,
        )),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

/// The line ending the file uses (`\r\n` when its first line ends so).
fn newline(src: &str) -> &'static str {
    match src.find('\n') {
        Some(i) if i > 0 && src.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The edit adding `code` to the `# dockward ignore=` pragma above instruction
/// `index`, or inserting one (indented like the instruction) right above it.
fn ignore_instruction_edit(model: &Model, index: usize, code: &str) -> Option<Edit> {
    let src = model.src();
    let inst = model.file.instructions.get(index)?;
    let mut pragmas =
        model.pragmas.pragmas.iter().filter(|p| {
            p.tool == PragmaTool::Dockward && p.scope == PragmaScope::Instruction(index)
        });
    if let Some(p) = pragmas.next() {
        if p.rules.iter().any(|r| r.id.eq_ignore_ascii_case(code)) {
            return None;
        }
        let last = p.rules.last()?;
        return Some(Edit::insert(last.range.end(), format!(",{code}")));
    }
    let line_start = model.file.line_starts()[inst.start_line as usize] as usize;
    let indent: String = src[line_start..inst.keyword_range.start()]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some(Edit::insert(
        line_start,
        format!("{indent}# dockward ignore={code}{}", newline(src)),
    ))
}

/// The edit adding `code` to the file's `# dockward global ignore=` pragma,
/// or inserting one after the parser directives.
fn ignore_file_edit(model: &Model, code: &str) -> Option<Edit> {
    let src = model.src();
    let df = &model.file;
    if let Some(p) = model
        .pragmas
        .pragmas
        .iter()
        .find(|p| p.tool == PragmaTool::Dockward && p.scope == PragmaScope::File)
    {
        if p.rules.iter().any(|r| r.id.eq_ignore_ascii_case(code)) {
            return None;
        }
        let last = p.rules.last()?;
        return Some(Edit::insert(last.range.end(), format!(",{code}")));
    }
    let nl = newline(src);
    let at = match df.directives.iter().map(|d| d.range.end()).max() {
        Some(end) => match src[end..].find('\n') {
            Some(i) => end + i + 1,
            None => {
                return Some(Edit::insert(
                    src.len(),
                    format!("{nl}# dockward global ignore={code}"),
                ));
            }
        },
        None => usize::from(src.starts_with('\u{feff}')) * 3,
    };
    Some(Edit::insert(
        at,
        format!("# dockward global ignore={code}{nl}"),
    ))
}

/// The text with every safe fix applied (the analyzer's fix loop), or `None`
/// when nothing changes.
#[must_use]
pub fn fix_all(snap: &Snapshot) -> Option<String> {
    let config = &snap.env.config;
    let out = match snap.kind {
        DocKind::Dockerfile => fixes::fix_all(&snap.text, config, Context::default(), false),
        // The `.env` and other files only matter to findings that have no
        // fix, and a fix must not depend on files outside the document.
        DocKind::Compose { partial } => compose::fix_all(
            &snap.text,
            config,
            ComposeContext {
                partial,
                ..ComposeContext::default()
            },
            false,
        ),
        DocKind::Daemon => daemon::fix_all(&snap.text, config, false),
        DocKind::Seccomp => seccomp::fix_all(&snap.text, config, false),
        DocKind::Other => return None,
    };
    (out.applied > 0 && *out.text != *snap.text).then_some(out.text)
}

#[must_use]
pub fn code_actions(
    snap: &Snapshot,
    caps: &ClientCaps,
    params: &CodeActionParams,
) -> Option<CodeActionResponse> {
    let diagnostics = snap.findings();
    let src = &*snap.text;
    let mut fixes = Vec::new();
    let mut ignores = Vec::new();
    if wants(params, &CodeActionKind::QUICKFIX) {
        let mut seen_ignore = std::collections::HashSet::new();
        for i in findings(snap, params) {
            let d = &diagnostics[i];
            let lsp = to_proto::diagnostic(snap, i, d);
            if let Some(fix) = &d.fix
                && fix.applicability != Applicability::DisplayOnly
            {
                fixes.push(action(
                    snap,
                    caps,
                    fix.title.clone(),
                    CodeActionKind::QUICKFIX,
                    &fix.edits,
                    Some(lsp.clone()),
                    fix.applicability == Applicability::Safe,
                ));
            }
            let suppressible = registry::by_code(d.code).is_some_and(|m| !m.unsuppressible);
            if !suppressible {
                continue;
            }
            let (local, file) = match snap.kind {
                DocKind::Dockerfile => {
                    let model = &snap.analysis().model;
                    let local = d.instruction.and_then(|n| {
                        seen_ignore
                            .insert((d.code, Some(n)))
                            .then(|| ignore_instruction_edit(model, n as usize, d.code))
                            .flatten()
                            .map(|e| (e, "instruction"))
                    });
                    (local, ignore_file_edit(model, d.code))
                }
                // Compose files take `# dockward ignore=` above a key;
                // JSON files (daemon.json, seccomp) have no comments.
                DocKind::Compose { .. } => match snap.compose() {
                    Some(a) => {
                        let line = snap.index.line_of(d.range.start());
                        let local = seen_ignore
                            .insert((d.code, Some(line)))
                            .then(|| compose::ide::ignore_edit(&a.model, d.range, d.code))
                            .flatten()
                            .map(|e| (e, "entry"));
                        (local, compose::ide::global_ignore_edit(&a.model, d.code))
                    }
                    None => (None, None),
                },
                _ => (None, None),
            };
            if let Some((edit, what)) = local {
                ignores.push(action(
                    snap,
                    caps,
                    format!("Ignore {} for this {what}", d.code),
                    CodeActionKind::QUICKFIX,
                    &[edit],
                    Some(lsp.clone()),
                    false,
                ));
            }
            if seen_ignore.insert((d.code, None))
                && let Some(edit) = file
            {
                ignores.push(action(
                    snap,
                    caps,
                    format!("Ignore {} in this file", d.code),
                    CodeActionKind::QUICKFIX,
                    &[edit],
                    Some(lsp),
                    false,
                ));
            }
        }
    }
    let mut out = fixes;
    out.extend(ignores);
    // The source action only when asked for by kind (`only`), as on save or
    // from a "Source Action" menu: in a plain request it would pose as a fix
    // for diagnostics it may not touch.
    let fix_all_kind = CodeActionKind::from(FIX_ALL_KIND);
    if params.context.only.is_some()
        && (wants(params, &fix_all_kind) || wants(params, &CodeActionKind::SOURCE_FIX_ALL))
        && let Some(fixed) = fix_all(snap)
        && let Some(edit) = to_proto::minimal_edit(src, &fixed)
    {
        out.push(action(
            snap,
            caps,
            "Fix all auto-fixable problems (dockward)".to_owned(),
            fix_all_kind,
            &[edit],
            None,
            false,
        ));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(src: &str, e: &Edit) -> String {
        let mut s = src.to_owned();
        s.replace_range(e.range.as_range(), &e.content);
        s
    }

    #[test]
    fn ignore_for_instruction_inserts_or_merges() {
        let src = "FROM a\n  RUN x\r\n";
        let e = ignore_instruction_edit(&Model::new(src), 1, "DL3000").unwrap();
        assert_eq!(
            apply(src, &e),
            "FROM a\n  # dockward ignore=DL3000\n  RUN x\r\n"
        );
        let src = "FROM a\n# dockward ignore=DL1 # keep\nRUN x\n";
        let model = Model::new(src);
        let e = ignore_instruction_edit(&model, 1, "DL2").unwrap();
        assert_eq!(
            apply(src, &e),
            "FROM a\n# dockward ignore=DL1,DL2 # keep\nRUN x\n"
        );
        assert!(ignore_instruction_edit(&model, 1, "DL1").is_none());
    }

    #[test]
    fn ignore_in_file_goes_after_directives_or_merges() {
        let src = "# syntax=docker/dockerfile:1\nFROM a\n";
        let e = ignore_file_edit(&Model::new(src), "DL3").unwrap();
        assert_eq!(
            apply(src, &e),
            "# syntax=docker/dockerfile:1\n# dockward global ignore=DL3\nFROM a\n"
        );
        let src = "FROM a\n# dockward global ignore=DL1\n";
        let e = ignore_file_edit(&Model::new(src), "DL3").unwrap();
        assert_eq!(apply(src, &e), "FROM a\n# dockward global ignore=DL1,DL3\n");
    }
}
