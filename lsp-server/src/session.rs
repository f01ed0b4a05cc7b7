//! The document actor: the single owner of every open document.
//!
//! `didOpen`, `didChange`, `didClose` and `didSave` hand their params to the
//! actor with a synchronous, unbounded `send` and no `.await` before it, so
//! edits reach the actor in wire order (tower-lsp-server starts handler
//! futures in arrival order; `tests/lsp_ordering.rs` guards this). Requests
//! ask the actor for a [`Snapshot`] the same way, so each request sees every
//! edit that arrived before it.
//!
//! Diagnostics: analysed at once on open and save, debounced per document on
//! change, one analysis per document at a time; results are published in
//! order, with the version they were computed for, and only while that version
//! is still current.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use dockward_config::ConfigCache;
use ls_types::notification::{Notification, PublishDiagnostics};
use ls_types::{Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent, Uri};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tower_lsp_server::Client;

use crate::document::{CLOSED, DocKind, Document, Env, Snapshot};
use crate::position::Encoding;
use crate::settings::Settings;
use crate::to_proto;
use crate::transport::{Out, OutSender, notification_frame};

/// A message to the document actor.
pub(crate) enum Msg {
    Initialize {
        encoding: Encoding,
        init_options: Option<Value>,
        /// The client supports `workspace/diagnostic/refresh`.
        diagnostic_refresh: bool,
    },
    Open {
        uri: Uri,
        language_id: String,
        version: i32,
        text: String,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        uri: Uri,
    },
    Save {
        uri: Uri,
    },
    Snapshot {
        uri: Uri,
        reply: oneshot::Sender<Option<Arc<Snapshot>>>,
    },
    /// New settings from `workspace/configuration` or `didChangeConfiguration`.
    WorkspaceSettings(Value),
    /// A configuration file changed on disk.
    ReloadConfigFiles,
    Computed {
        uri: Uri,
        generation: u64,
        version: i32,
        diagnostics: Vec<Diagnostic>,
        /// For a Compose file: the seccomp profiles its services name.
        profiles: Option<Vec<PathBuf>>,
    },
}

pub(crate) type Sender = mpsc::UnboundedSender<Msg>;

/// What the publisher sends to the client, in the order the actor decided.
enum Publish {
    Diagnostics {
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    },
    /// Ask a pulling client to pull again (settings changed).
    Refresh,
    /// Tell the user something (a config file that does not load).
    Warn(String),
}

struct Entry {
    doc: Document,
    generation: u64,
    env: Arc<Env>,
    /// When the debounced analysis is due.
    deadline: Option<Instant>,
    in_flight: bool,
    /// An edit arrived while an analysis was running.
    dirty: bool,
}

struct Actor {
    docs: HashMap<Uri, Entry>,
    encoding: Encoding,
    init_options: Option<Value>,
    workspace_settings: Option<Value>,
    settings: Settings,
    /// Config discovery and loading (`dockward-config`), cached until a
    /// watched config file changes.
    configs: ConfigCache,
    /// Config errors already shown, so each is shown once.
    shown_errors: HashSet<String>,
    next_generation: u64,
    diagnostic_refresh: bool,
    /// The seccomp profiles each open Compose file names: opened, they are
    /// analysed as profiles.
    named_profiles: HashMap<Uri, Vec<PathBuf>>,
    me: mpsc::WeakUnboundedSender<Msg>,
    publish: mpsc::UnboundedSender<Publish>,
}

/// Starts the actor and the publisher; returns the actor's mailbox.
pub(crate) fn spawn(client: Client, out: OutSender) -> Sender {
    let (tx, rx) = mpsc::unbounded_channel();
    let (ptx, prx) = mpsc::unbounded_channel();
    let actor = Actor {
        docs: HashMap::new(),
        encoding: Encoding::Utf16,
        init_options: None,
        workspace_settings: None,
        settings: Settings::default(),
        configs: ConfigCache::new(),
        shown_errors: HashSet::new(),
        next_generation: 0,
        diagnostic_refresh: false,
        named_profiles: HashMap::new(),
        me: tx.downgrade(),
        publish: ptx,
    };
    tokio::spawn(actor.run(rx));
    tokio::spawn(publisher(client, out, prx));
    tx
}

/// Sends what the actor decided, in order. Diagnostics go straight to the
/// output writer `out`; the rest through the client.
async fn publisher(client: Client, out: OutSender, mut rx: mpsc::UnboundedReceiver<Publish>) {
    while let Some(p) = rx.recv().await {
        match p {
            Publish::Diagnostics {
                uri,
                diagnostics,
                version,
            } => {
                let params = PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version,
                };
                match notification_frame(PublishDiagnostics::METHOD, &params) {
                    Ok(frame) => {
                        let _ = out.send(Out::Frame(frame));
                    }
                    Err(err) => {
                        tracing::error!("cannot serialize diagnostics: {err}");
                        client
                            .publish_diagnostics(params.uri, params.diagnostics, params.version)
                            .await;
                    }
                }
            }
            Publish::Warn(message) => {
                client
                    .show_message(ls_types::MessageType::WARNING, message)
                    .await;
            }
            Publish::Refresh => {
                // Never wait for the answer here: it would hold up publishing.
                let client = client.clone();
                tokio::spawn(async move {
                    let _ = client.workspace_diagnostic_refresh().await;
                });
            }
        }
    }
}

impl Actor {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
        loop {
            let next = self.docs.values().filter_map(|e| e.deadline).min();
            tokio::select! {
                biased;
                msg = rx.recv() => match msg {
                    Some(msg) => self.handle(msg),
                    None => break,
                },
                () = sleep_until(next), if next.is_some() => self.fire_due(),
            }
        }
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Initialize {
                encoding,
                init_options,
                diagnostic_refresh,
            } => {
                self.encoding = encoding;
                self.diagnostic_refresh = diagnostic_refresh;
                self.init_options = init_options;
                self.refresh_settings(false);
            }
            Msg::Open {
                uri,
                language_id,
                version,
                text,
            } => {
                let env = self.env_for(&uri);
                let kind = DocKind::detect(&language_id, &uri, self.is_seccomp(&uri));
                self.next_generation += 1;
                if let Some(old) = self.docs.remove(&uri) {
                    old.doc.live_version.store(CLOSED, Ordering::Release);
                }
                let entry = Entry {
                    doc: Document::new(uri.clone(), language_id, kind, version, text),
                    generation: self.next_generation,
                    env,
                    deadline: None,
                    in_flight: false,
                    dirty: false,
                };
                self.docs.insert(uri.clone(), entry);
                self.start(&uri);
            }
            Msg::Change {
                uri,
                version,
                changes,
            } => {
                let debounce = Duration::from_millis(self.settings.debounce_ms);
                let Some(entry) = self.docs.get_mut(&uri) else {
                    tracing::warn!(
                        "didChange for a document that is not open: {}",
                        uri.as_str()
                    );
                    return;
                };
                if version <= entry.doc.version {
                    tracing::warn!(
                        "didChange version {version} does not follow {} for {}",
                        entry.doc.version,
                        uri.as_str()
                    );
                }
                entry.doc.apply_changes(version, changes, self.encoding);
                entry.deadline = Some(Instant::now() + debounce);
            }
            Msg::Close { uri } => {
                if self.named_profiles.remove(&uri).is_some() {
                    self.redetect();
                }
                if let Some(entry) = self.docs.remove(&uri) {
                    entry.doc.live_version.store(CLOSED, Ordering::Release);
                    let _ = self.publish.send(Publish::Diagnostics {
                        uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            Msg::Save { uri } => {
                if self.docs.get(&uri).is_some_and(|e| e.deadline.is_some()) {
                    self.start(&uri);
                }
            }
            Msg::Snapshot { uri, reply } => {
                let encoding = self.encoding;
                let snap = self
                    .docs
                    .get_mut(&uri)
                    .map(|e| e.doc.snapshot(&e.env, encoding));
                let _ = reply.send(snap);
            }
            Msg::WorkspaceSettings(value) => {
                self.workspace_settings = Some(value);
                self.refresh_settings(false);
            }
            Msg::ReloadConfigFiles => {
                self.configs.clear();
                self.shown_errors.clear();
                self.refresh_settings(true);
            }
            Msg::Computed {
                uri,
                generation,
                version,
                diagnostics,
                profiles,
            } => {
                let Some(entry) = self.docs.get(&uri) else {
                    return;
                };
                if entry.generation != generation {
                    return;
                }
                if let Some(profiles) = profiles {
                    let old = self.named_profiles.get(&uri).map_or(&[][..], Vec::as_slice);
                    if old != profiles.as_slice() {
                        if profiles.is_empty() {
                            self.named_profiles.remove(&uri);
                        } else {
                            self.named_profiles.insert(uri.clone(), profiles);
                        }
                        self.redetect();
                    }
                }
                let Some(entry) = self.docs.get_mut(&uri) else {
                    return;
                };
                entry.in_flight = false;
                if entry.doc.version == version && self.settings.push_diagnostics {
                    let _ = self.publish.send(Publish::Diagnostics {
                        uri: uri.clone(),
                        diagnostics,
                        version: Some(version),
                    });
                }
                if entry.dirty {
                    self.start(&uri);
                }
            }
        }
    }

    /// Recomputes the settings and every open document's environment, and
    /// re-analyses every open document, when the settings changed or `force`.
    fn refresh_settings(&mut self, force: bool) {
        let mut settings = Settings::default();
        if let Some(v) = &self.init_options {
            settings.merge_json(v);
        }
        if let Some(v) = &self.workspace_settings {
            settings.merge_json(v);
        }
        if settings == self.settings && !force {
            return;
        }
        self.settings = settings;
        if self.diagnostic_refresh {
            let _ = self.publish.send(Publish::Refresh);
        }
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let env = self.env_for(&uri);
            let seccomp = self.is_seccomp(&uri);
            if let Some(e) = self.docs.get_mut(&uri) {
                e.env = env;
                e.doc.kind = DocKind::detect(&e.doc.language_id, &uri, seccomp);
            }
            self.start(&uri);
        }
    }

    /// Whether `uri` is to be read as a seccomp profile: the settings name
    /// it, or an open Compose file does.
    fn is_seccomp(&self, uri: &Uri) -> bool {
        self.settings.is_seccomp(uri)
            || uri.to_file_path().is_some_and(|path| {
                self.named_profiles
                    .values()
                    .any(|paths| paths.iter().any(|p| *p == *path))
            })
    }

    /// Decides every open document's kind again, and re-analyses those
    /// whose kind changed.
    fn redetect(&mut self) {
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let seccomp = self.is_seccomp(&uri);
            let Some(e) = self.docs.get_mut(&uri) else {
                continue;
            };
            let kind = DocKind::detect(&e.doc.language_id, &uri, seccomp);
            if kind != e.doc.kind {
                e.doc.kind = kind;
                self.start(&uri);
            }
        }
    }

    fn env_for(&mut self, uri: &Uri) -> Arc<Env> {
        let file = match uri.to_file_path() {
            Some(path) if self.settings.use_config_file => match self.configs.get_for(&path) {
                Ok(loaded) => loaded.path.is_some().then(|| loaded.config.clone()),
                Err(err) => {
                    let message = format!("dockward: {err}");
                    tracing::warn!("{message}");
                    if self.shown_errors.insert(message.clone()) {
                        let _ = self.publish.send(Publish::Warn(message));
                    }
                    None
                }
            },
            _ => None,
        };
        Arc::new(Env {
            config: self.settings.config(file.as_ref()),
            settings: self.settings.clone(),
        })
    }

    fn fire_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, e)| e.deadline.is_some_and(|d| d <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.start(&uri);
        }
    }

    /// Starts analysing `uri` now, or marks it for a rerun if an analysis is
    /// already running.
    fn start(&mut self, uri: &Uri) {
        let encoding = self.encoding;
        let Some(entry) = self.docs.get_mut(uri) else {
            return;
        };
        entry.deadline = None;
        if entry.in_flight {
            entry.dirty = true;
            return;
        }
        entry.in_flight = true;
        entry.dirty = false;
        let snap = entry.doc.snapshot(&entry.env, encoding);
        let generation = entry.generation;
        let Some(me) = self.me.upgrade() else {
            return;
        };
        tokio::task::spawn_blocking(move || {
            let diagnostics = if snap.is_stale() {
                Vec::new()
            } else {
                to_proto::diagnostics(&snap)
            };
            let profiles = (matches!(snap.kind, DocKind::Compose { .. }) && !snap.is_stale())
                .then(|| snap.named_seccomp_profiles());
            let _ = me.send(Msg::Computed {
                uri: snap.uri.clone(),
                generation,
                version: snap.version,
                diagnostics,
                profiles,
            });
        });
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}
