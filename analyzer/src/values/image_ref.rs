//! Image references (`FROM`, `COPY --from`, `--mount from=`):
//! `[registry[:port]/]path[:tag][@digest]`, with Docker's normalisation
//! (`distribution/reference`'s `ParseNormalizedNamed`, which BuildKit uses).
//!
//! * The first `/`-separated component is a registry only if it is
//!   `localhost`, contains `.` or `:`, or contains an uppercase letter
//!   (Docker's newer rule: namespaces cannot be uppercase, so `MyOrg/app`
//!   names the *registry* `MyOrg`). Otherwise the registry is Docker Hub,
//!   `docker.io` (`index.docker.io` is the same), and a one-component path
//!   gets the `library/` prefix.
//! * Path components are `[a-z0-9]+` joined by `.`, `_`, `__` or runs of
//!   `-`; a tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; a digest is
//!   `algorithm:hex`, checked like `go-digest` does (`sha256` needs 64
//!   lowercase hex digits, `sha384` 96, `sha512` 128).
//! * The full name (`docker.io/library/x`) is at most 255 characters; a bare
//!   64-hex-digit string is refused (it looks like an image ID).
//!
//! The input is a shell word (BuildKit expands `FROM` arguments): quotes and
//! escapes are removed, and every `$VAR` is kept symbolic. A part that holds
//! a variable is reported as [`RefPart::symbolic`] and is not validated
//! beyond its literal characters, so `${REGISTRY}/app:${TAG}` is not an
//! error. The split at `/`, `:` and `@` uses only literal separators.
//!
//! `errors[0]` is the error BuildKit would report; further errors point at
//! the other faulty parts.

use std::fmt;

use super::cooked::Cooked;
use super::substitution::Lex;
use crate::text::TextRange;

/// Docker Hub's canonical registry name.
pub const DOCKER_HUB: &str = "docker.io";

/// One part of a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefPart {
    /// The part's value (quotes removed); for a symbolic part, its source text.
    pub text: String,
    /// Source span (for a tag or digest, without the `:` or `@`).
    pub span: TextRange,
    /// The part contains a variable reference.
    pub symbolic: bool,
}

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    pub span: TextRange,
    /// The registry as written, if the reference names one. A first
    /// component that holds a variable (`${REGISTRY}/app`) is reported here,
    /// symbolic, since it may be a registry.
    pub registry: Option<RefPart>,
    /// The repository path as written, without registry, tag, digest or
    /// implied `library/`.
    pub path: RefPart,
    pub tag: Option<RefPart>,
    pub digest: Option<RefPart>,
    /// The registry was inferred from uppercase letters in the first
    /// component (`MyOrg/app`), which is rarely what the author meant.
    pub registry_from_uppercase: bool,
    pub errors: Vec<ImageRefError>,
    /// The whole reference with quotes and escapes removed (variables as written).
    text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRefError {
    pub kind: ImageRefErrorKind,
    pub span: TextRange,
}

/// Which part of a reference an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefPartKind {
    Registry,
    Path,
    Tag,
    Digest,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageRefErrorKind {
    /// `repository name must have at least one component`
    Empty,
    /// `invalid reference format: repository name (…) must be lowercase`;
    /// `name` is Docker's remote name (with an implied `library/`).
    Uppercase { name: String },
    /// `invalid reference format`, in the given part.
    InvalidFormat(RefPartKind),
    /// `repository name must not be more than 255 characters`
    NameTooLong,
    /// `invalid repository name (…), cannot specify 64-byte hexadecimal strings`
    HexIdentifier,
    /// `invalid checksum digest format`
    DigestInvalidFormat,
    /// `invalid checksum digest length`
    DigestInvalidLength,
    /// `unsupported digest algorithm`
    DigestUnsupported,
    /// The shell word itself is malformed (unterminated quote, bad `${…}`).
    Substitution(String),
}

impl fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ImageRefErrorKind::Empty => {
                f.write_str("repository name must have at least one component")
            }
            ImageRefErrorKind::Uppercase { name } => {
                write!(
                    f,
                    "invalid reference format: repository name ({name}) must be lowercase"
                )
            }
            ImageRefErrorKind::InvalidFormat(part) => {
                let what = match part {
                    RefPartKind::Registry => "registry",
                    RefPartKind::Path => "repository name",
                    RefPartKind::Tag => "tag",
                    RefPartKind::Digest => "digest",
                };
                write!(f, "invalid reference format (invalid {what})")
            }
            ImageRefErrorKind::NameTooLong => {
                f.write_str("repository name must not be more than 255 characters")
            }
            ImageRefErrorKind::HexIdentifier => {
                f.write_str("invalid repository name, cannot specify 64-byte hexadecimal strings")
            }
            ImageRefErrorKind::DigestInvalidFormat => f.write_str("invalid checksum digest format"),
            ImageRefErrorKind::DigestInvalidLength => f.write_str("invalid checksum digest length"),
            ImageRefErrorKind::DigestUnsupported => f.write_str("unsupported digest algorithm"),
            ImageRefErrorKind::Substitution(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ImageRefError {}

impl ImageRef {
    /// `FROM scratch` (exactly; `Scratch` is an ordinary, invalid, name).
    #[must_use]
    pub fn is_scratch(&self) -> bool {
        self.text == "scratch" && !self.is_symbolic()
    }

    /// Whether any part holds a variable reference.
    #[must_use]
    pub fn is_symbolic(&self) -> bool {
        self.path.symbolic
            || self.registry.as_ref().is_some_and(|r| r.symbolic)
            || self.tag.as_ref().is_some_and(|r| r.symbolic)
            || self.digest.as_ref().is_some_and(|r| r.symbolic)
    }

    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The reference with quotes and escapes removed (variables as written).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The tag, without `:`.
    #[must_use]
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_ref().map(|t| t.text.as_str())
    }

    /// The digest, without `@`.
    #[must_use]
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_ref().map(|t| t.text.as_str())
    }

    #[must_use]
    pub fn has_tag(&self) -> bool {
        self.tag.is_some()
    }

    /// Pinned by digest (also when the digest is a variable).
    #[must_use]
    pub fn is_pinned_by_digest(&self) -> bool {
        self.digest.is_some()
    }

    /// The tag is literally `latest`.
    #[must_use]
    pub fn is_latest(&self) -> bool {
        self.tag
            .as_ref()
            .is_some_and(|t| !t.symbolic && t.text == "latest")
    }

    /// The registry: as written (`index.docker.io` normalised to
    /// `docker.io`), or `docker.io` when none is named; `None` when it is
    /// symbolic.
    #[must_use]
    pub fn registry(&self) -> Option<&str> {
        match &self.registry {
            None if self.path.symbolic && !self.path.text.contains('/') => None,
            None => Some(DOCKER_HUB),
            Some(r) if r.symbolic => None,
            Some(r) if r.text == "index.docker.io" => Some(DOCKER_HUB),
            Some(r) => Some(&r.text),
        }
    }

    /// Whether the registry is Docker Hub (named or implied).
    #[must_use]
    pub fn is_docker_hub(&self) -> bool {
        self.registry() == Some(DOCKER_HUB)
    }

    /// The repository path as written (`ubuntu`, `myorg/app`).
    #[must_use]
    pub fn name_without_registry(&self) -> &str {
        &self.path.text
    }

    /// Docker's full name, `docker.io/library/ubuntu`; `None` when symbolic.
    #[must_use]
    pub fn normalized_name(&self) -> Option<String> {
        if self.is_symbolic() {
            return None;
        }
        let registry = self.registry()?;
        if registry == DOCKER_HUB && !self.path.text.contains('/') {
            return Some(format!("{registry}/library/{}", self.path.text));
        }
        Some(format!("{registry}/{}", self.path.text))
    }

    /// Docker's familiar form: `ubuntu`, `myorg/app`, `ghcr.io/o/app`
    /// (without tag and digest); `None` when symbolic.
    #[must_use]
    pub fn familiar_name(&self) -> Option<String> {
        let full = self.normalized_name()?;
        let rest = full.strip_prefix("docker.io/").map_or(full.as_str(), |r| r);
        let rest = match rest.strip_prefix("library/") {
            Some(r) if full.starts_with("docker.io/") && !r.contains('/') => r,
            _ => rest,
        };
        Some(rest.to_owned())
    }
}

/// Parses the image reference `src` (the raw argument text at offset `base`;
/// `escape` is the Dockerfile's escape character).
#[must_use]
pub fn parse_image_ref(src: &str, base: usize, escape: char) -> ImageRef {
    let parsed = Lex::new(escape).parse(src, base);
    let cooked = Cooked::from_word(&parsed.word);
    let mut r = Splitter {
        src,
        base,
        c: &cooked,
        errors: Vec::new(),
    }
    .split();
    if let Some(e) = parsed.errors.first() {
        r.errors.insert(
            0,
            ImageRefError {
                kind: ImageRefErrorKind::Substitution(e.to_string()),
                span: e.span,
            },
        );
    }
    r
}

struct Splitter<'s> {
    src: &'s str,
    base: usize,
    c: &'s Cooked,
    errors: Vec<ImageRefError>,
}

impl Splitter<'_> {
    fn part(&self, r: std::ops::Range<usize>) -> RefPart {
        let span = self.c.span(r.clone());
        let symbolic = self.c.has_var(&r);
        let text = if symbolic {
            self.src[span.start() - self.base..span.end() - self.base].to_owned()
        } else {
            self.c.text[r].to_owned()
        };
        RefPart {
            text,
            span,
            symbolic,
        }
    }

    fn err(&mut self, kind: ImageRefErrorKind, span: TextRange) {
        self.errors.push(ImageRefError { kind, span });
    }

    /// The literal characters of `r` (variables skipped) all satisfy `ok`.
    fn literal_chars_ok(&self, r: &std::ops::Range<usize>, ok: impl Fn(char) -> bool) -> bool {
        let t = &self.c.text;
        t[r.clone()].char_indices().all(|(i, ch)| {
            let at = r.start + i;
            ok(ch) || self.c.vars.iter().any(|v| v.contains(&at))
        })
    }

    fn split(mut self) -> ImageRef {
        let t = self.c.text.as_str();
        let whole = self.c.span(0..t.len());
        let symbolic_any = !self.c.vars.is_empty();

        if t.is_empty() {
            self.err(ImageRefErrorKind::Empty, whole);
        } else if !symbolic_any
            && t.len() == 64
            && t.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            self.err(ImageRefErrorKind::HexIdentifier, whole);
        }

        // splitDockerDomain
        let mut registry = None;
        let mut registry_from_uppercase = false;
        let mut rest_start = 0;
        if let Some(slash) = t.find('/') {
            let first = 0..slash;
            let f = &t[first.clone()];
            let is_registry =
                if self.c.has_var(&first) || f == "localhost" || f.contains(['.', ':']) {
                    true
                } else if f.to_lowercase() != f {
                    registry_from_uppercase = true;
                    true
                } else {
                    false
                };
            if is_registry {
                registry = Some(first);
                rest_start = slash + 1;
            }
        }
        let rest = &t[rest_start..];
        let (before_digest, digest) = match rest.find('@') {
            Some(i) => (
                rest_start..rest_start + i,
                Some(rest_start + i + 1..t.len()),
            ),
            None => (rest_start..t.len(), None),
        };
        let (path, tag) = match t[before_digest.clone()].find(':') {
            Some(i) => (
                before_digest.start..before_digest.start + i,
                Some(before_digest.start + i + 1..before_digest.end),
            ),
            None => (before_digest.clone(), None),
        };

        let registry_part = registry.clone().map(|r| self.part(r));
        let path_part = self.part(path.clone());
        let tag_part = tag.clone().map(|r| self.part(r));
        let digest_part = digest.clone().map(|r| self.part(r));
        let implied_hub = registry.is_none()
            || registry_part.as_ref().is_some_and(|r| {
                !r.symbolic && (r.text == DOCKER_HUB || r.text == "index.docker.io")
            });

        // ParseNormalizedNamed's lowercase check on the remote name (up to the first `:`).
        if !t.is_empty() {
            let remote_end = t[rest_start..]
                .find(':')
                .map_or(t.len(), |i| rest_start + i);
            let remote = rest_start..remote_end;
            if !self.c.has_var(&remote) {
                let mut name = t[remote.clone()].to_owned();
                if implied_hub && !name.contains('/') {
                    name.insert_str(0, "library/");
                }
                if name.to_lowercase() != name {
                    let span = self.c.span(path.clone());
                    self.err(ImageRefErrorKind::Uppercase { name }, span);
                }
            }
        }

        // The reference grammar, part by part.
        if let Some(r) = &registry
            && !self.c.has_var(r)
        {
            let f = &t[r.clone()];
            // An invalid domain is still accepted when it is a valid path
            // component (the grammar then reads the whole name as a path).
            if !is_domain_and_port(f) && !is_path_component(f) {
                let span = self.c.span(r.clone());
                self.err(
                    ImageRefErrorKind::InvalidFormat(RefPartKind::Registry),
                    span,
                );
            }
        }
        let path_ok = if self.c.has_var(&path) {
            self.literal_chars_ok(&path, |c| {
                c.is_ascii_lowercase()
                    || c.is_ascii_uppercase()
                    || c.is_ascii_digit()
                    || "._-/".contains(c)
            })
        } else {
            let p = &t[path.clone()];
            p.split('/')
                .all(|comp| is_path_component(&comp.to_ascii_lowercase()))
        };
        if !path_ok && !t.is_empty() {
            let span = self.c.span(path.clone());
            self.err(ImageRefErrorKind::InvalidFormat(RefPartKind::Path), span);
        }
        if let Some(r) = &tag {
            let ok = if self.c.has_var(r) {
                self.literal_chars_ok(r, |c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            } else {
                is_tag(&t[r.clone()])
            };
            if !ok {
                let span = self.c.span(r.clone());
                self.err(ImageRefErrorKind::InvalidFormat(RefPartKind::Tag), span);
            }
        }
        let mut digest_checks = None;
        if let Some(r) = &digest
            && !self.c.has_var(r)
        {
            let d = &t[r.clone()];
            if is_reference_digest(d) {
                digest_checks = validate_digest(d);
            } else {
                let span = self.c.span(r.clone());
                self.err(ImageRefErrorKind::InvalidFormat(RefPartKind::Digest), span);
            }
        }

        // Name length, on the normalised name.
        if !self.c.has_var(&(0..before_digest.end.min(path.end))) {
            let reg_len = match &registry_part {
                Some(r) if r.text != "index.docker.io" => r.text.len(),
                _ => DOCKER_HUB.len(),
            };
            let lib = if implied_hub && !t[path.clone()].contains('/') {
                "library/".len()
            } else {
                0
            };
            if reg_len + 1 + lib + path.len() > 255 {
                let span = self.c.span(path.clone());
                self.err(ImageRefErrorKind::NameTooLong, span);
            }
        }
        if let (Some(kind), Some(r)) = (digest_checks, &digest) {
            let span = self.c.span(r.clone());
            self.err(kind, span);
        }

        let text = self.c_text_with_vars();
        ImageRef {
            span: whole,
            registry: registry_part,
            path: path_part,
            tag: tag_part,
            digest: digest_part,
            registry_from_uppercase,
            errors: self.errors,
            text,
        }
    }

    fn c_text_with_vars(&self) -> String {
        if self.c.vars.is_empty() {
            return self.c.text.clone();
        }
        let mut out = String::new();
        let mut last = 0;
        for v in &self.c.vars {
            out.push_str(&self.c.text[last..v.start]);
            let span = self.c.span(v.clone());
            out.push_str(&self.src[span.start() - self.base..span.end() - self.base]);
            last = v.end;
        }
        out.push_str(&self.c.text[last..]);
        out
    }
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
pub(crate) fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && is_alnum_lower(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < b.len() && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `domainName | \[ipv6\]`, then an optional `:port`.
fn is_domain_and_port(s: &str) -> bool {
    let (host, port) = if s.starts_with('[') {
        match s.find(']') {
            Some(i) => {
                let inner = &s[1..i];
                if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
                    return false;
                }
                (None, &s[i + 1..])
            }
            None => return false,
        }
    } else {
        match s.find(':') {
            Some(i) => (Some(&s[..i]), &s[i..]),
            None => (Some(s), ""),
        }
    };
    if let Some(h) = host {
        let ok = h.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        });
        if !ok {
            return false;
        }
    }
    if port.is_empty() {
        return true;
    }
    port.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `[\w][\w.-]{0,127}`
fn is_tag(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter()
            .all(|&x| x.is_ascii_alphanumeric() || matches!(x, b'_' | b'.' | b'-'))
}

/// The reference grammar's digest:
/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
fn is_reference_digest(s: &str) -> bool {
    let Some((alg, hex)) = s.split_once(':') else {
        return false;
    };
    if hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    alg.split(['-', '_', '+', '.']).all(|c| {
        let b = c.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(u8::is_ascii_alphanumeric)
    })
}

/// go-digest's `Digest.Validate` (sha256, sha384 and sha512 registered).
fn validate_digest(s: &str) -> Option<ImageRefErrorKind> {
    let (alg, hex) = s.split_once(':')?;
    let size = match alg {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        _ => {
            // go-digest's DigestRegexp: `[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`
            let alg_ok = alg.split(['.', '+', '_', '-']).all(|c| {
                !c.is_empty()
                    && c.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
            return Some(if alg_ok {
                ImageRefErrorKind::DigestUnsupported
            } else {
                ImageRefErrorKind::DigestInvalidFormat
            });
        }
    };
    if hex.len() != size * 2 {
        return Some(ImageRefErrorKind::DigestInvalidLength);
    }
    if !hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Some(ImageRefErrorKind::DigestInvalidFormat);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_pieces() {
        for ok in ["a", "a.b", "a_b", "a__b", "a---b", "a1-2.b_c"] {
            assert!(is_path_component(ok), "{ok}");
        }
        for bad in ["", "A", "a..b", "a___b", "-a", "a-", "a.", "_a"] {
            assert!(!is_path_component(bad), "{bad}");
        }
        for ok in [
            "localhost",
            "localhost:5000",
            "a.b.c",
            "A.com",
            "[::1]",
            "[::1]:5000",
            "1.2.3.4:80",
        ] {
            assert!(is_domain_and_port(ok), "{ok}");
        }
        for bad in [
            "a_b.com", "-a.com", "a.com:", "a.com:x", "[]", "[zz]", "a..b",
        ] {
            assert!(!is_domain_and_port(bad), "{bad}");
        }
        assert!(is_tag("latest") && is_tag("_x") && is_tag("V1.2-rc"));
        assert!(!is_tag(".x") && !is_tag("-x") && !is_tag("") && !is_tag(&"a".repeat(129)));
    }
}
