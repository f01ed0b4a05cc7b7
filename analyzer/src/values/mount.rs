//! `RUN --mount=…` specs (BuildKit's `parseMount`) and `--secret` specs
//! (buildx's secret flag, `id=x,src=…,env=…`).
//!
//! BuildKit reads a mount spec in three layers, and so do we, keeping a map
//! from every derived byte back to the source so spans stay exact:
//!
//! 1. The Dockerfile parser's flag extraction: `'…'`, `"…"` and `\x` (always
//!    backslash, whatever the `# escape=` directive) are removed
//!    (`--mount="type=cache,target=/x"` is `type=cache,target=/x`).
//! 2. A single CSV record (`go-csvvalue`): fields split on `,`; a field that
//!    *starts* with `"` is quoted (`"target=/a,b"`, `""` for a quote); a `"`
//!    elsewhere is an error.
//! 3. Each field is `key=value` (split at the first `=`); keys are
//!    case-insensitive; `ro`/`readonly`/`rw`/`readwrite`/`required` may go
//!    without a value. Values are shell words expanded at build time: a
//!    value with a variable is kept symbolic and not validated, except that
//!    `from` refuses variables outright, as BuildKit does.
//!
//! Validation follows BuildKit exactly, including its order dependence
//! (`required` and `size` are checked against the type set *so far*), the
//! read-only default (cache and tmpfs are writable, the others read-only),
//! and what it does *not* require: no type needs a `target` (a bind or cache
//! mount without one mounts at the working directory, as in moby's own
//! Dockerfiles) and a secret needs only one of `id`, `source`, `target`.
//! Options only Buildah/Podman accept (`z`, `Z`, `U`, `relabel`, …) are
//! errors for BuildKit and are reported as such, marked
//! [`MountErrorKind::buildah_only`].
//!
//! `errors[0]` is what BuildKit reports; the rest are further problems.

use std::fmt;

use super::cooked::Cooked;
use super::substitution::Lex;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MountKind {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
    /// `type=$VAR`: known only at build time.
    Symbolic,
}

impl MountKind {
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            MountKind::Bind => "bind",
            MountKind::Cache => "cache",
            MountKind::Tmpfs => "tmpfs",
            MountKind::Secret => "secret",
            MountKind::Ssh => "ssh",
            MountKind::Symbolic => "$",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "bind" => MountKind::Bind,
            "cache" => MountKind::Cache,
            "tmpfs" => MountKind::Tmpfs,
            "secret" => MountKind::Secret,
            "ssh" => MountKind::Ssh,
            _ => return None,
        })
    }
}

/// The canonical key a field sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MountKey {
    Type,
    From,
    /// `source`, `src`.
    Source,
    /// `target`, `dst`, `destination`.
    Target,
    /// `readonly`, `ro`.
    ReadOnly,
    /// `readwrite`, `rw`.
    ReadWrite,
    Required,
    Size,
    Id,
    Sharing,
    Mode,
    Uid,
    Gid,
    Env,
}

impl MountKey {
    fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "type" => MountKey::Type,
            "from" => MountKey::From,
            "source" | "src" => MountKey::Source,
            "target" | "dst" | "destination" => MountKey::Target,
            "readonly" | "ro" => MountKey::ReadOnly,
            "readwrite" | "rw" => MountKey::ReadWrite,
            "required" => MountKey::Required,
            "size" => MountKey::Size,
            "id" => MountKey::Id,
            "sharing" => MountKey::Sharing,
            "mode" => MountKey::Mode,
            "uid" => MountKey::Uid,
            "gid" => MountKey::Gid,
            "env" => MountKey::Env,
            _ => return None,
        })
    }
}

/// A value with its source span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecValue {
    /// The value; quotes removed. When `symbolic`, the text as written.
    pub text: String,
    pub span: TextRange,
    /// Contains a variable reference, expanded only at build time.
    pub symbolic: bool,
}

/// One `key[=value]` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecField {
    /// Lowercased.
    pub key: String,
    pub key_span: TextRange,
    /// `None` for a bare key (`ro`, `required`).
    pub value: Option<SpecValue>,
    pub span: TextRange,
}

/// A parsed `--mount` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountSpec {
    pub span: TextRange,
    /// `bind` unless a `type` says otherwise.
    pub kind: MountKind,
    pub target: Option<SpecValue>,
    pub source: Option<SpecValue>,
    pub from: Option<SpecValue>,
    /// The cache id or the secret/ssh id.
    pub id: Option<SpecValue>,
    pub sharing: Option<SpecValue>,
    pub env: Option<SpecValue>,
    pub size: Option<SpecValue>,
    pub mode: Option<SpecValue>,
    pub uid: Option<SpecValue>,
    pub gid: Option<SpecValue>,
    /// Explicit `ro`/`rw` setting, if any (`None` when symbolic or absent).
    pub read_only_explicit: Option<bool>,
    pub required: bool,
    pub fields: Vec<SpecField>,
    pub errors: Vec<MountError>,
}

impl MountSpec {
    /// The effective read-only flag: explicit, else BuildKit's default.
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.read_only_explicit
            .unwrap_or(!matches!(self.kind, MountKind::Cache | MountKind::Tmpfs))
    }

    /// The first field setting `key`.
    #[must_use]
    pub fn field(&self, key: MountKey) -> Option<&SpecField> {
        self.fields
            .iter()
            .find(|f| MountKey::parse(&f.key) == Some(key))
    }

    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountError {
    pub kind: MountErrorKind,
    pub span: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MountErrorKind {
    /// `failed to parse csv mounts: …`
    Csv(String),
    /// `invalid field '…' must be a key=value pair`
    NotKeyValue { field: String },
    /// `unexpected key '…' in '…'`
    UnknownKey { key: String, field: String },
    /// `unexpected key '…' for mount type '…'`
    KeyNotForType { key: String, kind: String },
    /// `unsupported mount type "…"`
    UnknownType(String),
    /// `unsupported sharing value "…"`
    UnknownSharing(String),
    /// `invalid value for …: …` (booleans, size) or `invalid value … for …` (mode, uid, gid).
    InvalidValue { key: String, value: String },
    /// `'from' doesn't support variable expansion, define alias stage instead`
    FromWithVariable,
    /// `… not allowed for "…" type mounts` (mode, uid, gid).
    NotAllowedForType { key: String, kind: String },
    /// `secret mount should not have a from`
    SecretWithFrom,
    /// `secret mount should not define sharing`
    SecretWithSharing,
    /// `invalid secret mount. one of source, target required`
    SecretWithoutSource,
    /// `both source and id can't be set`
    SecretSourceAndId,
    /// `invalid cache sharing set for … mount`
    SharingNotCache(String),
    /// `unsupported secret type "…"` (`--secret`)
    UnknownSecretType(String),
}

/// Buildah/Podman mount options that BuildKit rejects.
const BUILDAH_OPTIONS: &[&str] = &[
    "z",
    "Z",
    "U",
    "relabel",
    "tmpcopyup",
    "notmpcopyup",
    "bind-propagation",
    "bind-nonrecursive",
    "chown",
    "nosuid",
    "nodev",
    "noexec",
    "suid",
    "dev",
    "exec",
];

impl MountErrorKind {
    /// The field is an option of Buildah/Podman, which BuildKit does not know.
    #[must_use]
    pub fn buildah_only(&self) -> bool {
        match self {
            MountErrorKind::NotKeyValue { field } => BUILDAH_OPTIONS.contains(&field.as_str()),
            MountErrorKind::UnknownKey { key, .. } => BUILDAH_OPTIONS.contains(&key.as_str()),
            _ => false,
        }
    }
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use MountErrorKind as K;
        match &self.kind {
            K::Csv(m) => write!(f, "failed to parse csv mounts: {m}"),
            K::NotKeyValue { field } => {
                write!(f, "invalid field '{field}' must be a key=value pair")
            }
            K::UnknownKey { key, field } => write!(f, "unexpected key '{key}' in '{field}'"),
            K::KeyNotForType { key, kind } => {
                write!(f, "unexpected key '{key}' for mount type '{kind}'")
            }
            K::UnknownType(t) => write!(f, "unsupported mount type {t:?}"),
            K::UnknownSharing(s) => write!(f, "unsupported sharing value {s:?}"),
            K::InvalidValue { key, value } if matches!(key.as_str(), "mode" | "uid" | "gid") => {
                write!(f, "invalid value {value} for {key}")
            }
            K::InvalidValue { key, value } => write!(f, "invalid value for {key}: {value}"),
            K::FromWithVariable => {
                f.write_str("'from' doesn't support variable expansion, define alias stage instead")
            }
            K::NotAllowedForType { key, kind } => {
                write!(f, "{key} not allowed for {kind:?} type mounts")
            }
            K::SecretWithFrom => f.write_str("secret mount should not have a from"),
            K::SecretWithSharing => f.write_str("secret mount should not define sharing"),
            K::SecretWithoutSource => {
                f.write_str("invalid secret mount. one of source, target required")
            }
            K::SecretSourceAndId => f.write_str("both source and id can't be set"),
            K::SharingNotCache(k) => write!(f, "invalid cache sharing set for {k} mount"),
            K::UnknownSecretType(t) => write!(f, "unsupported secret type {t:?}"),
        }?;
        if self.kind.buildah_only() {
            f.write_str(" (a Buildah/Podman option that BuildKit does not support)")?;
        }
        Ok(())
    }
}

impl std::error::Error for MountError {}

/// The Dockerfile parser's flag-value unquoting (`extractBuilderFlags`).
fn unquote_flag(src: &str, base: usize) -> Cooked {
    let mut c = Cooked::new(base + src.len());
    let mut quote: Option<char> = None;
    let mut it = src.char_indices().peekable();
    while let Some((i, ch)) = it.next() {
        match (quote, ch) {
            (None, '\'' | '"') => quote = Some(ch),
            (Some(q), _) if ch == q => quote = None,
            (_, '\\') => {
                if let Some(&(j, next)) = it.peek() {
                    it.next();
                    let mut buf = [0; 4];
                    c.push_from(
                        next.encode_utf8(&mut buf),
                        TextRange::new(base + i, base + j + next.len_utf8()),
                    );
                }
            }
            _ => c.push_source(&src[i..i + ch.len_utf8()], base + i),
        }
    }
    c
}

/// `go-csvvalue`'s `Fields`: one CSV record; each field as cooked text.
fn csv_fields(c: &Cooked) -> Result<Vec<Cooked>, MountError> {
    let t = c.text.as_str();
    let b = t.as_bytes();
    let csv_err = |msg: &str, at: usize| MountError {
        kind: MountErrorKind::Csv(msg.to_owned()),
        span: c.span(at..(at + 1).min(b.len())),
    };
    // A trailing newline is allowed.
    let mut end = b.len();
    if end > 0 && b[end - 1] == b'\n' {
        end -= 1;
        if end > 0 && b[end - 1] == b'\r' {
            end -= 1;
        }
    }
    if end == 0 {
        return Err(MountError {
            kind: MountErrorKind::Csv("EOF".to_owned()),
            span: c.span(0..b.len()),
        });
    }
    let sub = |r: std::ops::Range<usize>, f: &mut Cooked| {
        for (i, ch) in t[r.clone()].char_indices() {
            let at = r.start + i;
            f.push_from(&t[at..at + ch.len_utf8()], c.span(at..at + ch.len_utf8()));
        }
    };
    let mut fields = Vec::new();
    let mut pos = 0;
    loop {
        let mut f = Cooked::new(c.span(pos..pos).start());
        if pos >= end || b[pos] != b'"' {
            let stop = t[pos..end].find(',').map_or(end, |i| pos + i);
            if let Some(q) = t[pos..stop].find('"') {
                return Err(csv_err("bare \" in non-quoted-field", pos + q));
            }
            sub(pos..stop, &mut f);
            fields.push(f);
            if stop == end {
                return Ok(fields);
            }
            pos = stop + 1;
            continue;
        }
        // Quoted field.
        let open = pos;
        pos += 1;
        loop {
            let Some(q) = t[pos..end].find('"') else {
                return Err(csv_err("extraneous or missing \" in quoted-field", open));
            };
            sub(pos..pos + q, &mut f);
            pos += q + 1;
            match b.get(pos).filter(|_| pos < end) {
                Some(b'"') => {
                    f.push_from("\"", c.span(pos - 1..pos + 1));
                    pos += 1;
                }
                Some(b',') => {
                    pos += 1;
                    fields.push(f);
                    break;
                }
                None => {
                    fields.push(f);
                    return Ok(fields);
                }
                Some(_) => {
                    return Err(csv_err("extraneous or missing \" in quoted-field", pos - 1));
                }
            }
        }
    }
}

struct RawField {
    key: String,
    key_span: TextRange,
    value: Option<(String, TextRange)>,
    text: String,
    span: TextRange,
}

fn split_fields(fields: &[Cooked]) -> Vec<RawField> {
    fields
        .iter()
        .map(|f| {
            let t = f.text.as_str();
            let span = f.span(0..t.len());
            match t.find('=') {
                Some(eq) => RawField {
                    key: t[..eq].to_lowercase(),
                    key_span: f.span(0..eq),
                    value: Some((t[eq + 1..].to_owned(), f.span(eq + 1..t.len()))),
                    text: t.to_owned(),
                    span,
                },
                None => RawField {
                    key: t.to_lowercase(),
                    key_span: span,
                    value: None,
                    text: t.to_owned(),
                    span,
                },
            }
        })
        .collect()
}

/// A value as a shell word: literal (quotes removed) or symbolic.
fn spec_value(raw: &str, span: TextRange, src: &str, base: usize, escape: char) -> SpecValue {
    let parsed = Lex::new(escape).parse(raw, 0);
    match parsed.word.literal_value() {
        Some(v) if parsed.errors.is_empty() => SpecValue {
            text: v,
            span,
            symbolic: false,
        },
        _ => {
            // Prefer the source text (it is what the user sees).
            let text = src
                .get(span.start().saturating_sub(base)..span.end().saturating_sub(base))
                .filter(|_| span.start() >= base)
                .unwrap_or(raw)
                .to_owned();
            SpecValue {
                text,
                span,
                symbolic: parsed.word.has_vars(),
            }
        }
    }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseUint(s, radix, 32)` succeeds.
fn parse_u32(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix)) && u32::from_str_radix(s, radix).is_ok()
}

/// `go-units`' `RAMInBytes` syntax: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`.
fn is_ram_size(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > st
    };
    if !digits(&mut i) {
        return false;
    }
    while i < b.len() && b[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i < b.len() && b"kKmMgGtTpP".contains(&b[i]) {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'i' | b'I') {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'b' | b'B') {
        i += 1;
    }
    i == b.len()
}

/// Parses a `--mount` value. `src` is the flag value exactly as written
/// (after `--mount=`), at offset `base`; `escape` is the Dockerfile's escape
/// character, used when values are read as shell words. When the Dockerfile
/// parser has joined continuation lines inside the value, pass the joined
/// text: spans are then relative to it.
#[must_use]
pub fn parse_mount(src: &str, base: usize, escape: char) -> MountSpec {
    let cooked = unquote_flag(src, base);
    let mut spec = MountSpec {
        span: TextRange::new(base, base + src.len()),
        kind: MountKind::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        sharing: None,
        env: None,
        size: None,
        mode: None,
        uid: None,
        gid: None,
        read_only_explicit: None,
        required: false,
        fields: Vec::new(),
        errors: Vec::new(),
    };
    let fields = match csv_fields(&cooked) {
        Ok(f) => split_fields(&f),
        Err(e) => {
            spec.errors.push(e);
            return spec;
        }
    };
    let err = |spec: &mut MountSpec, kind: MountErrorKind, span: TextRange| {
        spec.errors.push(MountError { kind, span });
    };

    // Parse time: `from` may not hold a variable.
    for f in &fields {
        if f.key == "from"
            && let Some((v, span)) = &f.value
            && v.find('$').is_some_and(|i| i + 1 != v.len())
        {
            err(&mut spec, MountErrorKind::FromWithVariable, *span);
        }
    }

    // Build time: every field in order.
    let mut kind_known = true;
    let mut ro_explicit: Option<Option<bool>> = None;
    for f in &fields {
        let value = f
            .value
            .as_ref()
            .map(|(v, span)| spec_value(v, *span, src, base, escape));
        spec.fields.push(SpecField {
            key: f.key.clone(),
            key_span: f.key_span,
            value: value.clone(),
            span: f.span,
        });
        let key = MountKey::parse(&f.key);
        let type_allows_required =
            !kind_known || matches!(spec.kind, MountKind::Secret | MountKind::Ssh);
        let Some(value) = value else {
            match key {
                Some(MountKey::ReadOnly) => ro_explicit = Some(Some(true)),
                Some(MountKey::ReadWrite) => ro_explicit = Some(Some(false)),
                Some(MountKey::Required) if type_allows_required => spec.required = true,
                Some(MountKey::Required) => {
                    let e = MountErrorKind::KeyNotForType {
                        key: f.key.clone(),
                        kind: spec.kind.as_str().to_owned(),
                    };
                    err(&mut spec, e, f.key_span);
                }
                _ => err(
                    &mut spec,
                    MountErrorKind::NotKeyValue {
                        field: f.text.clone(),
                    },
                    f.span,
                ),
            }
            continue;
        };
        let invalid = |key: &str| MountErrorKind::InvalidValue {
            key: key.to_owned(),
            value: value.text.clone(),
        };
        let Some(key) = key else {
            err(
                &mut spec,
                MountErrorKind::UnknownKey {
                    key: f.key.clone(),
                    field: f.text.clone(),
                },
                f.key_span,
            );
            continue;
        };
        let sym = value.symbolic;
        match key {
            MountKey::Type => {
                if sym {
                    spec.kind = MountKind::Symbolic;
                    kind_known = false;
                } else if let Some(k) = MountKind::parse(&value.text) {
                    spec.kind = k;
                    kind_known = true;
                } else {
                    err(
                        &mut spec,
                        MountErrorKind::UnknownType(value.text.clone()),
                        value.span,
                    );
                }
            }
            MountKey::From => spec.from = Some(value),
            MountKey::Source => spec.source = Some(value),
            MountKey::Target => spec.target = Some(value),
            MountKey::ReadOnly | MountKey::ReadWrite => {
                if sym {
                    ro_explicit = Some(None);
                } else if let Some(b) = parse_bool(&value.text) {
                    ro_explicit = Some(Some(if key == MountKey::ReadOnly { b } else { !b }));
                } else {
                    let e = invalid(&f.key);
                    err(&mut spec, e, value.span);
                }
            }
            MountKey::Required => {
                if !type_allows_required {
                    let e = MountErrorKind::KeyNotForType {
                        key: f.key.clone(),
                        kind: spec.kind.as_str().to_owned(),
                    };
                    err(&mut spec, e, f.key_span);
                } else if let Some(b) = parse_bool(&value.text) {
                    spec.required = b;
                } else if !sym {
                    let e = invalid(&f.key);
                    err(&mut spec, e, value.span);
                }
            }
            MountKey::Size => {
                if kind_known && spec.kind != MountKind::Tmpfs {
                    let e = MountErrorKind::KeyNotForType {
                        key: f.key.clone(),
                        kind: spec.kind.as_str().to_owned(),
                    };
                    err(&mut spec, e, f.key_span);
                } else if !sym && !is_ram_size(&value.text) {
                    let e = invalid(&f.key);
                    err(&mut spec, e, value.span);
                }
                spec.size = Some(value);
            }
            MountKey::Id => spec.id = Some(value),
            MountKey::Sharing => {
                if !sym
                    && !matches!(
                        value.text.to_lowercase().as_str(),
                        "shared" | "private" | "locked"
                    )
                {
                    err(
                        &mut spec,
                        MountErrorKind::UnknownSharing(value.text.clone()),
                        value.span,
                    );
                }
                spec.sharing = Some(value);
            }
            MountKey::Mode | MountKey::Uid | MountKey::Gid => {
                let radix = if key == MountKey::Mode { 8 } else { 10 };
                if !sym && !parse_u32(&value.text, radix) {
                    let e = invalid(&f.key);
                    err(&mut spec, e, value.span);
                }
                match key {
                    MountKey::Mode => spec.mode = Some(value),
                    MountKey::Uid => spec.uid = Some(value),
                    _ => spec.gid = Some(value),
                }
            }
            MountKey::Env => spec.env = Some(value),
        }
    }
    spec.read_only_explicit = ro_explicit.flatten();

    // validateMount
    if kind_known {
        let kind = spec.kind.as_str().to_owned();
        let file_info = matches!(
            spec.kind,
            MountKind::Secret | MountKind::Ssh | MountKind::Cache
        );
        if !file_info {
            for (name, v) in [("mode", &spec.mode), ("uid", &spec.uid), ("gid", &spec.gid)] {
                if let Some(v) = v {
                    let e = MountError {
                        kind: MountErrorKind::NotAllowedForType {
                            key: name.to_owned(),
                            kind: kind.clone(),
                        },
                        span: v.span,
                    };
                    spec.errors.push(e);
                    break;
                }
            }
        }
        let present =
            |v: &Option<SpecValue>| v.as_ref().is_some_and(|v| v.symbolic || !v.text.is_empty());
        if spec.kind == MountKind::Secret {
            let (from, sharing, source, target, id) = (
                present(&spec.from),
                present(&spec.sharing),
                present(&spec.source),
                present(&spec.target),
                present(&spec.id),
            );
            if from {
                let span = spec.from.as_ref().map_or(spec.span, |v| v.span);
                err(&mut spec, MountErrorKind::SecretWithFrom, span);
            } else if sharing {
                let span = spec.sharing.as_ref().map_or(spec.span, |v| v.span);
                err(&mut spec, MountErrorKind::SecretWithSharing, span);
            } else if !source && !target && !id {
                let span = spec.span;
                err(&mut spec, MountErrorKind::SecretWithoutSource, span);
            } else if source && id {
                let span = spec.id.as_ref().map_or(spec.span, |v| v.span);
                err(&mut spec, MountErrorKind::SecretSourceAndId, span);
            }
        }
        if present(&spec.sharing) && spec.kind != MountKind::Cache && spec.kind != MountKind::Secret
        {
            let span = spec.sharing.as_ref().map_or(spec.span, |v| v.span);
            err(&mut spec, MountErrorKind::SharingNotCache(kind), span);
        }
    }
    spec
}

/// A parsed `--secret` value (`id=…,src=…|env=…,type=file|env`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretSpec {
    pub span: TextRange,
    pub id: Option<SpecValue>,
    /// `src`/`source`: a file path.
    pub source: Option<SpecValue>,
    /// The environment variable to read (with `type=env`, `src` names it when `env` is absent).
    pub env: Option<SpecValue>,
    /// `type=file` or `type=env`, if given.
    pub kind: Option<SpecValue>,
    pub fields: Vec<SpecField>,
    pub errors: Vec<MountError>,
}

/// Parses a `--secret` value (buildx's `parseSecret`): one CSV record of
/// `key=value` fields, no shell processing. `src` is at offset `base`.
#[must_use]
pub fn parse_secret(src: &str, base: usize) -> SecretSpec {
    let mut c = Cooked::new(base + src.len());
    c.push_source(src, base);
    let mut spec = SecretSpec {
        span: TextRange::new(base, base + src.len()),
        id: None,
        source: None,
        env: None,
        kind: None,
        fields: Vec::new(),
        errors: Vec::new(),
    };
    let fields = match csv_fields(&c) {
        Ok(f) => split_fields(&f),
        Err(mut e) => {
            if let MountErrorKind::Csv(m) = &e.kind {
                e.kind = MountErrorKind::Csv(m.clone());
            }
            spec.errors.push(e);
            return spec;
        }
    };
    for f in fields {
        let value = f.value.map(|(text, span)| SpecValue {
            text,
            span,
            symbolic: false,
        });
        spec.fields.push(SpecField {
            key: f.key.clone(),
            key_span: f.key_span,
            value: value.clone(),
            span: f.span,
        });
        let Some(value) = value else {
            spec.errors.push(MountError {
                kind: MountErrorKind::NotKeyValue { field: f.text },
                span: f.span,
            });
            continue;
        };
        match f.key.as_str() {
            "type" => {
                if value.text != "file" && value.text != "env" {
                    spec.errors.push(MountError {
                        kind: MountErrorKind::UnknownSecretType(value.text.clone()),
                        span: value.span,
                    });
                }
                spec.kind = Some(value);
            }
            "id" => spec.id = Some(value),
            "source" | "src" => spec.source = Some(value),
            "env" => spec.env = Some(value),
            _ => spec.errors.push(MountError {
                kind: MountErrorKind::UnknownKey {
                    key: f.key,
                    field: f.text,
                },
                span: f.key_span,
            }),
        }
    }
    if spec.kind.as_ref().is_some_and(|k| k.text == "env")
        && spec.env.as_ref().is_none_or(|e| e.text.is_empty())
    {
        spec.env = spec.source.take();
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits() {
        assert!(is_ram_size("64m") && is_ram_size("1.5 GiB") && is_ram_size("100"));
        assert!(!is_ram_size("") && !is_ram_size("m") && !is_ram_size("1x"));
        assert!(parse_u32("0755", 8) && !parse_u32("0789", 8) && !parse_u32("-1", 10));
        assert!(!parse_u32("4294967296", 10) && parse_u32("4294967295", 10));
    }
}
