//! Which kind of file a name is: the one place that knows the file names of
//! each [`FileKind`], shared by the CLI (directory walks, explicit paths)
//! and the language server (documents whose language id does not tell).
//!
//! Names are base names (no directory); the checks are ASCII
//! case-insensitive.

use crate::rule::FileKind;

/// Extensions after `Dockerfile.` / `Containerfile.` that mark a file that is
/// not a Dockerfile (docs, data, scripts, archives, templates, backups).
const NOT_DOCKERFILE_EXTENSIONS: &[&str] = &[
    "md",
    "markdown",
    "txt",
    "rst",
    "adoc",
    "html",
    "htm",
    "json",
    "yaml",
    "yml",
    "toml",
    "xml",
    "ini",
    "cfg",
    "conf",
    "lock",
    "sh",
    "bash",
    "ps1",
    "bat",
    "cmd",
    "py",
    "js",
    "ts",
    "go",
    "rs",
    "rb",
    "pl",
    "orig",
    "rej",
    "bak",
    "old",
    "swp",
    "swo",
    "tmp",
    "log",
    "patch",
    "diff",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "ico",
    "pdf",
    "zip",
    "tar",
    "gz",
    "tgz",
    "bz2",
    "xz",
    "zst",
    "7z",
    "dockerignore",
    "j2",
    "jinja",
    "jinja2",
    "tmpl",
    "tpl",
    "template",
    "erb",
    "mustache",
    "hbs",
    "m4",
    "in",
];

/// True for the names of Dockerfiles: `Dockerfile`, `Containerfile`,
/// `Dockerfile.*` and `Containerfile.*` (not docs, templates or backups),
/// `*.Dockerfile`; any case.
#[must_use]
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower == "dockerfile" || lower == "containerfile" {
        return true;
    }
    if let Some(rest) = lower
        .strip_prefix("dockerfile.")
        .or_else(|| lower.strip_prefix("containerfile."))
    {
        let ext = rest.rsplit('.').next().unwrap_or(rest);
        return !rest.is_empty() && !NOT_DOCKERFILE_EXTENSIONS.contains(&ext);
    }
    lower.len() > ".dockerfile".len() && lower.ends_with(".dockerfile")
}

/// The Compose files Compose itself looks for, and their override files:
/// `compose.yaml`, `compose.yml`, `docker-compose.yaml`,
/// `docker-compose.yml`, `compose.override.yaml`…
#[must_use]
pub fn is_compose_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower
        .strip_suffix(".yaml")
        .or_else(|| lower.strip_suffix(".yml"))
    else {
        return false;
    };
    let stem = stem.strip_suffix(".override").unwrap_or(stem);
    stem == "compose" || stem == "docker-compose"
}

/// Any `*compose*.yml` or `*compose*.yaml` (`compose.prod.yaml`,
/// `my-compose.yml`): a Compose file when named explicitly (a path on the
/// command line, a document an editor opens as YAML).
#[must_use]
pub fn is_compose_like_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".yaml") || lower.ends_with(".yml")) && lower.contains("compose")
}

/// A Compose override file (`compose.override.yaml`,
/// `docker-compose.override.yml`, `compose.prod.override.yml`): a partial
/// file merged over another.
#[must_use]
pub fn is_compose_override_name(name: &str) -> bool {
    is_compose_like_name(name) && name.to_ascii_lowercase().contains(".override.")
}

/// The Docker daemon's configuration file, `daemon.json`.
#[must_use]
pub fn is_daemon_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("daemon.json")
}

/// The kind of a file by its name alone. `explicit`: the file was named
/// (on the command line, opened in an editor) rather than found in a
/// directory walk, so any `*compose*.yml|yaml` counts as Compose. Seccomp
/// profiles have no name of their own: `None`.
#[must_use]
pub fn kind_of_name(name: &str, explicit: bool) -> Option<FileKind> {
    if is_dockerfile_name(name) {
        Some(FileKind::Dockerfile)
    } else if is_compose_name(name) || (explicit && is_compose_like_name(name)) {
        Some(FileKind::Compose)
    } else if is_daemon_name(name) {
        Some(FileKind::Daemon)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for yes in [
            "Dockerfile",
            "dockerfile",
            "Containerfile",
            "Dockerfile.dev",
            "Dockerfile.alpine-3.20",
            "Containerfile.prod",
            "web.Dockerfile",
            "api.dockerfile",
        ] {
            assert!(is_dockerfile_name(yes), "{yes}");
        }
        for no in [
            "Dockerfile.md",
            "Dockerfile.txt",
            "Dockerfile.dockerignore",
            "Dockerfile.template",
            "Dockerfile.",
            ".dockerfile",
            "Makefile",
            "Dockerfiles",
            "README.md",
            "Dockerfile.dev.bak",
        ] {
            assert!(!is_dockerfile_name(no), "{no}");
        }
    }

    #[test]
    fn compose_and_daemon_names() {
        for yes in [
            "compose.yaml",
            "compose.yml",
            "docker-compose.yml",
            "docker-compose.yaml",
            "compose.override.yaml",
            "docker-compose.override.yml",
            "Docker-Compose.YML",
        ] {
            assert!(is_compose_name(yes), "{yes}");
            assert_eq!(kind_of_name(yes, false), Some(FileKind::Compose), "{yes}");
        }
        for explicit_only in [
            "compose.prod.yaml",
            "my-compose.yml",
            "docker-compose.ci.yaml",
        ] {
            assert!(!is_compose_name(explicit_only), "{explicit_only}");
            assert_eq!(kind_of_name(explicit_only, false), None);
            assert_eq!(
                kind_of_name(explicit_only, true),
                Some(FileKind::Compose),
                "{explicit_only}"
            );
        }
        for no in ["compose.json", "values.yaml", "compose", "compose.yaml.bak"] {
            assert_eq!(kind_of_name(no, true), None, "{no}");
        }
        assert!(is_compose_override_name("compose.override.yaml"));
        assert!(is_compose_override_name("docker-compose.prod.override.yml"));
        assert!(!is_compose_override_name("compose.yaml"));
        assert_eq!(kind_of_name("daemon.json", false), Some(FileKind::Daemon));
        assert_eq!(kind_of_name("seccomp.json", true), None);
        assert_eq!(
            kind_of_name("Dockerfile", false),
            Some(FileKind::Dockerfile)
        );
    }
}
