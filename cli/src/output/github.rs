//! GitHub Actions workflow commands: one annotation per finding.

use std::io::{self, Write};

use dockward_analyzer::Severity;

use super::{Report, span};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (file, d) in report.diagnostics() {
        let (start, end) = span(file, d.range);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Style => "notice",
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&file.path),
            start.line,
            start.column,
            end.line,
            end.column,
            property(d.code),
            data(&format!("{} ({})", d.message, d.name))
        )?;
    }
    Ok(())
}

/// Escapes a workflow-command message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
