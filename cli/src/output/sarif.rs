//! SARIF 2.1.0, as GitHub code scanning reads it. Hand-written structs: we
//! emit one shape and keep it under our control.

use std::collections::HashMap;
use std::io::{self, Write};

use dockward_analyzer::{Applicability, Severity, registry};
use serde::Serialize;

use super::{Report, doc_url, fingerprints, span};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Message,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    // The rules the results refer to, in registry order (the full list would
    // grow with every rule and tell code scanning nothing more).
    let used: std::collections::HashSet<&str> = report.diagnostics().map(|(_, d)| d.code).collect();
    let rules: Vec<Rule> = registry::all()
        .filter(|m| used.contains(m.code))
        .map(|m| {
            let docs = m.documentation();
            let summary = m.summary();
            let mut tags = vec![m.category.as_str()];
            tags.extend(m.aliases.iter().copied());
            Rule {
                id: m.code,
                name: m.name,
                short_description: Message {
                    text: summary.clone(),
                },
                full_description: Message { text: summary },
                help: Help {
                    text: docs.clone(),
                    markdown: docs,
                },
                help_uri: doc_url(m.code),
                default_configuration: Configuration {
                    enabled: m.default_enabled,
                    level: level(m.severity),
                },
                properties: RuleProperties { tags },
            }
        })
        .collect();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();

    let mut results = Vec::new();
    for file in report.files {
        let uri = ArtifactLocation {
            uri: path_to_uri(&file.path),
        };
        let region = |range| {
            let (s, e) = span(file, range);
            Region {
                start_line: s.line,
                start_column: s.column,
                end_line: e.line,
                end_column: e.column,
            }
        };
        for (d, print) in file.diagnostics.iter().zip(fingerprints(file)) {
            let mut partial = HashMap::new();
            partial.insert("dockwardFingerprint/v1", print);
            let fixes = d
                .fix
                .iter()
                .filter(|f| f.applicability != Applicability::DisplayOnly)
                .map(|f| SarifFix {
                    description: Message {
                        text: f.title.clone(),
                    },
                    artifact_changes: [ArtifactChange {
                        artifact_location: uri.clone(),
                        replacements: f
                            .edits
                            .iter()
                            .map(|e| Replacement {
                                deleted_region: region(e.range),
                                inserted_content: Message {
                                    text: e.content.clone(),
                                },
                            })
                            .collect(),
                    }],
                })
                .collect();
            results.push(SarifResult {
                rule_id: d.code,
                rule_index: index.get(d.code).copied(),
                level: level(d.severity),
                message: Message {
                    text: d.message.clone(),
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: uri.clone(),
                        region: region(d.range),
                    },
                }],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| RelatedLocation {
                        id: i + 1,
                        physical_location: PhysicalLocation {
                            artifact_location: uri.clone(),
                            region: region(r.range),
                        },
                        message: Message {
                            text: r.message.clone(),
                        },
                    })
                    .collect(),
                partial_fingerprints: partial,
                fixes,
            });
        }
    }

    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dockward",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: super::REPOSITORY,
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A relative path becomes a relative URI reference; an absolute one a
/// `file://` URI. Characters outside RFC 3986's unreserved set (and `/`) are
/// percent-encoded.
fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris() {
        assert_eq!(super::path_to_uri("a b/Dockerfile"), "a%20b/Dockerfile");
        assert_eq!(super::path_to_uri("/x/Dockerfile"), "file:///x/Dockerfile");
        assert_eq!(super::path_to_uri("é"), "%C3%A9");
    }
}
