//! Where the bytes of a script are in the file.
//!
//! Most scripts are verbatim slices of the Dockerfile (shell-form RUN text,
//! `RUN <<EOF` bodies): a script offset plus a shift is a file offset. A
//! script decoded from an enclosing quoting is not: the string of `RUN
//! ["sh", "-c", "echo \"$x\""]` loses its JSON escapes, the argument of
//! `sh -c 'a'"b"` its quotes, a here-document fed to `bash` its `\$`. Such a
//! script carries an [`OffsetMap`]: the script text cut into stretches that
//! are either copied byte for byte from the file (*verbatim*) or stand for a
//! piece of file text as a whole (an *escape*: `\"` for `"`, `\u00e9` for
//! `é`, or a dropped quote, which stands for nothing). A range that starts or
//! ends inside an escape maps to the whole escape, so an edit of the script
//! text replaces exactly the file text that decodes to it.
//!
//! Lookups binary-search the stretches; the common, verbatim case is a
//! plain shift with no table at all. Maps compose: a script decoded from
//! another decoded script (`sh -c` inside an exec-form string) maps straight
//! to the file.
//!
//! [`Quoting`] tells how text inserted into such a stretch of the file must
//! be written so that the decoding yields it back.

use crate::TextRange;

/// One stretch of a decoded text: `script` bytes of the decoded text made
/// from the next `source` bytes of the text it was decoded from. A verbatim
/// stretch is copied (equal lengths); any other is an escape or a dropped
/// quote (`script == 0`) and maps as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub script: u32,
    pub source: u32,
    pub verbatim: bool,
}

impl Piece {
    pub(crate) fn verbatim(len: usize) -> Piece {
        let len = to_u32(len);
        Piece {
            script: len,
            source: len,
            verbatim: true,
        }
    }

    pub(crate) fn escape(script: usize, source: usize) -> Piece {
        Piece {
            script: to_u32(script),
            source: to_u32(source),
            verbatim: false,
        }
    }
}

#[allow(clippy::cast_possible_truncation)]
fn to_u32(n: usize) -> u32 {
    n.min(u32::MAX as usize) as u32
}

/// Where a stretch starts in the script and in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Anchor {
    script: u32,
    file: u32,
    verbatim: bool,
}

/// Script offsets to file offsets (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// The file offset of script offset 0, when `anchors` is empty.
    base: usize,
    /// The stretches in script order, then a final anchor at the end of the
    /// script (verbatim, so the end maps to the end). Empty for a shift.
    anchors: Vec<Anchor>,
}

impl OffsetMap {
    /// The map of a verbatim slice of the file starting at `base`.
    #[must_use]
    pub fn shift(base: usize) -> OffsetMap {
        OffsetMap {
            base,
            anchors: Vec::new(),
        }
    }

    /// True when the script is a verbatim slice of the file.
    #[must_use]
    pub fn is_shift(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The file offset of the script's first byte.
    #[must_use]
    pub fn base(&self) -> usize {
        self.anchors.first().map_or(self.base, |a| a.file as usize)
    }

    /// The map of a text decoded from `parent`'s script: `pieces` describe
    /// it from `parent` offset `start` on. Leading and trailing dropped
    /// quotes are left out, so the script's ends map inside the quotes.
    pub(crate) fn decoded(parent: &OffsetMap, start: usize, pieces: &[Piece]) -> OffsetMap {
        // Dropped quotes at either end belong to the enclosing text.
        let lead = pieces.iter().take_while(|p| p.script == 0).count();
        let start = start
            + pieces[..lead]
                .iter()
                .map(|p| p.source as usize)
                .sum::<usize>();
        let pieces = &pieces[lead..];
        let trail = pieces.iter().rev().take_while(|p| p.script == 0).count();
        let pieces = &pieces[..pieces.len() - trail];
        let mut out = Vec::with_capacity(pieces.len() + 1);
        let mut parent_pieces = ParentPieces::new(parent, start);
        let file_start = parent.start(start);
        let mut file = file_start;
        let mut script = 0usize;
        let mut any_escape = false;
        let push = |out: &mut Vec<Anchor>, script: usize, file: usize, verbatim: bool| {
            if verbatim
                && let Some(last) = out.last()
                && last.verbatim
            {
                // Contiguous verbatim stretches are one.
                return;
            }
            out.push(Anchor {
                script: to_u32(script),
                file: to_u32(file),
                verbatim,
            });
        };
        for piece in pieces {
            let consumed = parent_pieces.take(piece.source as usize);
            if piece.verbatim {
                // The script bytes are the parent's: keep the parent's own
                // stretches (its escapes stay escapes).
                for p in consumed {
                    if !p.verbatim {
                        any_escape = true;
                    }
                    push(&mut out, script, file, p.verbatim);
                    script += p.script as usize;
                    file += p.source as usize;
                }
            } else {
                any_escape = true;
                push(&mut out, script, file, false);
                script += piece.script as usize;
                file += consumed.iter().map(|p| p.source as usize).sum::<usize>();
            }
        }
        if !any_escape {
            return OffsetMap::shift(file_start);
        }
        out.push(Anchor {
            script: to_u32(script),
            file: to_u32(file),
            verbatim: true,
        });
        OffsetMap {
            base: file_start,
            anchors: out,
        }
    }

    /// The length of the script the map describes (`None` for a shift,
    /// which has no end).
    fn len(&self) -> Option<u32> {
        self.anchors.last().map(|a| a.script)
    }

    /// The file offset of script offset `o` as the start of a range: inside
    /// an escape, the escape's start; where quotes were dropped, after them.
    #[must_use]
    pub fn start(&self, o: usize) -> usize {
        let Some(len) = self.len() else {
            return self.base + o;
        };
        let o = to_u32(o).min(len);
        let k = self.anchors.partition_point(|a| a.script <= o) - 1;
        let a = self.anchors[k];
        if a.verbatim {
            (a.file + (o - a.script)) as usize
        } else {
            a.file as usize
        }
    }

    /// The file offset of script offset `o` as the end of a range: inside
    /// an escape, the escape's end; where quotes were dropped, before them.
    #[must_use]
    pub fn end(&self, o: usize) -> usize {
        let Some(len) = self.len() else {
            return self.base + o;
        };
        let o = to_u32(o).min(len);
        let k = self.anchors.partition_point(|a| a.script < o);
        let Some(a) = k.checked_sub(1).map(|i| self.anchors[i]) else {
            return self.anchors[0].file as usize;
        };
        if a.verbatim {
            (a.file + (o - a.script)) as usize
        } else {
            self.anchors[k].file as usize
        }
    }

    /// A script range as a file range, widened to whole escapes. An empty
    /// range stays empty (at [`start`](Self::start)).
    #[must_use]
    pub fn range(&self, range: TextRange) -> TextRange {
        if self.anchors.is_empty() {
            return range.shift(self.base);
        }
        let start = self.start(range.start());
        if range.is_empty() {
            return TextRange::empty(start);
        }
        TextRange::new(start, self.end(range.end()).max(start))
    }

    /// The file ranges of the escapes (dropped quotes included), in order.
    pub fn escapes(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.anchors
            .windows(2)
            .filter(|w| !w[0].verbatim)
            .map(|w| TextRange::new(w[0].file as usize, w[1].file as usize))
    }
}

/// The stretches of a parent map from one script offset on, cut to order.
struct ParentPieces<'a> {
    map: &'a OffsetMap,
    /// The next anchor to enter (`map.anchors` index).
    next: usize,
    /// What is left of the current stretch.
    current: Option<Piece>,
    /// Script bytes consumed beyond what was asked (an escape taken whole).
    overshoot: usize,
}

impl<'a> ParentPieces<'a> {
    fn new(map: &'a OffsetMap, start: usize) -> Self {
        if map.anchors.is_empty() {
            return ParentPieces {
                map,
                next: 0,
                current: Some(Piece::verbatim(u32::MAX as usize)),
                overshoot: 0,
            };
        }
        let o = to_u32(start).min(map.len().unwrap_or(0));
        // The stretch holding `o` (after any dropped quotes at `o`).
        let k = map.anchors.partition_point(|a| a.script <= o) - 1;
        let mut this = ParentPieces {
            map,
            next: k,
            current: None,
            overshoot: 0,
        };
        this.enter();
        if let Some(c) = &mut this.current {
            let into = o - map.anchors[k].script;
            if c.verbatim {
                c.script -= into;
                c.source -= into;
            } else if into > 0 {
                // Starting inside an escape: take it whole.
                this.overshoot = into as usize;
            }
        }
        this
    }

    /// Makes the anchor `next` the current stretch.
    fn enter(&mut self) {
        let anchors = &self.map.anchors;
        self.current = match (anchors.get(self.next), anchors.get(self.next + 1)) {
            (Some(a), Some(b)) => Some(Piece {
                script: b.script - a.script,
                source: b.file - a.file,
                verbatim: a.verbatim,
            }),
            _ => None,
        };
        self.next += 1;
    }

    /// The stretches that make the next `n` script bytes (dropped quotes in
    /// front of them included).
    fn take(&mut self, n: usize) -> Vec<Piece> {
        let mut out = Vec::new();
        let skip = self.overshoot.min(n);
        self.overshoot -= skip;
        let mut need = n - skip;
        // Dropped quotes right after the last byte asked for are left for
        // the next call: they come before the next stretch.
        while need > 0 {
            let Some(c) = self.current else {
                break;
            };
            if c.script == 0 {
                out.push(c);
                self.enter();
                continue;
            }
            let have = c.script as usize;
            if c.verbatim && need < have {
                out.push(Piece::verbatim(need));
                let rest = to_u32(need);
                self.current = Some(Piece {
                    script: c.script - rest,
                    source: c.source - rest,
                    verbatim: true,
                });
                break;
            }
            out.push(c);
            self.enter();
            if need < have {
                self.overshoot = have - need;
                need = 0;
            } else {
                need -= have;
            }
        }
        out
    }
}

/// How text is written in a stretch of the file that a script was decoded
/// from: what an edit inserting script text there must escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quoting {
    /// A JSON string of an exec-form instruction.
    Json,
    /// Inside `'…'`: a `'` is written `'\''` (close, escaped quote, reopen).
    SingleQuoted,
    /// Inside `"…"`: `"`, `\`, `$` and `` ` `` take a backslash.
    DoubleQuoted,
    /// An unquoted word: blanks and shell metacharacters take a backslash.
    Unquoted,
    /// An unquoted here-document body: `\`, `$` and `` ` `` take a
    /// backslash.
    Heredoc,
}

impl Quoting {
    /// `text` written so that this quoting decodes it back; `None` when it
    /// cannot be (a newline in an unquoted word).
    #[must_use]
    pub fn escape(self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len() + 2);
        match self {
            Quoting::Json => return Some(crate::syntax::json_escape(text)),
            Quoting::SingleQuoted => {
                for c in text.chars() {
                    if c == '\'' {
                        out.push_str("'\\''");
                    } else {
                        out.push(c);
                    }
                }
            }
            Quoting::DoubleQuoted | Quoting::Heredoc => {
                for c in text.chars() {
                    let special = match c {
                        '\\' | '$' | '`' => true,
                        '"' => self == Quoting::DoubleQuoted,
                        _ => false,
                    };
                    if special {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Quoting::Unquoted => {
                for c in text.chars() {
                    match c {
                        '\n' => return None,
                        ' ' | '\t' | '\'' | '"' | '\\' | '$' | '`' | '|' | '&' | ';' | '<'
                        | '>' | '(' | ')' | '*' | '?' | '[' | ']' | '#' | '~' | '!' | '{' | '}' => {
                            out.push('\\');
                            out.push(c);
                        }
                        c => out.push(c),
                    }
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `'ab'"c\"d"` decoded from file offset 10: `abc"d`.
    fn mixed() -> OffsetMap {
        let pieces = [
            Piece::escape(0, 1),
            Piece::verbatim(2),
            Piece::escape(0, 2),
            Piece::verbatim(1),
            Piece::escape(1, 2),
            Piece::verbatim(1),
            Piece::escape(0, 1),
        ];
        OffsetMap::decoded(&OffsetMap::shift(10), 0, &pieces)
    }

    #[test]
    fn maps_through_escapes_and_dropped_quotes() {
        let m = mixed();
        let file = "          'ab'\"c\\\"d\"";
        let r = |s: usize, e: usize| m.range(TextRange::new(s, e)).slice(file).to_owned();
        assert_eq!(r(0, 5), "ab'\"c\\\"d");
        assert_eq!(r(0, 2), "ab");
        assert_eq!(r(2, 3), "c");
        assert_eq!(r(3, 4), "\\\"");
        assert_eq!(r(4, 5), "d");
        assert_eq!(m.range(TextRange::empty(0)), TextRange::empty(11));
        assert_eq!(m.range(TextRange::empty(5)), TextRange::empty(19));
        // Between the two quotings: after the dropped quotes.
        assert_eq!(m.range(TextRange::empty(2)), TextRange::empty(15));
        assert_eq!(
            m.escapes().map(|r| r.slice(file)).collect::<Vec<_>>(),
            ["'\"", "\\\""]
        );
    }

    #[test]
    fn verbatim_pieces_make_a_shift() {
        let m = OffsetMap::decoded(
            &OffsetMap::shift(3),
            4,
            &[Piece::escape(0, 1), Piece::verbatim(5), Piece::escape(0, 1)],
        );
        assert!(m.is_shift());
        assert_eq!(m.base(), 8);
    }

    #[test]
    fn composes_with_the_parent_map() {
        // The parent: `x\"y'q'z` decoded from JSON at file 100 → `x"y'q'z`.
        let parent = OffsetMap::decoded(
            &OffsetMap::shift(100),
            0,
            &[Piece::verbatim(1), Piece::escape(1, 2), Piece::verbatim(5)],
        );
        // The child: the single-quoted `q` at parent offset 3..6.
        let child = OffsetMap::decoded(
            &parent,
            3,
            &[Piece::escape(0, 1), Piece::verbatim(1), Piece::escape(0, 1)],
        );
        assert_eq!(child.range(TextRange::new(0, 1)), TextRange::new(105, 106));
        // A child spanning the parent's escape keeps it whole.
        let child = OffsetMap::decoded(&parent, 0, &[Piece::verbatim(3)]);
        assert!(!child.is_shift());
        assert_eq!(child.range(TextRange::new(1, 2)), TextRange::new(101, 103));
        assert_eq!(child.range(TextRange::new(2, 3)), TextRange::new(103, 104));
        assert_eq!(child.range(TextRange::new(0, 3)), TextRange::new(100, 104));
    }

    #[test]
    fn escapes_for_each_quoting() {
        assert_eq!(Quoting::SingleQuoted.escape("a'b").unwrap(), "a'\\''b");
        assert_eq!(
            Quoting::DoubleQuoted.escape("\"$x\" `\\`").unwrap(),
            "\\\"\\$x\\\" \\`\\\\\\`"
        );
        assert_eq!(Quoting::Heredoc.escape("\"$x\"").unwrap(), "\"\\$x\"");
        assert_eq!(Quoting::Unquoted.escape("a b").unwrap(), "a\\ b");
        assert_eq!(Quoting::Unquoted.escape("a\nb"), None);
        assert_eq!(Quoting::Json.escape("\"x\"").unwrap(), "\\\"x\\\"");
    }
}
