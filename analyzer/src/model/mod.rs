//! The semantic model: stages, variables, the stage graph and the shell
//! inside RUN, built once per file from the syntax tree.

use crate::syntax::{Dockerfile, parse};

/// The analysed file.
#[derive(Debug)]
pub struct Model {
    pub file: Dockerfile,
}

impl Model {
    /// Parses `src` and builds the model.
    #[must_use]
    pub fn new(src: &str) -> Model {
        Model { file: parse(src) }
    }

    /// The index of the instruction whose range holds `offset`.
    #[must_use]
    pub fn instruction_at(&self, offset: usize) -> Option<u32> {
        let insts = &self.file.instructions;
        let idx = insts.partition_point(|i| i.range.start() <= offset);
        let i = idx.checked_sub(1)?;
        let inst = &insts[i];
        (offset <= inst.range.end()).then(|| u32::try_from(i).ok())?
    }
}
