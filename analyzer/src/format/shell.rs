//! Where white space in shell-form text is insignificant.
//!
//! The formatter only ever changes the *amount* of white space in shell text
//! (never adds it where there was none, never removes the last of it), and
//! only where the shell splits words on it: outside quotes, outside `$(…)`,
//! `${…}` and backquotes, and not right after an escape character.
//!
//! Which shell runs the text is not known statically (`SHELL` may switch to
//! PowerShell or `cmd`), so a position counts as "top level" only when three
//! conservative trackers agree: POSIX `sh` (backslash escapes, `'…'`, `"…"`,
//! `$'…'`, `$(…)`, `${…}`, backquotes), PowerShell (backquote escapes, `'…'`,
//! `"…"`, `$(…)`) and `cmd` (caret escapes, `"…"`). After a `#` that starts a
//! word (a shell comment) nothing counts as top level.

/// Characters that escape the next one in at least one of the shells.
pub(super) fn is_escape_like(b: u8) -> bool {
    matches!(b, b'\\' | b'`' | b'^')
}

/// Spaces and tabs: the only white space the formatter rewrites.
pub(super) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t')
}

#[derive(Clone, Copy)]
struct Dialect {
    escape: u8,
    single_quotes: bool,
    /// `$(…)` and `${…}`.
    dollar: bool,
    /// Backquote command substitution.
    backquote: bool,
    /// `#` at the start of a word begins a comment.
    hash_comment: bool,
}

const DIALECTS: [Dialect; 3] = [
    // POSIX sh / bash.
    Dialect {
        escape: b'\\',
        single_quotes: true,
        dollar: true,
        backquote: true,
        hash_comment: true,
    },
    // PowerShell.
    Dialect {
        escape: b'`',
        single_quotes: true,
        dollar: true,
        backquote: false,
        hash_comment: true,
    },
    // cmd.exe.
    Dialect {
        escape: b'^',
        single_quotes: false,
        dollar: false,
        backquote: false,
        hash_comment: false,
    },
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Single,
    /// `$'…'`: backslash escapes apply inside.
    AnsiC,
    Double,
    Backquote,
    Paren(u32),
    Brace,
}

/// For each of `positions` (sorted, byte offsets into `text`), whether it is
/// at the shell's top level under every dialect.
pub(super) fn top_level_at(text: &str, positions: &[usize]) -> Vec<bool> {
    let mut result = vec![true; positions.len()];
    for dialect in DIALECTS {
        scan(text.as_bytes(), dialect, positions, &mut result);
    }
    result
}

fn scan(bytes: &[u8], d: Dialect, positions: &[usize], result: &mut [bool]) {
    let mut stack: Vec<Ctx> = Vec::new();
    let mut comment = false;
    let mut next_pos = 0;
    let mut i = 0;
    // Records `top` for the positions at `at`; positions jumped over (the
    // character after an escape, the `(` of `$(`) are never top level.
    let mut record = |at: usize, top: bool, next_pos: &mut usize| {
        while *next_pos < positions.len() && positions[*next_pos] <= at {
            if positions[*next_pos] < at || !top {
                result[*next_pos] = false;
            }
            *next_pos += 1;
        }
    };
    while i < bytes.len() {
        let top = stack.is_empty() && !comment;
        record(i, top, &mut next_pos);
        if comment {
            i += 1;
            continue;
        }
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let top_ctx = stack.last().copied();
        let code = matches!(
            top_ctx,
            None | Some(Ctx::Paren(_) | Ctx::Brace | Ctx::Backquote)
        );
        match top_ctx {
            Some(Ctx::Single) => {
                if b == b'\'' {
                    stack.pop();
                }
                i += 1;
                continue;
            }
            Some(Ctx::AnsiC) => {
                if b == b'\\' {
                    i += 2;
                } else {
                    if b == b'\'' {
                        stack.pop();
                    }
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        if b == d.escape && (code || d.escape != b'^') {
            i += 2;
            continue;
        }
        if top_ctx == Some(Ctx::Double) {
            match b {
                b'"' => {
                    stack.pop();
                }
                b'`' if d.backquote => stack.push(Ctx::Backquote),
                b'$' if d.dollar && next == Some(b'(') => {
                    stack.push(Ctx::Paren(0));
                    i += 1;
                }
                b'$' if d.dollar && next == Some(b'{') => {
                    stack.push(Ctx::Brace);
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        // Code context: top level, `$(…)`, `${…}` or backquotes.
        match b {
            b'\'' if d.single_quotes => {
                let ansi = d.dollar && i > 0 && bytes[i - 1] == b'$';
                stack.push(if ansi { Ctx::AnsiC } else { Ctx::Single });
            }
            b'"' => stack.push(Ctx::Double),
            b'`' if d.backquote => {
                if top_ctx == Some(Ctx::Backquote) {
                    stack.pop();
                } else {
                    stack.push(Ctx::Backquote);
                }
            }
            b'$' if d.dollar && next == Some(b'(') => {
                stack.push(Ctx::Paren(0));
                i += 1;
            }
            b'$' if d.dollar && next == Some(b'{') => {
                stack.push(Ctx::Brace);
                i += 1;
            }
            b'(' => {
                if let Some(Ctx::Paren(depth)) = stack.last_mut() {
                    *depth += 1;
                }
            }
            b')' => match stack.last_mut() {
                Some(Ctx::Paren(0)) => {
                    stack.pop();
                }
                Some(Ctx::Paren(depth)) => *depth -= 1,
                _ => {}
            },
            b'}' if top_ctx == Some(Ctx::Brace) => {
                stack.pop();
            }
            b'#' if d.hash_comment && starts_word(bytes, i) => comment = true,
            _ => {}
        }
        i += 1;
    }
    let top = stack.is_empty() && !comment;
    record(bytes.len(), top, &mut next_pos);
    for r in &mut result[next_pos..] {
        *r = false;
    }
}

fn starts_word(bytes: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            bytes[i - 1],
            b' ' | b'\t' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
        )
}

/// Collapses every run of blanks that is insignificant to the shell into one
/// space. Two shell texts that differ only where the formatter may change them
/// normalise to the same string.
#[must_use]
pub(super) fn normalize(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_blank(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_blank(bytes[i]) {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let starts: Vec<usize> = runs.iter().map(|r| r.0).collect();
    let top = top_level_at(text, &starts);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (&(start, end), top) in runs.iter().zip(top) {
        let escaped = start > 0 && is_escape_like(bytes[start - 1]);
        if top && !escaped {
            out.push_str(&text[last..start]);
            out.push(' ');
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str, pos: usize) -> bool {
        top_level_at(text, &[pos])[0]
    }

    #[test]
    fn quotes_and_substitutions_are_not_top_level() {
        let t = "echo a \"b c\" 'd e' $(f g) ${h:-i j} `k l` m";
        assert!(top(t, 4));
        assert!(!top(t, 10));
        assert!(!top(t, 16));
        assert!(!top(t, 23));
        assert!(!top(t, 33));
        assert!(!top(t, 40));
        assert!(top(t, 43));
    }

    #[test]
    fn escapes_and_comments() {
        assert!(!top("a\\ b", 2));
        assert!(top("a # b", 1));
        assert!(!top("a # b", 3));
        assert!(top("a#b c", 3));
        // cmd's caret and PowerShell's backquote.
        assert!(!top("a^ b", 2));
        assert!(!top("\"a`\" b\"", 5));
        // $'…' keeps backslash escapes.
        assert!(!top("$'a\\'b c'", 6));
    }

    #[test]
    fn normalizes_only_top_level_runs() {
        assert_eq!(normalize("a   b \"c   d\"\t e"), "a b \"c   d\" e");
        assert_eq!(normalize("a\\   b"), "a\\   b");
    }
}
