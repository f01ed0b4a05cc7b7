//! JUnit XML: a test suite per file, a failing test case per finding, one
//! passing case for a clean file.

use std::io::{self, Write};

use super::{Report, span, xml_escape};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let total = report
        .files
        .iter()
        .map(|f| f.diagnostics.len().max(1))
        .sum::<usize>();
    let failures = report
        .files
        .iter()
        .map(|f| f.diagnostics.len())
        .sum::<usize>();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="dockward" tests="{total}" failures="{failures}" errors="0">"#
    )?;
    for file in report.files {
        let path = xml_escape(&file.path);
        let n = file.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0" skipped="0">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="{path}"/>"#
            )?;
        }
        for d in &file.diagnostics {
            let (start, _) = span(file, d.range);
            writeln!(
                out,
                r#"    <testcase name="{} {}:{}" classname="{path}" file="{path}" line="{}">"#,
                xml_escape(d.code),
                start.line,
                start.column,
                start.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}:{}:{}: {} {} ({}): {}</failure>"#,
                xml_escape(&d.message),
                d.severity.as_str(),
                path,
                start.line,
                start.column,
                d.severity.as_str(),
                xml_escape(d.code),
                xml_escape(d.name),
                xml_escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
