//! EXPOSE port specs as BuildKit reads them, shared by the EXPOSE rules:
//! each word expanded with the builder's variables and split on white space,
//! each spec split into `[ip:][host-port:]container-port[/protocol]`.

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
}
