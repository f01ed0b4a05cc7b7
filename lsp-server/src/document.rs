//! One open document: its text, version and position index, and the
//! immutable [`Snapshot`]s that requests work on.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, OnceLock};

use std::path::{Path, PathBuf};

use dockward_analyzer::compose::{self, ComposeAnalysis, ComposeContext};
use dockward_analyzer::daemon::{self, DaemonAnalysis};
use dockward_analyzer::names;
use dockward_analyzer::seccomp::{self, SeccompAnalysis};
use dockward_analyzer::syntax::{Dockerfile, parse};
use dockward_analyzer::{Analysis, Config, Context, Diagnostic, analyze_threaded};

use crate::settings::Settings;
use ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::position::{Encoding, PositionIndex};

/// Version value stored once a document is closed.
pub(crate) const CLOSED: i32 = i32::MIN;

/// What a document is analysed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Dockerfile,
    /// `partial`: an override file (`compose.override.yaml`), merged over
    /// another, so rules about missing settings stay silent.
    Compose {
        partial: bool,
    },
    Daemon,
    Seccomp,
    /// A YAML or JSON document that is none of these: not analysed.
    Other,
}

impl DocKind {
    /// The kind of a document from the client's language id and the file
    /// name (`analyzer::names`). `seccomp`: the settings name this document
    /// as a seccomp profile (a profile has no name of its own).
    ///
    /// `dockercompose` is always Compose; `yaml` only for a Compose-named
    /// file (`compose.yaml`, `*compose*.yml`), `json` only for `daemon.json`
    /// (or a profile the settings name); other ids (`dockerfile`, and
    /// clients that send none) go by the name, a Dockerfile by default as
    /// before.
    #[must_use]
    pub fn detect(language_id: &str, uri: &Uri, seccomp: bool) -> DocKind {
        let name = file_name(uri);
        let compose = DocKind::Compose {
            partial: names::is_compose_override_name(name),
        };
        let by_name = names::kind_of_name(name, true);
        match language_id.to_ascii_lowercase().as_str() {
            "dockercompose" | "docker-compose" | "yaml.docker-compose" => compose,
            "yaml" => match by_name {
                Some(dockward_analyzer::rule::FileKind::Compose) => compose,
                _ => DocKind::Other,
            },
            "json" | "jsonc" if seccomp => DocKind::Seccomp,
            "json" | "jsonc" => match by_name {
                Some(dockward_analyzer::rule::FileKind::Daemon) => DocKind::Daemon,
                _ => DocKind::Other,
            },
            _ if seccomp => DocKind::Seccomp,
            _ => match by_name {
                Some(dockward_analyzer::rule::FileKind::Compose) => compose,
                Some(dockward_analyzer::rule::FileKind::Daemon) => DocKind::Daemon,
                _ => DocKind::Dockerfile,
            },
        }
    }
}

/// The last path segment of a URI (percent-decoding is not needed to
/// recognise the names `analyzer::names` knows).
#[must_use]
pub fn file_name(uri: &Uri) -> &str {
    let path = uri.path().as_str();
    path.rsplit('/').next().unwrap_or(path)
}

/// The owner's copy of an open document. Only the document actor holds it.
pub(crate) struct Document {
    pub(crate) uri: Uri,
    pub(crate) language_id: String,
    pub(crate) kind: DocKind,
    pub(crate) version: i32,
    pub(crate) text: String,
    pub(crate) index: Arc<PositionIndex>,
    /// Shared with snapshots, so a request can tell when it went stale.
    pub(crate) live_version: Arc<AtomicI32>,
    snapshot: Option<Arc<Snapshot>>,
}

impl Document {
    pub(crate) fn new(
        uri: Uri,
        language_id: String,
        kind: DocKind,
        version: i32,
        text: String,
    ) -> Self {
        let index = Arc::new(PositionIndex::new(&text));
        Document {
            uri,
            language_id,
            kind,
            version,
            text,
            index,
            live_version: Arc::new(AtomicI32::new(version)),
            snapshot: None,
        }
    }

    /// Applies one `didChange` batch in order. A full-text change replaces the
    /// text; a ranged change is applied at the positions of the text as left by
    /// the previous change of the batch.
    pub(crate) fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let r = self.index.text_range(&self.text, range, enc);
                    self.text.replace_range(r.as_range(), &change.text);
                }
            }
            self.index = Arc::new(PositionIndex::new(&self.text));
        }
        self.version = version;
        self.live_version.store(version, Ordering::Release);
        self.snapshot = None;
    }

    /// An immutable view of the current version (shared until the next edit).
    pub(crate) fn snapshot(&mut self, env: &Arc<Env>, enc: Encoding) -> Arc<Snapshot> {
        if let Some(s) = &self.snapshot
            && Arc::ptr_eq(&s.env, env)
            && s.encoding == enc
            && s.kind == self.kind
        {
            return s.clone();
        }
        let snap = Arc::new(Snapshot {
            path: self.uri.to_file_path().map(std::borrow::Cow::into_owned),
            uri: self.uri.clone(),
            kind: self.kind,
            version: self.version,
            text: Arc::from(self.text.as_str()),
            index: self.index.clone(),
            encoding: enc,
            env: env.clone(),
            analysis: OnceLock::new(),
            other: OnceLock::new(),
            syntax: OnceLock::new(),
            live_version: self.live_version.clone(),
        });
        self.snapshot = Some(snap.clone());
        snap
    }
}

/// What a document is analysed under: its configuration and the editor settings.
#[derive(Debug, Default)]
pub struct Env {
    pub config: Config,
    pub settings: Settings,
}

/// The analysis of a document that is not a Dockerfile.
#[derive(Debug)]
pub enum OtherAnalysis {
    Compose(ComposeAnalysis),
    Daemon(DaemonAnalysis),
    Seccomp(SeccompAnalysis),
    /// Not analysed ([`DocKind::Other`]).
    None,
}

/// Files the server reads for a Compose file (`.env`, `extends: {file:}`,
/// the Dockerfiles it builds) are read only up to this size: a Compose
/// file naming a multi-gigabyte file must not stall the analysis.
const MAX_SIDE_FILE: u64 = 4 << 20;

/// Reads a regular file of at most [`MAX_SIDE_FILE`] bytes.
fn read_side_file(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SIDE_FILE {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// `path` with `.` and `..` resolved lexically (no file system access), so
/// it compares equal to the path of the document it names.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// One version of a document, with its analysis computed on first use.
pub struct Snapshot {
    pub uri: Uri,
    /// The document's file path (`file:` URIs only).
    pub path: Option<PathBuf>,
    pub kind: DocKind,
    pub version: i32,
    pub text: Arc<str>,
    pub index: Arc<PositionIndex>,
    pub encoding: Encoding,
    pub env: Arc<Env>,
    analysis: OnceLock<Analysis>,
    other: OnceLock<OtherAnalysis>,
    /// A parse of its own, for syntax-only requests that arrive before the
    /// analysis is done (on a very large file the model takes seconds).
    syntax: OnceLock<Dockerfile>,
    live_version: Arc<AtomicI32>,
}

impl Snapshot {
    /// A snapshot of a text outside the store (tests, scratch analysis).
    #[must_use]
    pub fn detached(uri: Uri, version: i32, text: &str, env: Env, encoding: Encoding) -> Self {
        Self::detached_as(uri, DocKind::Dockerfile, version, text, env, encoding)
    }

    /// A detached snapshot analysed as `kind`.
    #[must_use]
    pub fn detached_as(
        uri: Uri,
        kind: DocKind,
        version: i32,
        text: &str,
        env: Env,
        encoding: Encoding,
    ) -> Self {
        Snapshot {
            path: uri.to_file_path().map(std::borrow::Cow::into_owned),
            uri,
            kind,
            version,
            text: Arc::from(text),
            index: Arc::new(PositionIndex::new(text)),
            encoding,
            env: Arc::new(env),
            analysis: OnceLock::new(),
            other: OnceLock::new(),
            syntax: OnceLock::new(),
            live_version: Arc::new(AtomicI32::new(version)),
        }
    }

    /// The analysis of this version (computed once, shared by all requests).
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| {
            analyze_threaded(
                &self.text,
                &self.env.config,
                Context::default(),
                rule_threads(&self.text),
            )
        })
    }

    /// The analysis of a Compose file, `daemon.json` or seccomp profile.
    /// For a Compose file the server reads, beside it, the `.env` file and
    /// the files it names (through the analyzer's `FileResolver`): the
    /// analyzer itself does no IO.
    pub fn other(&self) -> &OtherAnalysis {
        self.other.get_or_init(|| match self.kind {
            DocKind::Compose { partial } => {
                let dir = self.path.as_deref().and_then(Path::parent);
                let dotenv = dir.and_then(|d| read_side_file(&d.join(".env")));
                let resolve = |rel: &str| dir.and_then(|d| read_side_file(&d.join(rel)));
                let context = ComposeContext {
                    dotenv: dotenv.as_deref(),
                    files: dir.map(|_| &resolve as compose::model::FileResolver<'_>),
                    partial,
                };
                OtherAnalysis::Compose(compose::analyze_threaded(
                    &self.text,
                    &self.env.config,
                    context,
                    rule_threads(&self.text),
                ))
            }
            DocKind::Daemon => OtherAnalysis::Daemon(daemon::analyze(&self.text, &self.env.config)),
            DocKind::Seccomp => {
                OtherAnalysis::Seccomp(seccomp::analyze(&self.text, &self.env.config))
            }
            DocKind::Dockerfile | DocKind::Other => OtherAnalysis::None,
        })
    }

    /// The Compose analysis, for a Compose document.
    pub fn compose(&self) -> Option<&ComposeAnalysis> {
        match self.kind {
            DocKind::Compose { .. } => match self.other() {
                OtherAnalysis::Compose(a) => Some(a),
                _ => None,
            },
            _ => None,
        }
    }

    /// The seccomp profiles the services of this Compose file name
    /// (`security_opt: [seccomp=./profile.json]`), as absolute paths, so
    /// the server reads those documents as profiles when they are opened.
    #[must_use]
    pub fn named_seccomp_profiles(&self) -> Vec<PathBuf> {
        let (Some(analysis), Some(dir)) =
            (self.compose(), self.path.as_deref().and_then(Path::parent))
        else {
            return Vec::new();
        };
        let mut out: Vec<PathBuf> = analysis
            .model
            .service_views()
            .flat_map(|s| s.seccomp_profiles())
            .map(|(rel, _)| normalize(&dir.join(rel)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The findings of this version, whatever the kind.
    pub fn findings(&self) -> &[Diagnostic] {
        match self.kind {
            DocKind::Dockerfile => &self.analysis().diagnostics,
            _ => match self.other() {
                OtherAnalysis::Compose(a) => &a.diagnostics,
                OtherAnalysis::Daemon(a) => &a.diagnostics,
                OtherAnalysis::Seccomp(a) => &a.diagnostics,
                OtherAnalysis::None => &[],
            },
        }
    }

    /// The syntax tree: the analysis's when it is ready, else a parse alone.
    pub fn syntax(&self) -> &Dockerfile {
        match self.analysis.get() {
            Some(a) => &a.model.file,
            None => self.syntax.get_or_init(|| parse(&self.text)),
        }
    }

    /// True when the document has moved on (edited or closed) since.
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.live_version.load(Ordering::Acquire) != self.version
    }

    /// LSP range of a byte range.
    #[must_use]
    pub fn range(&self, range: dockward_analyzer::TextRange) -> ls_types::Range {
        self.index.range(&self.text, range, self.encoding)
    }

    /// LSP position of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> ls_types::Position {
        self.index.position(&self.text, offset, self.encoding)
    }

    /// Byte offset of an LSP position (clamped).
    #[must_use]
    pub fn offset(&self, pos: ls_types::Position) -> usize {
        self.index.offset(&self.text, pos, self.encoding)
    }

    /// Byte range of an LSP range (clamped).
    #[must_use]
    pub fn text_range(&self, range: ls_types::Range) -> dockward_analyzer::TextRange {
        self.index.text_range(&self.text, range, self.encoding)
    }
}

/// Documents from this size up have their rules spread over several
/// threads: the editor waits for one large file, and the rules are
/// independent readers of one model. Below it a thread costs more than it
/// saves.
const THREADED_FROM_BYTES: usize = 64 * 1024;

/// How many threads run a document's rules: one for a small document, else
/// up to four of the machine's cores.
fn rule_threads(text: &str) -> usize {
    if text.len() < THREADED_FROM_BYTES {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn doc(text: &str) -> Document {
        Document::new(
            "file:///x/Dockerfile".parse().unwrap(),
            "dockerfile".to_owned(),
            DocKind::Dockerfile,
            1,
            text.to_owned(),
        )
    }

    #[test]
    fn applies_a_batch_in_order_with_utf16_columns() {
        let mut d = doc("FROM 🐳 alpine\nRUN x\n");
        // Insert after the whale (UTF-16 column 7), then delete "RUN " on the
        // next line, then a multi-line replace.
        d.apply_changes(
            2,
            vec![
                change(0, 7, 0, 7, "é"),
                change(1, 0, 1, 4, ""),
                change(0, 0, 1, 0, "FROM b\n\n"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(d.text, "FROM b\n\nx\n");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn utf8_columns_and_full_replacement() {
        let mut d = doc("FROM é\n");
        d.apply_changes(2, vec![change(0, 7, 0, 7, "x")], Encoding::Utf8);
        assert_eq!(d.text, "FROM éx\n");
        d.apply_changes(
            3,
            vec![
                TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "RUN a\n".into(),
                },
                change(0, 4, 0, 5, "b"),
            ],
            Encoding::Utf8,
        );
        assert_eq!(d.text, "RUN b\n");
    }

    #[test]
    fn crlf_and_past_the_end_ranges_do_not_panic() {
        let mut d = doc("FROM a\r\nRUN b");
        d.apply_changes(2, vec![change(0, 99, 0, 99, "!")], Encoding::Utf16);
        assert_eq!(d.text, "FROM a!\r\nRUN b");
        d.apply_changes(3, vec![change(50, 0, 60, 0, "\nCMD c")], Encoding::Utf16);
        assert_eq!(d.text, "FROM a!\r\nRUN b\nCMD c");
    }

    /// Random edits at random (often invalid) positions never panic, and each
    /// keeps the index consistent with the text.
    #[test]
    fn random_edits_at_any_position_never_panic() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            u32::try_from(seed % u64::from(n.max(1))).unwrap()
        };
        let pieces = ["a", "é", "🐳", "\n", "\r\n", "\\\n", "RUN x ", ""];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut d = doc("FROM 🐳\r\nRUN é\n");
            for v in 2..800 {
                let lines = u32::try_from(d.index.line_count()).unwrap() + 2;
                let text = pieces[next(8) as usize].to_owned();
                let c = change(next(lines), next(12), next(lines), next(12), &text);
                d.apply_changes(v, vec![c], enc);
                assert_eq!(d.index.line_count(), d.text.matches('\n').count() + 1);
            }
        }
    }
}
