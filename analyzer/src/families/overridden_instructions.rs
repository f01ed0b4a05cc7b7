//! Instructions of which only the last one in a stage takes effect (CMD,
//! ENTRYPOINT, HEALTHCHECK): every earlier one is reported, pointing at the
//! one that wins, with an unsafe fix deleting it.

use crate::checker::Checker;
use crate::model::Model;
use crate::model::pragmas::PragmaScope;
use crate::syntax::Keyword;
use crate::{Edit, Fix, Tag, TextRange};

/// Reports every `keyword` instruction of a stage but the last one.
pub(crate) fn report_overridden(cx: &mut Checker<'_>, keyword: Keyword) {
    let model = cx.model;
    let name = keyword.as_str();
    for stage in &model.stages {
        let found: Vec<usize> = stage
            .instructions
            .clone()
            .filter(|&i| model.file.instructions[i].keyword == keyword)
            .collect();
        let Some((&last, earlier)) = found.split_last() else {
            continue;
        };
        let winner = model.file.instructions[last].header_range;
        for &i in earlier {
            let inst = &model.file.instructions[i];
            let fix = deletion(model, i).map(|range| {
                Fix::unsafe_(
                    format!("Remove the overridden {name}"),
                    vec![Edit::delete(range)],
                )
            });
            let d = cx
                .report(
                    inst.range,
                    format!("Only the last {name} of a stage takes effect; this one is overridden"),
                )
                .with_related(winner, format!("This {name} takes effect"))
                .with_tag(Tag::Unnecessary);
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// The text to delete to remove instruction `index`: its whole lines, with
/// the comment lines directly above it (the ones suppressions attach to it).
/// `None` when those comments hold a pragma that applies elsewhere (a global
/// ignore, a `shell=` pragma): deleting it would change other findings.
fn deletion(model: &Model, index: usize) -> Option<TextRange> {
    let file = &model.file;
    let inst = file.instructions.get(index)?;
    let line_starts = file.line_starts();
    let src = file.source();
    let line_start = |line: u32| {
        line_starts
            .get(line as usize)
            .map_or(src.len(), |&s| s as usize)
    };
    let mut first = inst.start_line;
    while first > 0 {
        let above = first - 1;
        let at = file.comments.partition_point(|c| c.line < above);
        let is_comment = file
            .comments
            .get(at)
            .is_some_and(|c| c.line == above && !c.in_continuation);
        let in_previous = index
            .checked_sub(1)
            .is_some_and(|p| file.instructions[p].end_line >= above);
        if !is_comment || in_previous {
            break;
        }
        first = above;
    }
    let start = line_start(first);
    let end = line_start(inst.end_line + 1);
    let range = TextRange::new(start, end);
    let foreign_pragma = model
        .pragmas
        .pragmas
        .iter()
        .any(|p| range.contains_range(p.range) && p.scope != PragmaScope::Instruction(index))
        || model
            .pragmas
            .shell
            .as_ref()
            .is_some_and(|(_, r)| range.contains_range(*r));
    (!foreign_pragma).then_some(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletes_lines_and_attached_comments() {
        let src = "FROM a\n\n# the old one\n# hadolint ignore=DL3025\nCMD a \\\n  b\nCMD c\n";
        let m = Model::new(src);
        let r = deletion(&m, 1).unwrap();
        assert_eq!(
            &src[r.as_range()],
            "# the old one\n# hadolint ignore=DL3025\nCMD a \\\n  b\n"
        );
        let src = "FROM a\n# hadolint global ignore=DL3025\nCMD a\nCMD c";
        let m = Model::new(src);
        assert!(deletion(&m, 1).is_none());
        let src = "FROM a\nCMD a\nCMD c";
        let m = Model::new(src);
        assert_eq!(&src[deletion(&m, 2).unwrap().as_range()], "CMD c");
    }
}
