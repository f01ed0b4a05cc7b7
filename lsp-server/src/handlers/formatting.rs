//! `textDocument/formatting` and `textDocument/rangeFormatting`.
//!
//! The formatter is the analyzer's; the server turns its output into minimal
//! edits: a line diff, one edit per changed run of lines. Range formatting
//! formats the whole file and keeps the runs that touch the range.

use dockward_analyzer::TextRange;
use ls_types::{FormattingOptions, Range, TextEdit};

use crate::document::Snapshot;

/// The formatted text, or `None` when no formatter is available or the text
/// is already formatted.
///
/// `dockward_analyzer::format` is not on main yet: until it lands this
/// formats nothing.
fn format_text(text: &str, options: &FormattingOptions) -> Option<String> {
    let _ = (text, options);
    None
}

/// Splits into lines, each with its line ending.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A changed run: old lines `a0..a1` become new lines `b0..b1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    pub a0: usize,
    pub a1: usize,
    pub b0: usize,
    pub b1: usize,
}

/// A line diff (Myers' O(ND) algorithm) between `a` and `b`, as hunks.
#[must_use]
pub fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Hunk> {
    // Trim the common prefix and suffix first: formatting usually touches
    // few lines.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (n, m) = (a_mid.len(), b_mid.len());
    if n == 0 && m == 0 {
        return Vec::new();
    }
    let max = n + m;
    // Beyond a budget, fall back to one hunk for the whole middle.
    const BUDGET: usize = 2000;
    let off = max as isize;
    let mut v = vec![0isize; 2 * max + 2];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = false;
    'outer: for d in 0..=max.min(BUDGET) as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while (x as usize) < n && (y as usize) < m && a_mid[x as usize] == b_mid[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x as usize >= n && y as usize >= m {
                found = true;
                break 'outer;
            }
            k += 2;
        }
    }
    if !found {
        return vec![Hunk {
            a0: pre,
            a1: pre + n,
            b0: pre,
            b1: pre + m,
        }];
    }
    // Backtrack to a list of matched line pairs.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n as isize, m as isize);
    for d in (0..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + off) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + off) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        if d > 0 {
            x = prev_x;
            y = prev_y;
        }
    }
    pairs.reverse();
    let mut hunks = Vec::new();
    let (mut ia, mut ib) = (0usize, 0usize);
    for (pa, pb) in pairs.into_iter().chain(std::iter::once((n, m))) {
        if pa > ia || pb > ib {
            hunks.push(Hunk {
                a0: pre + ia,
                a1: pre + pa,
                b0: pre + ib,
                b1: pre + pb,
            });
        }
        ia = pa + 1;
        ib = pb + 1;
    }
    hunks
}

/// Edits turning `old` into `new`, one per changed run of lines; with
/// `only`, just the runs touching that byte range.
#[must_use]
pub fn line_edits(old: &str, new: &str, only: Option<TextRange>) -> Vec<(TextRange, String)> {
    let (a, b) = (lines(old), lines(new));
    let mut a_starts = Vec::with_capacity(a.len() + 1);
    let mut o = 0;
    for l in &a {
        a_starts.push(o);
        o += l.len();
    }
    a_starts.push(o);
    let mut out = Vec::new();
    for h in diff_lines(&a, &b) {
        let range = TextRange::new(a_starts[h.a0], a_starts[h.a1]);
        if let Some(w) = only
            && (range.end() < w.start() || range.start() > w.end())
        {
            continue;
        }
        out.push((range, b[h.b0..h.b1].concat()));
    }
    out
}

#[must_use]
pub fn format(
    snap: &Snapshot,
    options: &FormattingOptions,
    range: Option<Range>,
) -> Option<Vec<TextEdit>> {
    let Some(formatted) = format_text(&snap.text, options) else {
        return Some(Vec::new());
    };
    let only = range.map(|r| snap.text_range(r));
    Some(
        line_edits(&snap.text, &formatted, only)
            .into_iter()
            .map(|(r, text)| TextEdit::new(snap.range(r), text))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, edits: &[(TextRange, String)]) -> String {
        let mut s = old.to_owned();
        for (r, t) in edits.iter().rev() {
            s.replace_range(r.as_range(), t);
        }
        s
    }

    #[test]
    fn line_diff_gives_minimal_runs_that_apply() {
        let old = "FROM a\nrun x\nRUN y\n  CMD z\nLABEL k=v\n";
        let new = "FROM a\nRUN x\nRUN y\nCMD z\nLABEL k=v\n";
        let edits = line_edits(old, new, None);
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].1, "RUN x\n");
        assert_eq!(apply(old, &edits), new);
        let only = line_edits(old, new, Some(TextRange::new(20, 22)));
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].1, "CMD z\n");
    }

    #[test]
    fn inserted_and_removed_lines() {
        for (old, new) in [
            ("a\nb\nc\n", "a\nc\n"),
            ("a\nc\n", "a\nb\nc\n"),
            ("", "x\n"),
            ("x", ""),
            ("a\nb", "b\na"),
            ("1\n2\n3\n4\n5\n", "0\n2\n3\nX\n5\n6\n"),
        ] {
            assert_eq!(
                apply(old, &line_edits(old, new, None)),
                new,
                "{old:?} -> {new:?}"
            );
        }
    }
}
