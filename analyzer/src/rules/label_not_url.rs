use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `url` and whose value is
    /// not a valid absolute URL (`https://…`). Values are checked after
    /// variable expansion; empty values (see DL3051) and values with a variable
    /// whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect a URL; a value in another format is
    /// ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/acme/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `url`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.source = "url"`.)
    pub LabelNotUrl {
        code: "DL3052",
        name: "label-not-url",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// An absolute URI (RFC 3986): a scheme, `:`, then URI characters with
/// valid percent-escapes and at most one `#`.
fn is_url(value: &str) -> bool {
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

impl Rule for LabelNotUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Url, is_url, "a URL");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(options, "org.opencontainers.image.source", LabelType::Url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotUrl)
            .options(|o| LabelNotUrl.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.source=\"https://example.com/x\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"git+ssh://git@example.com/x.git\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=$UNSET\n",
                "FROM a\nLABEL other=\"example.com\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.source=\"example.com\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"http://a b\"\n",
                "FROM a\nLABEL org.opencontainers.image.source=\"/relative/path\"\n",
                "FROM a\nARG V=\"example.com\"\nLABEL org.opencontainers.image.source=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotUrl,
            ["FROM a\nLABEL org.opencontainers.image.source=\"example.com\"\n"],
        );
    }

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
}
