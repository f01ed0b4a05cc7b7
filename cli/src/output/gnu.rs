//! `path:line:col: severity: message [code]`, one finding a line.

use std::io::{self, Write};

use super::{Report, span};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (file, d) in report.diagnostics() {
        let (start, _) = span(file, d.range);
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            file.path,
            start.line,
            start.column,
            d.severity.as_str(),
            d.message,
            d.code
        )?;
    }
    Ok(())
}
