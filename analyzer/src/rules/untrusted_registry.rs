use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::base_images::image_stages;
use crate::model::{RefTarget, StageRefKind};
use crate::rule::{Rule, RuleMeta};
use crate::values::image_ref::{DOCKER_HUB, ImageRef, parse_image_ref};

declare_rule! {
    /// ## What it does
    /// When trusted registries are configured, flags images from any other
    /// registry: in `FROM`, in `COPY --from=<image>` and in
    /// `RUN --mount=…,from=<image>`. An image without a registry comes from
    /// Docker Hub (`docker.io`, also accepted as `hub.docker.com`). Images
    /// are expanded with ARG defaults; an image whose registry is still a
    /// variable after expansion is not flagged. `scratch` and stages are
    /// never flagged. Without the option the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// Organisations mirror and scan the images they build on; an image
    /// pulled from anywhere else bypasses that review and can change or
    /// disappear without notice.
    ///
    /// ## Options
    /// - `trusted-registries`: the registries images may come from. An entry
    ///   `*` allows any registry, `*.example.com` any registry ending in
    ///   `.example.com`, and `registry.example.*` any registry starting with
    ///   `registry.example.` (hadolint's wildcards).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM quay.io/unknown/app:1.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/base/app:1.0
    /// ```
    pub UntrustedRegistry {
        code: "DL3026",
        name: "untrusted-registry",
        aliases: [],
        severity: Error,
        category: Security,
        default: true,
        fix: None,
    }
}

/// hadolint's matching: `*` anything, `*suffix`, `prefix*`, else equality.
fn matches(pattern: &str, registry: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if let Some(suffix) = pattern.strip_prefix('*') {
        return registry.ends_with(suffix);
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return registry.starts_with(prefix);
    }
    registry == pattern
}

/// The untrusted registry of `image`, if it has one; `None` when trusted or
/// unknown (a variable).
fn untrusted<'i>(trusted: &[String], image: &'i ImageRef) -> Option<&'i str> {
    let registry = image.registry()?;
    let allowed = |r: &str| trusted.iter().any(|p| matches(p.trim(), r));
    let ok = if registry == DOCKER_HUB {
        allowed(DOCKER_HUB) || allowed("hub.docker.com") || allowed("index.docker.io")
    } else {
        allowed(registry)
    };
    (!ok).then_some(registry)
}

/// The source range of the `from=` value inside a `--mount` flag, when it
/// is written plainly; otherwise the whole flag.
fn mount_from_range(src: &str, flag: TextRange, value: &str) -> TextRange {
    let text = flag.slice(src);
    let mut offset = 0;
    for field in text.split(',') {
        let trimmed = field.trim_start_matches("--mount=");
        if let Some((key, v)) = trimmed.split_once('=')
            && key.trim().eq_ignore_ascii_case("from")
            && v == value
        {
            let start = flag.start() + offset + (field.len() - v.len());
            return TextRange::new(start, start + v.len());
        }
        offset += field.len() + 1;
    }
    flag
}

impl Rule for UntrustedRegistry {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let trusted = &cx.options.trusted_registries;
        if trusted.is_empty() {
            return;
        }
        let model = cx.model;
        let src = cx.src();
        let escape = model.file.escape.as_char();
        let mut findings: Vec<(TextRange, String)> = Vec::new();
        for (stage, image) in image_stages(model) {
            if let Some(registry) = untrusted(trusted, image) {
                findings.push((
                    stage.base.range,
                    format!(
                        "Base image `{}` comes from untrusted registry `{registry}`",
                        stage.base.expanded
                    ),
                ));
            }
        }
        for r in &model.stage_refs {
            if r.target != RefTarget::Image || r.name.is_empty() || r.name.contains('$') {
                continue;
            }
            let image = parse_image_ref(&r.name, 0, escape);
            let Some(registry) = untrusted(trusted, &image) else {
                continue;
            };
            let (range, what) = match r.kind {
                StageRefKind::CopyFrom => (r.range, "`COPY --from`"),
                StageRefKind::MountFrom => {
                    (mount_from_range(src, r.range, &r.name), "`RUN --mount`")
                }
                StageRefKind::FromBase => continue,
            };
            findings.push((
                range,
                format!(
                    "{what} image `{}` comes from untrusted registry `{registry}`",
                    r.name
                ),
            ));
        }
        findings.sort_by_key(|(r, _)| r.start());
        for (range, message) in findings {
            cx.report(range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Tester, assert_silent_without_options};

    #[test]
    fn off_without_option() {
        assert_silent_without_options(&UntrustedRegistry, ["FROM quay.io/unknown/app:1.0\n"]);
    }

    #[test]
    fn wildcards() {
        assert!(matches("*", "quay.io"));
        assert!(matches("*.example.com", "registry.example.com"));
        assert!(!matches("*.example.com", "example.org"));
        assert!(matches("registry.example.*", "registry.example.org"));
        assert!(matches("docker.io", "docker.io"));
        assert!(!matches("docker.io", "quay.io"));
    }

    #[test]
    fn vectors() {
        Tester::new(&UntrustedRegistry)
            .options(|o| {
                o.trusted_registries = vec![
                    "docker.io".to_owned(),
                    "*.example.com".to_owned(),
                    "ghcr.io".to_owned(),
                ];
            })
            .pass([
                "FROM ubuntu:24.04\n",
                "FROM docker.io/library/ubuntu:24.04\n",
                "FROM registry.example.com/base/app:1.0\n",
                "FROM ghcr.io/org/app:1.0\n",
                "FROM scratch\n",
                "FROM ubuntu:24.04 AS base\nFROM base\nCOPY --from=base /a /a\n",
                "ARG REGISTRY\nFROM ${REGISTRY}/app:1.0\n",
                "FROM ubuntu:24.04\nCOPY --from=ghcr.io/org/tool:1 /bin/tool /bin/tool\n",
            ])
            .fail([
                "FROM quay.io/unknown/app:1.0\n",
                "ARG REGISTRY=quay.io\nFROM ${REGISTRY}/app:1.0\n",
                "FROM ubuntu:24.04\nCOPY --from=quay.io/org/tool:1 /bin/tool /bin/tool\n",
                "FROM ubuntu:24.04\nRUN --mount=type=bind,from=quay.io/org/tool:1,target=/t true\n",
                "FROM localhost:5000/app:1.0\n",
            ])
            .test();
    }
}
