use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `rfc3339` and whose
    /// value is not an RFC 3339 date-time (`2024-05-01T12:30:00Z`). Values are
    /// checked after variable expansion; empty values (see DL3051) and values
    /// with a variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an RFC 3339 date-time; a value in
    /// another format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `rfc3339`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.created = "rfc3339"`.)
    pub LabelNotRfc3339 {
        code: "DL3053",
        name: "label-not-rfc3339",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
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
fn is_rfc3339(value: &str) -> bool {
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

impl Rule for LabelNotRfc3339 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Rfc3339, is_rfc3339, "an RFC 3339 date-time");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(
            options,
            "org.opencontainers.image.created",
            LabelType::Rfc3339,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotRfc3339)
            .options(|o| LabelNotRfc3339.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00Z\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00.5+02:00\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=$UNSET\n",
                "FROM a\nLABEL other=\"2024-05-01\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"yesterday\"\n",
                "FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01T12:30:00\"\n",
                "FROM a\nARG V=\"2024-05-01\"\nLABEL org.opencontainers.image.created=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotRfc3339,
            ["FROM a\nLABEL org.opencontainers.image.created=\"2024-05-01\"\n"],
        );
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
}
