//! dockward's own TOML schema (`dockward.toml`, `.dockward.toml`).

use std::collections::BTreeMap;
use std::path::Path;

use dockward_analyzer::Severity;
use dockward_analyzer::config::LabelType;
use dockward_analyzer::format::{Indent, KeywordCase};
use serde::Deserialize;
use toml::Spanned;

use crate::{CliSettings, ConfigError, FailureThreshold, Loaded, is_rule_id, line_col};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    failure_threshold: Option<Spanned<String>>,
    no_fail: Option<bool>,
    format: Option<Spanned<String>>,
    no_color: Option<bool>,
    disable_inline_pragmas: Option<bool>,
    options: Option<Options>,
    formatter: Option<FormatSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FormatSection {
    indent: Option<Spanned<toml::Value>>,
    keyword_case: Option<Spanned<String>>,
    max_blank_lines: Option<usize>,
    insert_final_newline: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    trusted_registries: Option<Vec<String>>,
    label_schema: Option<BTreeMap<String, Spanned<String>>>,
    strict_labels: Option<bool>,
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Loaded, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let pos = e.span().map(|s| line_col(text, s.start));
        ConfigError::at(path, pos, e.message().trim().to_owned())
    })?;
    let at = |s: &Spanned<String>| Some(line_col(text, s.span().start));
    let ids = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<String>, ConfigError> {
        list.unwrap_or_default()
            .into_iter()
            .map(|id| {
                if is_rule_id(id.get_ref()) {
                    Ok(id.into_inner())
                } else {
                    Err(ConfigError::at(
                        path,
                        at(&id),
                        crate::unknown_rule_message(id.get_ref()),
                    ))
                }
            })
            .collect()
    };

    let mut loaded = Loaded::default();
    let config = &mut loaded.config;
    config.select = match file.select {
        Some(list) => Some(ids(Some(list))?),
        None => None,
    };
    config.extend_select = ids(file.extend_select)?;
    config.ignore = ids(file.ignore)?;
    for (id, level) in file.severity.unwrap_or_default() {
        if !is_rule_id(id.get_ref()) {
            return Err(ConfigError::at(
                path,
                at(&id),
                crate::unknown_rule_message(id.get_ref()),
            ));
        }
        let name = level.get_ref();
        if ["off", "ignore", "none"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            config.ignore.push(id.into_inner());
        } else if let Some(sev) = Severity::from_name(name) {
            config.severity.push((id.into_inner(), sev));
        } else {
            return Err(ConfigError::at(
                path,
                at(&level),
                format!(
                    "invalid severity `{name}`: expected one of `error`, `warning`, `info`, `style`, `off`"
                ),
            ));
        }
    }
    config.disable_inline_pragmas = file.disable_inline_pragmas.unwrap_or(false);
    if let Some(options) = file.options {
        config.options.trusted_registries = options.trusted_registries.unwrap_or_default();
        config.options.strict_labels = options.strict_labels.unwrap_or(false);
        for (label, ty) in options.label_schema.unwrap_or_default() {
            let Some(t) = LabelType::from_name(ty.get_ref()) else {
                return Err(ConfigError::at(path, at(&ty), bad_label_type(ty.get_ref())));
            };
            config.options.label_schema.insert(label, t);
        }
    }

    if let Some(f) = file.formatter {
        let opts = &mut loaded.format_options;
        if let Some(indent) = f.indent {
            let span_start = indent.span().start;
            opts.indent = match indent.get_ref() {
                toml::Value::Integer(n) if (1..=16).contains(n) => {
                    Indent::Spaces(u8::try_from(*n).unwrap_or(4))
                }
                toml::Value::String(s) if s == "tab" => Indent::Tab,
                _ => {
                    return Err(ConfigError::at(
                        path,
                        Some(line_col(text, span_start)),
                        "invalid indent: expected a number of spaces (1 to 16) or \"tab\"",
                    ));
                }
            };
        }
        if let Some(case) = f.keyword_case {
            opts.keyword_case = match case.get_ref().as_str() {
                "upper" => KeywordCase::Upper,
                "lower" => KeywordCase::Lower,
                "preserve" => KeywordCase::Preserve,
                other => {
                    return Err(ConfigError::at(
                        path,
                        at(&case),
                        format!(
                            "invalid keyword case `{other}`: expected `upper`, `lower` or `preserve`"
                        ),
                    ));
                }
            };
        }
        if let Some(n) = f.max_blank_lines {
            opts.max_blank_lines = n;
        }
        if let Some(b) = f.insert_final_newline {
            opts.insert_final_newline = b;
        }
    }

    loaded.cli = CliSettings {
        failure_threshold: match file.failure_threshold {
            Some(t) => Some(
                FailureThreshold::from_name(t.get_ref())
                    .ok_or_else(|| ConfigError::at(path, at(&t), bad_threshold(t.get_ref())))?,
            ),
            None => None,
        },
        no_fail: file.no_fail,
        format: match file.format {
            Some(f) => Some(
                crate::output_format(f.get_ref())
                    .ok_or_else(|| ConfigError::at(path, at(&f), bad_format(f.get_ref())))?
                    .to_owned(),
            ),
            None => None,
        },
        no_color: file.no_color,
    };
    Ok(loaded)
}

pub(crate) fn bad_label_type(name: &str) -> String {
    format!(
        "invalid label type `{name}`: expected one of `text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`"
    )
}

pub(crate) fn bad_threshold(name: &str) -> String {
    format!(
        "invalid failure threshold `{name}`: expected one of `error`, `warning`, `info`, `style`, `none`"
    )
}

pub(crate) fn bad_format(name: &str) -> String {
    format!(
        "invalid output format `{name}`: expected one of {}",
        crate::OUTPUT_FORMATS
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
