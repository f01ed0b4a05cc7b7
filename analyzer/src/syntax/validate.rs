//! Checks BuildKit's later instruction stage (`instructions.Parse`) makes:
//! the file parses, but `docker build` would fail. These errors are
//! [`ErrorKind::Invalid`]; they never change what the parser produced.

use super::{Args, Dockerfile, ErrorKind, Flag, Instruction, Keyword, SyntaxError};
use crate::TextRange;

pub(crate) fn validate(df: &mut Dockerfile) {
    let mut errors = Vec::new();
    let src = df.source.as_str();
    let mut seen_from = false;
    for inst in &df.instructions {
        if inst.keyword == Keyword::From {
            seen_from = true;
        } else if !seen_from && !matches!(inst.keyword, Keyword::Arg | Keyword::Unknown) {
            errors.push(invalid(
                format!(
                    "{} before the first FROM: no build stage in current context",
                    inst.keyword.as_str()
                ),
                inst.keyword_range,
            ));
        }
        check_instruction(inst, src, &mut errors, false);
    }
    df.errors.extend(errors);
    df.errors.sort_by_key(|e| (e.range.start, e.range.end));
}

fn invalid(message: String, range: TextRange) -> SyntaxError {
    SyntaxError {
        message,
        range,
        kind: ErrorKind::Invalid,
    }
}

/// The flags an instruction accepts; `None`: takes none.
fn allowed_flags(keyword: Keyword) -> &'static [&'static str] {
    match keyword {
        Keyword::Add => &[
            "chown",
            "chmod",
            "link",
            "keep-git-dir",
            "checksum",
            "exclude",
            "unpack",
        ],
        Keyword::Copy => &["from", "chown", "chmod", "link", "parents", "exclude"],
        Keyword::From => &["platform"],
        Keyword::Run => &["mount", "network", "security", "device"],
        Keyword::Healthcheck => &[
            "interval",
            "timeout",
            "start-period",
            "start-interval",
            "retries",
        ],
        _ => &[],
    }
}

/// Boolean flags, which may be written without a value.
fn is_bool_flag(name: &str) -> bool {
    matches!(name, "link" | "keep-git-dir" | "parents" | "unpack")
}

fn check_flags(inst: &Instruction, errors: &mut Vec<SyntaxError>) {
    let allowed = allowed_flags(inst.keyword);
    let mut seen: Vec<&str> = Vec::new();
    for flag in &inst.flags {
        let name = flag.name();
        if !allowed.contains(&name) {
            let message = if allowed.is_empty() {
                format!(
                    "{} takes no flags: unknown flag: {name}",
                    inst.keyword.as_str()
                )
            } else {
                format!(
                    "unknown flag: {name} ({} accepts {})",
                    inst.keyword.as_str(),
                    allowed
                        .iter()
                        .map(|f| format!("--{f}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            errors.push(invalid(message, flag.range));
            continue;
        }
        let repeatable = matches!(name, "mount" | "exclude" | "device");
        if !repeatable && seen.contains(&name) {
            errors.push(invalid(
                format!("duplicate flag specified: {name}"),
                flag.range,
            ));
        }
        seen.push(name);
        if !is_bool_flag(name) && flag_value_missing(flag) {
            errors.push(invalid(
                format!("missing a value on flag: {name}"),
                flag.range,
            ));
        }
        if is_bool_flag(name)
            && let Some(v) = flag.value()
            && !matches!(v.to_ascii_lowercase().as_str(), "true" | "false" | "")
        {
            errors.push(invalid(
                format!("expecting boolean value for flag {name}, not: {v}"),
                flag.range,
            ));
        }
    }
}

fn flag_value_missing(flag: &Flag) -> bool {
    flag.value().is_none()
}

/// Number of arguments as BuildKit's instruction stage counts them.
fn arg_count(args: &Args) -> usize {
    match args {
        Args::None => 0,
        Args::Text(_) | Args::Onbuild(_) | Args::Ignored(_) => 1,
        Args::Json(a) => a.items.len(),
        Args::Words(w) => w.len(),
        Args::KeyValues(p) => p.len() * 2,
        Args::Healthcheck { command, .. } => 1 + arg_count(command),
    }
}

#[allow(clippy::too_many_lines)]
fn check_instruction(
    inst: &Instruction,
    src: &str,
    errors: &mut Vec<SyntaxError>,
    in_onbuild: bool,
) {
    let kw = inst.keyword.as_str();
    let whole = inst.header_range;
    let n = arg_count(&inst.args);
    if inst.keyword == Keyword::Unknown {
        let written = inst.keyword_text(src);
        let mut message = format!("unknown instruction: {written}");
        if let Some(suggestion) = suggest_keyword(written) {
            message.push_str(&format!(" (did you mean {suggestion}?)"));
        }
        errors.push(invalid(message, inst.keyword_range));
        return;
    }
    check_flags(inst, errors);
    let at_least_one = |errors: &mut Vec<SyntaxError>| {
        errors.push(invalid(
            format!("{kw} requires at least one argument"),
            whole,
        ));
    };
    let exactly_one = |errors: &mut Vec<SyntaxError>| {
        errors.push(invalid(
            format!("{kw} requires exactly one argument"),
            whole,
        ));
    };
    match inst.keyword {
        Keyword::Env | Keyword::Label => {
            if n == 0 {
                at_least_one(errors);
            }
            if let Args::KeyValues(pairs) = &inst.args {
                for p in pairs {
                    if p.key.logical.0 == p.key.logical.1 {
                        errors.push(invalid(format!("{kw} names can not be blank"), p.key.range));
                    }
                }
            }
        }
        Keyword::Maintainer | Keyword::Workdir | Keyword::User | Keyword::Stopsignal => {
            if n != 1 {
                exactly_one(errors);
            }
        }
        Keyword::Add | Keyword::Copy => {
            let heredoc_sources = inst.heredocs.len();
            if n < 2 && !(n == 1 && heredoc_sources > 0 && !is_heredoc_word(inst, src, 0)) {
                errors.push(invalid(
                    format!(
                        "{kw} requires at least two arguments, but only one was provided. Destination could not be determined"
                    ),
                    whole,
                ));
            } else if let Args::Words(words) = &inst.args
                && let Some(last) = words.last()
                && words.len() >= 2
                && is_heredoc_text(last.text(inst, src))
            {
                errors.push(invalid(
                    format!("{kw} cannot accept a heredoc as a destination"),
                    last.range,
                ));
            }
        }
        Keyword::From => {
            if in_onbuild {
                errors.push(invalid(
                    "FROM isn't allowed as an ONBUILD trigger".into(),
                    inst.keyword_range,
                ));
                return;
            }
            match &inst.args {
                Args::Words(words) if words.len() == 3 => {
                    let as_word = words[1].text(inst, src);
                    let name = words[2].text(inst, src);
                    if !as_word.eq_ignore_ascii_case("as") {
                        errors.push(invalid(
                            "FROM requires either one or three arguments".into(),
                            whole,
                        ));
                    } else if !valid_stage_name(&name.to_ascii_lowercase()) {
                        errors.push(invalid(
                            format!(
                                "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                                name
                            ),
                            words[2].range,
                        ));
                    }
                }
                Args::Words(words) if words.len() == 1 => {}
                _ => errors.push(invalid(
                    "FROM requires either one or three arguments".into(),
                    whole,
                )),
            }
        }
        Keyword::Onbuild => match &inst.args {
            Args::None => at_least_one(errors),
            Args::Onbuild(trigger) => match trigger.keyword {
                Keyword::Onbuild => errors.push(invalid(
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into(),
                    trigger.keyword_range,
                )),
                Keyword::Maintainer => errors.push(invalid(
                    "MAINTAINER isn't allowed as an ONBUILD trigger".into(),
                    trigger.keyword_range,
                )),
                _ => check_instruction(trigger, src, errors, true),
            },
            _ => {}
        },
        Keyword::Healthcheck => check_healthcheck(inst, src, errors),
        Keyword::Expose | Keyword::Arg | Keyword::Volume => {
            if n == 0 {
                at_least_one(errors);
            }
            if inst.keyword == Keyword::Arg
                && let Args::Words(words) = &inst.args
            {
                for w in words {
                    if w.text(inst, src).starts_with('=') {
                        errors.push(invalid("ARG names can not be blank".into(), w.range));
                    }
                }
            }
            if inst.keyword == Keyword::Volume
                && let Args::Json(array) = &inst.args
            {
                for item in &array.items {
                    if item.value.trim().is_empty() {
                        errors.push(invalid(
                            "VOLUME specified can not be an empty string".into(),
                            item.range,
                        ));
                    }
                }
            }
        }
        Keyword::Shell => match &inst.args {
            Args::Json(array) if array.items.is_empty() => at_least_one(errors),
            Args::Json(_) => {}
            Args::None => at_least_one(errors),
            _ => errors.push(invalid(
                "SHELL requires the arguments to be in JSON form".into(),
                whole,
            )),
        },
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Unknown => {}
    }
}

fn check_healthcheck(inst: &Instruction, src: &str, errors: &mut Vec<SyntaxError>) {
    let Args::Healthcheck { kind, command } = &inst.args else {
        errors.push(invalid(
            "HEALTHCHECK requires at least one argument".into(),
            inst.header_range,
        ));
        return;
    };
    let typ = kind.text(inst, src).to_ascii_uppercase();
    match typ.as_str() {
        "NONE" => {
            if !matches!(**command, Args::None) {
                errors.push(invalid(
                    "HEALTHCHECK NONE takes no arguments".into(),
                    inst.header_range,
                ));
            }
        }
        "CMD" => {
            let empty = match &**command {
                Args::None => true,
                Args::Json(a) => a.items.is_empty(),
                _ => false,
            };
            if empty {
                errors.push(invalid(
                    "Missing command after HEALTHCHECK CMD".into(),
                    inst.header_range,
                ));
            }
        }
        _ => errors.push(invalid(
            format!("Unknown type \"{typ}\" in HEALTHCHECK (try CMD)"),
            kind.range,
        )),
    }
    for flag in &inst.flags {
        let Some(value) = flag.value() else { continue };
        match flag.name() {
            "interval" | "timeout" | "start-period" | "start-interval" if !value.is_empty() => {
                match parse_go_duration(value) {
                    None => errors.push(invalid(
                        format!("time: invalid duration {value:?}"),
                        flag.range,
                    )),
                    Some(d) if d > 0.0 && d < 0.001 => errors.push(invalid(
                        format!("Interval \"{}\" cannot be less than 1ms", flag.name()),
                        flag.range,
                    )),
                    Some(_) => {}
                }
            }
            "retries" if !value.is_empty() => match value.parse::<i64>() {
                Err(_) => errors.push(invalid(
                    format!("strconv.ParseInt: parsing {value:?}: invalid syntax"),
                    flag.range,
                )),
                Ok(r) if r < 1 => errors.push(invalid(
                    format!("--retries must be at least 1 (not {r})"),
                    flag.range,
                )),
                Ok(_) => {}
            },
            _ => {}
        }
    }
}

/// Parses a Go duration (`1h30m`, `5s`, `250ms`, `0`) into seconds.
#[must_use]
pub fn parse_go_duration(s: &str) -> Option<f64> {
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0.0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * scale;
    }
    Some(if neg { -total } else { total })
}

/// BuildKit's stage-name pattern `^[a-z][a-z0-9-_\.]*$` (after lower-casing).
#[must_use]
pub fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn is_heredoc_text(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    word[digits..].strip_prefix("<<").is_some_and(|rest| {
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        !rest.is_empty() && !rest.contains('<')
    })
}

fn is_heredoc_word(inst: &Instruction, src: &str, index: usize) -> bool {
    match &inst.args {
        Args::Words(words) => words
            .get(index)
            .is_some_and(|w| is_heredoc_text(w.text(inst, src))),
        _ => false,
    }
}

/// The known keyword closest to a misspelt one, if it is close enough.
fn suggest_keyword(written: &str) -> Option<&'static str> {
    let upper = written.to_ascii_uppercase();
    Keyword::ALL
        .iter()
        .map(|k| (k.as_str(), levenshtein(&upper, k.as_str())))
        .filter(|&(k, d)| d <= 2.max(k.len() / 4) && d < k.len())
        .min_by_key(|&(_, d)| d)
        .map(|(k, _)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
