//! The working directory in effect at an instruction: the WORKDIRs of its
//! stage and of the stages it is built on, joined the way the builder joins
//! them (a relative WORKDIR continues the previous one).

use crate::model::Model;
use crate::syntax::{Args, Keyword};

use crate::facts::copy_paths::is_windows_absolute;

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

/// The working directory in effect at every instruction, computed in one
/// pass: each stage starts from the end state of the stage it is built on
/// (or `/` for `scratch`).
pub(crate) struct Workdirs {
    /// For each instruction, the state in effect just before it (an index
    /// into `states`).
    before: Vec<Option<u32>>,
    /// For each instruction, the state just after it.
    after: Vec<Option<u32>>,
    states: Vec<Workdir>,
}

impl Workdirs {
    pub(crate) fn new(model: &Model) -> Workdirs {
        let src = model.src();
        let n = model.file.instructions.len();
        let mut w = Workdirs {
            before: vec![None; n],
            after: vec![None; n],
            states: Vec::new(),
        };
        let mut stage_end: Vec<Option<u32>> = vec![None; model.stages.len()];
        for stage in &model.stages {
            let mut current = match stage.parent {
                Some(p) if p < stage.index => stage_end[p],
                Some(_) => None,
                None if stage.base.scratch => {
                    w.states.push(Workdir {
                        instruction: None,
                        path: "/".to_owned(),
                        literal: true,
                        absolute: true,
                    });
                    u32::try_from(w.states.len() - 1).ok()
                }
                None => None,
            };
            for j in stage.instructions.clone() {
                w.before[j] = current;
                let inst = &model.file.instructions[j];
                if inst.keyword == Keyword::Workdir
                    && let Args::Text(span) = &inst.args
                {
                    let raw = span.text(inst, src);
                    let value = model.expand(j, raw);
                    let prev = current.map(|c| w.states[c as usize].clone());
                    w.states
                        .push(next_workdir(prev, j, &value, !raw.contains('$')));
                    current = u32::try_from(w.states.len() - 1).ok();
                }
                w.after[j] = current;
            }
            stage_end[stage.index] = current;
        }
        w
    }

    /// The working directory in effect just before instruction `index`.
    pub(crate) fn before(&self, index: usize) -> Option<&Workdir> {
        let s = (*self.before.get(index)?)?;
        self.states.get(s as usize)
    }

    /// The working directory in effect just after instruction `index` (for a
    /// WORKDIR, the one it sets).
    pub(crate) fn after(&self, index: usize) -> Option<&Workdir> {
        let s = (*self.after.get(index)?)?;
        self.states.get(s as usize)
    }
}

const PATH_MAX: usize = 4096;

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
        // Longer than Linux's PATH_MAX: not a directory the build can have;
        // stop joining (and keep the table linear on pathological files).
        Some(p) if p.path.len() + value.len() >= PATH_MAX => Workdir {
            instruction: Some(index),
            path: value.to_owned(),
            literal: false,
            absolute: false,
        },
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
        let w = Workdirs::new(&m);
        let end = w.after(2).unwrap();
        assert_eq!(end.path, "/app/lib");
        assert!(end.literal && end.absolute);
        let at_run = w.before(5).unwrap();
        assert_eq!(at_run.path, "/app/lib/x");
        assert_eq!(at_run.instruction, Some(4));
        assert_eq!(w.before(4).unwrap().path, "/app/lib");
        assert!(w.before(0).is_none());
    }

    #[test]
    fn variables_and_scratch() {
        let m = Model::new(
            "ARG D=/opt\nFROM scratch\nARG D\nWORKDIR $D\nWORKDIR y\nFROM busybox\nRUN x\n",
        );
        let w = Workdirs::new(&m);
        assert_eq!(w.before(3).unwrap().path, "/");
        assert_eq!(w.before(3).unwrap().instruction, None);
        let end = w.after(4).unwrap();
        assert_eq!(end.path, "/opt/y");
        assert!(!end.literal);
        assert!(w.before(6).is_none());
    }

    #[test]
    fn cleans() {
        assert_eq!(clean_absolute("/a//b/./c/.."), "/a/b");
        assert_eq!(clean_absolute("/../.."), "/");
        assert_eq!(clean_absolute("/proc/"), "/proc");
    }
}
