//! The working directory in effect at an instruction: the WORKDIRs of its
//! stage and of the stages it is built on, joined the way the builder joins
//! them (a relative WORKDIR continues the previous one).

use crate::model::Model;
use crate::syntax::{Args, Keyword};

use super::copy_paths::is_windows_absolute;

/// A working directory known from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Workdir {
    /// The WORKDIR that set it last; `None` for the `/` of a stage built on
    /// `scratch` that sets no WORKDIR.
    pub instruction: Option<usize>,
    /// The expanded path, joined with the earlier WORKDIRs and cleaned when
    /// absolute.
    pub path: String,
    /// No variable took part anywhere in the chain: writing `path` into the
    /// file means the same thing.
    pub literal: bool,
    /// The path is absolute (else it is relative to the base image's unknown
    /// working directory, or holds an unresolved variable).
    pub absolute: bool,
}

/// The working directory in effect in `stage` just before instruction
/// `before` (`None`: at the end of the stage): from the stage's own WORKDIRs
/// and those of the stages it is built on. `None` when no WORKDIR of the file
/// applies and the stage is not built on `scratch`.
pub(crate) fn workdir_at(model: &Model, stage: usize, before: Option<usize>) -> Option<Workdir> {
    let current = model.stages.get(stage)?;
    let mut chain: Vec<usize> = model.ancestors(stage).map(|s| s.index).collect();
    chain.reverse();
    let root = chain.first().map_or(current, |&r| &model.stages[r]);
    let mut state = root.base.scratch.then(|| Workdir {
        instruction: None,
        path: "/".to_owned(),
        literal: true,
        absolute: true,
    });
    chain.push(stage);
    let src = model.src();
    for s in chain {
        let range = model.stages[s].instructions.clone();
        let end = match before {
            Some(b) if s == stage => b.min(range.end),
            _ => range.end,
        };
        for j in range.start..end {
            let inst = &model.file.instructions[j];
            if inst.keyword != Keyword::Workdir {
                continue;
            }
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let raw = span.text(inst, src);
            let value = model.expand(j, raw);
            let literal = !raw.contains('$');
            state = Some(next_workdir(state, j, &value, literal));
        }
    }
    state
}

fn next_workdir(prev: Option<Workdir>, index: usize, value: &str, literal: bool) -> Workdir {
    if value.starts_with('/') {
        return Workdir {
            instruction: Some(index),
            path: clean_absolute(value),
            literal,
            absolute: true,
        };
    }
    if is_windows_absolute(value) || value.starts_with('$') {
        return Workdir {
            instruction: Some(index),
            path: value.to_owned(),
            literal,
            absolute: is_windows_absolute(value),
        };
    }
    match prev {
        Some(p) if p.absolute && !p.path.contains('$') && p.path.starts_with('/') => Workdir {
            instruction: Some(index),
            path: clean_absolute(&format!("{}/{value}", p.path)),
            literal: p.literal && literal,
            absolute: true,
        },
        Some(p) => Workdir {
            instruction: Some(index),
            path: format!("{}/{value}", p.path.trim_end_matches('/')),
            literal: p.literal && literal,
            absolute: p.absolute,
        },
        None => Workdir {
            instruction: Some(index),
            path: value.to_owned(),
            literal,
            absolute: false,
        },
    }
}

/// Go's `path.Clean` for an absolute path: no empty or `.` components, `..`
/// removes the previous component (never above the root).
pub(crate) fn clean_absolute(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = String::with_capacity(path.len());
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_workdirs_across_stages() {
        let m = Model::new(
            "FROM alpine AS a\nWORKDIR /app\nWORKDIR ./src/../lib\nFROM a\nWORKDIR x\nRUN pwd\n",
        );
        let w = workdir_at(&m, 0, None).unwrap();
        assert_eq!(w.path, "/app/lib");
        assert!(w.literal && w.absolute);
        let w = workdir_at(&m, 1, Some(5)).unwrap();
        assert_eq!(w.path, "/app/lib/x");
        assert_eq!(w.instruction, Some(4));
        let w = workdir_at(&m, 1, Some(4)).unwrap();
        assert_eq!(w.path, "/app/lib");
    }

    #[test]
    fn variables_and_scratch() {
        let m =
            Model::new("ARG D=/opt\nFROM scratch\nARG D\nWORKDIR $D\nWORKDIR y\nFROM busybox\n");
        assert_eq!(workdir_at(&m, 0, Some(3)).unwrap().path, "/");
        assert_eq!(workdir_at(&m, 0, Some(3)).unwrap().instruction, None);
        let w = workdir_at(&m, 0, None).unwrap();
        assert_eq!(w.path, "/opt/y");
        assert!(!w.literal);
        assert!(workdir_at(&m, 1, None).is_none());
    }

    #[test]
    fn cleans() {
        assert_eq!(clean_absolute("/a//b/./c/.."), "/a/b");
        assert_eq!(clean_absolute("/../.."), "/");
        assert_eq!(clean_absolute("/proc/"), "/proc");
    }
}
