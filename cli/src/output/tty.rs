//! Terminal diagnostics through codespan-reporting, and a closing summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};
use dockward_analyzer::{Applicability, Diagnostic, Severity, TextRange};

use super::{Report, doc_url};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let config = Config::default();
    let mut buf = if report.color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for file in report.files {
        if file.diagnostics.is_empty() {
            continue;
        }
        let files = SimpleFile::new(file.path.as_str(), file.source.as_str());
        for d in &file.diagnostics {
            let rendered = render(d, &file.source, report.unsafe_fixes);
            term::emit_to_write_style(&mut buf, &config, &files, &rendered)
                .map_err(io::Error::other)?;
        }
    }
    if !report.quiet {
        summary(report, &mut buf)?;
    }
    out.write_all(buf.as_slice())
}

/// Clamps a range into `src` on char boundaries (codespan slices by it).
fn clamp(src: &str, range: TextRange) -> std::ops::Range<usize> {
    let fix = |mut o: usize| {
        o = o.min(src.len());
        while !src.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let start = fix(range.start());
    start..fix(range.end()).max(start)
}

fn render(d: &Diagnostic, src: &str, unsafe_fixes: bool) -> Rendered<()> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info | Severity::Style => Level::Note,
    };
    let mut labels = vec![Label::primary((), clamp(src, d.range)).with_message(d.name)];
    for r in &d.related {
        labels.push(Label::secondary((), clamp(src, r.range)).with_message(&r.message));
    }
    let mut notes = Vec::new();
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => " (fixable with `--fix`)",
            Applicability::Unsafe if unsafe_fixes => " (fixable with `--fix`; unsafe)",
            Applicability::Unsafe => " (unsafe fix: `--fix --unsafe-fixes`)",
            Applicability::DisplayOnly => "",
        };
        notes.push(format!("help: {}{how}", fix.title));
    }
    notes.push(format!(
        "{} ({}): {}",
        d.name,
        d.severity.as_str(),
        doc_url(d.code)
    ));
    Rendered::new(level)
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(report: &Report<'_>, buf: &mut Buffer) -> io::Result<()> {
    let s = report.summary();
    let files = plural(s.files, "file", "files");
    if s.fixed > 0 {
        writeln!(buf, "Fixed {}.", plural(s.fixed, "finding", "findings"))?;
    }
    if s.diagnostics == 0 {
        buf.set_color(ColorSpec::new().set_bold(true))?;
        write!(buf, "No findings")?;
        buf.reset()?;
        return writeln!(buf, " in {files}.");
    }
    let mut parts = Vec::new();
    for (n, name) in [
        (s.by_severity.error, "error"),
        (s.by_severity.warning, "warning"),
        (s.by_severity.info, "info"),
        (s.by_severity.style, "style"),
    ] {
        if n > 0 {
            let name = match (name, n) {
                ("error", 1) => "error".to_owned(),
                ("error", _) => "errors".to_owned(),
                ("warning", 1) => "warning".to_owned(),
                ("warning", _) => "warnings".to_owned(),
                (other, _) => other.to_owned(),
            };
            parts.push(format!("{n} {name}"));
        }
    }
    buf.set_color(ColorSpec::new().set_bold(true))?;
    write!(
        buf,
        "Found {}",
        plural(s.diagnostics, "finding", "findings")
    )?;
    buf.reset()?;
    writeln!(buf, " in {files} ({}).", parts.join(", "))?;
    if s.fixable > 0 {
        write!(buf, "{} fixable with `--fix`", s.fixable)?;
        if s.unsafe_fixable > 0 {
            write!(buf, " ({} more with `--unsafe-fixes`)", s.unsafe_fixable)?;
        }
        writeln!(buf, ".")?;
    } else if s.unsafe_fixable > 0 {
        writeln!(
            buf,
            "{} fixable with `--fix --unsafe-fixes`.",
            s.unsafe_fixable
        )?;
    }
    Ok(())
}
