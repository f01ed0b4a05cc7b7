//! Reference text the editor features show: what each instruction, flag,
//! `--mount` key and parser directive does, and the instructions' forms.
//! Written for dockward; the Dockerfile reference is linked for details.

use dockward_analyzer::syntax::Keyword;

/// The Dockerfile reference, for "more" links.
pub const DOCKERFILE_REFERENCE: &str = "https://docs.docker.com/reference/dockerfile/";

/// An instruction's documentation.
pub struct InstructionDoc {
    pub keyword: Keyword,
    pub summary: &'static str,
    /// The forms, as signatures (`RUN [OPTIONS] <command> ...`).
    pub forms: &'static [&'static str],
    /// A snippet for completion (LSP snippet syntax), after the keyword.
    pub snippet: &'static str,
    pub example: &'static str,
}

/// A flag's documentation.
pub struct FlagDoc {
    pub name: &'static str,
    /// How the value is written (`<platform>`), empty for a boolean flag.
    pub value: &'static str,
    pub doc: &'static str,
    /// Values to complete after `=`.
    pub values: &'static [&'static str],
}

/// A `--mount` key.
pub struct MountKeyDoc {
    pub key: &'static str,
    /// The mount types that accept the key; empty means all.
    pub types: &'static [&'static str],
    pub doc: &'static str,
    pub values: &'static [&'static str],
}

/// A parser directive.
pub struct DirectiveDoc {
    pub name: &'static str,
    pub doc: &'static str,
    pub values: &'static [&'static str],
}

pub static INSTRUCTIONS: &[InstructionDoc] = &[
    InstructionDoc {
        keyword: Keyword::Add,
        summary: "Copies files, directories, remote URLs or Git repositories into the image. Local tar archives are extracted.",
        forms: &[
            "ADD [OPTIONS] <src> ... <dest>",
            "ADD [OPTIONS] [\"<src>\", ... \"<dest>\"]",
        ],
        snippet: "${1:src} ${2:dest}",
        example: "ADD --checksum=sha256:24454f83… https://example.com/app.tar.gz /opt/",
    },
    InstructionDoc {
        keyword: Keyword::Arg,
        summary: "Declares a build argument, optionally with a default. Before the first FROM it is global and usable in FROM lines; inside a stage it is visible from the declaration on.",
        forms: &["ARG <name>[=<default value>] [<name>[=<default value>]...]"],
        snippet: "${1:NAME}=${2:value}",
        example: "ARG VERSION=1.2.3",
    },
    InstructionDoc {
        keyword: Keyword::Cmd,
        summary: "Sets the default command (or the default arguments of ENTRYPOINT) of a container. Only the last CMD of a stage counts.",
        forms: &[
            "CMD [\"executable\", \"param1\", \"param2\"]",
            "CMD [\"param1\", \"param2\"]",
            "CMD command param1 param2",
        ],
        snippet: "[\"${1:executable}\", \"${2:param}\"]",
        example: "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
    },
    InstructionDoc {
        keyword: Keyword::Copy,
        summary: "Copies files and directories from the build context, another stage or an image into the image.",
        forms: &[
            "COPY [OPTIONS] <src> ... <dest>",
            "COPY [OPTIONS] [\"<src>\", ... \"<dest>\"]",
        ],
        snippet: "${1:src} ${2:dest}",
        example: "COPY --from=build --chown=app:app /out/app /usr/local/bin/app",
    },
    InstructionDoc {
        keyword: Keyword::Entrypoint,
        summary: "Sets the executable a container runs. CMD then supplies its default arguments. Only the last ENTRYPOINT of a stage counts.",
        forms: &[
            "ENTRYPOINT [\"executable\", \"param1\", \"param2\"]",
            "ENTRYPOINT command param1 param2",
        ],
        snippet: "[\"${1:executable}\"]",
        example: "ENTRYPOINT [\"/usr/local/bin/app\"]",
    },
    InstructionDoc {
        keyword: Keyword::Env,
        summary: "Sets environment variables for the rest of the stage and for containers started from the image.",
        forms: &["ENV <key>=<value> [<key>=<value>...]"],
        snippet: "${1:KEY}=${2:value}",
        example: "ENV PATH=/opt/app/bin:$PATH",
    },
    InstructionDoc {
        keyword: Keyword::Expose,
        summary: "Documents the ports the container listens on (`80`, `53/udp`). It publishes nothing by itself.",
        forms: &["EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]"],
        snippet: "${1:80}",
        example: "EXPOSE 8080/tcp",
    },
    InstructionDoc {
        keyword: Keyword::From,
        summary: "Starts a build stage from a base image or an earlier stage, optionally naming it with AS.",
        forms: &["FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]"],
        snippet: "${1:image}:${2:tag}",
        example: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
    },
    InstructionDoc {
        keyword: Keyword::Healthcheck,
        summary: "Tells Docker how to check that the container still works, or disables a check inherited from the base image (`NONE`).",
        forms: &["HEALTHCHECK [OPTIONS] CMD <command>", "HEALTHCHECK NONE"],
        snippet: "--interval=${1:30s} CMD ${2:command}",
        example: "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1",
    },
    InstructionDoc {
        keyword: Keyword::Label,
        summary: "Adds metadata to the image as key-value pairs.",
        forms: &["LABEL <key>=<value> [<key>=<value>...]"],
        snippet: "${1:org.opencontainers.image.title}=\"${2:value}\"",
        example: "LABEL org.opencontainers.image.source=\"https://example.com/repo\"",
    },
    InstructionDoc {
        keyword: Keyword::Maintainer,
        summary: "Deprecated: sets the author field of the image. Use `LABEL org.opencontainers.image.authors=...` instead.",
        forms: &["MAINTAINER <name>"],
        snippet: "${1:name}",
        example: "LABEL org.opencontainers.image.authors=\"jane@example.com\"",
    },
    InstructionDoc {
        keyword: Keyword::Onbuild,
        summary: "Registers an instruction to run when the image is used as the base of another build.",
        forms: &["ONBUILD <INSTRUCTION>"],
        snippet: "${1:RUN} ${2:command}",
        example: "ONBUILD COPY . /app/src",
    },
    InstructionDoc {
        keyword: Keyword::Run,
        summary: "Runs a command in a new layer: in the shell (shell form) or directly (exec form).",
        forms: &[
            "RUN [OPTIONS] <command> ...",
            "RUN [OPTIONS] [\"<executable>\", \"<param>\", ...]",
        ],
        snippet: "${1:command}",
        example: "RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl",
    },
    InstructionDoc {
        keyword: Keyword::Shell,
        summary: "Sets the shell that shell-form RUN, CMD and ENTRYPOINT use. Must be written in JSON form.",
        forms: &["SHELL [\"executable\", \"parameters\"]"],
        snippet: "[\"${1:/bin/bash}\", \"${2:-c}\"]",
        example: "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
    },
    InstructionDoc {
        keyword: Keyword::Stopsignal,
        summary: "Sets the signal that stops the container (`SIGTERM`, `SIGINT`, `9`).",
        forms: &["STOPSIGNAL <signal>"],
        snippet: "${1:SIGTERM}",
        example: "STOPSIGNAL SIGQUIT",
    },
    InstructionDoc {
        keyword: Keyword::User,
        summary: "Sets the user (and group) for the rest of the stage and for the container.",
        forms: &["USER <user>[:<group>]", "USER <UID>[:<GID>]"],
        snippet: "${1:user}",
        example: "USER 10001:10001",
    },
    InstructionDoc {
        keyword: Keyword::Volume,
        summary: "Declares mount points for external volumes.",
        forms: &["VOLUME [\"/data\"]", "VOLUME <path> [<path>...]"],
        snippet: "${1:/data}",
        example: "VOLUME /var/lib/postgresql/data",
    },
    InstructionDoc {
        keyword: Keyword::Workdir,
        summary: "Sets the working directory for the rest of the stage, creating it if needed. Use an absolute path.",
        forms: &["WORKDIR <path>"],
        snippet: "${1:/app}",
        example: "WORKDIR /app",
    },
];

const PLATFORMS: &[&str] = &[
    "$BUILDPLATFORM",
    "$TARGETPLATFORM",
    "linux/amd64",
    "linux/arm64",
    "linux/arm/v7",
];

pub static FROM_FLAGS: &[FlagDoc] = &[FlagDoc {
    name: "platform",
    value: "<platform>",
    doc: "The platform of the base image, for multi-platform images (`linux/amd64`, `$BUILDPLATFORM`).",
    values: PLATFORMS,
}];

pub static RUN_FLAGS: &[FlagDoc] = &[
    FlagDoc {
        name: "mount",
        value: "type=<bind|cache|tmpfs|secret|ssh>[,<key>=<value>...]",
        doc: "Mounts a file system for this RUN only: a bind mount from the context or a stage, a persistent cache, a tmpfs, a secret or an SSH agent socket. Nothing mounted ends up in the layer.",
        values: &[
            "type=cache,target=",
            "type=bind,source=,target=",
            "type=secret,id=",
            "type=ssh",
            "type=tmpfs,target=",
        ],
    },
    FlagDoc {
        name: "network",
        value: "<default|none|host>",
        doc: "The network this RUN gets: `default` (the build's network), `none` (no network at all) or `host` (the host's network, needs the `network.host` entitlement).",
        values: &["default", "none", "host"],
    },
    FlagDoc {
        name: "security",
        value: "<sandbox|insecure>",
        doc: "`insecure` runs the command without the sandbox, like `docker run --privileged` (needs the `security.insecure` entitlement); `sandbox` is the default.",
        values: &["sandbox", "insecure"],
    },
    FlagDoc {
        name: "device",
        value: "<name>[,required]",
        doc: "Makes a CDI device available to the command (experimental).",
        values: &[],
    },
];

pub static COPY_FLAGS: &[FlagDoc] = &[
    FlagDoc {
        name: "from",
        value: "<stage|image|context>",
        doc: "Copies from an earlier build stage, an image or a named build context instead of the build context.",
        values: &[],
    },
    FlagDoc {
        name: "chown",
        value: "<user>[:<group>]",
        doc: "Owner and group of the copied files (names or numeric ids); the default is root (0:0).",
        values: &[],
    },
    FlagDoc {
        name: "chmod",
        value: "<perms>",
        doc: "Permissions of the copied files, in octal (`755`) or symbolic (`u=rwx,go=rx`) form.",
        values: &["644", "755"],
    },
    FlagDoc {
        name: "link",
        value: "",
        doc: "Copies into an independent layer, so the layer stays cached and reusable when the layers below it change.",
        values: &["true", "false"],
    },
    FlagDoc {
        name: "parents",
        value: "",
        doc: "Keeps the parent directories of the sources (`COPY --parents ./a/b.txt /dst` creates `/dst/a/b.txt`).",
        values: &["true", "false"],
    },
    FlagDoc {
        name: "exclude",
        value: "<pattern>",
        doc: "Leaves out files matching the pattern (`.dockerignore` syntax); may be repeated.",
        values: &[],
    },
];

pub static ADD_FLAGS: &[FlagDoc] = &[
    FlagDoc {
        name: "chown",
        value: "<user>[:<group>]",
        doc: "Owner and group of the added files (names or numeric ids); the default is root (0:0).",
        values: &[],
    },
    FlagDoc {
        name: "chmod",
        value: "<perms>",
        doc: "Permissions of the added files, in octal (`755`) or symbolic form.",
        values: &["644", "755"],
    },
    FlagDoc {
        name: "link",
        value: "",
        doc: "Adds into an independent layer, so the layer stays cached when the layers below it change.",
        values: &["true", "false"],
    },
    FlagDoc {
        name: "keep-git-dir",
        value: "",
        doc: "Keeps the `.git` directory when adding a Git repository.",
        values: &["true", "false"],
    },
    FlagDoc {
        name: "checksum",
        value: "<hash>",
        doc: "Verifies a remote source against a digest (`sha256:…`), or a Git source against a commit; the build fails on a mismatch.",
        values: &["sha256:"],
    },
    FlagDoc {
        name: "exclude",
        value: "<pattern>",
        doc: "Leaves out files matching the pattern; may be repeated.",
        values: &[],
    },
    FlagDoc {
        name: "unpack",
        value: "",
        doc: "Whether an archive source is extracted (the default for local archives) or copied as a file.",
        values: &["true", "false"],
    },
];

pub static HEALTHCHECK_FLAGS: &[FlagDoc] = &[
    FlagDoc {
        name: "interval",
        value: "<duration>",
        doc: "Time between checks (default 30s).",
        values: &["30s", "1m"],
    },
    FlagDoc {
        name: "timeout",
        value: "<duration>",
        doc: "How long one check may take before it counts as failed (default 30s).",
        values: &["10s", "30s"],
    },
    FlagDoc {
        name: "start-period",
        value: "<duration>",
        doc: "Start-up time during which failures do not count (default 0s).",
        values: &["5s", "30s"],
    },
    FlagDoc {
        name: "start-interval",
        value: "<duration>",
        doc: "Time between checks during the start period (default 5s).",
        values: &["5s"],
    },
    FlagDoc {
        name: "retries",
        value: "<n>",
        doc: "Consecutive failures before the container is unhealthy (default 3).",
        values: &["3"],
    },
];

pub static MOUNT_TYPES: &[(&str, &str)] = &[
    (
        "bind",
        "Bind-mounts files from the build context or another stage, read-only by default.",
    ),
    (
        "cache",
        "A cache directory kept between builds (package manager caches, compiler caches).",
    ),
    ("tmpfs", "An empty in-memory file system."),
    (
        "secret",
        "A secret passed with `--secret`, as a file (default `/run/secrets/<id>`) or an environment variable; never stored in the image.",
    ),
    (
        "ssh",
        "The SSH agent socket passed with `--ssh`, for private Git clones.",
    ),
];

pub static MOUNT_KEYS: &[MountKeyDoc] = &[
    MountKeyDoc {
        key: "type",
        types: &[],
        doc: "The mount type: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.",
        values: &["bind", "cache", "tmpfs", "secret", "ssh"],
    },
    MountKeyDoc {
        key: "target",
        types: &[],
        doc: "Where the mount appears in the container (aliases `dst`, `destination`).",
        values: &[],
    },
    MountKeyDoc {
        key: "dst",
        types: &[],
        doc: "Alias of `target`.",
        values: &[],
    },
    MountKeyDoc {
        key: "destination",
        types: &[],
        doc: "Alias of `target`.",
        values: &[],
    },
    MountKeyDoc {
        key: "source",
        types: &["bind", "cache"],
        doc: "The path in `from` to mount (alias `src`); the default is the root of `from`.",
        values: &[],
    },
    MountKeyDoc {
        key: "src",
        types: &["bind", "cache"],
        doc: "Alias of `source`.",
        values: &[],
    },
    MountKeyDoc {
        key: "from",
        types: &["bind", "cache"],
        doc: "The stage, image or build context to mount from (default: the build context; for caches, an empty directory).",
        values: &[],
    },
    MountKeyDoc {
        key: "readonly",
        types: &["bind", "cache"],
        doc: "Mounts read-only (alias `ro`).",
        values: &["true", "false"],
    },
    MountKeyDoc {
        key: "ro",
        types: &["bind", "cache"],
        doc: "Alias of `readonly`.",
        values: &["true", "false"],
    },
    MountKeyDoc {
        key: "rw",
        types: &["bind"],
        doc: "Allows writes to a bind mount; they are discarded after the RUN (alias `readwrite`).",
        values: &["true", "false"],
    },
    MountKeyDoc {
        key: "readwrite",
        types: &["bind"],
        doc: "Alias of `rw`.",
        values: &["true", "false"],
    },
    MountKeyDoc {
        key: "id",
        types: &["cache", "secret", "ssh"],
        doc: "For a cache, the id that separates caches (default: the target); for a secret or SSH socket, the id passed with `--secret`/`--ssh`.",
        values: &[],
    },
    MountKeyDoc {
        key: "sharing",
        types: &["cache"],
        doc: "How concurrent builds share the cache: `shared` (default), `private` (a new cache when busy) or `locked` (wait).",
        values: &["shared", "private", "locked"],
    },
    MountKeyDoc {
        key: "mode",
        types: &["cache", "secret", "ssh"],
        doc: "File mode of the cache directory (default 0755) or of the secret/socket (default 0400/0600).",
        values: &["0755", "0400", "0600"],
    },
    MountKeyDoc {
        key: "uid",
        types: &["cache", "secret", "ssh"],
        doc: "User id of the mount's owner (default 0).",
        values: &["0"],
    },
    MountKeyDoc {
        key: "gid",
        types: &["cache", "secret", "ssh"],
        doc: "Group id of the mount's owner (default 0).",
        values: &["0"],
    },
    MountKeyDoc {
        key: "size",
        types: &["tmpfs"],
        doc: "Upper limit on the tmpfs size (bytes, or with a unit).",
        values: &[],
    },
    MountKeyDoc {
        key: "env",
        types: &["secret"],
        doc: "Exposes the secret as this environment variable instead of (or as well as) a file.",
        values: &[],
    },
    MountKeyDoc {
        key: "required",
        types: &["secret", "ssh"],
        doc: "Fails the build when the secret or SSH socket is not provided (default false).",
        values: &["true", "false"],
    },
];

pub static DIRECTIVES: &[DirectiveDoc] = &[
    DirectiveDoc {
        name: "syntax",
        doc: "Selects the Dockerfile frontend (BuildKit syntax version) that builds the file, e.g. `docker/dockerfile:1`. Must be at the very top.",
        values: &["docker/dockerfile:1", "docker/dockerfile:1-labs"],
    },
    DirectiveDoc {
        name: "escape",
        doc: "Sets the escape character that continues lines and escapes characters: `\\` (default) or `` ` `` (handy on Windows paths).",
        values: &["\\", "`"],
    },
    DirectiveDoc {
        name: "check",
        doc: "Configures BuildKit's build checks: `skip=Rule1,Rule2` or `skip=all` disables checks, `error=true` makes warnings fail the build.",
        values: &["skip=", "error=true"],
    },
];

/// The documentation of a keyword.
#[must_use]
pub fn instruction(keyword: Keyword) -> Option<&'static InstructionDoc> {
    INSTRUCTIONS.iter().find(|i| i.keyword == keyword)
}

/// The flags an instruction takes.
#[must_use]
pub fn flags(keyword: Keyword) -> &'static [FlagDoc] {
    match keyword {
        Keyword::From => FROM_FLAGS,
        Keyword::Run => RUN_FLAGS,
        Keyword::Copy => COPY_FLAGS,
        Keyword::Add => ADD_FLAGS,
        Keyword::Healthcheck => HEALTHCHECK_FLAGS,
        _ => &[],
    }
}

/// A flag of an instruction, by name (without `--`).
#[must_use]
pub fn flag(keyword: Keyword, name: &str) -> Option<&'static FlagDoc> {
    flags(keyword).iter().find(|f| f.name == name)
}

#[must_use]
pub fn mount_key(key: &str) -> Option<&'static MountKeyDoc> {
    MOUNT_KEYS.iter().find(|k| k.key == key)
}

#[must_use]
pub fn directive(name: &str) -> Option<&'static DirectiveDoc> {
    DIRECTIVES
        .iter()
        .find(|d| d.name.eq_ignore_ascii_case(name))
}

/// Markdown for an instruction: summary, forms, example and a reference link.
#[must_use]
pub fn instruction_markdown(doc: &InstructionDoc) -> String {
    let name = doc.keyword.as_str();
    let mut out = format!("**{name}**\n\n{}\n\n```dockerfile\n", doc.summary);
    for form in doc.forms {
        out.push_str(form);
        out.push('\n');
    }
    out.push_str("```\n\nExample:\n\n```dockerfile\n");
    out.push_str(doc.example);
    out.push_str("\n```\n\n");
    let flags = flags(doc.keyword);
    if !flags.is_empty() {
        out.push_str("Flags: ");
        let names: Vec<String> = flags.iter().map(|f| format!("`--{}`", f.name)).collect();
        out.push_str(&names.join(", "));
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "[Dockerfile reference]({DOCKERFILE_REFERENCE}#{})",
        name.to_ascii_lowercase()
    ));
    out
}

/// Markdown for a flag.
#[must_use]
pub fn flag_markdown(keyword: Keyword, doc: &FlagDoc) -> String {
    let sig = if doc.value.is_empty() {
        format!("{} --{}", keyword.as_str(), doc.name)
    } else {
        format!("{} --{}={}", keyword.as_str(), doc.name, doc.value)
    };
    let mut out = format!("```dockerfile\n{sig}\n```\n\n{}", doc.doc);
    if doc.name == "mount" {
        out.push_str("\n\nTypes:\n");
        for (ty, what) in MOUNT_TYPES {
            out.push_str(&format!("- `{ty}`: {what}\n"));
        }
    }
    out
}

/// Markdown for a `--mount` key.
#[must_use]
pub fn mount_key_markdown(doc: &MountKeyDoc) -> String {
    let mut out = format!("`--mount` key **{}**\n\n{}", doc.key, doc.doc);
    if !doc.types.is_empty() {
        out.push_str(&format!("\n\nFor mount types: {}", doc.types.join(", ")));
    }
    if !doc.values.is_empty() {
        out.push_str(&format!("\n\nValues: {}", doc.values.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_analyzer::syntax::parse;

    #[test]
    fn every_instruction_is_documented() {
        for k in Keyword::ALL {
            assert!(instruction(k).is_some(), "{k:?}");
        }
    }

    /// Keeps the flag tables in step with the parser: every documented flag is
    /// one the parser accepts.
    #[test]
    fn documented_flags_are_accepted_by_the_parser() {
        for doc in INSTRUCTIONS {
            for f in flags(doc.keyword) {
                let value = if f.value.is_empty() {
                    String::new()
                } else {
                    "=x".to_owned()
                };
                let line = match doc.keyword {
                    Keyword::From => format!("FROM --{}{value} alpine", f.name),
                    Keyword::Healthcheck => {
                        format!("FROM a\nHEALTHCHECK --{}{value} CMD true", f.name)
                    }
                    k => format!("FROM a\n{} --{}{value} a b", k.as_str(), f.name),
                };
                let df = parse(&line);
                assert!(
                    !df.errors.iter().any(|e| e.message.contains("unknown flag")),
                    "{line}: {:?}",
                    df.errors
                );
            }
        }
    }
}
