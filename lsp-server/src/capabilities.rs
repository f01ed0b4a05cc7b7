//! What the client can do (the parts the server looks at) and what the server
//! offers in return.

use ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CompletionOptions, DiagnosticOptions, DiagnosticServerCapabilities, HoverProviderCapability,
    InitializeParams, MarkupKind, OneOf, RenameOptions, SemanticTokensFullOptions,
    SemanticTokensOptions, SemanticTokensServerCapabilities, ServerCapabilities,
    SignatureHelpOptions, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};

use crate::handlers::semantic_tokens;
use crate::position::Encoding;

/// The client capabilities the handlers care about.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub document_changes: bool,
    pub snippets: bool,
    pub completion_markdown: bool,
    pub hover_markdown: bool,
    pub hierarchical_symbols: bool,
    pub line_folding_only: bool,
    pub folding_range_limit: Option<u32>,
    pub pull_diagnostics: bool,
    pub prepare_rename: bool,
    pub multiline_tokens: bool,
    pub watched_files_dynamic: bool,
    pub configuration: bool,
    pub diagnostic_refresh: bool,
}

impl ClientCaps {
    #[must_use]
    pub fn from_params(params: &InitializeParams) -> ClientCaps {
        let caps: &ClientCapabilities = &params.capabilities;
        let td = caps.text_document.as_ref();
        let ws = caps.workspace.as_ref();
        let markdown = |formats: Option<&Vec<MarkupKind>>| {
            formats.is_some_and(|f| f.first() == Some(&MarkupKind::Markdown))
        };
        ClientCaps {
            document_changes: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            snippets: td
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            completion_markdown: markdown(
                td.and_then(|t| t.completion.as_ref())
                    .and_then(|c| c.completion_item.as_ref())
                    .and_then(|i| i.documentation_format.as_ref()),
            ),
            hover_markdown: markdown(
                td.and_then(|t| t.hover.as_ref())
                    .and_then(|h| h.content_format.as_ref()),
            ),
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            line_folding_only: td
                .and_then(|t| t.folding_range.as_ref())
                .and_then(|f| f.line_folding_only)
                .unwrap_or(false),
            folding_range_limit: td
                .and_then(|t| t.folding_range.as_ref())
                .and_then(|f| f.range_limit),
            pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
            prepare_rename: td
                .and_then(|t| t.rename.as_ref())
                .and_then(|r| r.prepare_support)
                .unwrap_or(false),
            multiline_tokens: td
                .and_then(|t| t.semantic_tokens.as_ref())
                .and_then(|s| s.multiline_token_support)
                .unwrap_or(false),
            watched_files_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            diagnostic_refresh: ws
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// The code action kind of the fix-all source action.
pub const FIX_ALL_KIND: &str = "source.fixAll.dockward";

/// The server's capabilities.
#[must_use]
pub fn server_capabilities(
    encoding: Encoding,
    caps: &ClientCaps,
    pull: bool,
) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.to_kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: (pull && caps.pull_diagnostics).then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("dockward".to_owned()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: None,
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            resolve_provider: Some(true),
            trigger_characters: Some(
                ["-", "=", "$", "{", " ", ",", "#"]
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            ),
            ..CompletionOptions::default()
        }),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(vec![" ".to_owned(), "-".to_owned(), "[".to_owned()]),
            retrigger_characters: Some(vec![",".to_owned(), "=".to_owned()]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(ls_types::FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                work_done_progress_options: WorkDoneProgressOptions::default(),
                legend: semantic_tokens::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(if caps.prepare_rename {
            OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        } else {
            OneOf::Left(true)
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(ls_types::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}
