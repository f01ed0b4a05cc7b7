//! The JSON contract: `{"version":1,"diagnostics":[…],"summary":{…}}`.

use std::io::{self, Write};

use dockward_analyzer::Applicability;
use serde::Serialize;

use super::{Position, Report, Summary, meta, span};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    aliases: &'a [&'static str],
    severity: &'static str,
    message: &'a str,
    range: Range,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: Range,
    content: &'a str,
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = report
        .diagnostics()
        .map(|(file, d)| {
            let (start, end) = span(file, d.range);
            JsonDiagnostic {
                path: &file.path,
                code: d.code,
                name: d.name,
                aliases: meta(d).map_or(&[][..], |m| m.aliases),
                severity: d.severity.as_str(),
                message: &d.message,
                range: Range { start, end },
                // Display-only fixes are advice, not edits a tool may apply.
                fix: d
                    .fix
                    .as_ref()
                    .filter(|f| f.applicability != Applicability::DisplayOnly)
                    .map(|f| JsonFix {
                        applicability: f.applicability.as_str(),
                        title: &f.title,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| {
                                let (start, end) = span(file, e.range);
                                JsonEdit {
                                    range: Range { start, end },
                                    content: &e.content,
                                }
                            })
                            .collect(),
                    }),
            }
        })
        .collect();
    let doc = Document {
        version: 1,
        diagnostics,
        summary: report.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
