use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `email` and whose value
    /// is not an RFC 5322 email address (`jane@example.com`). Values are
    /// checked after variable expansion; empty values (see DL3051) and values
    /// with a variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an email address; a value in another
    /// format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `email`. Without a schema it does nothing.
    ///   (The examples use `maintainer = "email"`.)
    pub LabelNotEmail {
        code: "DL3058",
        name: "label-not-email",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// An RFC 5322 address (`addr-spec`): a dot-atom or quoted local part, `@`,
/// a dot-atom domain or a domain literal (`[192.0.2.1]`).
fn is_email(value: &str) -> bool {
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

impl Rule for LabelNotEmail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Email, is_email, "an email address");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(options, "maintainer", LabelType::Email);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotEmail)
            .options(|o| LabelNotEmail.example_options(o))
            .pass([
                "FROM a\nLABEL maintainer=\"jane@example.com\"\n",
                "FROM a\nLABEL maintainer=\"\\\"j d\\\"@example.com\"\n",
                "FROM a\nLABEL maintainer=\"\"\n",
                "FROM a\nLABEL maintainer=$UNSET\n",
                "FROM a\nLABEL other=\"Jane Doe <jane@example.com>\"\n",
            ])
            .fail([
                "FROM a\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
                "FROM a\nLABEL maintainer=\"jane\"\n",
                "FROM a\nLABEL maintainer=\"jane@\"\n",
                "FROM a\nARG V=\"Jane Doe <jane@example.com>\"\nLABEL maintainer=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotEmail,
            ["FROM a\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n"],
        );
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
