//! LABEL pairs after expansion (built once per analysis, [`Checker::labels`]),
//! and the shared body of the label-schema rules (hadolint's `label-schema`
//! types); each rule holds its own value check, written by hand.

use crate::TextRange;
use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};
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

/// The shared body of the label-schema rules (DL3052–DL3058): every label
/// the schema gives type `ty` whose value is resolved, non-empty and not
/// `valid` is reported as "Label `key` is not {what}". Nothing without a
/// schema.
pub(crate) fn report_mistyped(
    cx: &mut Checker<'_>,
    ty: LabelType,
    valid: fn(&str) -> bool,
    what: &str,
) {
    let schema = &cx.options.label_schema;
    if schema.is_empty() {
        return;
    }
    for label in cx.labels() {
        if schema.get(&label.key) == Some(&ty)
            && !label.value.is_empty()
            && !label.unresolved()
            && !valid(&label.value)
        {
            cx.report(
                label.value_or_key_range(),
                format!("Label `{}` is not {what}", label.key),
            );
        }
    }
}

/// The schema the examples of a label-schema rule use: `key` of type `ty`.
pub(crate) fn example_schema(options: &mut RuleOptions, key: &str, ty: LabelType) {
    options.label_schema.insert(key.to_owned(), ty);
}
