use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Scope, Visitor, Word, WordPart};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags command substitutions written with backticks, `` `cmd` ``,
    /// anywhere in a `RUN` script (also nested, in double quotes, in
    /// here-documents). Empty ones (`` `` ``, `` ` ` ``) are not flagged.
    ///
    /// ## Why is this bad?
    /// Backticks are the legacy form of `$(cmd)`: they do not nest without
    /// escaping, and backslashes inside them are processed twice, which
    /// makes `"`…`\"…\"`…`"` and `\$` hard to read and easy to get wrong.
    /// `$(…)` nests and quotes like any other shell text.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "deb http://deb.example.com `lsb_release -cs` main" > /etc/apt/sources.list.d/x.list
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "deb http://deb.example.com $(lsb_release -cs) main" > /etc/apt/sources.list.d/x.list
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites `` `cmd` `` as `$(cmd)`, dropping the backslashes
    /// that only escaped an inner backtick, backslash or `$` (and `"` when
    /// the backticks are inside double quotes), and adding a space when the
    /// command starts with `(` so that `$( (` is not read as arithmetic.
    /// Nested backticks are rewritten one level per round. It is safe: the
    /// shell runs the same command. No fix is offered for an unterminated
    /// substitution or one holding a comment.
    pub BacktickCommandSubstitution {
        code: "SC2006",
        name: "backtick-command-substitution",
        aliases: [],
        severity: Style,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

/// A backtick substitution found in a word.
struct Backtick {
    span: TextRange,
    in_double_quotes: bool,
    empty: bool,
}

#[derive(Default)]
struct Collect {
    found: Vec<Backtick>,
}

impl Collect {
    fn parts(&mut self, parts: &[WordPart], dq: bool) {
        for p in parts {
            match p {
                WordPart::DoubleQuoted(d) => self.parts(&d.parts, true),
                WordPart::Param(x) => self.parts(&x.parts, dq),
                WordPart::Arith(a) => self.parts(&a.parts, dq),
                WordPart::CommandSubst(c) if c.backtick => self.found.push(Backtick {
                    span: c.span,
                    in_double_quotes: dq,
                    empty: c.body.items.is_empty(),
                }),
                _ => {}
            }
        }
    }
}

impl<'a> Visitor<'a> for Collect {
    fn word(&mut self, word: &'a Word, _scope: Scope<'a>) {
        self.parts(&word.parts, false);
    }
}

impl Rule for BacktickCommandSubstitution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let mut c = Collect::default();
            run.script.walk(&mut c);
            let mut found = c.found;
            found.retain(|b| !b.empty);
            found.sort_by_key(|b| (b.span.start(), std::cmp::Reverse(b.span.end())));
            let src = run.text.as_str();
            // The end of the outermost backtick seen so far: one starting
            // before it is nested in it.
            let mut outer_end = 0;
            for b in &found {
                let nested = b.span.start() < outer_end;
                if !nested {
                    outer_end = b.span.end();
                }
                let fix = if nested {
                    None
                } else {
                    dollar_paren(src, b, &run.script.comments)
                };
                let d = cx
                    .report(
                        run.file_range(b.span),
                        "Command substitution in legacy backticks",
                    )
                    .with_instruction(run.instruction);
                if let Some(text) = fix {
                    d.with_fix(Fix::safe(
                        "Replace the backticks with `$(…)`",
                        vec![Edit::replace(run.file_range(b.span), text)],
                    ));
                }
            }
        }
    }
}

/// `` `cmd` `` as `$(cmd)`; `None` when the rewrite is not mechanical.
fn dollar_paren(src: &str, b: &Backtick, comments: &[TextRange]) -> Option<String> {
    let text = b.span.slice(src);
    if text.len() < 2 || !text.ends_with('`') || !text.starts_with('`') {
        return None;
    }
    if comments.iter().any(|c| b.span.contains_range(*c)) {
        return None;
    }
    let body = &text[1..text.len() - 1];
    let mut out = String::with_capacity(body.len() + 3);
    out.push_str("$(");
    if body.starts_with('(') {
        out.push(' ');
    }
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('`' | '$') => continue,
                Some('"') if b.in_double_quotes => continue,
                Some('\\') => {
                    chars.next();
                    // `\\` before a line end would change Docker's line
                    // continuation.
                    let rest = chars.clone().find(|&c| c != ' ' && c != '\t');
                    if rest == Some('\n') {
                        return None;
                    }
                    out.push('\\');
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out.push(')');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&BacktickCommandSubstitution)
            .pass([
                "FROM a\nRUN echo $(date)\n",
                "FROM a\nRUN echo '`date`'\n",
                "FROM a\nRUN echo \\`date\\`\n",
                "FROM a\nRUN echo `` ` `\n",
                "FROM a\nRUN cat > /f <<'EOF'\necho `date`\nEOF\n",
                "FROM a\nCMD echo `date`\n",
            ])
            .fail([
                "FROM a\nRUN echo `date`\n",
                "FROM a\nRUN echo \"deb x `lsb_release -cs` main\" > /etc/apt/sources.list\n",
                "FROM a\nRUN X=`echo \\`date\\``\n",
                "FROM a\nRUN <<EOF\necho `uname -m`\nEOF\n",
                "FROM a\nRUN cat > /f <<EOF\narch=`uname -m`\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"echo `date`\"]\n",
                "FROM a\nRUN echo `date # now`\n",
                "FROM a\nRUN echo `date\n",
            ])
            .fix([
                ("FROM a\nRUN echo `date`\n", "FROM a\nRUN echo $(date)\n"),
                (
                    "FROM a\nRUN X=`echo \\`date\\``\n",
                    "FROM a\nRUN X=$(echo $(date))\n",
                ),
                (
                    "FROM a\nRUN echo \"`echo \\\"a\\\" \\$HOME \\\\n`\"\n",
                    "FROM a\nRUN echo \"$(echo \"a\" $HOME \\n)\"\n",
                ),
                (
                    "FROM a\nRUN echo `echo \\\"a\\\"`\n",
                    "FROM a\nRUN echo $(echo \\\"a\\\")\n",
                ),
                (
                    "FROM a\nRUN x=`(cd /a; pwd)`\n",
                    "FROM a\nRUN x=$( (cd /a; pwd))\n",
                ),
                (
                    "FROM a\nRUN VERSION=`cat /v \\\n      | cut -d. -f1` && echo $VERSION\n",
                    "FROM a\nRUN VERSION=$(cat /v \\\n      | cut -d. -f1) && echo $VERSION\n",
                ),
                (
                    "FROM a\nRUN <<EOF\necho `uname -m`\nEOF\n",
                    "FROM a\nRUN <<EOF\necho $(uname -m)\nEOF\n",
                ),
                (
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo `date`\"]\n",
                    "FROM a\nRUN [\"sh\", \"-c\", \"echo $(date)\"]\n",
                ),
                (
                    "FROM a\nRUN echo `date # now`\n",
                    "FROM a\nRUN echo `date # now`\n",
                ),
            ])
            .test();
    }
}
