use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `LABEL` key that does not follow Docker's key format: it must
    /// start with a lowercase letter, end with a lowercase letter or a
    /// digit, contain only lowercase letters, digits, `.`, `-` and `_` (as
    /// hadolint 2.15 accepts them), have no
    /// `..` or `--`, and stay out of the reserved namespaces `com.docker.`,
    /// `io.docker.` and `org.dockerproject.`. Keys are checked after variable
    /// expansion; a key whose value is unknown is not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read labels expect reverse-DNS keys in this format
    /// (`org.opencontainers.image.source`); other keys may be ignored or
    /// clash with Docker's own.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="jane@example.com"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    pub InvalidLabelKey {
        code: "DL3048",
        name: "invalid-label-key",
        aliases: [],
        severity: Style,
        category: Style,
        default: true,
        fix: None,
    }
}

impl Rule for InvalidLabelKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for label in cx.labels() {
            if label.key.contains('$') {
                continue;
            }
            if let Some(problem) = key_problem(&label.key) {
                cx.report(
                    label.key_range,
                    format!("Label key `{}` is invalid: {problem}", label.key),
                );
            }
        }
    }
}

/// What is wrong with `key`, if anything.
fn key_problem(key: &str) -> Option<String> {
    if key.is_empty() {
        return Some("it is empty".to_owned());
    }
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some("it has uppercase letters".to_owned());
    }
    if let Some(bad) = key
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')))
    {
        return Some(format!(
            "`{bad}` is not allowed (only lowercase letters, digits, `.`, `-` and `_`)"
        ));
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("it must start with a lowercase letter".to_owned());
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("it must end with a lowercase letter or a digit".to_owned());
    }
    if key.contains("..") || key.contains("--") {
        return Some("it has consecutive separators".to_owned());
    }
    for ns in ["com.docker.", "io.docker.", "org.dockerproject."] {
        if key.starts_with(ns) {
            return Some(format!("`{ns}` is reserved for Docker"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&InvalidLabelKey)
            .pass([
                "FROM a\nLABEL org.opencontainers.image.version=1.0 maintainer=me\n",
                "FROM a\nLABEL \"com.example.vendor\"=\"ACME\"\n",
                "FROM a\nLABEL version 1.0\n",
                "FROM a\nLABEL created_by=me com.redhat.license_terms=x\n",
                "FROM a\nLABEL $KEY=x\n",
                "FROM a\nARG K=vendor\nLABEL com.example.$K=x\n",
            ])
            .fail([
                "FROM a\nLABEL Maintainer=me\n",
                "FROM a\nLABEL com.docker.thing=1\n",
                "FROM a\nLABEL a..b=1 c_d=2\n",
                "FROM a\nLABEL a.b=1 C_d=2\n",
                "FROM a\nLABEL 1abc=x\n",
                "FROM a\nLABEL abc.=x\n",
                "FROM a\nARG K=Vendor\nLABEL com.example.$K=x\n",
            ])
            .test();
    }

    #[test]
    fn problems() {
        assert!(key_problem("a-b.c9").is_none());
        assert!(key_problem("a--b").is_some());
        assert!(key_problem("-ab").is_some());
        assert!(key_problem("io.docker.x").is_some());
    }
}
