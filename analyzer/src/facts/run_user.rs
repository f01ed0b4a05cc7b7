//! Who a container built from a Dockerfile runs as: root by name or id, a
//! base image made for non-root users, the verdict for a whole stage.
//! Shared by `last-user-root`, `implicit-root-user` and the Compose rule
//! `service-user-unset` (for services built from a local Dockerfile).

use crate::facts::base_images::is_files_only;
use crate::model::{Model, Stage};

/// `root`, `0`, `root:group`, `0:0`.
pub(crate) fn is_root(user: &str) -> bool {
    let name = user.split_once(':').map_or(user, |(u, _)| u);
    name == "root" || name == "0"
}

/// The stage's root ancestor is an image made to run as a non-root user
/// (`…:nonroot`, `rootless`…).
pub(crate) fn nonroot_base(model: &Model, stage: &Stage) -> bool {
    let root = std::iter::once(stage)
        .chain(model.ancestors(stage.index))
        .last()
        .unwrap_or(stage);
    let Some(image) = &root.base.image else {
        return false;
    };
    let lower = image.text().to_ascii_lowercase();
    ["nonroot", "non-root", "rootless"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Who the container of a stage runs as, as far as the Dockerfile tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RunsAs {
    Root,
    NonRoot,
    /// A variable, or a base image whose user is not known.
    Unknown,
}

/// The user stage `stage` runs as: its last USER (inherited ones
/// included), else root unless the base image is a non-root one or the
/// stage only holds files.
pub(crate) fn stage_runs_as(model: &Model, stage: &Stage) -> RunsAs {
    match &stage.user {
        Some((_, user)) if user.contains('$') => RunsAs::Unknown,
        Some((_, user)) if is_root(user) => RunsAs::Root,
        Some(_) => RunsAs::NonRoot,
        None if nonroot_base(model, stage) => RunsAs::NonRoot,
        None if is_files_only(model, stage)
            || stage.base.stage.is_none()
                && stage.base.image.as_ref().is_none_or(|i| i.is_symbolic()) =>
        {
            RunsAs::Unknown
        }
        None => RunsAs::Root,
    }
}
