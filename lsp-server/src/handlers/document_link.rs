//! `textDocument/documentLink`: each base image links to its registry page,
//! computed offline from the reference alone. In a Compose file, the
//! `env_file`, `build` and `extends.file` paths link to their files.

use ls_types::DocumentLink;

use crate::document::{DocKind, Snapshot};
use crate::navigation::{self, ImageParts};

/// The web page of an image, for the registries whose URL scheme is known.
#[must_use]
pub fn image_url(img: &ImageParts) -> Option<String> {
    let repo = img.repository.as_str();
    match img.registry.as_deref() {
        None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io") => {
            Some(match repo.strip_prefix("library/") {
                Some(official) => format!("https://hub.docker.com/_/{official}"),
                None if !repo.contains('/') => format!("https://hub.docker.com/_/{repo}"),
                None => format!("https://hub.docker.com/r/{repo}"),
            })
        }
        Some("ghcr.io") => {
            let (owner, name) = repo.split_once('/')?;
            Some(format!(
                "https://github.com/{owner}/{name}/pkgs/container/{name}"
            ))
            .map(|u| {
                if name.contains('/') {
                    format!("https://github.com/{owner}?tab=packages")
                } else {
                    u
                }
            })
        }
        Some("quay.io") => Some(format!("https://quay.io/repository/{repo}")),
        Some("mcr.microsoft.com") => Some(format!("https://mcr.microsoft.com/artifact/mar/{repo}")),
        Some(host) if host == "gcr.io" || host.ends_with(".gcr.io") => {
            Some(format!("https://{host}/{repo}"))
        }
        Some(host) if host.ends_with("-docker.pkg.dev") => Some(format!("https://{host}/{repo}")),
        _ => None,
    }
}

#[must_use]
pub fn document_links(snap: &Snapshot) -> Vec<DocumentLink> {
    match snap.kind {
        DocKind::Dockerfile => {}
        DocKind::Compose { .. } => {
            return snap
                .compose()
                .map(|a| crate::handlers::compose::links(snap, a))
                .unwrap_or_default();
        }
        DocKind::Daemon | DocKind::Seccomp | DocKind::Other => return Vec::new(),
    }
    navigation::images(snap)
        .iter()
        .filter_map(|img| {
            let target = image_url(img)?.parse().ok()?;
            Some(DocumentLink {
                range: snap.range(img.range),
                target: Some(target),
                tooltip: Some(format!("Open {} in the registry", img.repository)),
                data: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_analyzer::TextRange;

    fn img(registry: Option<&str>, repo: &str) -> ImageParts {
        ImageParts {
            range: TextRange::default(),
            registry: registry.map(str::to_owned),
            repository: repo.to_owned(),
            tag: None,
            digest: None,
            written: None,
            stage: 0,
        }
    }

    #[test]
    fn registry_pages() {
        assert_eq!(
            image_url(&img(None, "ubuntu")).unwrap(),
            "https://hub.docker.com/_/ubuntu"
        );
        assert_eq!(
            image_url(&img(Some("docker.io"), "library/node")).unwrap(),
            "https://hub.docker.com/_/node"
        );
        assert_eq!(
            image_url(&img(None, "bitnami/redis")).unwrap(),
            "https://hub.docker.com/r/bitnami/redis"
        );
        assert_eq!(
            image_url(&img(Some("ghcr.io"), "owner/tool")).unwrap(),
            "https://github.com/owner/tool/pkgs/container/tool"
        );
        assert_eq!(
            image_url(&img(Some("quay.io"), "prometheus/node-exporter")).unwrap(),
            "https://quay.io/repository/prometheus/node-exporter"
        );
        assert_eq!(
            image_url(&img(Some("mcr.microsoft.com"), "dotnet/sdk")).unwrap(),
            "https://mcr.microsoft.com/artifact/mar/dotnet/sdk"
        );
        assert_eq!(
            image_url(&img(Some("gcr.io"), "distroless/static")).unwrap(),
            "https://gcr.io/distroless/static"
        );
        assert!(image_url(&img(Some("registry.example.com:5000"), "x")).is_none());
    }
}
