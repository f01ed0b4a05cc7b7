//! Image references and `--mount`/`--secret` specs, plus checks over the
//! real-world corpus (read in place, skipped when it is absent).

use dockward_analyzer::TextRange;
use dockward_analyzer::values::{
    ImageRefErrorKind, MountErrorKind, MountKind, RefPartKind, parse_image_ref, parse_mount,
    parse_secret,
};

mod support;

const SHA: &str = "sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";

#[test]
fn image_ref_parts_and_helpers() {
    let r = parse_image_ref("ubuntu", 0, '\\');
    assert!(r.is_valid());
    assert_eq!(r.registry(), Some("docker.io"));
    assert!(r.registry.is_none());
    assert_eq!(r.name_without_registry(), "ubuntu");
    assert_eq!(
        r.normalized_name().as_deref(),
        Some("docker.io/library/ubuntu")
    );
    assert_eq!(r.familiar_name().as_deref(), Some("ubuntu"));
    assert!(!r.has_tag() && !r.is_latest() && !r.is_pinned_by_digest() && !r.is_scratch());

    let src = format!("FROM localhost:5000/team/app:1.2@{SHA}");
    let r = parse_image_ref(&src[5..], 5, '\\');
    assert!(r.is_valid(), "{:?}", r.errors);
    let reg = r.registry.as_ref().unwrap();
    assert_eq!(reg.text, "localhost:5000");
    assert_eq!(reg.span.slice(&src), "localhost:5000");
    assert_eq!(r.path.span.slice(&src), "team/app");
    assert_eq!(r.tag.as_ref().unwrap().span.slice(&src), "1.2");
    assert_eq!(r.digest.as_ref().unwrap().span.slice(&src), SHA);
    assert_eq!(r.tag(), Some("1.2"));
    assert_eq!(r.digest(), Some(SHA));
    assert!(r.is_pinned_by_digest());
    assert_eq!(
        r.normalized_name().as_deref(),
        Some("localhost:5000/team/app")
    );

    let r = parse_image_ref("myorg/app:latest", 0, '\\');
    assert!(r.is_latest() && r.has_tag());
    assert_eq!(r.registry(), Some("docker.io"));
    assert_eq!(r.normalized_name().as_deref(), Some("docker.io/myorg/app"));

    let r = parse_image_ref("index.docker.io/library/node", 0, '\\');
    assert_eq!(r.registry(), Some("docker.io"));
    assert_eq!(r.familiar_name().as_deref(), Some("node"));

    let r = parse_image_ref("ghcr.io/o/app", 0, '\\');
    assert_eq!(r.registry(), Some("ghcr.io"));
    assert!(!r.is_docker_hub());

    assert!(parse_image_ref("scratch", 0, '\\').is_scratch());
    assert!(!parse_image_ref("Scratch", 0, '\\').is_scratch());

    // Uppercase first component: a registry, by Docker's rule.
    let r = parse_image_ref("MyOrg/app", 0, '\\');
    assert!(r.is_valid());
    assert!(r.registry_from_uppercase);
    assert_eq!(r.registry(), Some("MyOrg"));

    // [::1] registries.
    assert!(parse_image_ref("[::1]:5000/app", 0, '\\').is_valid());
    // Quotes are removed, spans still point at the source.
    let src = "\"ubuntu\":'22.04'";
    let r = parse_image_ref(src, 0, '\\');
    assert!(r.is_valid(), "{:?}", r.errors);
    assert_eq!(r.tag(), Some("22.04"));
    assert_eq!(r.tag.as_ref().unwrap().span.slice(src), "22.04");
    assert_eq!(r.path.span.slice(src), "ubuntu");
}

#[test]
fn image_ref_errors() {
    let cases: &[(&str, ImageRefErrorKind, &str)] = &[
        ("", ImageRefErrorKind::Empty, ""),
        (
            "Ubuntu",
            ImageRefErrorKind::Uppercase {
                name: "library/Ubuntu".into(),
            },
            "Ubuntu",
        ),
        (
            "docker.io/Org/app",
            ImageRefErrorKind::Uppercase {
                name: "Org/app".into(),
            },
            "Org/app",
        ),
        (
            "ubuntu:",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Tag),
            "",
        ),
        (
            "ubuntu:-x",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Tag),
            "-x",
        ),
        (
            "ubuntu:a+b",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Tag),
            "a+b",
        ),
        (
            "ubuntu@sha256:abc",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Digest),
            "sha256:abc",
        ),
        (
            "ubuntu@sha256:0123456789abcdef0123456789abcdef",
            ImageRefErrorKind::DigestInvalidLength,
            "sha256:0123456789abcdef0123456789abcdef",
        ),
        (
            "ubuntu@md5:0123456789abcdef0123456789abcdef",
            ImageRefErrorKind::DigestUnsupported,
            "md5:0123456789abcdef0123456789abcdef",
        ),
        (
            "a//b",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Path),
            "a//b",
        ),
        (
            "a..b",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Path),
            "a..b",
        ),
        (
            "-a.com:x/app",
            ImageRefErrorKind::InvalidFormat(RefPartKind::Registry),
            "-a.com:x",
        ),
        (
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            ImageRefErrorKind::HexIdentifier,
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ),
    ];
    for (src, kind, span_text) in cases {
        let r = parse_image_ref(src, 0, '\\');
        assert!(!r.errors.is_empty(), "{src}: no error");
        assert_eq!(&r.errors[0].kind, kind, "{src}: {:?}", r.errors);
        assert_eq!(r.errors[0].span.slice(src), *span_text, "{src}");
    }
    let long = format!("{}:1", "a".repeat(250));
    assert_eq!(
        parse_image_ref(&long, 0, '\\').errors[0].kind,
        ImageRefErrorKind::NameTooLong
    );
    let sha_upper = format!("ubuntu@sha256:{}", "A".repeat(64));
    assert_eq!(
        parse_image_ref(&sha_upper, 0, '\\').errors[0].kind,
        ImageRefErrorKind::DigestInvalidFormat
    );
    let e = &parse_image_ref("Ubuntu", 0, '\\').errors[0];
    assert_eq!(
        e.to_string(),
        "invalid reference format: repository name (library/Ubuntu) must be lowercase"
    );
}

#[test]
fn image_ref_symbolic() {
    let src = "${REGISTRY}/node:${NODE_VERSION}-alpine";
    let r = parse_image_ref(src, 10, '\\');
    assert!(r.is_valid(), "{:?}", r.errors);
    assert!(r.is_symbolic());
    let reg = r.registry.as_ref().unwrap();
    assert!(reg.symbolic);
    assert_eq!(reg.text, "${REGISTRY}");
    assert_eq!(reg.span, TextRange::new(10, 21));
    assert_eq!(r.registry(), None);
    assert_eq!(r.path.text, "node");
    let tag = r.tag.as_ref().unwrap();
    assert!(tag.symbolic);
    assert_eq!(tag.text, "${NODE_VERSION}-alpine");
    assert!(!r.is_latest());
    assert_eq!(r.normalized_name(), None);

    let r = parse_image_ref("$BASE_IMAGE", 0, '\\');
    assert!(r.is_valid() && r.path.symbolic && r.registry().is_none());
    let r = parse_image_ref("golang:${GO_VERSION}", 0, '\\');
    assert!(r.is_valid() && r.registry() == Some("docker.io") && r.tag.as_ref().unwrap().symbolic);
    let r = parse_image_ref("myorg/${APP}@${DIGEST}", 0, '\\');
    assert!(r.is_valid() && r.is_pinned_by_digest() && r.registry() == Some("docker.io"));
    // Literal characters around variables are still checked.
    let r = parse_image_ref("node:${V}+x", 0, '\\');
    assert_eq!(
        r.errors[0].kind,
        ImageRefErrorKind::InvalidFormat(RefPartKind::Tag)
    );
    // A malformed substitution is reported.
    let r = parse_image_ref("node:${V", 0, '\\');
    assert!(matches!(
        r.errors[0].kind,
        ImageRefErrorKind::Substitution(_)
    ));
}

#[test]
fn mount_specs() {
    let src = "RUN --mount=type=cache,target=/root/.cache,sharing=locked pip install";
    let v = &src[12..src.find(" pip").unwrap()];
    let m = parse_mount(v, 12, '\\');
    assert!(m.is_valid(), "{:?}", m.errors);
    assert_eq!(m.kind, MountKind::Cache);
    assert_eq!(m.target.as_ref().unwrap().text, "/root/.cache");
    assert_eq!(m.target.as_ref().unwrap().span.slice(src), "/root/.cache");
    assert_eq!(m.sharing.as_ref().unwrap().span.slice(src), "locked");
    assert_eq!(m.fields.len(), 3);
    assert_eq!(m.fields[1].key_span.slice(src), "target");
    assert_eq!(m.fields[1].span.slice(src), "target=/root/.cache");
    assert!(!m.read_only());

    let m = parse_mount("type=secret,id=npmrc,target=/root/.npmrc", 0, '\\');
    assert!(m.is_valid() && m.kind == MountKind::Secret && m.read_only());
    assert_eq!(m.id.as_ref().unwrap().text, "npmrc");

    let m = parse_mount("type=bind,from=builder,source=/x,target=/y", 0, '\\');
    assert!(m.is_valid() && m.kind == MountKind::Bind);
    assert_eq!(m.from.as_ref().unwrap().text, "builder");
    assert_eq!(m.source.as_ref().unwrap().text, "/x");

    // Default type, aliases, case-insensitive keys, bare booleans, no target.
    let m = parse_mount("from=src,SRC=/usr/src/x,RW", 0, '\\');
    assert!(m.is_valid(), "{:?}", m.errors);
    assert_eq!(m.kind, MountKind::Bind);
    assert!(m.target.is_none());
    assert!(!m.read_only());
    let m = parse_mount("type=bind,ro=false,dst=/a,destination=/b", 0, '\\');
    assert!(m.is_valid() && !m.read_only());
    assert_eq!(m.target.as_ref().unwrap().text, "/b");
    assert!(parse_mount("type=tmpfs,target=/tmp,size=64m", 0, '\\').is_valid());
    assert!(parse_mount("type=ssh", 0, '\\').is_valid());
    assert!(parse_mount("type=ssh,required", 0, '\\').required);
    assert!(parse_mount("type=secret,id=x,env=Y", 0, '\\').is_valid());
    assert!(parse_mount("type=cache,target=/x,uid=1000,gid=1000,mode=0755", 0, '\\').is_valid());

    // CSV quoting (inside shell quotes, which the flag extractor removes first),
    // with spans in the source.
    let src = "'\"target=/a,b\"',type=cache";
    let m = parse_mount(src, 0, '\\');
    assert!(m.is_valid(), "{:?}", m.errors);
    assert_eq!(m.target.as_ref().unwrap().text, "/a,b");
    assert_eq!(m.target.as_ref().unwrap().span.slice(src), "/a,b");
    let src = "type=cache,target=\"/root/.cache\"";
    let m = parse_mount(src, 0, '\\');
    assert!(m.is_valid(), "{:?}", m.errors);
    assert_eq!(m.target.as_ref().unwrap().text, "/root/.cache");
    assert_eq!(m.target.as_ref().unwrap().span.slice(src), "/root/.cache");
    let src = "'\"target=/a,\"\"b\"\"\"',type=cache";
    let m = parse_mount(src, 0, '\\');
    assert!(m.is_valid(), "{:?}", m.errors);
    // The value `/a,"b"` is then a shell word: its quotes go too.
    assert_eq!(m.target.as_ref().unwrap().text, "/a,b");

    // Variables: symbolic, not validated; `from` refuses them.
    let m = parse_mount(
        "type=cache,target=/root/.cache,id=build-$TARGETPLATFORM,sharing=$S",
        0,
        '\\',
    );
    assert!(m.is_valid(), "{:?}", m.errors);
    assert!(m.id.as_ref().unwrap().symbolic);
    assert_eq!(m.id.as_ref().unwrap().text, "build-$TARGETPLATFORM");
    let m = parse_mount("type=$T,size=1,target=/x", 0, '\\');
    assert!(m.is_valid() && m.kind == MountKind::Symbolic);
    let m = parse_mount("type=bind,from=$STAGE", 0, '\\');
    assert_eq!(m.errors[0].kind, MountErrorKind::FromWithVariable);
    assert_eq!(
        m.errors[0].to_string(),
        "'from' doesn't support variable expansion, define alias stage instead"
    );
}

#[test]
fn mount_errors() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "failed to parse csv mounts: EOF", ""),
        (
            "type=cache,ta\\\"rget=/x",
            "failed to parse csv mounts: bare \" in non-quoted-field",
            "\\\"",
        ),
        // The flag extractor removes shell quotes first, so these commas split.
        (
            "\"target=/a,b\",type=cache",
            "invalid field 'b' must be a key=value pair",
            "b",
        ),
        ("type=nfs", "unsupported mount type \"nfs\"", "nfs"),
        (
            "type=cache,foo=bar",
            "unexpected key 'foo' in 'foo=bar'",
            "foo",
        ),
        (
            "type=cache,tmpcopyup",
            "invalid field 'tmpcopyup' must be a key=value pair (a Buildah/Podman option that BuildKit does not support)",
            "tmpcopyup",
        ),
        (
            "type=cache,target=/x,z",
            "invalid field 'z' must be a key=value pair (a Buildah/Podman option that BuildKit does not support)",
            "z",
        ),
        (
            "required,type=secret,id=x",
            "unexpected key 'required' for mount type 'bind'",
            "required",
        ),
        (
            "type=cache,size=1",
            "unexpected key 'size' for mount type 'cache'",
            "size",
        ),
        (
            "type=tmpfs,size=lots",
            "invalid value for size: lots",
            "lots",
        ),
        ("type=bind,ro=maybe", "invalid value for ro: maybe", "maybe"),
        (
            "type=cache,sharing=exclusive",
            "unsupported sharing value \"exclusive\"",
            "exclusive",
        ),
        (
            "type=cache,mode=0999",
            "invalid value 0999 for mode",
            "0999",
        ),
        ("type=cache,uid=-1", "invalid value -1 for uid", "-1"),
        (
            "type=bind,mode=0755",
            "mode not allowed for \"bind\" type mounts",
            "0755",
        ),
        (
            "type=secret",
            "invalid secret mount. one of source, target required",
            "type=secret",
        ),
        (
            "type=secret,id=a,from=b",
            "secret mount should not have a from",
            "b",
        ),
        (
            "type=secret,id=a,src=b",
            "both source and id can't be set",
            "a",
        ),
        (
            "type=bind,sharing=locked",
            "invalid cache sharing set for bind mount",
            "locked",
        ),
    ];
    for (src, msg, span_text) in cases {
        let m = parse_mount(src, 0, '\\');
        assert!(!m.errors.is_empty(), "{src}: no error");
        assert_eq!(m.errors[0].to_string(), *msg, "{src}");
        assert_eq!(m.errors[0].span.slice(src), *span_text, "{src}");
    }
    assert!(
        parse_mount("type=cache,z", 0, '\\').errors[0]
            .kind
            .buildah_only()
    );
}

#[test]
fn secret_specs() {
    let s = parse_secret("id=x,env=Y", 0);
    assert!(s.errors.is_empty());
    assert_eq!(s.id.as_ref().unwrap().text, "x");
    assert_eq!(s.env.as_ref().unwrap().text, "Y");
    let s = parse_secret("id=aws,src=$HOME/.aws/credentials", 4);
    assert_eq!(s.source.as_ref().unwrap().span, TextRange::new(15, 37));
    let s = parse_secret("type=env,id=t,src=TOKEN", 0);
    assert_eq!(s.env.as_ref().unwrap().text, "TOKEN");
    assert!(s.source.is_none());
    let s = parse_secret("id=x,target=/y", 0);
    assert_eq!(
        s.errors[0].to_string(),
        "unexpected key 'target' in 'target=/y'"
    );
    let s = parse_secret("type=ssh,id=x", 0);
    assert_eq!(s.errors[0].to_string(), "unsupported secret type \"ssh\"");
    assert_eq!(
        parse_secret("id", 0).errors[0].kind,
        MountErrorKind::NotKeyValue { field: "id".into() }
    );
}

/// Logical lines (continuations joined crudely; enough for these checks).
fn logical_lines(text: &str) -> Vec<String> {
    let escape = if text
        .lines()
        .take(5)
        .any(|l| l.trim().eq_ignore_ascii_case("# escape=`"))
    {
        '`'
    } else {
        '\\'
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        let t = line.trim_end();
        if cur.is_empty() && t.trim_start().starts_with('#') {
            continue;
        }
        if let Some(stripped) = t.strip_suffix(escape) {
            cur.push_str(stripped);
            cur.push(' ');
        } else {
            cur.push_str(t);
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out
}

#[test]
fn corpus_from_references_parse() {
    let files = support::real_files();
    if files.is_empty() {
        eprintln!("corpus not found, skipped");
        return;
    }
    let mut count = 0;
    let mut failures = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for line in logical_lines(&text) {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words
                .first()
                .is_none_or(|w| !w.eq_ignore_ascii_case("FROM"))
            {
                continue;
            }
            let Some(image) = words[1..].iter().find(|w| !w.starts_with("--")) else {
                continue;
            };
            count += 1;
            let r = parse_image_ref(image, 0, '\\');
            if !r.is_valid() {
                failures.push(format!("{}: {image}: {}", f.display(), r.errors[0]));
            }
        }
    }
    eprintln!("{count} FROM references, {} rejected", failures.len());
    assert!(count > 3000);
    // Every rejection must be a genuine BuildKit error (checked by hand:
    // these are deliberate test fixtures).
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(failures.len() <= 12, "{failures:#?}");
}

#[test]
fn corpus_mounts_parse() {
    let files = support::real_files();
    if files.is_empty() {
        eprintln!("corpus not found, skipped");
        return;
    }
    let mut count = 0;
    let mut rejected = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for line in logical_lines(&text) {
            for (i, _) in line.match_indices("--mount=") {
                let rest = &line[i + 8..];
                let value = rest.split_whitespace().next().unwrap_or("");
                count += 1;
                let m = parse_mount(value, 0, '\\');
                if let Some(e) = m.errors.first() {
                    rejected.push((f.display().to_string(), value.to_owned(), e.clone()));
                }
            }
        }
    }
    eprintln!("{count} mounts, {} rejected", rejected.len());
    assert!(count > 300);
    for (file, value, e) in &rejected {
        eprintln!("{file}: {value}: {e}");
        // Only Buildah's own test files use Buildah-only options.
        assert!(file.contains("containers__buildah"), "{file}: {value}: {e}");
        assert!(e.kind.buildah_only(), "{file}: {value}: {e}");
    }
}
