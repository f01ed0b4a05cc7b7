//! One open document: its text, version and position index, and the
//! immutable [`Snapshot`]s that requests work on.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, OnceLock};

use dockward_analyzer::syntax::{Dockerfile, parse};
use dockward_analyzer::{Analysis, Config, analyze};

use crate::settings::Settings;
use ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::position::{Encoding, PositionIndex};

/// Version value stored once a document is closed.
pub(crate) const CLOSED: i32 = i32::MIN;

/// The owner's copy of an open document. Only the document actor holds it.
pub(crate) struct Document {
    pub(crate) uri: Uri,
    pub(crate) version: i32,
    pub(crate) text: String,
    pub(crate) index: Arc<PositionIndex>,
    /// Shared with snapshots, so a request can tell when it went stale.
    pub(crate) live_version: Arc<AtomicI32>,
    snapshot: Option<Arc<Snapshot>>,
}

impl Document {
    pub(crate) fn new(uri: Uri, version: i32, text: String) -> Self {
        let index = Arc::new(PositionIndex::new(&text));
        Document {
            uri,
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
        {
            return s.clone();
        }
        let snap = Arc::new(Snapshot {
            uri: self.uri.clone(),
            version: self.version,
            text: Arc::from(self.text.as_str()),
            index: self.index.clone(),
            encoding: enc,
            env: env.clone(),
            analysis: OnceLock::new(),
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

/// One version of a document, with its analysis computed on first use.
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub index: Arc<PositionIndex>,
    pub encoding: Encoding,
    pub env: Arc<Env>,
    analysis: OnceLock<Analysis>,
    /// A parse of its own, for syntax-only requests that arrive before the
    /// analysis is done (on a very large file the model takes seconds).
    syntax: OnceLock<Dockerfile>,
    live_version: Arc<AtomicI32>,
}

impl Snapshot {
    /// A snapshot of a text outside the store (tests, scratch analysis).
    #[must_use]
    pub fn detached(uri: Uri, version: i32, text: &str, env: Env, encoding: Encoding) -> Self {
        Snapshot {
            uri,
            version,
            text: Arc::from(text),
            index: Arc::new(PositionIndex::new(text)),
            encoding,
            env: Arc::new(env),
            analysis: OnceLock::new(),
            syntax: OnceLock::new(),
            live_version: Arc::new(AtomicI32::new(version)),
        }
    }

    /// The analysis of this version (computed once, shared by all requests).
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| analyze(&self.text, &self.env.config))
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
        Document::new("file:///x/Dockerfile".parse().unwrap(), 1, text.to_owned())
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
