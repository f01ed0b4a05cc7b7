use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `ENV` and `LABEL` in the legacy `key value` form (a space instead
    /// of `=`). This is BuildKit's `LegacyKeyValueFormat` check.
    ///
    /// ## Why is this bad?
    /// The legacy form takes everything after the key as the value, so it
    /// can set only one variable, and `ENV A 1 B 2` sets `A` to `1 B 2`. The
    /// `key=value` form is unambiguous; Docker deprecates the other one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME /srv/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/srv/app
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the pair as `key=value`, quoting the value with `"`
    /// when it holds spaces. It is safe and is offered only when the new form
    /// yields exactly the same value (not when the value holds quotes or
    /// escape characters whose meaning would change).
    pub LegacyKeyValueFormat {
        code: "DW2007",
        name: "legacy-key-value-format",
        aliases: ["LegacyKeyValueFormat"],
        severity: Style,
        category: Style,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for LegacyKeyValueFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let escape = cx.model.file.escape.as_char();
        for (i, inst) in cx.model.instructions().iter().enumerate() {
            let name = match inst.keyword {
                Keyword::Env => "ENV",
                Keyword::Label => "LABEL",
                _ => continue,
            };
            let Args::KeyValues(pairs) = &inst.args else {
                continue;
            };
            for pair in pairs.iter().filter(|p| !p.equals) {
                let key = pair.key.text(inst, src);
                let value = pair.value.text(inst, src);
                let range = TextRange::new(pair.key.range.start(), pair.value.range.end());
                let diag = cx
                    .report(
                        range,
                        format!("{name} uses the legacy `key value` format instead of `key=value`"),
                    )
                    .with_instruction(i);
                if let Some(text) = rewrite(key, value, escape) {
                    diag.with_fix(Fix::safe(
                        "Use `key=value`",
                        vec![Edit::replace(range, text)],
                    ));
                }
            }
        }
    }
}

/// `key=value` with the same meaning as the legacy pair, if there is one.
fn rewrite(key: &str, value: &str, escape: char) -> Option<String> {
    let special = |c: char| c == '"' || c == '\'' || c == escape;
    if key.is_empty() || key.contains(special) || key.contains(char::is_whitespace) {
        return None;
    }
    if value.is_empty() {
        return None;
    }
    // One word already (quotes included): `key=value` reads it the same way.
    if count_words(value, escape) == Some(1)
        && !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace)
    {
        return Some(format!("{key}={value}"));
    }
    // Otherwise wrap it in double quotes, which keep spaces and `$`
    // expansion but change the meaning of quotes and escapes.
    if value.contains(special) {
        return None;
    }
    Some(format!("{key}=\"{value}\""))
}

/// The number of words BuildKit's `parseWords` splits `text` into (quotes
/// and escapes keep white space inside a word); `None` on an unterminated
/// quote.
fn count_words(text: &str, escape: char) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else if c == escape && q != '\'' {
                chars.next();
            }
            continue;
        }
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            words += 1;
            in_word = true;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        } else if c == escape {
            chars.next();
        }
    }
    quote.is_none().then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LegacyKeyValueFormat)
            .pass([
                "FROM alpine\nENV A=b\n",
                "FROM alpine\nENV A=b C=\"d e\"\n",
                "FROM alpine\nLABEL a=b\n",
            ])
            .fail([
                "FROM alpine\nENV A b\n",
                "FROM alpine\nLABEL maintainer me@example.com\n",
                "FROM alpine\nENV A b c\n",
                "FROM alpine\nENV A 'b c' \"d\"\n",
                "ENV A b\n",
            ])
            .fix([
                ("FROM alpine\nENV A b\n", "FROM alpine\nENV A=b\n"),
                ("FROM alpine\nenv A b  c\n", "FROM alpine\nenv A=\"b  c\"\n"),
                (
                    "FROM alpine\nENV A \"b c\"\n",
                    "FROM alpine\nENV A=\"b c\"\n",
                ),
                (
                    "FROM alpine\nENV P $PATH:/x\n",
                    "FROM alpine\nENV P=$PATH:/x\n",
                ),
                (
                    "FROM alpine\nLABEL description A long \\\n  text\n",
                    "FROM alpine\nLABEL description=\"A long   text\"\n",
                ),
                // Quotes and words mixed: no exact rewrite, left alone.
                (
                    "FROM alpine\nENV A 'b c' d\n",
                    "FROM alpine\nENV A 'b c' d\n",
                ),
            ])
            .test();
    }

    #[test]
    fn words() {
        assert_eq!(count_words("a", '\\'), Some(1));
        assert_eq!(count_words("\"a b\"", '\\'), Some(1));
        assert_eq!(count_words("a\\ b", '\\'), Some(1));
        assert_eq!(count_words("a b", '\\'), Some(2));
        assert_eq!(count_words("'a", '\\'), None);
    }
}
