//! Shared by the rules about base images and image references (DL3006,
//! DL3007, DL3026, DW1007): which stages are built on an image, and how to
//! name that image in a message.

use crate::model::{BaseImage, Model, Stage};
use crate::values::image_ref::ImageRef;

/// Every stage built on an image: not on an earlier stage, not on `scratch`,
/// and with a non-empty reference after expansion.
pub(crate) fn image_stages(model: &Model) -> impl Iterator<Item = (&Stage, &ImageRef)> {
    model.stages.iter().filter_map(|s| {
        let image = s.base.image.as_ref()?;
        let usable = s.base.stage.is_none()
            && !s.base.scratch
            && !image.path.text.is_empty()
            && !s.base.expanded.trim().is_empty();
        usable.then_some((s, image))
    })
}

/// The image as a message shows it: as written, plus its expansion when an
/// ARG changed it (`` `${BASE}` (`ubuntu:latest`) ``).
pub(crate) fn describe(base: &BaseImage) -> String {
    if base.raw == base.expanded {
        format!("`{}`", base.raw)
    } else {
        format!("`{}` (`{}`)", base.raw, base.expanded)
    }
}

/// The final image cannot run as a container: it is built on `scratch`
/// (directly or through earlier stages) and has no CMD or ENTRYPOINT, so it
/// only carries files (a `--output` export, a data or binary image other
/// images copy from).
pub(crate) fn is_files_only(model: &Model, stage: &Stage) -> bool {
    let root = model.ancestors(stage.index).last().unwrap_or(stage);
    root.base.scratch && stage.cmd.is_none() && stage.entrypoint.is_none()
}
