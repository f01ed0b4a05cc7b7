//! EXPOSE port specs as BuildKit reads them, shared by the EXPOSE rules:
//! each word expanded with the builder's variables and split on white space,
//! each spec split into `[ip:][host-port:]container-port[/protocol]`, the
//! container port read as a number or a `low-high` range.

use crate::model::Model;
use crate::syntax::{Args, Keyword, Span};

/// One port spec of an EXPOSE instruction.
pub(crate) struct PortSpec {
    pub instruction: usize,
    /// The word it comes from.
    pub word: Span,
    /// The spec after expansion.
    pub text: String,
    /// The word is written out literally (no variables, quotes or escapes,
    /// on one line): `text` is its source text and edits can target `word`.
    pub literal: bool,
}

/// The parts of a spec: `(ip, host_port, container_port, protocol)`, split
/// like BuildKit's `splitParts` and `splitProtoPort`.
pub(crate) fn split_spec(spec: &str) -> (&str, &str, &str, &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    let (ip, host, container) = match parts.len() {
        1 => ("", "", parts[0]),
        2 => ("", parts[0], parts[1]),
        n => {
            let host = parts[n - 2];
            let container = parts[n - 1];
            let ip_len = spec.len() - host.len() - container.len() - 2;
            (&spec[..ip_len], host, container)
        }
    };
    let (port, proto) = container.split_once('/').unwrap_or((container, ""));
    (ip, host, port, proto)
}

/// Every port spec of every EXPOSE in the file (ONBUILD triggers excluded:
/// they run in another build).
pub(crate) fn port_specs(model: &Model) -> Vec<PortSpec> {
    let src = model.src();
    let mut out = Vec::new();
    for (i, inst) in model.instructions().iter().enumerate() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        let Args::Words(words) = &inst.args else {
            continue;
        };
        for word in words {
            let raw = word.text(inst, src);
            let expanded = model.expand(i, raw);
            if expanded.contains('$') {
                continue; // unknown until build time
            }
            let literal = expanded == raw
                && word.range.slice(src) == raw
                && !raw.contains(['"', '\'', '\\', '`']);
            for spec in expanded.split_whitespace() {
                out.push(PortSpec {
                    instruction: i,
                    word: *word,
                    text: spec.to_owned(),
                    literal: literal && spec == raw,
                });
            }
        }
    }
    out
}

/// A port number as written: digits, possibly more than fit a `u32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PortNumber {
    Valid(u16),
    /// Above 65535.
    TooLarge,
}

/// The container port of `spec` as `(low, high)` (`80` → (80, 80),
/// `8000-8010/udp` → (8000, 8010)); `None` when it is not digits.
pub(crate) fn container_ports(spec: &str) -> Option<(PortNumber, PortNumber)> {
    let (_, _, ports, _) = split_spec(spec);
    let (low, high) = ports.split_once('-').unwrap_or((ports, ports));
    Some((port_number(low)?, port_number(high)?))
}

fn port_number(text: &str) -> Option<PortNumber> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = text.trim_start_matches('0');
    if digits.len() > 5 {
        return Some(PortNumber::TooLarge);
    }
    let n: u32 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    Some(u16::try_from(n).map_or(PortNumber::TooLarge, PortNumber::Valid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_buildkit() {
        assert_eq!(split_spec("80"), ("", "", "80", ""));
        assert_eq!(split_spec("80/udp"), ("", "", "80", "udp"));
        assert_eq!(split_spec("8080:80/tcp"), ("", "8080", "80", "tcp"));
        assert_eq!(
            split_spec("127.0.0.1:8080:80"),
            ("127.0.0.1", "8080", "80", "")
        );
        assert_eq!(split_spec("[::1]:8080:80"), ("[::1]", "8080", "80", ""));
    }

    #[test]
    fn reads_container_ports() {
        use PortNumber::{TooLarge, Valid};
        assert_eq!(container_ports("80"), Some((Valid(80), Valid(80))));
        assert_eq!(container_ports("80/tcp"), Some((Valid(80), Valid(80))));
        assert_eq!(
            container_ports("8000-70000/udp"),
            Some((Valid(8000), TooLarge))
        );
        assert_eq!(
            container_ports("99999999999999999999"),
            Some((TooLarge, TooLarge))
        );
        assert_eq!(container_ports("000080"), Some((Valid(80), Valid(80))));
        assert_eq!(container_ports("2222:22"), Some((Valid(22), Valid(22))));
        assert_eq!(container_ports("http"), None);
    }
}
