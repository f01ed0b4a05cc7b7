//! The shared body of the label-schema rules (hadolint's `label-schema`
//! types, DL3052–DL3058); each rule holds its own value check, written by
//! hand.

use crate::checker::Checker;
use crate::config::{LabelType, RuleOptions};

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
