use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=<value>` where the value does not come from
    /// one of BuildKit's platform ARGs (`BUILDPLATFORM`, `TARGETPLATFORM`,
    /// `BUILDOS`, `TARGETARCH`, …). Global ARGs are expanded with their
    /// defaults, so `FROM --platform=$PLATFORM` with `ARG
    /// PLATFORM=linux/amd64` is flagged; a value that is still a user
    /// variable without default after expansion is not. A stage whose name
    /// mentions the platform's OS or architecture (`AS build-arm64`) is a
    /// deliberate per-platform stage and is not flagged either, as in
    /// BuildKit.
    ///
    /// ## Why is this bad?
    /// A constant platform pins the stage to one architecture whatever the
    /// build targets: on another machine or in a multi-platform build, the
    /// image silently runs under emulation or ships binaries for the wrong
    /// architecture. Use `$BUILDPLATFORM` for build stages that run on the
    /// build host and leave the final stage to the target platform.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.22 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.22 AS build
    /// ```
    pub FromPlatformFlag {
        code: "DL3029",
        name: "from-platform-flag",
        aliases: ["FromPlatformFlagConstDisallowed"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// BuildKit's predefined platform ARGs.
const PLATFORM_ARGS: [&str; 8] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
];

impl Rule for FromPlatformFlag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for stage in &model.stages {
            let Some((range, expanded)) = &stage.platform else {
                continue;
            };
            let value = expanded.trim_matches(|c| c == '"' || c == '\'');
            if value.is_empty() || PLATFORM_ARGS.iter().any(|a| value.contains(a)) {
                continue;
            }
            // A user ARG without a default: set per build, not constant.
            if value.contains('$') {
                continue;
            }
            if let Some(name) = &stage.name {
                let mut parts = value.split('/');
                let os = parts.next().unwrap_or("").to_ascii_lowercase();
                let arch = parts.next().unwrap_or("").to_ascii_lowercase();
                if (!os.is_empty() && name.lower.contains(&os))
                    || (!arch.is_empty() && name.lower.contains(&arch))
                {
                    continue;
                }
            }
            cx.report(
                *range,
                format!("`FROM --platform={value}` pins the stage to one platform"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FromPlatformFlag)
            .pass([
                "FROM golang:1.22\n",
                "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
                "FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build\n",
                "FROM --platform=\"$TARGETPLATFORM\" alpine:3.20\n",
                "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n",
                "ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20\n",
                "FROM --platform=linux/arm64 alpine:3.20 AS build-arm64\n",
            ])
            .fail([
                "FROM --platform=linux/amd64 golang:1.22 AS build\n",
                "FROM --platform=linux alpine:3.20\n",
                "ARG PLATFORM=linux/amd64\nFROM --platform=${PLATFORM} alpine:3.20\n",
            ])
            .test();
    }
}
