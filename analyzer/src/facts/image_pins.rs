//! Whether an image reference pins what it pulls: the `latest` and
//! "no tag" verdicts shared by the Dockerfile's FROM rules
//! (`image-tag-latest`, `image-tag-missing`) and the Compose service rules
//! (`service-image-latest`, `service-image-untagged`).

use crate::compose::interpolate::UNKNOWN;
use crate::values::image_ref::{ImageRef, parse_image_ref};

/// Tagged `latest` and not pinned by a digest as well. A tag that is a
/// variable is not `latest`.
pub(crate) fn uses_latest(image: &ImageRef) -> bool {
    image.is_latest() && image.digest.is_none()
}

/// Neither a tag nor a digest, and a repository path without a variable
/// (which may carry the tag itself). A registry port (`host:5000/app`) is
/// not a tag.
pub(crate) fn is_untagged(image: &ImageRef) -> bool {
    !(image.tag.is_some() || image.digest.is_some() || image.path.symbolic)
}

/// Parses a Compose `image:` value after interpolation (`text`, in which
/// each part that stays unknown is one [`UNKNOWN`] character): an unknown
/// part is a variable, so the part holding it is symbolic and never judged.
/// Spans are offsets into `text`.
pub(crate) fn parse_interpolated_image(text: &str) -> ImageRef {
    if text.contains(UNKNOWN) || text.contains(['$', '\\', '\'', '"']) {
        // Shell syntax means nothing in Compose: escape what the shell
        // lexer of the reference parser would read, and mark unknowns.
        let mut word = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                UNKNOWN => word.push_str("${_}"),
                '$' | '\\' | '\'' | '"' => {
                    word.push('\\');
                    word.push(c);
                }
                c => word.push(c),
            }
        }
        return parse_image_ref(&word, 0, '\\');
    }
    parse_image_ref(text, 0, '\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_images() {
        let latest = |t: &str| uses_latest(&parse_interpolated_image(t));
        let untagged = |t: &str| is_untagged(&parse_interpolated_image(t));
        assert!(latest("nginx:latest"));
        assert!(!latest(
            "nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000"
        ));
        assert!(!latest("nginx:1.27"));
        assert!(untagged("nginx"));
        assert!(untagged("registry.example.com:5000/team/app"));
        assert!(!untagged("registry.example.com:5000/team/app:1.0"));
        let unknown = format!("nginx:{UNKNOWN}");
        assert!(!latest(&unknown) && !untagged(&unknown));
        let unknown_name = format!("{UNKNOWN}");
        assert!(!untagged(&unknown_name));
        let unknown_registry = format!("{UNKNOWN}/app");
        assert!(untagged(&unknown_registry));
    }
}
