//! `.dockerignore` matching with Docker's rules (`moby/patternmatcher` and
//! its `ignorefile` reader), written from their documented behaviour:
//!
//! - one pattern a line; a line starting with `#` is a comment; surrounding
//!   white space is trimmed; `!` starts an exception;
//! - patterns are cleaned like paths (`./a//b/` is `a/b`) and a leading `/`
//!   is dropped: patterns are relative to the context root;
//! - `*` matches any run of characters but `/`, `?` one character but `/`,
//!   `[…]` a character class (`^` negates), `\` escapes the next character;
//!   `**` matches any number of directories (`**/x` matches `x` too), and a
//!   trailing `**` anything;
//! - a pattern matches a path or any of its parent directories, and the last
//!   matching pattern decides (an exception re-includes).

/// A parsed `.dockerignore`.
pub(crate) struct Dockerignore {
    patterns: Vec<Pattern>,
}

struct Pattern {
    /// The cleaned pattern text, without `!`.
    text: String,
    exclusion: bool,
    /// `None` when the pattern is malformed (an unterminated `[`).
    tokens: Option<Vec<Token>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Char(char),
    /// `*`
    Star,
    /// `?`
    AnyChar,
    /// `[…]`: negated, then the ranges.
    Class(bool, Vec<(char, char)>),
    /// `**` followed by more pattern: `(.*/)?`
    AnyDirs,
    /// A trailing `**`: anything.
    AnyRest,
}

impl Dockerignore {
    pub(crate) fn parse(text: &str) -> Dockerignore {
        let mut patterns = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = if n == 0 {
                line.strip_prefix('\u{feff}').unwrap_or(line)
            } else {
                line
            };
            if line.starts_with('#') {
                continue;
            }
            let mut p = line.trim();
            if p.is_empty() {
                continue;
            }
            let exclusion = p.starts_with('!');
            if exclusion {
                p = p[1..].trim();
            }
            let mut cleaned = clean(p);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            if exclusion && cleaned.is_empty() {
                continue;
            }
            patterns.push(Pattern {
                tokens: compile(&cleaned),
                text: cleaned,
                exclusion,
            });
        }
        Dockerignore { patterns }
    }

    /// Whether any pattern is an exception (`!pattern`).
    pub(crate) fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// Whether a non-exception pattern excludes the whole context (`*`,
    /// `**`, `**/*`).
    pub(crate) fn ignores_root(&self) -> bool {
        self.patterns
            .iter()
            .any(|p| !p.exclusion && matches!(p.text.as_str(), "*" | "**" | "**/*"))
    }

    /// Whether `path` (cleaned, relative, `/`-separated) or one of its parent
    /// directories is excluded, the last matching pattern deciding.
    pub(crate) fn excludes(&self, path: &str) -> bool {
        let parents: Vec<&str> = match path.rfind('/') {
            Some(slash) => {
                let dir = &path[..slash];
                dir.match_indices('/')
                    .map(|(i, _)| &dir[..i])
                    .chain(std::iter::once(dir))
                    .collect()
            }
            None => Vec::new(),
        };
        let mut matched = false;
        for p in &self.patterns {
            if p.exclusion != matched {
                continue;
            }
            let Some(tokens) = &p.tokens else { continue };
            if matches(tokens, path) || parents.iter().any(|d| matches(tokens, d)) {
                matched = !p.exclusion;
            }
        }
        matched
    }
}

/// Go's `path.Clean`: single slashes, no `.` elements, `..` resolved, no
/// trailing slash; `.` for an empty result.
pub(crate) fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

fn compile(pattern: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                tokens.push(if i >= chars.len() {
                    Token::AnyRest
                } else {
                    Token::AnyDirs
                });
            }
            '*' => tokens.push(Token::Star),
            '?' => tokens.push(Token::AnyChar),
            '\\' => match chars.get(i) {
                Some(&next) => {
                    tokens.push(Token::Char(next));
                    i += 1;
                }
                None => tokens.push(Token::Char('\\')),
            },
            '[' => {
                let negated = chars.get(i) == Some(&'^');
                if negated {
                    i += 1;
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                while i < chars.len() {
                    let mut lo = chars[i];
                    i += 1;
                    if lo == ']' {
                        closed = true;
                        break;
                    }
                    if lo == '\\' {
                        lo = *chars.get(i)?;
                        i += 1;
                    }
                    let mut hi = lo;
                    if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&c| c != ']') {
                        hi = chars[i + 1];
                        i += 2;
                        if hi == '\\' {
                            hi = *chars.get(i)?;
                            i += 1;
                        }
                    }
                    ranges.push((lo, hi));
                }
                if !closed {
                    return None;
                }
                tokens.push(Token::Class(negated, ranges));
            }
            c => tokens.push(Token::Char(c)),
        }
    }
    Some(tokens)
}

/// Whether `tokens` match the whole of `path` (positions reachable after
/// each token, so no backtracking blow-up).
fn matches(tokens: &[Token], path: &str) -> bool {
    let chars: Vec<char> = path.chars().collect();
    let n = chars.len();
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    for token in tokens {
        let mut next = vec![false; n + 1];
        for p in (0..=n).filter(|&p| reach[p]) {
            match token {
                Token::Char(c) => {
                    if chars.get(p) == Some(c) {
                        next[p + 1] = true;
                    }
                }
                Token::AnyChar => {
                    if chars.get(p).is_some_and(|&c| c != '/') {
                        next[p + 1] = true;
                    }
                }
                Token::Class(negated, ranges) => {
                    if let Some(&c) = chars.get(p) {
                        let inside = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                        if inside != *negated {
                            next[p + 1] = true;
                        }
                    }
                }
                Token::Star => {
                    next[p] = true;
                    let mut q = p;
                    while q < n && chars[q] != '/' {
                        q += 1;
                        next[q] = true;
                    }
                }
                Token::AnyDirs => {
                    next[p] = true;
                    for q in p..n {
                        if chars[q] == '/' {
                            next[q + 1] = true;
                        }
                    }
                }
                Token::AnyRest => {
                    for slot in &mut next[p..] {
                        *slot = true;
                    }
                }
            }
        }
        reach = next;
        if !reach.iter().any(|&r| r) {
            return false;
        }
    }
    reach[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(ignore: &str, path: &str) -> bool {
        Dockerignore::parse(ignore).excludes(path)
    }

    #[test]
    fn cleans_like_go() {
        assert_eq!(clean("a//b/./c/"), "a/b/c");
        assert_eq!(clean("./"), ".");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(clean("a/../../b"), "../b");
        assert_eq!(clean("/"), "/");
    }

    #[test]
    fn patterns() {
        assert!(excluded("node_modules", "node_modules"));
        assert!(excluded("node_modules", "node_modules/x/y.js"));
        assert!(!excluded("node_modules", "src/node_modules"));
        assert!(excluded("**/node_modules", "src/node_modules/a"));
        assert!(excluded("**/node_modules", "node_modules"));
        assert!(excluded("*.md", "README.md"));
        assert!(!excluded("*.md", "docs/README.md"));
        assert!(excluded("**/*.md", "docs/README.md"));
        assert!(excluded("docs/**", "docs/a/b"));
        assert!(excluded("/build/", "build/out"));
        assert!(excluded("./dist", "dist"));
        assert!(excluded("file?.txt", "file1.txt"));
        assert!(!excluded("file?.txt", "file/.txt"));
        assert!(excluded("[a-c]*.log", "b.log"));
        assert!(!excluded("[^a-c]*.log", "b.log"));
        assert!(excluded("a\\*b", "a*b"));
        assert!(!excluded("a\\*b", "axb"));
        assert!(excluded("# comment\n*.tmp\n", "x.tmp"));
        assert!(!excluded("*.log\n!keep.log\n", "keep.log"));
        assert!(excluded("*.log\n!keep.log\n", "other.log"));
        assert!(!excluded("[abc", "a"));
        assert!(excluded("a/**/b", "a/b"));
        assert!(excluded("a/**/b", "a/x/y/b"));
    }

    #[test]
    fn roots_and_exclusions() {
        let d = Dockerignore::parse("*\n!src\n");
        assert!(d.has_exclusions() && d.ignores_root());
        assert!(!Dockerignore::parse(".git\n").ignores_root());
    }
}
