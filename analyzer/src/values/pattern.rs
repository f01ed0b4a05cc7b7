//! Shell patterns of `${X#p}`, `${X%p}`, `${X/p/r}` and `${X//p/r}`, matched
//! the way BuildKit matches them.
//!
//! BuildKit turns the pattern into a Go regular expression
//! (`convertShellPatternToRegex`): `*` becomes `.*` (or `.*?` for the
//! shortest-match forms), `?` becomes `.`, `\*`, `\?` and `\\` are literal,
//! `\}` and `\/` drop the backslash, any other backslash escape is an error and
//! every other character is literal. There are no bracket expressions. Go's
//! `.` does not match `\n`, so neither do `*` and `?` here.
//!
//! We do not use a regex engine: the pattern language is a plain sequence of
//! literal characters, any-character and star, so a small Pike VM (a
//! breadth-first NFA simulation with thread priorities, the same algorithm as
//! Go's `regexp`) reproduces Go's leftmost-first semantics exactly, in
//! `O(len(text) × len(pattern))` time and without recursion.
//!
//! Replace-all goes through Go's `ReplaceAllString`, whose replacement is a
//! template: `$0`/`${0}` insert the match, `$$` is a `$`, and any other
//! `$name` expands to nothing. The single `${X/p/r}` form inserts `r`
//! literally. Both quirks are reproduced.

/// One element of a compiled pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `?`: any character except `\n`.
    Any,
    /// `*`: any run of characters except `\n`.
    Star,
}

/// A compiled shell pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    toks: Vec<Tok>,
    greedy: bool,
}

/// The byte-order mark Go's `text/scanner` silently skips at the start of its input.
const BOM: char = '\u{FEFF}';

impl Pattern {
    /// Compiles `pattern`; `greedy` selects `.*` over `.*?` for `*`.
    ///
    /// The error text is the one BuildKit reports after
    /// `invalid pattern (…) in substitution: `.
    pub(crate) fn compile(pattern: &str, greedy: bool) -> Result<Pattern, String> {
        let body = pattern.strip_prefix(BOM).unwrap_or(pattern);
        let mut toks = Vec::with_capacity(body.len());
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' => toks.push(Tok::Star),
                '?' => toks.push(Tok::Any),
                '\\' => {
                    if matches!(chars.peek(), Some('}' | '/')) {
                        // `\}` and `\/` escape the `${}` syntax, not the pattern.
                        continue;
                    }
                    match chars.next() {
                        Some(e @ ('*' | '?' | '\\')) => toks.push(Tok::Lit(e)),
                        Some(e) => return Err(format!("invalid escape '\\{e}'")),
                        None => return Err("invalid escape '\\\u{FFFD}'".to_owned()),
                    }
                }
                c => toks.push(Tok::Lit(c)),
            }
        }
        Ok(Pattern { toks, greedy })
    }

    /// The leftmost-first match starting at or after byte `from` (or exactly
    /// at `from` when `anchored`), as a byte range of `text`.
    pub(crate) fn find_at(
        &self,
        text: &str,
        from: usize,
        anchored: bool,
    ) -> Option<(usize, usize)> {
        Vm::new(self).run(text, from, anchored)
    }
}

#[derive(Clone, Copy, Debug)]
enum Thread {
    /// Waiting to consume one character for token `pc`.
    Consume {
        pc: usize,
        start: usize,
    },
    /// A star at `pc` consuming one more character.
    Loop {
        pc: usize,
        start: usize,
    },
    Match {
        start: usize,
    },
}

enum Step {
    Visit(usize),
    EmitLoop(usize),
}

struct Vm<'p> {
    pat: &'p Pattern,
    stack: Vec<Step>,
}

/// A thread list with its "already added" marks (per program counter).
struct List {
    threads: Vec<Thread>,
    mark: Vec<u32>,
    generation: u32,
}

impl List {
    fn new(n: usize) -> Self {
        List {
            threads: Vec::new(),
            mark: vec![0; n + 1],
            generation: 1,
        }
    }

    fn clear(&mut self) {
        self.threads.clear();
        self.generation += 1;
    }
}

impl<'p> Vm<'p> {
    fn new(pat: &'p Pattern) -> Self {
        Vm {
            pat,
            stack: Vec::new(),
        }
    }

    /// Adds the epsilon closure of `pc` to `list`, in priority order.
    fn add(&mut self, list: &mut List, pc: usize, start: usize) {
        let toks = &self.pat.toks;
        self.stack.push(Step::Visit(pc));
        while let Some(step) = self.stack.pop() {
            match step {
                Step::EmitLoop(pc) => list.threads.push(Thread::Loop { pc, start }),
                Step::Visit(pc) => {
                    if list.mark[pc] == list.generation {
                        continue;
                    }
                    list.mark[pc] = list.generation;
                    match toks.get(pc) {
                        None => list.threads.push(Thread::Match { start }),
                        Some(Tok::Lit(_) | Tok::Any) => {
                            list.threads.push(Thread::Consume { pc, start })
                        }
                        Some(Tok::Star) => {
                            if self.pat.greedy {
                                list.threads.push(Thread::Loop { pc, start });
                                self.stack.push(Step::Visit(pc + 1));
                            } else {
                                self.stack.push(Step::EmitLoop(pc));
                                self.stack.push(Step::Visit(pc + 1));
                            }
                        }
                    }
                }
            }
        }
    }

    fn run(&mut self, text: &str, from: usize, anchored: bool) -> Option<(usize, usize)> {
        let n = self.pat.toks.len();
        let mut clist = List::new(n);
        let mut nlist = List::new(n);
        let mut matched = None;
        let mut pos = from;
        loop {
            let ch = text[pos..].chars().next();
            if matched.is_none() && (!anchored || pos == from) {
                self.add(&mut clist, 0, pos);
            }
            if clist.threads.is_empty() {
                break;
            }
            nlist.clear();
            let next = pos + ch.map_or(0, char::len_utf8);
            let threads = std::mem::take(&mut clist.threads);
            for &t in &threads {
                match t {
                    Thread::Match { start } => {
                        matched = Some((start, pos));
                        break;
                    }
                    Thread::Consume { pc, start } => {
                        let ok = match (self.pat.toks[pc], ch) {
                            (Tok::Lit(l), Some(c)) => l == c,
                            (Tok::Any, Some(c)) => c != '\n',
                            _ => false,
                        };
                        if ok {
                            self.add(&mut nlist, pc + 1, start);
                        }
                    }
                    Thread::Loop { pc, start } => {
                        if ch.is_some_and(|c| c != '\n') {
                            self.add(&mut nlist, pc, start);
                        }
                    }
                }
            }
            clist.threads = threads;
            std::mem::swap(&mut clist, &mut nlist);
            if ch.is_none() {
                break;
            }
            pos = next;
            if clist.threads.is_empty() && (matched.is_some() || anchored) {
                break;
            }
        }
        matched
    }
}

/// `${X#p}` / `${X##p}`: strips the shortest (longest when `greedy`) prefix
/// matching `pattern`.
pub(crate) fn trim_prefix(
    pattern: &str,
    value: &str,
    greedy: bool,
) -> Result<String, PatternError> {
    let pat = Pattern::compile(pattern, greedy).map_err(|detail| PatternError {
        pattern: pattern.to_owned(),
        detail,
    })?;
    Ok(match pat.find_at(value, 0, true) {
        Some((_, end)) => value[end..].to_owned(),
        None => value.to_owned(),
    })
}

/// `${X%p}` / `${X%%p}`: like BuildKit, reverses the pattern (keeping
/// backslash escapes attached) and the value, and strips a prefix.
pub(crate) fn trim_suffix(
    pattern: &str,
    value: &str,
    greedy: bool,
) -> Result<String, PatternError> {
    let rev_pattern = reverse_pattern(pattern);
    let rev_value: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&rev_pattern, &rev_value, greedy)?;
    Ok(trimmed.chars().rev().collect())
}

/// BuildKit's `reversePattern`: reverses characters but keeps each `\x`
/// escape pair in order (`a\*c` → `c\*a`).
pub(crate) fn reverse_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let n = chars.len();
    let mut out = vec!['\0'; n];
    let mut i = 0;
    while i < n {
        let out_idx = n - 1 - i;
        if chars[i] == '\\' && i != n - 1 {
            out[out_idx - 1] = '\\';
            out[out_idx] = chars[i + 1];
            i += 2;
        } else {
            out[out_idx] = chars[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// `${X/p/r}` (first match, `r` literal) and `${X//p/r}` (all matches, `r` a
/// Go regexp template).
pub(crate) fn replace(
    value: &str,
    pattern: &str,
    replacement: &str,
    all: bool,
) -> Result<String, PatternError> {
    let pat = Pattern::compile(pattern, true).map_err(|detail| PatternError {
        pattern: pattern.to_owned(),
        detail,
    })?;
    if !all {
        return Ok(match pat.find_at(value, 0, false) {
            Some((a, b)) => {
                let mut s = String::with_capacity(value.len() + replacement.len());
                s.push_str(&value[..a]);
                s.push_str(replacement);
                s.push_str(&value[b..]);
                s
            }
            None => value.to_owned(),
        });
    }
    // Go's Regexp.ReplaceAllString loop.
    let mut out = String::with_capacity(value.len());
    let mut last_end = 0;
    let mut search = 0;
    while search <= value.len() {
        let Some((a, b)) = pat.find_at(value, search, false) else {
            break;
        };
        out.push_str(&value[last_end..a]);
        // No replacement for an empty match right after the previous match.
        if b > last_end || a == 0 {
            expand_template(&mut out, replacement, &value[a..b]);
        }
        last_end = b;
        let width = value[search..].chars().next().map_or(0, char::len_utf8);
        if search + width > b {
            search += width;
        } else if search + 1 > b {
            search += 1;
        } else {
            search = b;
        }
    }
    out.push_str(&value[last_end..]);
    Ok(out)
}

/// Go's `Regexp.Expand` for a regexp without capture groups.
fn expand_template(out: &mut String, template: &str, whole: &str) {
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            out.push('$');
            rest = r;
            continue;
        }
        match extract_group_name(rest) {
            Some((name, after)) => {
                rest = after;
                if name == "0" {
                    out.push_str(whole);
                }
                // Any other number or name refers to a group that does not
                // exist and expands to nothing.
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
}

/// Go's `extract`: `name` or `{name}` at the start of `s`.
fn extract_group_name(s: &str) -> Option<(&str, &str)> {
    let (braced, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| c.is_alphabetic() || super::substitution::is_go_digit(c) || c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let name = &body[..len];
    let after = &body[len..];
    if braced {
        let after = after.strip_prefix('}')?;
        return Some((name, after));
    }
    Some((name, after))
}

/// An invalid shell pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PatternError {
    pub(crate) pattern: String,
    pub(crate) detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, greedy: bool, t: &str, anchored: bool) -> Option<(usize, usize)> {
        Pattern::compile(p, greedy).unwrap().find_at(t, 0, anchored)
    }

    #[test]
    fn leftmost_first() {
        assert_eq!(find("*", true, "abc", true), Some((0, 3)));
        assert_eq!(find("*", false, "abc", true), Some((0, 0)));
        assert_eq!(find("*x*y", true, "xxyy", true), Some((0, 4)));
        assert_eq!(find("*x*y", false, "xxyy", true), Some((0, 3)));
        assert_eq!(find("b*", true, "abcb", false), Some((1, 4)));
        assert_eq!(find("b?", true, "ab\nb", false), None);
        assert_eq!(find("*", true, "ab\ncd", false), Some((0, 2)));
        assert_eq!(find("", true, "abc", false), Some((0, 0)));
        assert_eq!(find("c", true, "abc", true), None);
        assert_eq!(find("\\*", true, "a*", false), Some((1, 2)));
    }

    #[test]
    fn compile_errors() {
        assert!(Pattern::compile("\\", true).is_err());
        assert!(Pattern::compile("\\x", true).is_err());
        assert!(Pattern::compile("\\\\\\", true).is_err());
        assert!(Pattern::compile("\\}\\/", true).is_ok());
        assert!(Pattern::compile("(()[]{\\}^$.\\*\\?|\\\\", true).is_ok());
    }

    #[test]
    fn reverse() {
        for (p, want) in [
            ("a\\*c", "c\\*a"),
            ("\\\\\\ab", "b\\a\\\\"),
            ("ab\\", "\\ba"),
            ("👽\\🚀🖖", "🖖\\🚀👽"),
            ("\\\\b", "b\\\\"),
            ("", ""),
        ] {
            assert_eq!(reverse_pattern(p), want, "{p}");
        }
    }

    #[test]
    fn replace_all_like_go() {
        assert_eq!(replace("xxyy", "", "", true).unwrap(), "xxyy");
        assert_eq!(replace("ab", "", "-", true).unwrap(), "-a-b-");
        assert_eq!(replace("xxyy", "", "ww", false).unwrap(), "wwxxyy");
        assert_eq!(replace("aaa", "a*", "<$0>", true).unwrap(), "<aaa>");
        assert_eq!(
            replace("abc", "b", "[$0|${0}|$$|$1|$x|$]", true).unwrap(),
            "a[b|b|$|||$]c"
        );
        assert_eq!(replace("abc", "b", "$0", false).unwrap(), "a$0c");
        assert_eq!(
            replace("/tmp/tmp/bar.txt", "/tmp", "", true).unwrap(),
            "/bar.txt"
        );
    }

    #[test]
    fn trims() {
        assert_eq!(trim_prefix("*x", "xxyy", true).unwrap(), "yy");
        assert_eq!(trim_prefix("*x", "xxyy", false).unwrap(), "xyy");
        assert_eq!(trim_suffix("\\**\\*", "a***yy*", true).unwrap(), "a");
        assert_eq!(trim_suffix("y*", "xyxy", false).unwrap(), "xyx");
        assert_eq!(trim_suffix("y*", "xyxy", true).unwrap(), "x");
    }
}
