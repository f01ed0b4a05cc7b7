use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::families::label_schema::{example_schema, report_mistyped};

declare_rule! {
    /// ## What it does
    /// Flags a label whose type in the label schema is `spdx` and whose value
    /// is not an SPDX license expression (`MIT`, `Apache-2.0 OR MIT`). Values
    /// are checked after variable expansion; empty values (see DL3051) and
    /// values with a variable whose value is unknown are not checked. The
    /// expression's syntax is checked (license ids, `AND`, `OR`, `WITH`,
    /// parentheses, `LicenseRef-`), not whether each id is on the SPDX license
    /// list.
    ///
    /// ## Why is this bad?
    /// Tools that read the label expect an SPDX license expression; a value in
    /// another format is ignored or misread.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache License 2.0"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## Options
    /// - `label-schema`: label names and their types; this rule checks the
    ///   labels of type `spdx`. Without a schema it does nothing.
    ///   (The examples use `org.opencontainers.image.licenses = "spdx"`.)
    pub LabelNotSpdx {
        code: "DL3054",
        name: "label-not-spdx",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// An SPDX license expression: license ids (`MIT`, `GPL-2.0-or-later`,
/// `Apache-2.0+`, `LicenseRef-x`, `DocumentRef-a:LicenseRef-b`) joined by
/// `AND`, `OR`, `WITH <exception>` and parentheses. The syntax is checked,
/// not membership in the SPDX license list.
fn is_spdx(value: &str) -> bool {
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

impl Rule for LabelNotSpdx {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_mistyped(cx, LabelType::Spdx, is_spdx, "an SPDX license expression");
    }

    fn example_options(&self, options: &mut RuleOptions) {
        example_schema(
            options,
            "org.opencontainers.image.licenses",
            LabelType::Spdx,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn vectors() {
        Tester::new(&LabelNotSpdx)
            .options(|o| LabelNotSpdx.example_options(o))
            .pass([
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"Apache-2.0 OR MIT\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"GPL-2.0-only WITH Classpath-exception-2.0\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=$UNSET\n",
                "FROM a\nLABEL other=\"MIT/X11\"\n",
            ])
            .fail([
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT/X11\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"Apache License 2.0\"\n",
                "FROM a\nLABEL org.opencontainers.image.licenses=\"MIT OR\"\n",
                "FROM a\nARG V=\"MIT/X11\"\nLABEL org.opencontainers.image.licenses=$V\n",
            ])
            .test();
    }

    #[test]
    fn silent_without_schema() {
        assert_silent_without_options(
            &LabelNotSpdx,
            ["FROM a\nLABEL org.opencontainers.image.licenses=\"MIT/X11\"\n"],
        );
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
}
