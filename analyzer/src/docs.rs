//! rules.md, generated from the registry. A test fails when the committed
//! file is stale; `UPDATE_RULES_MD=1 cargo test -p dockward-analyzer rules_md`
//! rewrites it.

use std::fmt::Write as _;

use crate::registry;
use crate::rule::{Category, FileKind, FixAvailability, RuleMeta};

/// The anchor of a rule's section in rules.md (GitHub's heading slug).
#[must_use]
pub fn anchor(meta: &RuleMeta) -> String {
    format!("{}-{}", meta.code.to_ascii_lowercase(), meta.name)
}

/// The whole rules.md.
#[must_use]
pub fn render_rules_md() -> String {
    let rules: Vec<_> = registry::all().collect();
    let fixable = rules
        .iter()
        .filter(|r| r.fix != FixAvailability::None)
        .count();
    let default_on = rules.iter().filter(|r| r.default_enabled).count();
    let mut out = String::new();
    out.push_str("# dockward rules\n\n");
    out.push_str(
        "<!-- Generated from the rule registry by `analyzer/src/docs.rs`; do not edit. \
         Regenerate with `UPDATE_RULES_MD=1 cargo test -p dockward-analyzer rules_md`. -->\n\n",
    );
    let _ = writeln!(
        out,
        "{} rules, {default_on} on by default, {fixable} with automatic fixes.\n",
        rules.len()
    );
    out.push_str(
        "Rules are named by code, name or any alias wherever a rule is named: \
         configuration, `--select`/`--ignore`, `# dockward ignore=`, `# hadolint ignore=` \
         and `# check=skip=`. Aliases are the ids of equivalent peer rules (hadolint, \
         BuildKit checks, Trivy `DS-`, Checkov `CKV_`) and CIS Docker Benchmark items \
         (`CIS-2.7`); `cis` names every rule mapped to a CIS item, so \
         `extend-select = [\"cis\"]` turns on the whole benchmark.\n\n",
    );
    let mut categories: Vec<Category> = rules.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    for category in categories {
        let in_category: Vec<_> = rules.iter().filter(|r| r.category == category).collect();
        let _ = write!(
            out,
            "### {} ({})\n\n{}\n\n",
            category.title(),
            in_category.len(),
            category.description()
        );
        out.push_str("| Code | Name | Aliases | Severity | Default | Fixable |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        for r in in_category {
            let _ = writeln!(
                out,
                "| [{}](#{}) | `{}` | {} | {} | {} | {} |",
                r.code,
                anchor(r),
                r.name,
                if r.aliases.is_empty() {
                    String::new()
                } else {
                    r.aliases.join(", ")
                },
                r.severity.as_str(),
                if r.default_enabled { "on" } else { "off" },
                match r.fix {
                    FixAvailability::None => "",
                    FixAvailability::Sometimes => "sometimes",
                    FixAvailability::Always => "yes",
                }
            );
        }
        out.push('\n');
    }
    for r in &rules {
        let _ = write!(out, "\n## {} {}\n\n", r.code, r.name);
        let mut meta = vec![
            format!("Severity: {}", r.severity.as_str()),
            format!("default: {}", if r.default_enabled { "on" } else { "off" }),
            format!("category: {}", r.category.as_str()),
        ];
        if r.kinds != [FileKind::Dockerfile] {
            let kinds: Vec<_> = r.kinds.iter().map(|k| k.as_str()).collect();
            meta.push(format!("files: {}", kinds.join(", ")));
        }
        if r.fix != FixAvailability::None {
            meta.push(format!(
                "fix: {}",
                if r.fix == FixAvailability::Always {
                    "always"
                } else {
                    "sometimes"
                }
            ));
        }
        if !r.aliases.is_empty() {
            meta.push(format!("aliases: {}", r.aliases.join(", ")));
        }
        let _ = writeln!(out, "{}.\n", meta.join(", "));
        // Demote the rule's own headings below the section heading.
        for line in r.documentation().lines() {
            if line.starts_with("## ") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
