//! The ports of EXPOSE: each word expanded the way the builder expands it,
//! then read as `port`, `low-high`, with an optional `/protocol`.

use crate::TextRange;
use crate::model::Model;
use crate::syntax::{Args, Keyword};

/// A port number as written: digits, possibly more than fit a `u32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PortNumber {
    Valid(u16),
    /// Above 65535.
    TooLarge,
}

/// One port or range of an EXPOSE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExposedPort {
    pub instruction: usize,
    /// The word in the source.
    pub range: TextRange,
    /// The expanded text of this port (`8080/tcp`).
    pub text: String,
    pub low: PortNumber,
    pub high: PortNumber,
}

/// Every port of every top-level EXPOSE whose text can be read. Words with an
/// unresolved variable, an address or a host mapping (`1.2.3.4:80:80`) or
/// anything else that is not `port[-port][/proto]` are skipped.
pub(crate) fn exposed_ports(model: &Model) -> Vec<ExposedPort> {
    let src = model.src();
    let mut out = Vec::new();
    for (i, inst) in model.instructions().iter().enumerate() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        let Args::Words(words) = &inst.args else {
            continue;
        };
        for w in words {
            let expanded = model.expand(i, w.text(inst, src));
            for text in expanded.split_whitespace() {
                if let Some((low, high)) = parse_port(text) {
                    out.push(ExposedPort {
                        instruction: i,
                        range: w.range,
                        text: text.to_owned(),
                        low,
                        high,
                    });
                }
            }
        }
    }
    out
}

/// `80`, `80/tcp`, `8000-8010/udp` → (low, high).
fn parse_port(text: &str) -> Option<(PortNumber, PortNumber)> {
    let ports = text.split_once('/').map_or(text, |(p, _)| p);
    let (low, high) = match ports.split_once('-') {
        Some((l, h)) => (l, h),
        None => (ports, ports),
    };
    Some((number(low)?, number(high)?))
}

fn number(text: &str) -> Option<PortNumber> {
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
    fn parses_ports() {
        use PortNumber::{TooLarge, Valid};
        assert_eq!(parse_port("80"), Some((Valid(80), Valid(80))));
        assert_eq!(parse_port("80/tcp"), Some((Valid(80), Valid(80))));
        assert_eq!(parse_port("8000-70000/udp"), Some((Valid(8000), TooLarge)));
        assert_eq!(
            parse_port("99999999999999999999"),
            Some((TooLarge, TooLarge))
        );
        assert_eq!(parse_port("000080"), Some((Valid(80), Valid(80))));
        assert_eq!(parse_port("$P"), None);
        assert_eq!(parse_port("1.2.3.4:80:80"), None);
    }

    #[test]
    fn expands_variables() {
        let m = Model::new("FROM a\nARG PORTS=\"80 443/tcp\"\nEXPOSE $PORTS $UNSET\n");
        let ports = exposed_ports(&m);
        assert_eq!(ports.len(), 2);
        assert_eq!(ports[1].text, "443/tcp");
    }
}
