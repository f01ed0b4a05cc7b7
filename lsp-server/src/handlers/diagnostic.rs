//! `textDocument/diagnostic`: pull diagnostics, the same set that is pushed.

use std::sync::Arc;

use ls_types::{
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport,
};

use crate::document::Snapshot;
use crate::to_proto;

/// The report for a document that is not open.
#[must_use]
pub fn empty() -> DocumentDiagnosticReportResult {
    full(None, Vec::new())
}

fn full(
    result_id: Option<String>,
    items: Vec<ls_types::Diagnostic>,
) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}

/// The result id names the document version and the settings it was
/// analysed under.
fn result_id(snap: &Snapshot) -> String {
    format!("{}-{:x}", snap.version, Arc::as_ptr(&snap.env) as usize)
}

#[must_use]
pub fn pull(snap: &Snapshot, previous: Option<&str>) -> DocumentDiagnosticReportResult {
    let id = result_id(snap);
    if previous == Some(id.as_str()) {
        return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
            RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: id,
                },
            },
        ));
    }
    full(Some(id), to_proto::diagnostics(snap))
}
