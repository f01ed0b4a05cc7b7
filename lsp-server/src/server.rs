//! The `LanguageServer` implementation: a routing table. Notifications that
//! touch documents go to the document actor with no `.await` before the
//! hand-off; requests get a snapshot from the actor and run their handler on
//! the blocking pool.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use ls_types::{
    CodeActionParams, CodeActionResponse, CompletionItem, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, DocumentFormattingParams, DocumentHighlight,
    DocumentHighlightParams, DocumentLink, DocumentLinkParams, DocumentRangeFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, FileSystemWatcher, FoldingRange,
    FoldingRangeParams, GlobPattern, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverParams, InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams,
    Location, PrepareRenameResponse, ReferenceParams, Registration, RenameParams,
    SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult, ServerInfo, SignatureHelp, SignatureHelpParams,
    TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::Value;
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{ClientCaps, server_capabilities};
use crate::document::{DocKind, Snapshot};
use crate::handlers;
use crate::position::Encoding;
use crate::session::{self, Msg, Sender};
use crate::settings::{CONFIG_FILE_NAMES, Settings};

/// The server. One per connection.
pub struct Backend {
    client: Client,
    tx: Sender,
    caps: RwLock<Arc<ClientCaps>>,
    shutdown: Arc<AtomicBool>,
}

impl Backend {
    /// Creates the server and starts its document actor (needs a Tokio
    /// runtime). Diagnostics skip the client and go straight to the output
    /// writer `out` (see `transport::notification_frame`).
    #[must_use]
    pub(crate) fn new(
        client: Client,
        shutdown: Arc<AtomicBool>,
        out: crate::transport::OutSender,
    ) -> Self {
        let tx = session::spawn(client.clone(), out);
        Backend {
            client,
            tx,
            caps: RwLock::new(Arc::default()),
            shutdown,
        }
    }

    fn caps(&self) -> Arc<ClientCaps> {
        self.caps.read().map(|c| c.clone()).unwrap_or_default()
    }

    /// Asks the actor for a snapshot. The request is sent before this returns,
    /// so it is ordered after every edit already handed over.
    fn snapshot(&self, uri: &Uri) -> impl Future<Output = Option<Arc<Snapshot>>> + Send + 'static {
        let (reply, rx) = oneshot::channel();
        let _ = self.tx.send(Msg::Snapshot {
            uri: uri.clone(),
            reply,
        });
        async move { rx.await.ok().flatten() }
    }

    /// Runs `f` on a snapshot of `uri` on the blocking pool. An unknown
    /// document gives `default`; a document edited meanwhile gives
    /// `ContentModified`; a panic in `f` gives an internal error and the
    /// server carries on.
    async fn with_snapshot<T, F>(&self, uri: &Uri, default: T, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot, &ClientCaps) -> T + Send + 'static,
    {
        let snap = self.snapshot(uri);
        let Some(snap) = snap.await else {
            return Ok(default);
        };
        let caps = self.caps();
        let job = tokio::task::spawn_blocking(move || {
            let out = f(&snap, &caps);
            (out, snap.is_stale())
        });
        match job.await {
            Ok((out, false)) => Ok(out),
            Ok((_, true)) => Err(Error::content_modified()),
            Err(err) => {
                tracing::error!("request handler failed: {err}");
                Err(Error::internal_error())
            }
        }
    }
}

impl Backend {
    /// [`Self::with_snapshot`] for the requests only Dockerfiles answer
    /// (semantic tokens, formatting, rename, references…): other kinds
    /// get the empty answer.
    async fn with_dockerfile<T, F>(&self, uri: &Uri, f: F) -> Result<T>
    where
        T: Default + Send + 'static,
        F: FnOnce(&Snapshot, &ClientCaps) -> T + Send + 'static,
    {
        self.with_snapshot(uri, T::default(), move |snap, caps| {
            if snap.kind == DocKind::Dockerfile {
                f(snap, caps)
            } else {
                T::default()
            }
        })
        .await
    }
}

fn settings_from_config_response(values: Vec<Value>) -> Value {
    values.into_iter().next().unwrap_or(Value::Null)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = ClientCaps::from_params(&params);
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let init_options = params.initialization_options.clone();
        let pull = init_options
            .as_ref()
            .is_none_or(|v| Settings::from_json(v).pull_diagnostics);
        let server_caps = server_capabilities(encoding, &caps, pull);
        let diagnostic_refresh = caps.diagnostic_refresh && pull && caps.pull_diagnostics;
        if let Ok(mut c) = self.caps.write() {
            *c = Arc::new(caps);
        }
        let _ = self.tx.send(Msg::Initialize {
            encoding,
            init_options,
            diagnostic_refresh,
        });
        Ok(InitializeResult {
            capabilities: server_caps,
            server_info: Some(ServerInfo {
                name: "dockward".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let caps = self.caps();
        let client = self.client.clone();
        let tx = self.tx.clone();
        // Server-to-client requests never hold a handler slot: spawn them.
        tokio::spawn(async move {
            if caps.watched_files_dynamic {
                let watchers = CONFIG_FILE_NAMES
                    .iter()
                    .map(|name| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{name}")),
                        kind: None,
                    })
                    .collect();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let registration = Registration {
                    id: "dockward-config-files".to_owned(),
                    method: "workspace/didChangeWatchedFiles".to_owned(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(err) = client.register_capability(vec![registration]).await {
                    tracing::warn!("could not watch configuration files: {err}");
                }
            }
            if caps.configuration {
                fetch_configuration(&client, &tx).await;
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let _ = self.tx.send(Msg::Open {
            uri: doc.uri,
            language_id: doc.language_id,
            version: doc.version,
            text: doc.text,
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let _ = self.tx.send(Msg::Change {
            uri: params.text_document.uri,
            version: params.text_document.version,
            changes: params.content_changes,
        });
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let _ = self.tx.send(Msg::Close {
            uri: params.text_document.uri,
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let _ = self.tx.send(Msg::Save {
            uri: params.text_document.uri,
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.caps().configuration {
            let client = self.client.clone();
            let tx = self.tx.clone();
            tokio::spawn(async move { fetch_configuration(&client, &tx).await });
        } else {
            let _ = self.tx.send(Msg::WorkspaceSettings(params.settings));
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let relevant = params.changes.iter().any(|c| {
            let path = c.uri.path().as_str();
            CONFIG_FILE_NAMES.iter().any(|n| path.ends_with(n))
        });
        if relevant {
            let _ = self.tx.send(Msg::ReloadConfigFiles);
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id;
        self.with_snapshot(
            &params.text_document.uri,
            handlers::diagnostic::empty(),
            move |snap, _| handlers::diagnostic::pull(snap, previous.as_deref()),
        )
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.with_snapshot(&uri, None, move |snap, caps| {
            handlers::code_action::code_actions(snap, caps, &params)
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.with_snapshot(&p.text_document.uri, None, move |snap, caps| {
            handlers::hover::hover(snap, caps, p.position)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.with_snapshot(&p.text_document.uri, None, move |snap, caps| {
            handlers::completion::completion(snap, caps, p.position)
        })
        .await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        Ok(handlers::completion::resolve(item, &self.caps()))
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let p = params.text_document_position_params;
        self.with_dockerfile(&p.text_document.uri, move |snap, _| {
            handlers::signature_help::signature_help(snap, p.position)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.with_snapshot(&params.text_document.uri, None, |snap, caps| {
            Some(handlers::document_symbol::document_symbol(snap, caps))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.with_dockerfile(&params.text_document.uri, |snap, caps| {
            Some(handlers::folding_range::folding_ranges(snap, caps))
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.with_dockerfile(&params.text_document.uri, |snap, caps| {
            Some(SemanticTokensResult::Tokens(
                handlers::semantic_tokens::tokens(snap, caps, None),
            ))
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        self.with_dockerfile(&params.text_document.uri, move |snap, caps| {
            Some(SemanticTokensRangeResult::Tokens(
                handlers::semantic_tokens::tokens(snap, caps, Some(range)),
            ))
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let options = params.options;
        self.with_dockerfile(&params.text_document.uri, move |snap, _| {
            handlers::formatting::format(snap, &options, None)
        })
        .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let options = params.options;
        let range = params.range;
        self.with_dockerfile(&params.text_document.uri, move |snap, _| {
            handlers::formatting::format(snap, &options, Some(range))
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let pos = params.position;
        self.with_dockerfile(&params.text_document.uri, move |snap, _| {
            handlers::rename::prepare(snap, pos)
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let new_name = params.new_name;
        let out = self
            .with_snapshot(&p.text_document.uri, Ok(None), move |snap, caps| {
                if snap.kind != DocKind::Dockerfile {
                    return Ok(None);
                }
                handlers::rename::rename(snap, caps, p.position, &new_name)
            })
            .await?;
        out.map_err(Error::invalid_params)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.with_snapshot(&p.text_document.uri, None, move |snap, _| {
            handlers::definition::definition(snap, p.position)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let include = params.context.include_declaration;
        self.with_dockerfile(&p.text_document.uri, move |snap, _| {
            handlers::references::references(snap, p.position, include)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.with_dockerfile(&p.text_document.uri, move |snap, _| {
            handlers::document_highlight::document_highlight(snap, p.position)
        })
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.with_snapshot(&params.text_document.uri, None, |snap, _| {
            Some(handlers::document_link::document_links(snap))
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.with_dockerfile(&params.text_document.uri, move |snap, _| {
            Some(handlers::inlay_hint::inlay_hints(snap, range))
        })
        .await
    }
}

/// Pulls the `dockward` section with `workspace/configuration` and hands it to
/// the actor.
async fn fetch_configuration(client: &Client, tx: &Sender) {
    let item = ls_types::ConfigurationItem {
        scope_uri: None,
        section: Some("dockward".to_owned()),
    };
    match client.configuration(vec![item]).await {
        Ok(values) => {
            let _ = tx.send(Msg::WorkspaceSettings(settings_from_config_response(
                values,
            )));
        }
        Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
    }
}
