//! Conversions from the analyzer's types to LSP types.

use std::collections::HashMap;

use dockward_analyzer::rule::RuleMeta;
use dockward_analyzer::{Diagnostic, Edit, Severity, Tag, registry};
use ls_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    DocumentChanges, Location, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};

use crate::document::Snapshot;

/// The workspace's `repository`: documentation links start here, as the CLI's do.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The `source` of every diagnostic.
pub const SOURCE: &str = "dockward";

/// The link to a rule's section of rules.md.
#[must_use]
pub fn rule_url(meta: &RuleMeta) -> String {
    format!(
        "{}/blob/main/rules.md#{}",
        REPOSITORY.trim_end_matches('/'),
        dockward_analyzer::docs::anchor(meta)
    )
}

/// What the server stores in `Diagnostic.data`, so code actions find the
/// finding again without trusting the ranges the client echoes back.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DiagnosticData {
    /// The document version the diagnostic was computed for.
    pub version: i32,
    /// The instruction index, if the finding belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction: Option<u32>,
    /// Index of the finding in the analysis of that version.
    pub index: usize,
}

#[must_use]
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Style => DiagnosticSeverity::HINT,
    }
}

/// The link to a rule's documentation, for `codeDescription`.
fn code_description(code: &str) -> Option<CodeDescription> {
    registry::by_code(code).and_then(|meta| {
        rule_url(meta)
            .parse()
            .ok()
            .map(|href| CodeDescription { href })
    })
}

/// One finding as an LSP diagnostic.
#[must_use]
pub fn diagnostic(snap: &Snapshot, index: usize, d: &Diagnostic) -> ls_types::Diagnostic {
    with_description(snap, index, d, code_description(d.code))
}

fn with_description(
    snap: &Snapshot,
    index: usize,
    d: &Diagnostic,
    code_description: Option<CodeDescription>,
) -> ls_types::Diagnostic {
    let related: Vec<_> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(snap.uri.clone(), snap.range(r.range)),
            message: r.message.clone(),
        })
        .collect();
    let tags: Vec<_> = d
        .tags
        .iter()
        .map(|t| match t {
            Tag::Unnecessary => DiagnosticTag::UNNECESSARY,
            Tag::Deprecated => DiagnosticTag::DEPRECATED,
        })
        .collect();
    let data = DiagnosticData {
        version: snap.version,
        instruction: d.instruction,
        index,
    };
    ls_types::Diagnostic {
        range: snap.range(d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_owned())),
        code_description,
        source: Some(SOURCE.to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: serde_json::to_value(data).ok(),
    }
}

/// The snapshot's findings as LSP diagnostics: all of them, or when there
/// are more than `diagnostics.maxCount`, that many (errors first, then
/// warnings…, in document order) and a note saying how many are not shown.
#[must_use]
pub fn diagnostics(snap: &Snapshot) -> Vec<ls_types::Diagnostic> {
    let all = snap.findings();
    let max = snap.env.settings.max_diagnostics;
    // A file has thousands of findings of a few rules: build each rule's
    // link once (formatting and parsing the URL was a third of the
    // conversion of a generated 1 MB Compose file).
    let mut descriptions: HashMap<&str, Option<CodeDescription>> = HashMap::new();
    let mut convert = |i: usize, d: &Diagnostic| {
        let description = descriptions
            .entry(d.code)
            .or_insert_with(|| code_description(d.code))
            .clone();
        with_description(snap, i, d, description)
    };
    if max == 0 || all.len() <= max {
        return all.iter().enumerate().map(|(i, d)| convert(i, d)).collect();
    }
    let mut shown: Vec<usize> = (0..all.len()).collect();
    // Stable: document order within a severity.
    shown.sort_by_key(|&i| all[i].severity);
    shown.truncate(max);
    shown.sort_unstable();
    let mut out = Vec::with_capacity(max + 1);
    out.push(ls_types::Diagnostic {
        range: snap.range(dockward_analyzer::TextRange::default()),
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "dockward shows {max} of the {} findings in this file, the most severe first \
             (setting `dockward.diagnostics.maxCount`, 0 for no limit); \
             `dockward lint` reports them all",
            all.len()
        ),
        ..ls_types::Diagnostic::default()
    });
    out.extend(shown.into_iter().map(|i| convert(i, &all[i])));
    out
}

#[must_use]
pub fn text_edit(snap: &Snapshot, e: &Edit) -> TextEdit {
    TextEdit::new(snap.range(e.range), e.content.clone())
}

/// A workspace edit of one document: versioned `documentChanges` when the
/// client supports them, else a `changes` map.
#[must_use]
pub fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<TextEdit>,
    document_changes: bool,
) -> WorkspaceEdit {
    if document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

/// The smallest single edit that turns `old` into `new` (common prefix and
/// suffix removed, on character boundaries); `None` when they are equal.
#[must_use]
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    (old != new).then(|| Edit::minimal(0, old, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_common_ends_on_char_boundaries() {
        let e = minimal_edit("FROM é a", "FROM è a").unwrap();
        assert_eq!((e.range.start(), e.range.end()), (5, 7));
        assert_eq!(e.content, "è");
        let e = minimal_edit("aaa", "aaaa").unwrap();
        assert_eq!(
            (e.range.start(), e.range.end(), e.content.as_str()),
            (3, 3, "a")
        );
        assert!(minimal_edit("x", "x").is_none());
    }

    #[test]
    fn diagnostics_beyond_max_count_are_summarised_most_severe_first() {
        use crate::document::Env;
        use crate::position::Encoding;
        use crate::settings::Settings;
        // Three warnings (`:latest`) and one error (unknown instruction).
        let text = "FROM a:latest\nFROM b:latest\nFROM c:latest\nFORM d\n";
        let snap = |max: usize| {
            let env = Env {
                settings: Settings {
                    max_diagnostics: max,
                    ..Settings::default()
                },
                ..Env::default()
            };
            Snapshot::detached("file:///t".parse().unwrap(), 1, text, env, Encoding::Utf16)
        };
        let all = diagnostics(&snap(0));
        assert!(all.len() > 3, "{all:?}");
        let capped = diagnostics(&snap(2));
        assert_eq!(capped.len(), 3, "a note and two findings: {capped:?}");
        assert!(capped[0].code.is_none());
        assert!(
            capped[0]
                .message
                .contains(&format!("shows 2 of the {} findings", all.len())),
            "{}",
            capped[0].message
        );
        // The error comes first among the kept ones, then document order.
        let kept = &capped[1..];
        assert!(
            kept.iter()
                .any(|d| d.severity == Some(DiagnosticSeverity::ERROR))
        );
        assert!(
            kept.windows(2)
                .all(|w| w[0].range.start <= w[1].range.start)
        );
        // A limit the file stays under changes nothing.
        assert_eq!(diagnostics(&snap(all.len())), all);
    }

    #[test]
    fn rule_urls_point_at_rules_md_sections() {
        let meta = registry::by_code("DL1000").unwrap();
        assert_eq!(
            rule_url(meta),
            "https://github.com/dockward/dockward/blob/main/rules.md#dl1000-syntax-error"
        );
    }
}
