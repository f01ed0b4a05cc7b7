//! An interpolated scalar value and where to report it.

use std::borrow::Cow;
use std::ops::Range;

use super::{ComposeModel, FileId};
use crate::compose::interpolate::{UNKNOWN, VarRef, has_dollar, interpolate};
use crate::text::TextRange;
use crate::yaml::{ScalarStyle, Value, Yaml};

/// The source offset of a scalar's first value byte, when its value is its
/// source text byte for byte (a plain scalar, or a quoted one without
/// escapes or line folding); `None` otherwise.
pub(crate) fn value_base(yaml: &Yaml, id: crate::yaml::NodeId) -> Option<usize> {
    let node = yaml.node(id);
    let value = yaml.scalar(id)?;
    let span = node.span();
    let start = match node.style()? {
        ScalarStyle::Plain => span.start(),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => span.start() + 1,
        ScalarStyle::Literal | ScalarStyle::Folded => return None,
    };
    let src = yaml.source();
    (src.get(start..start + value.len()) == Some(value)).then_some(start)
}

/// A scalar value after interpolation.
#[derive(Clone, Debug)]
pub struct Scalar<'m> {
    /// The node where the value is written.
    pub value: Value<'m>,
    /// The file the node is in.
    pub file: FileId,
    /// The value after interpolation; each unknown part is one
    /// [`UNKNOWN`] character.
    pub text: Cow<'m, str>,
    /// No part of the value is unknown.
    pub known: bool,
    /// The value holds a variable reference.
    pub interpolated: bool,
    /// Some variable the value reads is set by the `.env` (so the value is
    /// not all written in the Compose file).
    pub from_env: bool,
    report: Option<TextRange>,
    /// Source offset of `text`'s first byte when `text` is the source text.
    base: Option<usize>,
}

impl<'m> Scalar<'m> {
    pub(crate) fn new(
        model: &'m ComposeModel,
        file: FileId,
        value: Value<'m>,
        report: Option<TextRange>,
    ) -> Option<Scalar<'m>> {
        if !value.is_scalar() || value.is_null() {
            return None;
        }
        let raw = value.as_str()?;
        let yaml = &model.file(file).yaml;
        let base = value_base(yaml, value.id());
        if !has_dollar(raw) {
            return Some(Scalar {
                value,
                file,
                text: Cow::Borrowed(raw),
                known: !raw.contains(UNKNOWN),
                interpolated: false,
                from_env: false,
                report,
                base,
            });
        }
        let i = interpolate(raw, 0, model.env());
        let from_env = i.refs.iter().any(|r: &VarRef<'_>| r.evaluated && r.set);
        let interpolated = !i.refs.is_empty();
        let known = i.fully_known() && !i.value.contains(UNKNOWN) && i.errors.is_empty();
        // `$$` alone changes the text but reads no variable: offsets no
        // longer map one to one either way.
        Some(Scalar {
            value,
            file,
            known,
            interpolated,
            from_env,
            text: i.value,
            report,
            base: None,
        })
    }

    /// Where a finding on this value is reported, `None` when it is
    /// reported elsewhere (a value inherited from another service of the
    /// file, which reports it itself).
    #[must_use]
    pub fn range(&self) -> Option<TextRange> {
        self.report
    }

    /// The range of bytes `r` of [`text`](Self::text) in the file, when
    /// the value is written here as it reads; else the whole value's
    /// [`range`](Self::range).
    #[must_use]
    pub fn sub_range(&self, r: Range<usize>) -> Option<TextRange> {
        let report = self.report?;
        match self.base {
            Some(b) if self.file == FileId::MAIN && report == self.value.span() => {
                Some(TextRange::new(b + r.start, b + r.end))
            }
            _ => Some(report),
        }
    }

    /// Written in the analysed file, where it is reported (fixes may edit it).
    #[must_use]
    pub fn is_local(&self) -> bool {
        self.file == FileId::MAIN && self.report == Some(self.value.span())
    }

    /// The source offset of [`text`](Self::text)'s first byte, when the
    /// value is written in the analysed file exactly as it reads (no
    /// interpolation, escapes or folding): edits may then target parts of it.
    #[must_use]
    pub fn source_offset(&self) -> Option<usize> {
        if !self.is_local() || self.interpolated || self.text.len() != self.raw().len() {
            return None;
        }
        self.base
    }

    /// The value, when every part is known.
    #[must_use]
    pub fn known(&self) -> Option<&str> {
        self.known.then_some(&*self.text)
    }

    /// The value as a Compose boolean (see [`parse_bool`]), when known.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        parse_bool(self.known()?)
    }

    /// The value as written in the file (before interpolation).
    #[must_use]
    pub fn raw(&self) -> &'m str {
        self.value.as_str().unwrap_or("")
    }

    /// Quoted in the YAML source.
    #[must_use]
    pub fn is_quoted(&self) -> bool {
        self.value.style().is_some_and(ScalarStyle::is_quoted)
    }
}

/// A boolean as Compose casts it after interpolation: `true`/`false` in
/// any case, and the YAML 1.1 words compose-go still accepts with a
/// warning (`y`, `yes`, `on`, `n`, `no`, `off`).
#[must_use]
pub fn parse_bool(text: &str) -> Option<bool> {
    let t = text.trim();
    for (words, value) in [
        (["true", "yes", "y", "on"], true),
        (["false", "no", "n", "off"], false),
    ] {
        if words.iter().any(|w| w.eq_ignore_ascii_case(t)) {
            return Some(value);
        }
    }
    None
}
