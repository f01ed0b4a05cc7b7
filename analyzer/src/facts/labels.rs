//! LABEL pairs after expansion (built once per analysis, [`Checker::labels`](crate::checker::Checker::labels)).

use crate::TextRange;
use crate::model::Model;
use crate::syntax::{Args, Keyword};

/// One `key=value` of a top-level LABEL.
#[derive(Clone, Debug)]
pub(crate) struct Label {
    /// The stage (`None` before the first FROM).
    pub stage: Option<usize>,
    /// The key after expansion (quotes removed).
    pub key: String,
    pub key_range: TextRange,
    /// The value after expansion (quotes removed; unset variables kept as
    /// `$NAME`).
    pub value: String,
    pub value_range: TextRange,
}

impl Label {
    /// The value may hold a variable whose value is unknown.
    pub(crate) fn unresolved(&self) -> bool {
        self.value.contains('$')
    }

    /// The range to report a problem with the value at: the value, or the
    /// key when the value is empty.
    pub(crate) fn value_or_key_range(&self) -> TextRange {
        if self.value_range.is_empty() {
            self.key_range
        } else {
            self.value_range
        }
    }
}

/// Every pair of every top-level LABEL, in file order.
pub(crate) fn labels(model: &Model) -> Vec<Label> {
    let src = model.src();
    let mut out = Vec::new();
    for (i, inst) in model.instructions().iter().enumerate() {
        if inst.keyword != Keyword::Label {
            continue;
        }
        let Args::KeyValues(pairs) = &inst.args else {
            continue;
        };
        for p in pairs {
            out.push(Label {
                stage: model
                    .instruction_stage
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|s| s as usize),
                key: model.expand(i, p.key.text(inst, src)),
                key_range: p.key.range,
                value: model.expand(i, p.value.text(inst, src)),
                value_range: p.value.range,
            });
        }
    }
    out
}
