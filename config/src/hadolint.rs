//! hadolint's YAML schema (`.hadolint.yaml`, `.hadolint.yml`), for drop-in
//! migration. Keys as hadolint 2.15 reads them (`Configuration.hs`).

use std::collections::BTreeMap;
use std::path::Path;

use dockward_analyzer::Severity;
use dockward_analyzer::config::LabelType;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::native::{bad_format, bad_label_type, bad_threshold};
use crate::{CliSettings, ConfigError, FailureThreshold, Loaded, is_rule_id};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    ignored: Option<Vec<Spanned<String>>>,
    #[serde(rename = "override")]
    overrides: Option<Overrides>,
    #[serde(rename = "trustedRegistries")]
    trusted_registries: Option<OneOrMany>,
    #[serde(rename = "label-schema")]
    label_schema: Option<BTreeMap<String, Spanned<String>>>,
    #[serde(rename = "strict-labels")]
    strict_labels: Option<bool>,
    #[serde(rename = "failure-threshold")]
    failure_threshold: Option<Spanned<String>>,
    #[serde(rename = "no-fail")]
    no_fail: Option<bool>,
    #[serde(rename = "no-color")]
    no_color: Option<bool>,
    #[serde(rename = "disable-ignore-pragma")]
    disable_ignore_pragma: Option<bool>,
    format: Option<Spanned<String>>,
    formats: Option<Vec<Spanned<String>>>,
    /// hadolint's `verbose` only changes hadolint's own logging.
    #[allow(dead_code)]
    verbose: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overrides {
    error: Option<Vec<Spanned<String>>>,
    warning: Option<Vec<Spanned<String>>>,
    info: Option<Vec<Spanned<String>>>,
    style: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A ShellCheck code (`SC` and digits): one dockward does not implement is
/// accepted with a warning, so hadolint configs keep working.
fn is_shellcheck_code(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() > 2 && b[..2].eq_ignore_ascii_case(b"SC") && b[2..].iter().all(u8::is_ascii_digit)
}

/// A hadolint rule code (`DL` and four digits).
fn is_hadolint_code(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 6 && b[..2].eq_ignore_ascii_case(b"DL") && b[2..].iter().all(u8::is_ascii_digit)
}

fn pos<T>(s: &Spanned<T>) -> Option<(u32, u32)> {
    let (line, col) = (s.referenced.line(), s.referenced.column());
    (line > 0).then(|| {
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col).unwrap_or(u32::MAX),
        )
    })
}

fn yaml_error(path: &Path, e: &serde_saphyr::Error) -> ConfigError {
    let location = e.location().filter(|l| l.line() > 0).map(|l| {
        (
            u32::try_from(l.line()).unwrap_or(u32::MAX),
            u32::try_from(l.column()).unwrap_or(u32::MAX),
        )
    });
    let rendered = e.without_snippet().to_string();
    // The rendering may lead with its own position; ours is in the prefix.
    let mut message = rendered.lines().next().unwrap_or("").trim().to_owned();
    if let Some(rest) = message.strip_prefix("error: ").map(str::to_owned) {
        message = rest;
    }
    if let Some(idx) = message.find(": ").filter(|_| message.starts_with("line ")) {
        message = message[idx + 2..].to_owned();
    }
    if let Some(idx) = message.rfind(" at line ")
        && message[idx + 9..]
            .split(", column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        message.truncate(idx);
    }
    if message.contains("untagged enum OneOrMany") {
        message = "invalid value: expected a registry or a list of registries".to_owned();
    }
    ConfigError::at(path, location, message)
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Loaded, ConfigError> {
    // An empty file (or one with only comments) is an empty config.
    let file: File = if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
    {
        File {
            ignored: None,
            overrides: None,
            trusted_registries: None,
            label_schema: None,
            strict_labels: None,
            failure_threshold: None,
            no_fail: None,
            no_color: None,
            disable_ignore_pragma: None,
            format: None,
            formats: None,
            verbose: None,
        }
    } else {
        serde_saphyr::from_str(text).map_err(|e| yaml_error(path, &e))?
    };

    let mut shellcheck = Vec::new();
    let mut unknown_dl = Vec::new();
    let mut ids = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<String>, ConfigError> {
        let mut out = Vec::new();
        for id in list.unwrap_or_default() {
            if is_rule_id(&id.value) {
                out.push(id.value);
            } else if is_shellcheck_code(&id.value) {
                shellcheck.push(id.value);
            } else if is_hadolint_code(&id.value) {
                // A hadolint code dockward has no rule for (removed from
                // hadolint, or not implemented): a warning, not an error, so
                // hadolint configs keep working.
                unknown_dl.push(id.value);
            } else {
                return Err(ConfigError::at(
                    path,
                    pos(&id),
                    crate::unknown_rule_message(&id.value),
                ));
            }
        }
        Ok(out)
    };

    let mut loaded = Loaded::default();
    loaded.config.ignore = ids(file.ignored)?;
    if let Some(o) = file.overrides {
        for (list, sev) in [
            (o.error, Severity::Error),
            (o.warning, Severity::Warning),
            (o.info, Severity::Info),
            (o.style, Severity::Style),
        ] {
            for id in ids(list)? {
                loaded.config.severity.push((id, sev));
            }
        }
    }
    let options = &mut loaded.config.options;
    options.trusted_registries = match file.trusted_registries {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    };
    for (label, ty) in file.label_schema.unwrap_or_default() {
        let Some(t) = LabelType::from_name(&ty.value) else {
            return Err(ConfigError::at(path, pos(&ty), bad_label_type(&ty.value)));
        };
        options.label_schema.insert(label, t);
    }
    options.strict_labels = file.strict_labels.unwrap_or(false);
    loaded.config.disable_inline_pragmas = file.disable_ignore_pragma.unwrap_or(false);

    let mut formats: Vec<Spanned<String>> = file.format.into_iter().collect();
    formats.extend(file.formats.unwrap_or_default());
    let mut format = None;
    for f in &formats {
        let Some(name) = crate::output_format(&f.value) else {
            return Err(ConfigError::at(path, pos(f), bad_format(&f.value)));
        };
        format.get_or_insert(name.to_owned());
    }
    if formats.len() > 1 {
        loaded.warnings.push(format!(
            "{}: dockward writes one output format; using `{}`",
            path.display(),
            format.as_deref().unwrap_or("tty")
        ));
    }
    loaded.cli = CliSettings {
        failure_threshold: match file.failure_threshold {
            Some(t) => Some(
                FailureThreshold::from_name(&t.value)
                    .ok_or_else(|| ConfigError::at(path, pos(&t), bad_threshold(&t.value)))?,
            ),
            None => None,
        },
        no_fail: file.no_fail,
        format,
        no_color: file.no_color,
    };
    if !unknown_dl.is_empty() {
        loaded.warnings.push(format!(
            "{}: dockward has no rule for these hadolint codes, which have no effect: {}",
            path.display(),
            unknown_dl.join(", ")
        ));
    }
    if !shellcheck.is_empty() {
        loaded.warnings.push(format!(
            "{}: ShellCheck codes are not implemented by dockward and have no effect: {}",
            path.display(),
            shellcheck.join(", ")
        ));
    }
    Ok(loaded)
}
