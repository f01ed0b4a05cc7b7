//! Checkstyle XML: every checked file, with an `<error>` per finding.

use std::io::{self, Write};

use dockward_analyzer::Severity;

use super::{Report, span, xml_escape};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in report.files {
        if file.diagnostics.is_empty() {
            writeln!(out, r#"  <file name="{}"/>"#, xml_escape(&file.path))?;
            continue;
        }
        writeln!(out, r#"  <file name="{}">"#, xml_escape(&file.path))?;
        for d in &file.diagnostics {
            let (start, _) = span(file, d.range);
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="dockward.{}"/>"#,
                start.line,
                start.column,
                xml_escape(&format!("{} ({})", d.message, d.name)),
                xml_escape(d.code),
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
