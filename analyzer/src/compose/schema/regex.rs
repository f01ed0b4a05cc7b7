//! The small regular-expression dialect the Compose schema's `pattern` and
//! `patternProperties` use, matched in linear time.
//!
//! Supported: literal characters, `\` escapes (`\d`, `\w`, `\s`, escaped
//! punctuation), `.` (any character but a newline), bracket classes with
//! ranges and negation, groups (`(…)`, `(?:…)`), alternation `|`, the
//! quantifiers `*`, `+`, `?`, and the anchors `^` / `$` (start and end of
//! the text, as in Go and ECMAScript without the multi-line flag). A match
//! may start anywhere, as JSON Schema requires (`patternProperties` keys are
//! not implicitly anchored).
//!
//! Matching is a Pike VM (a set of threads advanced one character at a
//! time), so no input makes it backtrack. The schema's patterns are fixed and
//! the generator's tests compile every one of them; anything outside the
//! dialect is a compile error, not a silent mismatch. Two common shapes take
//! a fast path: `^literal` (a prefix test, e.g. `^x-`) and `^[class]+$`.

/// One compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    /// `^literal`.
    Prefix(String),
    /// `^[class]+$`.
    ClassRun(Class),
    /// `[class]+` unanchored: some character of the class.
    ClassSomewhere(Class),
    Program(Vec<Inst>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Class {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        let inside = self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
        inside != self.negated
    }
}

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    /// `.`: any character but `\n`.
    Any,
    Class(Class),
    Split(usize, usize),
    Jmp(usize),
    /// `^`.
    Start,
    /// `$`.
    End,
    Match,
}

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Group(Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Star(Box<Node>),
    Plus(Box<Node>),
    Opt(Box<Node>),
}

/// Why a pattern does not compile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexError {
    pub message: String,
    /// Character offset in the pattern.
    pub at: usize,
}

impl Regex {
    /// Compiles `pattern`.
    ///
    /// # Errors
    /// When the pattern is outside the supported dialect.
    pub fn new(pattern: &str) -> Result<Regex, RegexError> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut p = Parser { chars, at: 0 };
        let node = p.alt()?;
        if p.at < p.chars.len() {
            return Err(p.error("unbalanced `)`"));
        }
        let kind = if let Some(prefix) = literal_prefix(&node) {
            Kind::Prefix(prefix)
        } else if let Some(class) = class_run(&node) {
            Kind::ClassRun(class)
        } else if let Some(class) = class_somewhere(&node) {
            Kind::ClassSomewhere(class)
        } else {
            Kind::Program(program(&node))
        };
        Ok(Regex { kind })
    }

    /// A pattern that matches nothing.
    #[must_use]
    pub fn never() -> Regex {
        Regex {
            kind: Kind::ClassRun(Class {
                ranges: Vec::new(),
                negated: false,
            }),
        }
    }

    /// Whether the pattern matches somewhere in `text`.
    #[must_use]
    pub fn is_match(&self, text: &str) -> bool {
        match &self.kind {
            Kind::Prefix(p) => text.starts_with(p.as_str()),
            Kind::ClassRun(class) => !text.is_empty() && text.chars().all(|c| class.matches(c)),
            Kind::ClassSomewhere(class) => text.chars().any(|c| class.matches(c)),
            Kind::Program(prog) => run(prog, text),
        }
    }
}

/// The Pike VM program of a pattern.
fn program(node: &Node) -> Vec<Inst> {
    let mut prog = Vec::new();
    compile(node, &mut prog);
    prog.push(Inst::Match);
    prog
}

fn literal_prefix(node: &Node) -> Option<String> {
    let Node::Concat(items) = node else {
        return None;
    };
    let (Node::Start, rest) = items.split_first()? else {
        return None;
    };
    rest.iter()
        .map(|n| match n {
            Node::Char(c) => Some(*c),
            _ => None,
        })
        .collect()
}

/// The class one character of `node` matches, for a character, `.` or a
/// bracket class.
fn as_class(node: &Node) -> Option<Class> {
    match node {
        Node::Class(c) => Some(c.clone()),
        Node::Char(c) => Some(Class {
            ranges: vec![(*c, *c)],
            negated: false,
        }),
        Node::Any => Some(Class {
            ranges: vec![('\n', '\n')],
            negated: true,
        }),
        _ => None,
    }
}

/// `^[class]+$` (also `^.+$`).
fn class_run(node: &Node) -> Option<Class> {
    let Node::Concat(items) = node else {
        return None;
    };
    match items.as_slice() {
        [Node::Start, Node::Plus(inner), Node::End] => as_class(inner),
        _ => None,
    }
}

/// `[class]+` without anchors (also `.+`): one character of the class
/// anywhere is a match.
fn class_somewhere(node: &Node) -> Option<Class> {
    match node {
        Node::Plus(inner) => as_class(inner),
        Node::Concat(items) => match items.as_slice() {
            [Node::Plus(inner)] => as_class(inner),
            _ => None,
        },
        _ => None,
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn error(&self, message: &str) -> RegexError {
        RegexError {
            message: message.to_owned(),
            at: self.at,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn alt(&mut self) -> Result<Node, RegexError> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, RegexError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = match self.peek() {
                Some('*') => Node::Star(Box::new(atom)),
                Some('+') => Node::Plus(Box::new(atom)),
                Some('?') => Node::Opt(Box::new(atom)),
                Some('{') => return Err(self.error("counted repetition is not supported")),
                _ => {
                    items.push(atom);
                    continue;
                }
            };
            self.at += 1;
            if matches!(self.peek(), Some('*' | '+' | '?')) {
                return Err(self.error("lazy or repeated quantifiers are not supported"));
            }
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let c = self.peek().ok_or_else(|| self.error("unexpected end"))?;
        self.at += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Any,
            '(' => {
                if self.chars[self.at..].starts_with(&['?', ':']) {
                    self.at += 2;
                } else if self.peek() == Some('?') {
                    return Err(self.error("group flags are not supported"));
                }
                let inner = self.alt()?;
                if self.peek() != Some(')') {
                    return Err(self.error("missing `)`"));
                }
                self.at += 1;
                Node::Group(Box::new(inner))
            }
            '[' => Node::Class(self.class()?),
            '\\' => self.escape(false)?,
            '*' | '+' | '?' => return Err(self.error("quantifier without operand")),
            c => Node::Char(c),
        })
    }

    /// After a `\`: a class escape or a literal character.
    fn escape(&mut self, in_class: bool) -> Result<Node, RegexError> {
        let c = self.peek().ok_or_else(|| self.error("trailing `\\`"))?;
        self.at += 1;
        let ranges: &[(char, char)] = match c {
            'd' => &[('0', '9')],
            'w' => &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
            's' => &[('\t', '\n'), ('\u{c}', '\r'), (' ', ' ')],
            'n' => return Ok(Node::Char('\n')),
            't' => return Ok(Node::Char('\t')),
            'r' => return Ok(Node::Char('\r')),
            c if c.is_ascii_punctuation() => return Ok(Node::Char(c)),
            _ => {
                let _ = in_class;
                return Err(self.error("unsupported escape"));
            }
        };
        Ok(Node::Class(Class {
            ranges: ranges.to_vec(),
            negated: false,
        }))
    }

    fn class(&mut self) -> Result<Class, RegexError> {
        let mut negated = false;
        if self.peek() == Some('^') {
            negated = true;
            self.at += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek().ok_or_else(|| self.error("missing `]`"))?;
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Node::Char(c) => c,
                    Node::Class(class) => {
                        ranges.extend(class.ranges);
                        continue;
                    }
                    _ => return Err(self.error("unsupported escape in class")),
                }
            } else {
                c
            };
            // A range `a-z`, unless the `-` is last (`[._-]`).
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let hi = self.peek().ok_or_else(|| self.error("missing `]`"))?;
                self.at += 1;
                let hi = if hi == '\\' {
                    match self.escape(true)? {
                        Node::Char(c) => c,
                        _ => return Err(self.error("class escape as range end")),
                    }
                } else {
                    hi
                };
                if hi < lo {
                    return Err(self.error("inverted range"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Class { ranges, negated })
    }
}

fn compile(node: &Node, prog: &mut Vec<Inst>) {
    match node {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class(c) => prog.push(Inst::Class(c.clone())),
        Node::Start => prog.push(Inst::Start),
        Node::End => prog.push(Inst::End),
        Node::Group(inner) => compile(inner, prog),
        Node::Concat(items) => {
            for item in items {
                compile(item, prog);
            }
        }
        Node::Alt(branches) => {
            // split L1, next; L1: branch; jmp end; next: split …
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(branch, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    compile(branch, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Star(inner) => {
            let split = prog.len();
            prog.push(Inst::Split(split + 1, 0));
            compile(inner, prog);
            prog.push(Inst::Jmp(split));
            let end = prog.len();
            prog[split] = Inst::Split(split + 1, end);
        }
        Node::Plus(inner) => {
            let start = prog.len();
            compile(inner, prog);
            let next = prog.len() + 1;
            prog.push(Inst::Split(start, next));
        }
        Node::Opt(inner) => {
            let split = prog.len();
            prog.push(Inst::Split(split + 1, 0));
            compile(inner, prog);
            let end = prog.len();
            prog[split] = Inst::Split(split + 1, end);
        }
    }
}

/// Adds `pc` and what it reaches without consuming a character.
fn add(
    prog: &[Inst],
    list: &mut Vec<usize>,
    seen: &mut [bool],
    pc: usize,
    at_start: bool,
    at_end: bool,
) {
    let mut stack = vec![pc];
    while let Some(pc) = stack.pop() {
        if seen[pc] {
            continue;
        }
        seen[pc] = true;
        match prog[pc] {
            Inst::Split(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            Inst::Jmp(t) => stack.push(t),
            Inst::Start => {
                if at_start {
                    stack.push(pc + 1);
                }
            }
            Inst::End => {
                if at_end {
                    stack.push(pc + 1);
                }
            }
            _ => list.push(pc),
        }
    }
}

fn run(prog: &[Inst], text: &str) -> bool {
    let mut current = Vec::new();
    let mut next = Vec::new();
    let mut seen = vec![false; prog.len()];
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    loop {
        let at_end = chars.peek().is_none();
        // A match may start at every position.
        add(prog, &mut current, &mut seen, 0, at_start, at_end);
        if current.iter().any(|&pc| matches!(prog[pc], Inst::Match)) {
            return true;
        }
        let Some(c) = chars.next() else {
            return false;
        };
        let after_end = chars.peek().is_none();
        seen.iter_mut().for_each(|s| *s = false);
        for &pc in &current {
            let step = match &prog[pc] {
                Inst::Char(x) => *x == c,
                Inst::Any => c != '\n',
                Inst::Class(class) => class.matches(c),
                _ => false,
            };
            if step {
                add(prog, &mut next, &mut seen, pc + 1, false, after_end);
            }
        }
        std::mem::swap(&mut current, &mut next);
        next.clear();
        at_start = false;
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Parser, Regex, program, run};

    fn m(p: &str, t: &str) -> bool {
        Regex::new(p).expect("compiles").is_match(t)
    }

    #[test]
    fn the_schema_patterns() {
        assert!(m("^x-", "x-common"));
        assert!(!m("^x-", "ax-"));
        assert!(!m("^x-", "X-a"));
        assert!(m("^[a-zA-Z0-9._-]+$", "my.net-1_a"));
        assert!(!m("^[a-zA-Z0-9._-]+$", "my net"));
        assert!(!m("^[a-zA-Z0-9._-]+$", ""));
        assert!(m("^.+$", "anything at all"));
        assert!(!m("^.+$", ""));
        assert!(!m("^.+$", "two\nlines"));
        assert!(m(".+", "two\nlines"));
        assert!(!m(".+", ""));
        assert!(m("^[a-z]+$", "nofile"));
        assert!(!m("^[a-z]+$", "noFile"));
        // Unanchored: a match anywhere counts.
        let name = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";
        assert!(m(name, "myproject"));
        assert!(m(name, "--ab"));
        assert!(!m(name, "a"));
        let pull =
            "always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+";
        for ok in ["always", "missing", "every_12h", "every_1d12h", "daily"] {
            assert!(m(pull, ok), "{ok}");
        }
        assert!(!m(pull, "sometimes"));
        assert!(!m(pull, "every_"));
    }

    #[test]
    fn general_constructs() {
        assert!(m("^a(b|c)*d$", "abcbd"));
        assert!(!m("^a(b|c)*d$", "abxd"));
        assert!(m("^(?:ab)?c$", "c"));
        assert!(m("^(?:ab)?c$", "abc"));
        assert!(m(r"^\d+\.\d+$", "1.25"));
        assert!(!m(r"^\d+\.\d+$", "1x25"));
        assert!(m(r"^[^/]+$", "abc"));
        assert!(!m(r"^[^/]+$", "a/b"));
        assert!(m(r"^\w+\s\w+$", "a_1 b"));
        assert!(m("^$", ""));
        assert!(!m("^$", "a"));
        assert!(m("b", "abc"));
        assert!(m("c$", "abc"));
        assert!(!m("b$", "abc"));
    }

    #[test]
    fn unsupported_syntax_is_an_error() {
        for p in ["a{2}", "(?i)a", "a**", "[a", "(a", "a)", "\\q", "*a"] {
            assert!(Regex::new(p).is_err(), "{p}");
        }
    }

    #[test]
    fn never_matches() {
        let r = Regex::never();
        assert!(!r.is_match("") && !r.is_match("x-a") && !r.is_match("anything"));
    }

    #[test]
    fn fast_paths_agree_with_the_vm() {
        for pattern in [".+", "^.+$", "^[a-z]+$", "a+", "[0-9]+", "^x-", "^[^a]+$"] {
            let fast = Regex::new(pattern).expect("compiles");
            let mut p = Parser {
                chars: pattern.chars().collect(),
                at: 0,
            };
            let prog = program(&p.alt().expect("parses"));
            for text in [
                "", "\n", "a", "a\nb", "\n\n", "é", "x-y", "abc", "12", "b\n",
            ] {
                assert_eq!(
                    fast.is_match(text),
                    run(&prog, text),
                    "{pattern:?} on {text:?}"
                );
            }
        }
        assert!(matches!(
            Regex::new(".+").expect("compiles").kind,
            Kind::ClassSomewhere(_)
        ));
        assert!(matches!(
            Regex::new("^.+$").expect("compiles").kind,
            Kind::ClassRun(_)
        ));
    }

    #[test]
    fn no_backtracking_blowup() {
        let r = Regex::new("^(a|a)*(a|a)*(a|a)*b$").expect("compiles");
        let text = "a".repeat(10_000);
        assert!(!r.is_match(&text));
    }
}
