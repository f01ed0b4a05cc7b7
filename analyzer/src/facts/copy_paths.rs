//! The paths of COPY and ADD: sources and destination, in shell or exec form,
//! as written and as the builder expands them.

use crate::TextRange;
use crate::model::Model;
use crate::syntax::{Args, Instruction};

/// One source or the destination of a COPY/ADD.
#[derive(Clone, Debug)]
pub(crate) struct PathArg {
    /// As written (quotes kept in shell form; the decoded string in exec form).
    pub raw: String,
    /// After the builder's expansion (quotes removed, variables substituted;
    /// unset variables kept verbatim).
    pub value: String,
    /// The word in the source (quotes included in exec form).
    pub range: TextRange,
    /// A heredoc (`<<EOF`) rather than a path.
    pub heredoc: bool,
}

impl PathArg {
    /// True when the expanded value still holds a variable reference the
    /// builder could not resolve.
    pub(crate) fn unresolved(&self) -> bool {
        self.value.contains('$')
    }
}

/// The sources and the destination of `inst` (a COPY or ADD, possibly an
/// ONBUILD trigger; `index` is the instruction in the file). `None` when the
/// instruction has fewer than two arguments.
pub(crate) fn copy_paths(
    model: &Model,
    index: usize,
    inst: &Instruction,
) -> Option<(Vec<PathArg>, PathArg)> {
    let src = model.src();
    let mut args: Vec<PathArg> = match &inst.args {
        Args::Words(words) => words
            .iter()
            .map(|w| {
                let raw = w.text(inst, src).to_owned();
                let heredoc = raw.starts_with("<<")
                    && inst.heredocs.iter().any(|h| {
                        h.word_range.start() >= w.range.start()
                            && h.word_range.end() <= w.range.end()
                    });
                PathArg {
                    value: if heredoc {
                        raw.clone()
                    } else {
                        model.expand(index, &raw)
                    },
                    raw,
                    range: w.range,
                    heredoc,
                }
            })
            .collect(),
        Args::Json(array) => array
            .items
            .iter()
            .map(|item| PathArg {
                raw: item.value.clone(),
                value: model.expand(index, &item.value),
                range: item.range,
                heredoc: false,
            })
            .collect(),
        _ => return None,
    };
    if args.len() < 2 {
        return None;
    }
    let dest = args.pop()?;
    Some((args, dest))
}

/// The last path component of `path` (`/` and `\` separate; a trailing
/// separator is ignored).
pub(crate) fn basename(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['/', '\\']);
    trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed)
}

/// True for a URL source (`scheme://…`) or a git SSH address (`git@host:…`).
pub(crate) fn is_remote(value: &str) -> bool {
    if value.starts_with("git@") {
        return true;
    }
    match value.find("://") {
        Some(pos) if pos > 0 => value[..pos]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')),
        _ => false,
    }
}

/// True when `path` is absolute on Windows: `C:\…`, `C:/…` (a drive letter,
/// a colon and a separator).
pub(crate) fn is_windows_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_both_forms() {
        let m = Model::new("FROM a\nARG D=/opt\nCOPY \"x\" b $D\nADD [\"u\", \"${D}/v\"]\n");
        let (srcs, dest) = copy_paths(&m, 2, &m.file.instructions[2]).unwrap();
        assert_eq!(srcs.len(), 2);
        assert_eq!(srcs[0].value, "x");
        assert_eq!(dest.value, "/opt");
        let (srcs, dest) = copy_paths(&m, 3, &m.file.instructions[3]).unwrap();
        assert_eq!(srcs[0].raw, "u");
        assert_eq!(dest.value, "/opt/v");
        assert_eq!(&m.src()[dest.range.as_range()], "\"${D}/v\"");
    }

    #[test]
    fn heredoc_sources() {
        let m = Model::new("FROM a\nCOPY <<EOF /x\nhello\nEOF\n");
        let (srcs, _) = copy_paths(&m, 1, &m.file.instructions[1]).unwrap();
        assert!(srcs[0].heredoc);
    }

    #[test]
    fn helpers() {
        assert_eq!(basename("a/b/c.pem"), "c.pem");
        assert_eq!(basename("a/.ssh/"), ".ssh");
        assert!(is_remote("https://x/y.tar.gz"));
        assert!(is_remote("git@github.com:a/b.git"));
        assert!(!is_remote("./a://b"));
        assert!(!is_remote("dir/file"));
        assert!(is_windows_absolute("C:\\app"));
        assert!(!is_windows_absolute("C:"));
    }
}
