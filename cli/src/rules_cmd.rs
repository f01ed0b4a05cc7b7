//! `dockward rules` and `dockward explain`.

use std::io::Write;

use dockward_analyzer::registry;
use dockward_analyzer::rule::{FixAvailability, RuleMeta};
use serde::Serialize;

use crate::args::{ExplainArgs, RulesArgs, RulesFormat};
use crate::error::CliError;
use crate::output::doc_url;

#[derive(Serialize)]
struct RuleRecord {
    code: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    severity: &'static str,
    enabled: bool,
    fixable: &'static str,
    category: &'static str,
    summary: String,
    url: String,
}

fn fixable(m: &RuleMeta) -> &'static str {
    match m.fix {
        FixAvailability::None => "no",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

fn record(m: &'static RuleMeta) -> RuleRecord {
    RuleRecord {
        code: m.code,
        name: m.name,
        aliases: m.aliases,
        severity: m.severity.as_str(),
        enabled: m.default_enabled,
        fixable: fixable(m),
        category: m.category.as_str(),
        summary: m.summary(),
        url: doc_url(m.code),
    }
}

pub fn rules(args: &RulesArgs) -> Result<u8, CliError> {
    let kind = args.kind.map(crate::args::KindArg::file_kind);
    let listed = || registry::all().filter(move |m| kind.is_none_or(|k| m.kinds.contains(&k)));
    let mut out = Vec::new();
    match args.format {
        RulesFormat::Json => {
            let all: Vec<RuleRecord> = listed().map(record).collect();
            serde_json::to_writer_pretty(&mut out, &all)
                .map_err(std::io::Error::from)
                .map_err(|e| CliError::output(None, e))?;
            out.push(b'\n');
        }
        RulesFormat::Text => {
            let rows: Vec<[String; 7]> = listed()
                .map(|m| {
                    [
                        m.code.to_owned(),
                        m.name.to_owned(),
                        if m.aliases.is_empty() {
                            "-".to_owned()
                        } else {
                            m.aliases.join(",")
                        },
                        m.severity.as_str().to_owned(),
                        if m.default_enabled { "on" } else { "off" }.to_owned(),
                        fixable(m).to_owned(),
                        m.summary(),
                    ]
                })
                .collect();
            let header = [
                "CODE", "NAME", "ALIASES", "SEVERITY", "DEFAULT", "FIX", "SUMMARY",
            ];
            let mut widths = header.map(str::len);
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row).take(6) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let mut line = |cells: Vec<&str>| {
                let mut s = String::new();
                for (i, cell) in cells.iter().enumerate() {
                    if i < 6 {
                        s.push_str(&format!("{cell:<w$}  ", w = widths[i]));
                    } else {
                        s.push_str(cell);
                    }
                }
                out.extend_from_slice(s.trim_end().as_bytes());
                out.push(b'\n');
            };
            line(header.to_vec());
            for row in &rows {
                line(row.iter().map(String::as_str).collect());
            }
            let count = rows.len();
            let fixable = listed().filter(|m| m.fix != FixAvailability::None).count();
            out.extend_from_slice(format!("\n{count} rules, {fixable} fixable.\n").as_bytes());
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&out)
        .map_err(|e| CliError::output(None, e))?;
    Ok(0)
}

pub fn explain(args: &ExplainArgs) -> Result<u8, CliError> {
    let rules = registry::resolve(&args.rule);
    if rules.is_empty() || args.rule.eq_ignore_ascii_case("ALL") && rules.len() > 1 {
        return Err(CliError::Usage(dockward_config::unknown_rule_message(
            &args.rule,
        )));
    }
    let mut out = String::new();
    for (i, m) in rules.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        out.push_str(&format!("# {} ({})\n\n", m.name, m.code));
        if !m.aliases.is_empty() {
            out.push_str(&format!("Aliases: {}\n", m.aliases.join(", ")));
        }
        out.push_str(&format!(
            "Severity: {}. {} by default. Fix: {}. Category: {}.\n",
            m.severity.as_str(),
            if m.default_enabled { "On" } else { "Off" },
            fixable(m),
            m.category.as_str()
        ));
        out.push_str(&format!("Docs: {}\n\n", doc_url(m.code)));
        out.push_str(&m.documentation());
        out.push('\n');
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| CliError::output(None, e))?;
    Ok(0)
}
