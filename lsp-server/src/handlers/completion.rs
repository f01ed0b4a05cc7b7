//! `textDocument/completion` and `completionItem/resolve`, offline: keywords
//! with snippets, directives, pragmas and rule codes, flags per instruction,
//! `--mount` keys and values, stage names after `--from=`, variables after
//! `$` and `${`, and shell-form/exec-form snippets. Documentation is filled in
//! lazily by `resolve`.

use dockward_analyzer::TextRange;
use dockward_analyzer::registry;
use dockward_analyzer::syntax::{Instruction, Keyword};
use ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    Documentation, InsertTextFormat, MarkupContent, MarkupKind, Position, TextEdit,
};
use serde_json::{Value, json};

use crate::capabilities::ClientCaps;
use crate::document::{DocKind, Snapshot};
use crate::from_proto;
use crate::locate::instruction_at;
use crate::reference;

/// Build arguments BuildKit defines without an ARG (usable after `ARG NAME`
/// in a stage, or directly in FROM for the platform ones), and the proxy
/// variables Docker passes through.
const PREDEFINED_ARGS: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "all_proxy",
];

struct Ctx<'a> {
    snap: &'a Snapshot,
    caps: &'a ClientCaps,
    /// The range the chosen item replaces (start of the partial word to the cursor).
    replace: TextRange,
    items: Vec<CompletionItem>,
}

impl Ctx<'_> {
    fn item(
        &mut self,
        label: &str,
        kind: CompletionItemKind,
        insert: &str,
        snippet: bool,
        data: Value,
    ) {
        let text = if snippet && !self.caps.snippets {
            plain(insert)
        } else {
            insert.to_owned()
        };
        let snippet = snippet && self.caps.snippets;
        let edit = TextEdit::new(self.snap.range(self.replace), text);
        self.items.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            text_edit: Some(CompletionTextEdit::Edit(edit)),
            insert_text_format: Some(if snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            data: Some(data),
            ..CompletionItem::default()
        });
    }

    fn keywords(&mut self, exclude: &[Keyword]) {
        for doc in reference::INSTRUCTIONS {
            if exclude.contains(&doc.keyword) {
                continue;
            }
            let name = doc.keyword.as_str();
            let data = json!({"doc": format!("instruction:{name}")});
            if self.caps.snippets {
                self.item(
                    name,
                    CompletionItemKind::KEYWORD,
                    &format!("{name} {}", doc.snippet),
                    true,
                    data,
                );
            } else {
                self.item(
                    name,
                    CompletionItemKind::KEYWORD,
                    &format!("{name} "),
                    false,
                    data,
                );
            }
        }
    }
}

/// Removes snippet syntax for clients without snippet support.
fn plain(snippet: &str) -> String {
    let mut out = String::new();
    let mut rest = snippet;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let inner = &after[..end];
        out.push_str(inner.split_once(':').map_or("", |(_, d)| d));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The variables instruction `index` can see, with their values (the model's
/// scoping: global ARGs in FROM, stage ARG/ENV after their declaration), then
/// the predefined ones.
fn variables(snap: &Snapshot, index: usize) -> Vec<(String, Option<String>)> {
    let model = &snap.analysis().model;
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for def in &model.vars.defs {
        if out.iter().any(|(n, _)| *n == def.name) {
            continue;
        }
        if let Some(seen) = model.lookup(index, &def.name) {
            out.push((seen.name.clone(), seen.value.clone()));
        }
    }
    for p in PREDEFINED_ARGS {
        if !out.iter().any(|(n, _)| n == p) {
            out.push(((*p).to_owned(), None));
        }
    }
    out
}

/// The names of the stages before the one holding `offset`.
fn stage_names(snap: &Snapshot, offset: usize) -> Vec<String> {
    let model = &snap.analysis().model;
    let current = model
        .instruction_at(offset)
        .and_then(|i| model.instruction_stage.get(i as usize).copied().flatten())
        .map_or(model.stages.len(), |s| s as usize);
    model.stages[..current.min(model.stages.len())]
        .iter()
        .filter_map(|s| s.name.as_ref().map(|n| n.text.clone()))
        .collect()
}

fn in_heredoc_body(inst: &Instruction, offset: usize) -> bool {
    inst.heredocs.iter().any(|h| {
        h.body.contains(offset) || h.terminator.is_some_and(|t| t.contains_inclusive(offset))
    })
}

fn comment_completion(cx: &mut Ctx<'_>, before: &str, line_start: usize, in_preamble: bool) {
    let src = &*cx.snap.text;
    let offset = line_start + before.len();
    for prefix in [
        "dockward ignore=",
        "dockward global ignore=",
        "hadolint ignore=",
        "hadolint global ignore=",
    ] {
        let Some(idx) = before.find(prefix) else {
            continue;
        };
        let list = &before[idx + prefix.len()..];
        if list.contains(char::is_whitespace) {
            return;
        }
        let start = offset - list.rsplit(',').next().unwrap_or("").len();
        cx.replace = TextRange::new(start, offset);
        for meta in registry::all().filter(|m| !m.unsuppressible) {
            cx.item(
                meta.code,
                CompletionItemKind::VALUE,
                meta.code,
                false,
                json!({"doc": format!("rule:{}", meta.code)}),
            );
            if let Some(last) = cx.items.last_mut() {
                last.detail = Some(meta.name.to_owned());
            }
        }
        return;
    }
    let body = before.trim_start().trim_start_matches('#').trim_start();
    let start = offset - body.len();
    cx.replace = TextRange::new(start, offset);
    if body.contains('=') {
        if in_preamble
            && let Some((name, _)) = body.split_once('=')
            && let Some(doc) = reference::directive(name.trim())
        {
            let vstart = start + body.find('=').unwrap_or(0) + 1;
            cx.replace = TextRange::new(vstart, offset);
            for v in doc.values {
                cx.item(
                    v,
                    CompletionItemKind::VALUE,
                    v,
                    false,
                    json!({"doc": format!("directive:{}", doc.name)}),
                );
            }
        }
        return;
    }
    if in_preamble {
        for d in reference::DIRECTIVES {
            cx.item(
                &format!("{}=", d.name),
                CompletionItemKind::PROPERTY,
                &format!("{}=", d.name),
                false,
                json!({"doc": format!("directive:{}", d.name)}),
            );
        }
    }
    for p in ["dockward ignore=", "dockward global ignore="] {
        cx.item(p, CompletionItemKind::KEYWORD, p, false, json!({}));
    }
    let _ = src;
}

fn flag_completion(
    cx: &mut Ctx<'_>,
    keyword: Keyword,
    word: &str,
    word_start: usize,
    offset: usize,
) {
    let body = &word[2..];
    match body.split_once('=') {
        None => {
            cx.replace = TextRange::new(word_start, offset);
            for f in reference::flags(keyword) {
                let insert = if f.value.is_empty() {
                    format!("--{}", f.name)
                } else {
                    format!("--{}=", f.name)
                };
                cx.item(
                    &format!("--{}", f.name),
                    CompletionItemKind::PROPERTY,
                    &insert,
                    false,
                    json!({"doc": format!("flag:{}:{}", keyword.as_str(), f.name)}),
                );
            }
        }
        Some((name, value)) => {
            let value_start = word_start + 2 + name.len() + 1;
            if name == "mount" {
                let item = value.rsplit(',').next().unwrap_or("");
                let item_start = offset - item.len();
                match item.split_once('=') {
                    None => {
                        cx.replace = TextRange::new(item_start, offset);
                        let ty = value
                            .split(',')
                            .find_map(|p| p.strip_prefix("type="))
                            .unwrap_or("bind");
                        for k in reference::MOUNT_KEYS {
                            if k.types.is_empty() || k.types.contains(&ty) {
                                cx.item(
                                    k.key,
                                    CompletionItemKind::PROPERTY,
                                    &format!("{}=", k.key),
                                    false,
                                    json!({"doc": format!("mount:{}", k.key)}),
                                );
                            }
                        }
                    }
                    Some((key, v)) => {
                        cx.replace = TextRange::new(offset - v.len(), offset);
                        if key == "from" {
                            for s in stage_names(cx.snap, offset) {
                                cx.item(&s, CompletionItemKind::MODULE, &s, false, json!({}));
                            }
                        } else if let Some(k) = reference::mount_key(key) {
                            for v in k.values {
                                cx.item(
                                    v,
                                    CompletionItemKind::VALUE,
                                    v,
                                    false,
                                    json!({"doc": format!("mount:{key}")}),
                                );
                            }
                        }
                    }
                }
                return;
            }
            cx.replace = TextRange::new(value_start.min(offset), offset);
            if name == "from" && keyword == Keyword::Copy {
                for s in stage_names(cx.snap, offset) {
                    cx.item(&s, CompletionItemKind::MODULE, &s, false, json!({}));
                }
                return;
            }
            if let Some(f) = reference::flag(keyword, name) {
                for v in f.values {
                    cx.item(
                        v,
                        CompletionItemKind::VALUE,
                        v,
                        false,
                        json!({"doc": format!("flag:{}:{}", keyword.as_str(), f.name)}),
                    );
                }
            }
        }
    }
}

#[must_use]
pub fn completion(snap: &Snapshot, caps: &ClientCaps, pos: Position) -> Option<CompletionResponse> {
    let offset = from_proto::offset(snap, pos);
    match snap.kind {
        DocKind::Dockerfile => {}
        DocKind::Compose { .. } => {
            return crate::handlers::compose::completion(snap, snap.compose()?, caps, offset);
        }
        DocKind::Daemon | DocKind::Seccomp | DocKind::Other => return None,
    }
    let src = &*snap.text;
    let df = &snap.analysis().model.file;
    let line_start = snap.index.line_start(pos.line).min(offset);
    let before = &src[line_start..offset];
    let mut cx = Ctx {
        snap,
        caps,
        replace: TextRange::empty(offset),
        items: Vec::new(),
    };
    let word_start = line_start
        + before
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &src[word_start..offset];
    let inst = instruction_at(df, offset).map(|(_, i)| i).filter(|i| {
        // A cursor at the very end of a one-line instruction's last word still
        // belongs to it; on a fresh blank line it does not.
        i.range.contains_inclusive(offset) && snap.index.line_of(i.range.start()) <= pos.line
    });
    if let Some(inst) = inst
        && in_heredoc_body(inst, offset)
    {
        return None;
    }
    let trimmed = before.trim_start();
    let first_inst_start = df
        .instructions
        .first()
        .map_or(usize::MAX, |i| i.range.start());
    if trimmed.starts_with('#')
        && inst.is_none_or(|i| snap.index.line_of(i.range.start()) == pos.line)
    {
        let in_preamble = offset < first_inst_start
            && !df.comments.iter().any(|c| {
                c.range.end() < line_start && !df.directives.iter().any(|d| d.range == c.range)
            });
        comment_completion(&mut cx, before, line_start, in_preamble);
        return Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items: cx.items,
        }));
    }
    let Some(inst) = inst else {
        // Blank line or a partial keyword on a line of its own.
        if trimmed.contains(char::is_whitespace) {
            return Some(CompletionResponse::Array(Vec::new()));
        }
        cx.replace = TextRange::new(offset - trimmed.len(), offset);
        cx.keywords(&[]);
        return Some(CompletionResponse::Array(cx.items));
    };
    if offset <= inst.keyword_range.end() {
        cx.replace = TextRange::new(inst.keyword_range.start(), offset);
        cx.keywords(&[]);
        return Some(CompletionResponse::Array(cx.items));
    }
    // Variables after `$` / `${`.
    if let Some(dollar) = word.rfind('$') {
        let after = &word[dollar + 1..];
        let (braced, name) = match after.strip_prefix('{') {
            Some(n) => (true, n),
            None => (false, after),
        };
        if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            cx.replace = TextRange::new(offset - name.len(), offset);
            let close = braced && !src[offset..].starts_with('}');
            let index = snap
                .analysis()
                .model
                .instruction_at(offset)
                .map_or(0, |i| i as usize);
            for (v, value) in variables(snap, index) {
                let insert = if close { format!("{v}}}") } else { v.clone() };
                cx.item(&v, CompletionItemKind::VARIABLE, &insert, false, json!({}));
                if let (Some(last), Some(value)) = (cx.items.last_mut(), value) {
                    last.detail = Some(format!("= {value}"));
                }
            }
            return Some(CompletionResponse::Array(cx.items));
        }
    }
    // Position among the arguments: still in the flags?
    let args_start = inst
        .flags
        .iter()
        .map(|f| f.range.end())
        .max()
        .unwrap_or(inst.keyword_range.end());
    let in_flags = inst.rest.range.is_empty()
        || word_start <= inst.rest.range.start()
        || word_start <= args_start;
    if word.starts_with("--") && in_flags {
        flag_completion(&mut cx, inst.keyword, word, word_start, offset);
        return Some(CompletionResponse::Array(cx.items));
    }
    cx.replace = TextRange::new(word_start, offset);
    let rest_before = src[inst.keyword_range.end().min(word_start)..word_start]
        .split_whitespace()
        .filter(|w| !w.starts_with("--"))
        .count();
    match inst.keyword {
        Keyword::Onbuild if rest_before == 0 => {
            cx.keywords(&[Keyword::Onbuild, Keyword::From, Keyword::Maintainer]);
        }
        Keyword::From if rest_before == 1 => {
            cx.item(
                "AS",
                CompletionItemKind::KEYWORD,
                if caps.snippets { "AS ${1:name}" } else { "AS " },
                true,
                json!({}),
            );
        }
        Keyword::Healthcheck if rest_before == 0 => {
            cx.item(
                "CMD",
                CompletionItemKind::KEYWORD,
                if caps.snippets {
                    "CMD ${1:command}"
                } else {
                    "CMD "
                },
                true,
                json!({}),
            );
            cx.item(
                "NONE",
                CompletionItemKind::KEYWORD,
                "NONE",
                false,
                json!({}),
            );
        }
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint if rest_before == 0 => {
            let (shell, exec) = ("${1:command}", "[\"${1:executable}\", \"${2:param}\"]");
            let label_s = "shell form";
            let label_e = "exec form";
            if caps.snippets {
                cx.item(label_s, CompletionItemKind::SNIPPET, shell, true, json!({}));
                cx.item(label_e, CompletionItemKind::SNIPPET, exec, true, json!({}));
            } else {
                cx.item(
                    label_e,
                    CompletionItemKind::SNIPPET,
                    &plain(exec),
                    false,
                    json!({}),
                );
            }
            if inst.keyword == Keyword::Run && word.is_empty() {
                flag_completion(&mut cx, inst.keyword, "--", offset, offset);
            }
        }
        Keyword::Shell if rest_before == 0 => {
            let s = "[\"${1:/bin/sh}\", \"${2:-c}\"]";
            cx.item(
                "exec form",
                CompletionItemKind::SNIPPET,
                if caps.snippets {
                    s
                } else {
                    "[\"/bin/sh\", \"-c\"]"
                },
                true,
                json!({}),
            );
        }
        _ => {
            if in_flags
                && (word.is_empty() || word.starts_with('-'))
                && !reference::flags(inst.keyword).is_empty()
            {
                flag_completion(&mut cx, inst.keyword, "--", word_start, offset);
            }
        }
    }
    Some(CompletionResponse::Array(cx.items))
}

fn markdown_for(key: &str) -> Option<String> {
    let (kind, rest) = key.split_once(':')?;
    match kind {
        "instruction" => {
            let doc = reference::INSTRUCTIONS
                .iter()
                .find(|d| d.keyword.as_str() == rest)?;
            Some(reference::instruction_markdown(doc))
        }
        "flag" => {
            let (kw, name) = rest.split_once(':')?;
            let keyword = Keyword::from_name(kw);
            Some(reference::flag_markdown(
                keyword,
                reference::flag(keyword, name)?,
            ))
        }
        "mount" => Some(reference::mount_key_markdown(reference::mount_key(rest)?)),
        "directive" => reference::directive(rest).map(|d| d.doc.to_owned()),
        "rule" => registry::by_code(rest).map(|m| m.documentation()),
        _ => None,
    }
}

/// Adds the documentation named by the item's `data`.
#[must_use]
pub fn resolve(mut item: CompletionItem, caps: &ClientCaps) -> CompletionItem {
    let key = item
        .data
        .as_ref()
        .and_then(|d| d.get("doc"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(value) = key.as_deref().and_then(markdown_for) {
        let kind = if caps.completion_markdown {
            MarkupKind::Markdown
        } else {
            MarkupKind::PlainText
        };
        item.documentation = Some(Documentation::MarkupContent(MarkupContent { kind, value }));
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strips_snippet_placeholders() {
        assert_eq!(
            plain("[\"${1:executable}\", \"${2:param}\"]"),
            "[\"executable\", \"param\"]"
        );
        assert_eq!(plain("${1:NAME}=${2:value}"), "NAME=value");
    }
}
