//! The Compose side of hover, completion, definition, document symbols and
//! document links: the analyzer's `compose::ide` answers, turned into
//! protocol types here. Paths to other files are joined with the Compose
//! file's directory and sent as `file:` URIs; nothing is read.

use std::path::Path;

use dockward_analyzer::compose::ComposeAnalysis;
use dockward_analyzer::compose::ide::{self, CompletionKind, Target};
use ls_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList, CompletionResponse,
    CompletionTextEdit, DocumentLink, DocumentSymbol, Documentation, GotoDefinitionResponse,
    Location, MarkupContent, MarkupKind, Range, SymbolKind, TextEdit, Uri,
};

use crate::capabilities::ClientCaps;
use crate::document::Snapshot;

/// The `file:` URI of `rel`, a path relative to the document's directory.
fn file_uri(snap: &Snapshot, rel: &str) -> Option<Uri> {
    let dir = snap.path.as_deref()?.parent()?;
    let path = dir.join(Path::new(rel));
    Uri::from_file_path(path)
}

/// The schema's description (and the key under the cursor), as markdown.
#[must_use]
pub fn hover(
    snap: &Snapshot,
    analysis: &ComposeAnalysis,
    offset: usize,
) -> Option<(String, Range)> {
    let h = ide::hover(&analysis.model, offset)?;
    Some((h.markdown, snap.range(h.range)))
}

#[must_use]
pub fn completion(
    snap: &Snapshot,
    analysis: &ComposeAnalysis,
    caps: &ClientCaps,
    offset: usize,
) -> Option<CompletionResponse> {
    let c = ide::completion(&analysis.model, offset);
    if c.items.is_empty() {
        return None;
    }
    let range = snap.range(c.replace);
    let doc_kind = if caps.completion_markdown {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    let items = c
        .items
        .into_iter()
        .enumerate()
        .map(|(i, e)| CompletionItem {
            kind: Some(match e.kind {
                CompletionKind::Key => CompletionItemKind::PROPERTY,
                CompletionKind::Value => CompletionItemKind::ENUM_MEMBER,
                CompletionKind::Reference => CompletionItemKind::REFERENCE,
            }),
            detail: e.detail,
            documentation: e.documentation.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: doc_kind.clone(),
                    value,
                })
            }),
            tags: e.deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
            // Keep the analyzer's order (references, then keys by name).
            sort_text: Some(format!("{i:04}")),
            filter_text: Some(e.label.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, e.insert))),
            label: e.label,
            ..CompletionItem::default()
        })
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

#[must_use]
pub fn definition(
    snap: &Snapshot,
    analysis: &ComposeAnalysis,
    offset: usize,
) -> Option<GotoDefinitionResponse> {
    let location = match ide::definition(&analysis.model, offset)? {
        Target::Here(r) => Location::new(snap.uri.clone(), snap.range(r)),
        Target::File(rel) => Location::new(file_uri(snap, &rel)?, Range::default()),
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

#[allow(deprecated)] // DocumentSymbol::deprecated must be set to build the struct.
fn symbol(snap: &Snapshot, s: ide::Symbol) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = s.children.into_iter().map(|c| symbol(snap, c)).collect();
    DocumentSymbol {
        name: if s.name.trim().is_empty() {
            "?".to_owned()
        } else {
            s.name
        },
        detail: s.detail,
        kind: match s.kind {
            ide::SymbolKind::Section => SymbolKind::NAMESPACE,
            ide::SymbolKind::Service => SymbolKind::CLASS,
            ide::SymbolKind::Network => SymbolKind::INTERFACE,
            ide::SymbolKind::Volume => SymbolKind::STRUCT,
            ide::SymbolKind::Secret => SymbolKind::KEY,
            ide::SymbolKind::Config => SymbolKind::OBJECT,
        },
        tags: None,
        deprecated: None,
        range: snap.range(s.range),
        selection_range: snap.range(s.selection),
        children: (!children.is_empty()).then_some(children),
    }
}

/// Sections (`services`, `networks`…) holding their entries.
#[must_use]
pub fn symbols(snap: &Snapshot, analysis: &ComposeAnalysis) -> Vec<DocumentSymbol> {
    ide::symbols(&analysis.model)
        .into_iter()
        .map(|s| symbol(snap, s))
        .collect()
}

/// `env_file`, `build` and `extends.file` paths, as links to the files.
#[must_use]
pub fn links(snap: &Snapshot, analysis: &ComposeAnalysis) -> Vec<DocumentLink> {
    ide::links(&analysis.model)
        .into_iter()
        .filter_map(|l| {
            Some(DocumentLink {
                range: snap.range(l.range),
                target: Some(file_uri(snap, &l.path)?),
                tooltip: Some(format!("Open {}", l.path)),
                data: None,
            })
        })
        .collect()
}
