//! LABEL pairs after expansion, and the value checks of the label schema
//! (hadolint's `label-schema` types), written by hand.

use crate::TextRange;
use crate::config::{LabelType, RuleOptions};
use crate::model::Model;
use crate::syntax::{Args, Keyword};

/// One `key=value` of a top-level LABEL.
#[derive(Clone, Debug)]
pub(crate) struct Label {
    /// The stage (`None` before the first FROM).
    pub stage: Option<usize>,
    /// The key after expansion (quotes removed).
    pub key: String,
    pub key_range: TextRange,
    /// The value after expansion (quotes removed; unset variables kept as
    /// `$NAME`).
    pub value: String,
    pub value_range: TextRange,
}

impl Label {
    /// The value may hold a variable whose value is unknown.
    pub(crate) fn unresolved(&self) -> bool {
        self.value.contains('$')
    }

    /// The range to report a problem with the value at: the value, or the
    /// key when the value is empty.
    pub(crate) fn value_or_key_range(&self) -> TextRange {
        if self.value_range.is_empty() {
            self.key_range
        } else {
            self.value_range
        }
    }
}

/// Every pair of every top-level LABEL, in file order.
pub(crate) fn labels(model: &Model) -> Vec<Label> {
    let src = model.src();
    let mut out = Vec::new();
    for (i, inst) in model.instructions().iter().enumerate() {
        if inst.keyword != Keyword::Label {
            continue;
        }
        let Args::KeyValues(pairs) = &inst.args else {
            continue;
        };
        for p in pairs {
            out.push(Label {
                stage: model
                    .instruction_stage
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|s| s as usize),
                key: model.expand(i, p.key.text(inst, src)),
                key_range: p.key.range,
                value: model.expand(i, p.value.text(inst, src)),
                value_range: p.value.range,
            });
        }
    }
    out
}

/// The labels the schema gives type `ty` whose value is resolved, non-empty
/// and not of that type.
pub(crate) fn mistyped<'l>(
    labels: &'l [Label],
    options: &RuleOptions,
    ty: LabelType,
    valid: fn(&str) -> bool,
) -> Vec<&'l Label> {
    labels
        .iter()
        .filter(|l| options.label_schema.get(&l.key) == Some(&ty))
        .filter(|l| !l.value.is_empty() && !l.unresolved() && !valid(&l.value))
        .collect()
}

/// An absolute URI (RFC 3986): a scheme, `:`, then URI characters with
/// valid percent-escapes and at most one `#`.
pub(crate) fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut sc = scheme.bytes();
    if !sc.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !sc.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    if rest.matches('#').count() > 1 {
        return false;
    }
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// `n` ASCII digits at the start of `s`, as a number.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    let d = s.get(..n)?;
    if !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(d.iter().fold(0, |acc, &b| acc * 10 + u32::from(b - b'0')))
}

/// An RFC 3339 date-time: `2024-05-01T12:30:00Z`, `…T12:30:00.5+02:00`.
pub(crate) fn is_rfc3339(value: &str) -> bool {
    let s = value.as_bytes();
    if s.len() < 20 || s[4] != b'-' || s[7] != b'-' || !matches!(s[10], b'T' | b't') {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(s, 4), digits(&s[5..], 2), digits(&s[8..], 2))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > month_days {
        return false;
    }
    let t = &s[11..];
    let (Some(h), Some(m), Some(sec)) = (digits(t, 2), digits(&t[3..], 2), digits(&t[6..], 2))
    else {
        return false;
    };
    if t[2] != b':' || t[5] != b':' || h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut rest = &t[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', offset @ ..] if offset.len() == 5 && offset[2] == b':' => {
            matches!((digits(offset, 2), digits(&offset[3..], 2)), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// An SPDX license expression: license ids (`MIT`, `GPL-2.0-or-later`,
/// `Apache-2.0+`, `LicenseRef-x`, `DocumentRef-a:LicenseRef-b`) joined by
/// `AND`, `OR`, `WITH <exception>` and parentheses. The syntax is checked,
/// not membership in the SPDX license list.
pub(crate) fn is_spdx(value: &str) -> bool {
    let mut tokens = Vec::new();
    for word in value.split_ascii_whitespace() {
        let mut rest = word;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('(') {
                tokens.push("(");
                rest = r;
            } else if let Some(stripped) = rest.strip_suffix(')') {
                // Closing parentheses at the end of the word come after it.
                let close = rest.len() - stripped.trim_end_matches(')').len();
                let body = &rest[..rest.len() - close];
                if !body.is_empty() {
                    tokens.push(body);
                }
                tokens.extend(std::iter::repeat_n(")", close));
                rest = "";
            } else {
                tokens.push(rest);
                rest = "";
            }
        }
    }
    let mut p = SpdxParser {
        tokens,
        pos: 0,
        depth: 0,
    };
    p.expression() && p.pos == p.tokens.len()
}

struct SpdxParser<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
    depth: u32,
}

impl SpdxParser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).copied()
    }

    fn eat(&mut self, word: &str) -> bool {
        if self
            .peek()
            .is_some_and(|t| t == word || t == word.to_ascii_lowercase())
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expression(&mut self) -> bool {
        if self.depth > 32 {
            return false;
        }
        self.depth += 1;
        let ok = self.and_expression() && {
            let mut ok = true;
            while ok && self.eat("OR") {
                ok = self.and_expression();
            }
            ok
        };
        self.depth -= 1;
        ok
    }

    fn and_expression(&mut self) -> bool {
        if !self.with_expression() {
            return false;
        }
        while self.eat("AND") {
            if !self.with_expression() {
                return false;
            }
        }
        true
    }

    fn with_expression(&mut self) -> bool {
        if !self.primary() {
            return false;
        }
        if self.eat("WITH") {
            return self.id(false);
        }
        true
    }

    fn primary(&mut self) -> bool {
        if self.eat("(") {
            return self.expression() && self.eat(")");
        }
        self.id(true)
    }

    fn id(&mut self, plus: bool) -> bool {
        let Some(tok) = self.peek() else {
            return false;
        };
        if matches!(
            tok,
            "AND" | "OR" | "WITH" | "and" | "or" | "with" | "(" | ")"
        ) {
            return false;
        }
        let tok = if plus {
            tok.strip_suffix('+').unwrap_or(tok)
        } else {
            tok
        };
        let idstring = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        };
        let ok = match tok.split_once(':') {
            Some((doc, lic)) => {
                doc.starts_with("DocumentRef-")
                    && idstring(doc)
                    && lic.starts_with("LicenseRef-")
                    && idstring(lic)
            }
            None => idstring(tok),
        };
        if ok {
            self.pos += 1;
        }
        ok
    }
}

/// A git commit hash: lowercase hex, abbreviated (7 to 40 digits) or a full
/// SHA-256 (64).
pub(crate) fn is_git_hash(value: &str) -> bool {
    ((7..=40).contains(&value.len()) || value.len() == 64)
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A semantic version (semver.org 2.0.0): `1.2.3`, `1.0.0-rc.1+build.5`.
pub(crate) fn is_semver(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

/// An RFC 5322 address (`addr-spec`): a dot-atom or quoted local part, `@`,
/// a dot-atom domain or a domain literal (`[192.0.2.1]`).
pub(crate) fn is_email(value: &str) -> bool {
    let Some(at) = value.rfind('@') else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.is_empty() || value.len() > 254 {
        return false;
    }
    let atext = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
            )
    };
    let dot_atom = |s: &str| {
        s.split('.')
            .all(|part| !part.is_empty() && part.bytes().all(atext))
    };
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        let inner = &local.as_bytes()[1..local.len() - 1];
        let mut i = 0;
        let mut ok = true;
        while i < inner.len() {
            match inner[i] {
                b'\\' if i + 1 < inner.len() && (0x20..0x7f).contains(&inner[i + 1]) => i += 2,
                b'"' | b'\\' => {
                    ok = false;
                    break;
                }
                b if (0x20..0x7f).contains(&b) => i += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        ok
    } else {
        dot_atom(local)
    };
    let domain_ok = if domain.starts_with('[') && domain.ends_with(']') && domain.len() >= 2 {
        domain[1..domain.len() - 1]
            .bytes()
            .all(|b| (0x21..0x7f).contains(&b) && !matches!(b, b'[' | b']' | b'\\'))
    } else {
        dot_atom(domain)
    };
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.com/a?b=c#d",
            "mailto:me@example.com",
            "git+ssh://x/y",
            "http://h/%20",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "example.com",
            "://x",
            "1http://x",
            "http://a b",
            "http://x/%2",
            "http://x/%zz",
            "a#b#c:",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        for ok in [
            "2024-05-01T12:30:00Z",
            "2024-02-29t23:59:60.123+02:00",
            "1999-12-31T00:00:00-00:00",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2024-05-01",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-01 12:30:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:30:00",
            "2024-05-01T12:30:00.Z",
            "2024-05-01T12:30:00+0200",
            "2024-5-01T12:30:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn spdx() {
        for ok in [
            "MIT",
            "Apache-2.0",
            "GPL-2.0+",
            "MIT OR Apache-2.0",
            "(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-custom",
            "DocumentRef-spdx:LicenseRef-x",
            "((MIT))",
        ] {
            assert!(is_spdx(ok), "{ok}");
        }
        for bad in [
            "",
            "MIT OR",
            "MIT Apache-2.0",
            "(MIT",
            "MIT)",
            "MIT/X11",
            "AND",
            "MIT WITH",
            "Doc:Lic",
        ] {
            assert!(!is_spdx(bad), "{bad}");
        }
        assert!(!is_spdx(&"(".repeat(100)));
    }

    #[test]
    fn hashes() {
        assert!(is_git_hash("abc1234"));
        assert!(is_git_hash("0123456789abcdef0123456789abcdef01234567"));
        assert!(!is_git_hash("abc123"));
        assert!(!is_git_hash("ABC1234"));
        assert!(!is_git_hash("abc123g"));
    }

    #[test]
    fn semvers() {
        for ok in [
            "1.2.3",
            "0.0.0",
            "1.0.0-rc.1+build.5",
            "1.0.0-alpha-1",
            "1.0.0+001",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.2",
            "v1.2.3",
            "01.2.3",
            "1.2.3-",
            "1.2.3-01",
            "1.2.3+",
            "1.2.3.4",
            "1.2.3-a..b",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in [
            "jane@example.com",
            "a.b+c@sub.example.org",
            "\"odd one\"@example.com",
            "x@[192.0.2.1]",
            "x@localhost",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "jane",
            "Jane <jane@example.com>",
            "a..b@x",
            "@x",
            "x@",
            "x@a..b",
            "a b@x",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
