//! The string grammars inside Compose values: port specs, volume specs,
//! `security_opt` entries, `KEY=VALUE` lists; and the typed records the
//! service views return.

use std::ops::Range;

use super::{FileId, Scalar, join_path};
use crate::text::TextRange;
use crate::yaml::Value;

/// A port as Compose reads it (`[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]`
/// or the long syntax).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortSpec {
    /// Without brackets (`::1`, `127.0.0.1`); `None` when absent.
    pub host_ip: Option<String>,
    /// Bytes of the spec text the host IP takes (brackets included), for
    /// the short syntax.
    pub host_ip_range: Option<Range<usize>>,
    /// The host port or range (`8080`, `8000-8010`); `None` or empty when
    /// Docker picks one.
    pub published: Option<String>,
    /// The container port or range.
    pub target: String,
    pub protocol: Option<String>,
}

impl PortSpec {
    /// The host ports published, when a number or range (`None`: Docker
    /// picks a free port, or the text is not a number).
    #[must_use]
    pub fn published_range(&self) -> Option<(u32, u32)> {
        let p = self.published.as_deref()?.trim();
        if p.is_empty() {
            return None;
        }
        let (lo, hi) = p.split_once('-').unwrap_or((p, p));
        let lo: u32 = lo.trim().parse().ok()?;
        let hi: u32 = hi.trim().parse().ok()?;
        Some((lo, hi.max(lo)))
    }

    /// Published on every interface: no host IP, or `0.0.0.0` / `::`.
    #[must_use]
    pub fn all_interfaces(&self) -> bool {
        match self.host_ip.as_deref().map(str::trim) {
            None | Some("") => true,
            Some(ip) => matches!(ip, "0.0.0.0" | "::" | "[::]" | "0:0:0:0:0:0:0:0"),
        }
    }
}

/// Parses a short-syntax port spec the way Docker's `nat.ParsePortSpec`
/// splits it: an optional `/protocol`, then `[ip]:` in brackets, or the
/// parts between colons (more than three: the leading ones are a bare IPv6
/// address).
#[must_use]
pub fn parse_port(text: &str) -> Option<PortSpec> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let (body, protocol) = match text.rsplit_once('/') {
        Some((b, p)) => (b, Some(p.to_owned())),
        None => (text, None),
    };
    let mut spec = PortSpec {
        protocol,
        ..PortSpec::default()
    };
    if let Some(rest) = body.strip_prefix('[') {
        let close = rest.find(']')?;
        spec.host_ip = Some(rest[..close].to_owned());
        spec.host_ip_range = Some(0..close + 2);
        let after = rest[close + 1..].strip_prefix(':')?;
        match after.split_once(':') {
            Some((host, target)) => {
                spec.published = Some(host.to_owned());
                spec.target = target.to_owned();
            }
            None => spec.target = after.to_owned(),
        }
        return Some(spec);
    }
    let parts: Vec<&str> = body.split(':').collect();
    match parts.as_slice() {
        [target] => spec.target = (*target).to_owned(),
        [host, target] => {
            spec.published = Some((*host).to_owned());
            spec.target = (*target).to_owned();
        }
        [ip @ .., host, target] => {
            let ip = ip.join(":");
            spec.host_ip_range = Some(0..ip.len());
            spec.host_ip = Some(ip);
            spec.published = Some((*host).to_owned());
            spec.target = (*target).to_owned();
        }
        [] => return None,
    }
    Some(spec)
}

/// A port of a service.
#[derive(Clone, Debug)]
pub struct Port<'m> {
    pub spec: PortSpec,
    /// Every part is known.
    pub known: bool,
    /// The short-syntax scalar (`None` for the long syntax).
    pub scalar: Option<Scalar<'m>>,
    /// The item as written (scalar or mapping).
    pub value: Value<'m>,
    /// The long syntax's `host_ip` value, if written.
    pub host_ip_value: Option<Value<'m>>,
    pub file: FileId,
    pub report: Option<TextRange>,
}

/// What a mount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MountKind {
    Bind,
    Volume,
    Tmpfs,
    Npipe,
    Cluster,
    Image,
    Other,
}

/// A volume of a service, short or long syntax.
#[derive(Clone, Debug)]
pub struct Mount<'m> {
    pub kind: MountKind,
    /// The host path or volume name (interpolated; unknown parts marked).
    pub source: Option<&'m str>,
    pub target: Option<&'m str>,
    pub read_only: bool,
    /// `shared`, `rslave`… (short-syntax option or `bind.propagation`).
    pub propagation: Option<&'m str>,
    /// The source is known.
    pub known: bool,
    pub value: Value<'m>,
    pub file: FileId,
    pub report: Option<TextRange>,
}

/// What a [`Mount`] says, kept per service once read (the tree node by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MountFacts {
    pub kind: MountKind,
    pub source: Option<String>,
    pub target: Option<String>,
    pub read_only: bool,
    pub propagation: Option<String>,
    pub known: bool,
    pub node: crate::yaml::NodeId,
    pub via: Option<crate::yaml::NodeId>,
    pub file: FileId,
    pub report: Option<TextRange>,
}

/// Parses a short-syntax volume (`[SOURCE:]TARGET[:OPTIONS]`) as
/// compose-go's `ParseVolume` does: a Windows drive letter's colon is not a
/// separator; the source is a bind when it is a path (`/`, `.`, `~`, a
/// drive), a named volume otherwise; options are `ro`, `rw`, `z`, `Z`,
/// `nocopy` and the propagation modes.
#[must_use]
pub fn parse_volume(spec: &str) -> (Option<String>, Option<String>, Vec<String>) {
    let mut parts: Vec<String> = Vec::new();
    let mut buf = String::new();
    for c in spec.chars() {
        if c == ':' {
            let drive =
                buf.len() == 1 && buf.chars().all(|d| d.is_ascii_alphabetic()) && parts.len() < 2;
            if drive {
                buf.push(c);
                continue;
            }
            parts.push(std::mem::take(&mut buf));
        } else {
            buf.push(c);
        }
    }
    parts.push(buf);
    match parts.len() {
        1 => (None, parts.pop(), Vec::new()),
        2 => {
            let target = parts.pop();
            (parts.pop(), target, Vec::new())
        }
        _ => {
            let options: Vec<String> = parts[2..]
                .join(":")
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect();
            (Some(parts[0].clone()), Some(parts[1].clone()), options)
        }
    }
}

/// Whether a volume source is a host path (a bind), as compose-go decides.
#[must_use]
pub fn is_host_path(source: &str) -> bool {
    let b = source.as_bytes();
    source.starts_with(['/', '.', '~', '\\'])
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// The propagation modes a bind accepts.
pub const PROPAGATION: [&str; 6] = [
    "shared", "rshared", "slave", "rslave", "private", "rprivate",
];

/// One `security_opt` entry: `name:value`, `name=value` or a bare name.
#[derive(Clone, Debug)]
pub struct SecurityOpt<'m> {
    /// Lower-cased.
    pub name: String,
    pub value: Option<String>,
    pub scalar: Scalar<'m>,
}

impl<'m> SecurityOpt<'m> {
    pub(crate) fn parse(scalar: Scalar<'m>) -> SecurityOpt<'m> {
        let text = scalar.text.trim();
        let (name, value) = match text.find([':', '=']) {
            Some(i) => (&text[..i], Some(text[i + 1..].trim().to_owned())),
            None => (text, None),
        };
        SecurityOpt {
            name: name.trim().to_ascii_lowercase(),
            value,
            scalar,
        }
    }

    /// The value, lower-cased (`None` for a bare name).
    #[must_use]
    pub fn value_lower(&self) -> Option<String> {
        self.value.as_deref().map(str::to_ascii_lowercase)
    }
}

/// A variable of `environment` or `build.args` (list or map form).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvVar {
    pub name: String,
    pub name_range: Option<TextRange>,
    /// The value after interpolation; `None` when the entry has none (the
    /// variable is taken from the shell).
    pub value: Option<String>,
    pub value_range: Option<TextRange>,
    /// The value is known.
    pub known: bool,
    /// The value reads a variable.
    pub interpolated: bool,
    /// The value reads a variable the `.env` sets.
    pub from_env: bool,
}

/// A service's `build`.
#[derive(Clone, Debug)]
pub struct Build<'m> {
    /// `build` itself (a string or a mapping).
    pub value: Value<'m>,
    pub file: FileId,
    /// The path of the file the `build` is written in (relative to the
    /// analysed file's directory; empty for the analysed file).
    pub file_path: &'m str,
    pub context: Option<Scalar<'m>>,
    pub dockerfile: Option<Scalar<'m>>,
    pub dockerfile_inline: Option<Scalar<'m>>,
    pub target: Option<Scalar<'m>>,
    pub privileged: Option<Scalar<'m>>,
    pub args: Vec<EnvVar>,
    pub report: Option<TextRange>,
}

impl Build<'_> {
    /// The build context is a local directory (not a URL or Git remote).
    #[must_use]
    pub fn is_local(&self) -> bool {
        let Some(ctx) = self.context.as_ref().and_then(Scalar::known) else {
            return self.context.is_none();
        };
        !(ctx.contains("://")
            || ctx.starts_with("git@")
            || ctx.starts_with("github.com/")
            || ctx.ends_with(".git"))
    }

    /// The context directory, relative to the analysed file's directory
    /// (`.` when absent).
    #[must_use]
    pub fn context_path(&self) -> Option<String> {
        if !self.is_local() {
            return None;
        }
        let ctx = match &self.context {
            Some(c) => c.known()?.trim_end_matches('/').to_owned(),
            None => ".".to_owned(),
        };
        let ctx = if ctx.is_empty() { ".".to_owned() } else { ctx };
        Some(join_path(self.file_path, &ctx))
    }

    /// The Dockerfile's path, relative to the analysed file's directory
    /// (`None` for a remote context, unknown parts or `dockerfile_inline`).
    #[must_use]
    pub fn dockerfile_path(&self) -> Option<String> {
        if self.dockerfile_inline.is_some() {
            return None;
        }
        let ctx = self.context_path()?;
        let name = match &self.dockerfile {
            Some(d) => d.known()?.to_owned(),
            None => "Dockerfile".to_owned(),
        };
        if name.starts_with('/') {
            return Some(name);
        }
        let name = name.strip_prefix("./").unwrap_or(&name);
        Some(if ctx == "." {
            name.to_owned()
        } else {
            format!("{ctx}/{name}")
        })
    }

    /// The target stage, when known.
    #[must_use]
    pub fn target_text(&self) -> Option<String> {
        self.target
            .as_ref()
            .and_then(Scalar::known)
            .map(str::to_owned)
    }

    /// The known `args` as `(name, value)`, for the Dockerfile's ARGs.
    #[must_use]
    pub fn known_args(&self) -> Vec<(String, String)> {
        self.args
            .iter()
            .filter(|a| a.known)
            .filter_map(|a| Some((a.name.clone(), a.value.clone()?)))
            .collect()
    }
}

/// A `devices` entry.
#[derive(Clone, Debug)]
pub struct Device<'m> {
    /// The host device path (interpolated).
    pub source: String,
    pub known: bool,
    pub value: Value<'m>,
    pub file: FileId,
    pub report: Option<TextRange>,
}
