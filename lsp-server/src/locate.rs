//! What sits at a byte offset of a document: the syntax facts the hover,
//! completion and signature-help handlers start from.

use dockward_analyzer::TextRange;
use dockward_analyzer::syntax::{Directive, Dockerfile, Flag, Instruction};

/// The instruction whose source range holds `offset` (end inclusive), looking
/// into ONBUILD triggers; with its top-level index.
#[must_use]
pub fn instruction_at(df: &Dockerfile, offset: usize) -> Option<(usize, &Instruction)> {
    let insts = &df.instructions;
    let idx = insts.partition_point(|i| i.range.start() <= offset);
    let i = idx.checked_sub(1)?;
    let mut inst = &insts[i];
    if !inst.range.contains_inclusive(offset) {
        return None;
    }
    while let Some(t) = inst.onbuild_trigger() {
        if t.range.contains_inclusive(offset) && offset >= t.keyword_range.start() {
            inst = t;
        } else {
            break;
        }
    }
    Some((i, inst))
}

/// The directive line holding `offset`.
#[must_use]
pub fn directive_at(df: &Dockerfile, offset: usize) -> Option<&Directive> {
    df.directives
        .iter()
        .find(|d| d.range.contains_inclusive(offset))
}

/// The flag of `inst` whose range holds `offset`.
#[must_use]
pub fn flag_at(inst: &Instruction, offset: usize) -> Option<&Flag> {
    inst.flags
        .iter()
        .find(|f| f.range.contains_inclusive(offset))
}

/// In a `--mount=k=v,k2=v2` flag written on one line, the `key=value` item
/// at `offset`: the key, its range, and the value's range if any.
#[must_use]
pub fn mount_item_at<'a>(
    flag: &Flag,
    src: &'a str,
    offset: usize,
) -> Option<(&'a str, TextRange, Option<TextRange>)> {
    let text = flag.range.slice(src);
    let eq = text.find('=')?;
    let base = flag.range.start() + eq + 1;
    let value = &text[eq + 1..];
    let mut off = base;
    for part in value.split(',') {
        let end = off + part.len();
        if (off..=end).contains(&offset) {
            return Some(match part.split_once('=') {
                Some((k, _)) => (
                    &src[off..off + k.len()],
                    TextRange::new(off, off + k.len()),
                    Some(TextRange::new(off + k.len() + 1, end)),
                ),
                None => (&src[off..end], TextRange::new(off, end), None),
            });
        }
        off = end + 1;
    }
    None
}
