//! Word-level slips the shell accepts silently, in any dialect: an
//! unquoted `\t` that is just `t`, a backslash before an ordinary character,
//! a literal `{` or `}` where a group was probably meant, a command name
//! ending in punctuation. One walk over the words that commands run with
//! (command words, assignment values, redirection targets, `for` items);
//! here-document bodies and quoted text are not looked at.

use super::ast::*;
use super::visit::{CommandRef, SimpleCommandRef, Visitor};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lexical {
    /// `\t`, `\n`, `\r` outside quotes, which the shell turns into plain
    /// `t`, `n`, `r` (SC1012): the escape.
    ControlEscape,
    /// A backslash before an ordinary character outside quotes (`\o`,
    /// `\-`, `\/`), which only stands for that character (SC1001): the
    /// escape.
    OrdinaryEscape,
    /// An unquoted `{` or `}` that is neither a brace group nor part of a
    /// brace expansion or `{}` (SC1083): the brace.
    LiteralBrace,
    /// A command name ending in punctuation or a blank (`ls,`, `echo.`,
    /// `"ls "`) (SC2288): the name.
    CommandNamePunctuation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issue {
    pub kind: Lexical,
    pub span: TextRange,
}

/// Every issue of `script` (parsed from `src`), in walk order.
#[must_use]
pub fn find(script: &Script, src: &str) -> Vec<Issue> {
    let mut w = Walk {
        src,
        out: Vec::new(),
    };
    script.walk(&mut w);
    w.out
}

struct Walk<'s> {
    src: &'s str,
    out: Vec<Issue>,
}

impl Walk<'_> {
    fn push(&mut self, kind: Lexical, span: TextRange) {
        self.out.push(Issue { kind, span });
    }

    fn word(&mut self, word: &Word, command_name: bool) {
        for (i, part) in word.parts.iter().enumerate() {
            if let WordPart::Escaped(r) = part {
                // `\ls` is the usual way to bypass an alias.
                if command_name && i == 0 {
                    continue;
                }
                let text = r.slice(self.src);
                match text.as_bytes().get(1) {
                    Some(b'n' | b'r' | b't') => self.push(Lexical::ControlEscape, *r),
                    Some(&c) if is_ordinary(c) => self.push(Lexical::OrdinaryEscape, *r),
                    _ => {}
                }
            }
        }
        // Only the word's own unquoted text matters (not the scripts of its
        // substitutions, which the walk visits on their own).
        if word.parts.iter().any(|p| {
            matches!(p, WordPart::Literal(r)
                if memchr::memchr2(b'{', b'}', r.slice(self.src).as_bytes()).is_some())
        }) {
            self.braces(word);
        }
    }

    /// Unquoted braces that pair into neither `{}` nor a brace expansion.
    /// One pass with a stack of the open braces: linear in the word.
    fn braces(&mut self, word: &Word) {
        // Per open brace: its offset, and whether a `,` or `..` sits at its
        // level.
        let mut open: Vec<(usize, bool)> = Vec::new();
        let mut literal: Vec<usize> = Vec::new();
        for part in &word.parts {
            let WordPart::Literal(r) = part else {
                continue;
            };
            let text = r.slice(self.src).as_bytes();
            for (i, &c) in text.iter().enumerate() {
                let at = r.start() + i;
                match c {
                    b'{' => open.push((at, false)),
                    b'}' => match open.pop() {
                        // `{}` as written, or braces around a list or range.
                        Some((start, list)) if list || at == start + 1 => {}
                        Some((start, _)) => {
                            literal.push(start);
                            literal.push(at);
                        }
                        None => literal.push(at),
                    },
                    b',' => {
                        if let Some(top) = open.last_mut() {
                            top.1 = true;
                        }
                    }
                    b'.' if i > 0 && text[i - 1] == b'.' => {
                        if let Some(top) = open.last_mut() {
                            top.1 = true;
                        }
                    }
                    _ => {}
                }
            }
        }
        literal.extend(open.iter().map(|&(at, _)| at));
        literal.sort_unstable();
        for at in literal {
            self.push(Lexical::LiteralBrace, TextRange::new(at, at + 1));
        }
    }

    fn command_name(&mut self, word: &Word) {
        let Some(last) = word.parts.last() else {
            return;
        };
        let value = match last {
            WordPart::Literal(r) | WordPart::Escaped(r) => r.slice(self.src),
            WordPart::SingleQuoted(r) => {
                let t = r.slice(self.src);
                t.strip_suffix('\'').unwrap_or(t)
            }
            WordPart::DoubleQuoted(d) => match d.parts.last() {
                Some(WordPart::Literal(r) | WordPart::Escaped(r)) => r.slice(self.src),
                _ => return,
            },
            _ => return,
        };
        let Some(c) = value.chars().last() else {
            return;
        };
        let whole = word.text(self.src);
        if matches!(whole, "." | "[" | "[[" | "]]" | "{" | "}") {
            return;
        }
        if matches!(
            c,
            '\\' | '.'
                | ','
                | '('
                | '['
                | '{'
                | '<'
                | '>'
                | '}'
                | ']'
                | ')'
                | '#'
                | '"'
                | '\''
                | '%'
        ) || c.is_whitespace()
        {
            self.push(Lexical::CommandNamePunctuation, word.span);
        }
    }
}

/// A character a backslash outside quotes protects for no reason: it is
/// special neither to the shell nor, usually, to the program (regular
/// expression and glob characters are left alone).
fn is_ordinary(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'/' | b'%' | b'=' | b':' | b'^')
}

impl<'a> Visitor<'a> for Walk<'_> {
    fn command(&mut self, c: CommandRef<'a>) {
        if let Command::For(f) = c.command {
            for w in f.items.iter().flatten() {
                self.word(w, false);
            }
        }
        for r in c.command.redirects() {
            if let RedirectTarget::Word(w) = &r.target {
                self.word(w, false);
            }
        }
    }

    fn simple_command(&mut self, c: SimpleCommandRef<'a>) {
        let c = c.command;
        for a in &c.assignments {
            self.word(&a.value, false);
        }
        for (i, w) in c.words.iter().enumerate() {
            self.word(w, i == 0);
        }
        if let Some(name) = c.words.first() {
            self.command_name(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::parse;

    fn found(src: &str) -> Vec<(Lexical, &str)> {
        find(&parse(src), src)
            .into_iter()
            .map(|f| (f.kind, f.span.slice(src)))
            .collect()
    }

    #[test]
    fn finds_each_slip() {
        use Lexical::*;
        let cases: &[(&str, &[(Lexical, &str)])] = &[
            (
                "sed s/a/\\t/ f; x=a\\nb",
                &[(ControlEscape, "\\t"), (ControlEscape, "\\n")],
            ),
            ("echo \"a\\tb\" 'c\\n' a\\\\tb", &[]),
            (
                "ls \\-l \\o \\. \\* \\| \\$x \\\\",
                &[(OrdinaryEscape, "\\-"), (OrdinaryEscape, "\\o")],
            ),
            ("\\ls -l", &[]),
            (
                "echo {a} x{ } {} a{}b {a,b} {1..3} ${x}}",
                &[
                    (LiteralBrace, "{"),
                    (LiteralBrace, "}"),
                    (LiteralBrace, "{"),
                    (LiteralBrace, "}"),
                    (LiteralBrace, "}"),
                ],
            ),
            ("find . -exec rm {} + ; xargs -I{} cp {} /x", &[]),
            (
                "echo {a,{b,c}} {{a}}",
                &[
                    (LiteralBrace, "{"),
                    (LiteralBrace, "{"),
                    (LiteralBrace, "}"),
                    (LiteralBrace, "}"),
                ],
            ),
            ("{ echo; } && f() { :; }", &[]),
            (
                "ls, -l; echo. hi; \"ls \" x; cd..; x=1 cmd%",
                &[
                    (CommandNamePunctuation, "ls,"),
                    (CommandNamePunctuation, "echo."),
                    (CommandNamePunctuation, "\"ls \""),
                    (CommandNamePunctuation, "cd.."),
                    (CommandNamePunctuation, "cmd%"),
                ],
            ),
            ("[ a = b ] && . f && : x && $x y && a\"b\" c", &[]),
            ("cat <<EOF\n\\t {a}\nEOF\n", &[]),
        ];
        for (src, want) in cases {
            assert_eq!(&found(src), want, "in {src:?}");
        }
    }
}
