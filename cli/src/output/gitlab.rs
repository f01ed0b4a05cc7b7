//! GitLab Code Quality (a Code Climate subset) with stable fingerprints.

use std::io::{self, Write};

use dockward_analyzer::Severity;
use dockward_analyzer::rule::Category;
use serde::Serialize;

use super::{Report, fingerprints, meta, span};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in report.files {
        let prints = fingerprints(file);
        for (d, fingerprint) in file.diagnostics.iter().zip(prints) {
            let (start, end) = span(file, d.range);
            let category = match meta(d).map(|m| m.category) {
                Some(Category::Security | Category::Compose | Category::Daemon) => "Security",
                Some(Category::Style | Category::Meta) => "Style",
                Some(Category::BestPractice) => "Clarity",
                _ => "Bug Risk",
            };
            issues.push(Issue {
                kind: "issue",
                check_name: d.code,
                description: format!("{}: {} ({})", d.code, d.message, d.name),
                categories: [category],
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                    Severity::Style => "info",
                },
                fingerprint,
                location: Location {
                    path: &file.path,
                    lines: Lines {
                        begin: start.line,
                        end: end.line.max(start.line),
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
