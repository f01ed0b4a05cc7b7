use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `semver` and whose value
    /// is not a semantic version (`1.2.3`, `2.0.0-rc.1`). Values are checked
    /// after variable expansion; empty values (see DL3051) and values with a
    /// variable whose value is unknown are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect a semantic version; a value in another
    /// format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `semver`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.version = "semver"`.)
    pub LabelNotSemver {
        code: "DL3056",
        name: "label-not-semver",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A semantic version (semver.org 2.0.0): `1.2.3`, `1.0.0-rc.1+build.5`.
fn is_semver(value: &str) -> bool {
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

impl Rule for LabelNotSemver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Semver, is_semver, "a semantic version");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(
            options,
            "org.opencontainers.image.version",
            LabelType::Semver,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotSemver)
            .options(|o| LabelNotSemver.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.version=\"1.2.3\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"2.0.0-rc.1+build.7\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=$UNSET\n",
                "FROM a\nLABEL other=\"v1.2.3\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.version=\"v1.2.3\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"1.2\"\n",
                "FROM a\nLABEL org.opencontainers.image.version=\"latest\"\n",
                "FROM a\nARG V=\"v1.2.3\"\nLABEL org.opencontainers.image.version=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotSemver,
            ["FROM a\nLABEL org.opencontainers.image.version=\"v1.2.3\"\n"],
        );
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
}
