use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `hash` and whose value
    /// is not a git commit hash (7 to 40 lowercase hex digits, or 64). Values
    /// are checked after variable expansion; empty values (see DL3051) and
    /// values with a variable whose value is unknown are not checked. hadolint
    /// accepts exactly 7 or 40 digits; dockward accepts any abbreviation git
    /// prints (7 to 40) and SHA-256 hashes.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect a git commit hash; a value in another
    /// format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="4f2d1c9"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `hash`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.revision = "hash"`.)
    pub LabelNotGitHash {
        code: "DL3055",
        name: "label-not-git-hash",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A git commit hash: lowercase hex, abbreviated (7 to 40 digits) or a full
/// SHA-256 (64).
fn is_git_hash(value: &str) -> bool {
    ((7..=40).contains(&value.len()) || value.len() == 64)
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Rule for LabelNotGitHash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Hash, is_git_hash, "a git commit hash");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(
            options,
            "org.opencontainers.image.revision",
            LabelType::Hash,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotGitHash)
            .options(|o| LabelNotGitHash.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.revision=\"4f2d1c9\"\n",
                "FROM a\nLABEL org.opencontainers.image.revision=\"0123456789abcdef0123456789abcdef01234567\"\n",
                "FROM a\nLABEL org.opencontainers.image.revision=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.revision=$UNSET\n",
                "FROM a\nLABEL other=\"main\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.revision=\"main\"\n",
                "FROM a\nLABEL org.opencontainers.image.revision=\"4F2D1C9\"\n",
                "FROM a\nLABEL org.opencontainers.image.revision=\"abc\"\n",
                "FROM a\nARG V=\"main\"\nLABEL org.opencontainers.image.revision=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotGitHash,
            ["FROM a\nLABEL org.opencontainers.image.revision=\"main\"\n"],
        );
    }

    #[test]
    fn hashes() {
        assert!(is_git_hash("abc1234"));
        assert!(is_git_hash("0123456789abcdef0123456789abcdef01234567"));
        assert!(!is_git_hash("abc123"));
        assert!(!is_git_hash("ABC1234"));
        assert!(!is_git_hash("abc123g"));
    }
}
