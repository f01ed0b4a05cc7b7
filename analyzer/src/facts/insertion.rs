//! Where a fix inserts a new instruction (DL3003's `WORKDIR`, DL4006's
//! `SHELL`).

use crate::model::Model;

/// Where to insert a new instruction line before instruction `index`: the
/// start of its line, or of the comment lines right above it (so a
/// suppression comment keeps applying to the instruction), and the
/// instruction's indentation.
pub(crate) fn insertion_point(model: &Model, index: usize) -> Option<(usize, &str)> {
    let file = &model.file;
    let inst = file.instructions.get(index)?;
    let src = model.src();
    let starts = file.line_starts();
    let line_start = |line: u32| starts.get(line as usize).map(|&s| s as usize);
    let own = line_start(inst.start_line)?;
    let indent = &src[own..inst.range.start()];
    let indent = if indent.bytes().all(|b| b == b' ' || b == b'\t') {
        indent
    } else {
        ""
    };
    let mut line = inst.start_line;
    while line > 0
        && file
            .comments
            .iter()
            .any(|c| c.line == line - 1 && !c.in_continuation)
    {
        line -= 1;
    }
    Some((line_start(line)?, indent))
}
