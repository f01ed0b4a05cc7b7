//! `textDocument/foldingRange`: stages, multi-line instructions, heredocs and
//! runs of comment lines.

use ls_types::{FoldingRange, FoldingRangeKind};

use crate::capabilities::ClientCaps;
use crate::document::Snapshot;
use crate::handlers::document_symbol::stages;

fn fold(start: u32, end: u32, kind: Option<FoldingRangeKind>) -> FoldingRange {
    FoldingRange {
        start_line: start,
        start_character: None,
        end_line: end,
        end_character: None,
        kind,
        collapsed_text: None,
    }
}

#[must_use]
pub fn folding_ranges(snap: &Snapshot, caps: &ClientCaps) -> Vec<FoldingRange> {
    let df = snap.syntax();
    let mut out = Vec::new();
    let (_, stages) = stages(df);
    for stage in stages {
        let insts = &df.instructions[stage];
        let (first, last) = (insts[0].start_line, insts[insts.len() - 1].end_line);
        if last > first {
            out.push(fold(first, last, Some(FoldingRangeKind::Region)));
        }
    }
    for inst in &df.instructions {
        if inst.end_line > inst.start_line {
            out.push(fold(inst.start_line, inst.end_line, None));
        }
        for h in &inst.heredocs {
            let start = df.line_of(h.word_range.start());
            let end = h
                .terminator
                .map_or(df.line_of(h.body.end().saturating_sub(1)), |t| {
                    df.line_of(t.start())
                });
            if end > start {
                out.push(fold(start, end, None));
            }
        }
    }
    // Runs of comment lines outside instructions.
    let mut run: Option<(u32, u32)> = None;
    for c in df.comments.iter().filter(|c| !c.in_continuation) {
        run = match run {
            Some((s, e)) if c.line == e + 1 => Some((s, c.line)),
            Some((s, e)) => {
                if e > s {
                    out.push(fold(s, e, Some(FoldingRangeKind::Comment)));
                }
                Some((c.line, c.line))
            }
            None => Some((c.line, c.line)),
        };
    }
    if let Some((s, e)) = run
        && e > s
    {
        out.push(fold(s, e, Some(FoldingRangeKind::Comment)));
    }
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    if let Some(limit) = caps.folding_range_limit {
        out.truncate(limit as usize);
    }
    out
}
