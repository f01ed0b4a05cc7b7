//! `textDocument/signatureHelp`: the forms of the instruction under the cursor.

use ls_types::{
    ParameterInformation, ParameterLabel, Position, SignatureHelp, SignatureInformation,
};

use crate::document::Snapshot;
use crate::from_proto;
use crate::locate::instruction_at;
use crate::reference;

/// The `<...>` and `[...]` placeholders of a form, as parameter labels.
fn parameters(form: &str) -> Vec<ParameterInformation> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in form.char_indices() {
        match c {
            '<' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '>' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let (a, b) = (
                        u32::try_from(start).unwrap_or(0),
                        u32::try_from(i + 1).unwrap_or(0),
                    );
                    out.push(ParameterInformation {
                        label: ParameterLabel::LabelOffsets([a, b]),
                        documentation: None,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[must_use]
pub fn signature_help(snap: &Snapshot, pos: Position) -> Option<SignatureHelp> {
    let offset = from_proto::offset(snap, pos);
    let df = snap.syntax();
    let (_, inst) = instruction_at(df, offset)?;
    if offset < inst.keyword_range.end() {
        return None;
    }
    let doc = reference::instruction(inst.keyword)?;
    let signatures: Vec<SignatureInformation> = doc
        .forms
        .iter()
        .map(|form| SignatureInformation {
            label: (*form).to_owned(),
            documentation: Some(ls_types::Documentation::String(doc.summary.to_owned())),
            parameters: Some(parameters(form)),
            active_parameter: None,
        })
        .collect();
    let src = &*snap.text;
    let json = src[inst.keyword_range.end()..offset.min(src.len()).max(inst.keyword_range.end())]
        .split_whitespace()
        .find(|w| !w.starts_with("--"))
        .is_some_and(|w| w.starts_with('['));
    let active_signature = doc
        .forms
        .iter()
        .position(|f| f.contains('[') && f.contains("[\"") == json)
        .unwrap_or(0);
    // Which placeholder: the number of arguments (not flags) before the cursor.
    let before =
        &src[inst.keyword_range.end()..offset.min(src.len()).max(inst.keyword_range.end())];
    let mut n = before
        .split_whitespace()
        .filter(|w| !w.starts_with("--"))
        .count();
    if !before.ends_with(char::is_whitespace) && n > 0 {
        n -= 1;
    }
    let params = signatures
        .get(active_signature)
        .and_then(|s| s.parameters.as_ref())
        .map_or(0, Vec::len);
    let active_parameter = (params > 0).then(|| u32::try_from(n.min(params - 1)).unwrap_or(0));
    Some(SignatureHelp {
        signatures,
        active_signature: u32::try_from(active_signature).ok(),
        active_parameter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_parameters() {
        let form = "FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]";
        let labels: Vec<&str> = parameters(form)
            .iter()
            .map(|p| match p.label {
                ParameterLabel::LabelOffsets([a, b]) => &form[a as usize..b as usize],
                ParameterLabel::Simple(_) => "",
            })
            .collect();
        assert_eq!(
            labels,
            ["<platform>", "<image>", "<tag>", "<digest>", "<name>"]
        );
    }
}
