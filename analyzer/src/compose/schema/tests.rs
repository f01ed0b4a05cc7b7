use super::*;

/// `services.web.ports[0]` → segments (`[n]` is an index).
fn path(p: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in p.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        for idx in rest.split('[') {
            let idx = idx.trim_end_matches(']');
            if !idx.is_empty() {
                out.push(Seg::Index(idx.parse().expect("index")));
            }
        }
    }
    out
}

fn at(p: &str) -> SchemaView {
    match lookup(&path(p)) {
        Step::Found(v) => v,
        other => panic!("{p}: {other:?}"),
    }
}

fn step(p: &str) -> Step {
    lookup(&path(p))
}

#[test]
fn top_level_keys() {
    let keys: Vec<&str> = root().keys().iter().map(|k| k.name).collect();
    assert_eq!(
        keys,
        [
            "configs", "include", "models", "name", "networks", "secrets", "services", "version",
            "volumes"
        ]
    );
    assert!(at("version").deprecated());
    assert!(!at("services").deprecated());
    assert!(!root().allows_unknown_keys());
    assert_eq!(root().key_patterns(), ["^x-"]);
    assert_eq!(step("service"), Step::UnknownKey);
    assert!(at("x-common").is_free_form());
    assert!(at("x-common.anything[3].at.all").is_free_form());
}

#[test]
fn service_keys_and_types() {
    let svc = at("services.web");
    let keys = svc.keys();
    assert!(keys.len() > 80, "{}", keys.len());
    let privileged = keys
        .iter()
        .find(|k| k.name == "privileged")
        .expect("privileged");
    assert!(!privileged.description.is_empty());
    assert_eq!(
        at("services.web.privileged").types(),
        Types::BOOLEAN.union(Types::STRING)
    );
    assert_eq!(
        at("services.web.privileged").types().to_string(),
        "boolean or string"
    );
    assert_eq!(
        at("services.web.read_only").types().to_string(),
        "boolean or string"
    );
    assert_eq!(at("services.web.user").types(), Types::STRING);
    assert_eq!(step("services.web.privilegd"), Step::UnknownKey);
    assert!(at("services.web.x-note").is_free_form());
    // A service name must match `^[a-zA-Z0-9._-]+$`.
    assert_eq!(step("services.bad name"), Step::UnknownKey);
    // `privileged` is a scalar: no keys below it.
    assert_eq!(step("services.web.privileged.x"), Step::WrongKind);
    assert_eq!(step("services.web.privileged[0]"), Step::WrongKind);
}

#[test]
fn deep_paths() {
    let mem = at("services.web.deploy.resources.limits.memory");
    assert_eq!(mem.types(), Types::STRING);
    let pids = at("services.web.deploy.resources.limits.pids");
    assert!(pids.types().contains(Types::INTEGER.union(Types::STRING)));
    assert_eq!(
        at("services.web.mem_limit").types().to_string(),
        "number or string"
    );
    assert_eq!(at("services.web.cap_add[0]").types(), Types::STRING);
    assert!(at("services.web.cap_add").unique_items());
    assert_eq!(at("services.web.security_opt[2]").types(), Types::STRING);
    assert_eq!(
        at("services.web.healthcheck.test").types(),
        Types::STRING.union(Types::ARRAY)
    );
    assert_eq!(step("services.web.healthcheck.tests"), Step::UnknownKey);
}

#[test]
fn short_and_long_syntax() {
    // ports: number, string or mapping.
    let port = at("services.web.ports[0]");
    assert_eq!(
        port.types(),
        Types::NUMBER.union(Types::STRING).union(Types::OBJECT)
    );
    let long = port
        .narrow(ValueKind::Mapping, "")
        .expect("mapping alternative");
    let keys: Vec<&str> = long.keys().iter().map(|k| k.name).collect();
    for k in ["host_ip", "mode", "protocol", "published", "target"] {
        assert!(keys.contains(&k), "{k}");
    }
    assert!(port.narrow(ValueKind::Sequence, "").is_none());
    assert_eq!(at("services.web.ports[0].host_ip").types(), Types::STRING);
    assert_eq!(step("services.web.ports[0].hostip"), Step::UnknownKey);

    // volumes: string or mapping with a required `type`.
    let vol = at("services.web.volumes[0]");
    assert_eq!(vol.required_keys(), ["type"]);
    assert_eq!(
        at("services.web.volumes[0].type").enum_values(),
        ["bind", "volume", "tmpfs", "cluster", "npipe", "image"]
    );
    assert_eq!(
        at("services.web.volumes[0].bind.propagation").types(),
        Types::STRING
    );

    // environment: a list of strings or a map of scalars.
    let env = at("services.web.environment");
    assert_eq!(env.types(), Types::OBJECT.union(Types::ARRAY));
    assert_eq!(at("services.web.environment[0]").types(), Types::STRING);
    assert_eq!(
        at("services.web.environment.FOO").types(),
        Types::STRING
            .union(Types::NUMBER)
            .union(Types::BOOLEAN)
            .union(Types::NULL)
    );
    assert!(env.description().is_some());

    // depends_on: a list of names or a map of conditions.
    assert_eq!(at("services.web.depends_on[0]").types(), Types::STRING);
    assert_eq!(
        at("services.web.depends_on.db.condition").enum_values(),
        [
            "service_started",
            "service_healthy",
            "service_completed_successfully"
        ]
    );
    assert_eq!(
        at("services.web.depends_on.db").required_keys(),
        ["condition"]
    );
    assert_eq!(
        at("services.web.depends_on.db.required").default(),
        Some("true")
    );

    // networks: list or map of (mapping or null).
    let net = at("services.web.networks.front");
    assert_eq!(net.types(), Types::OBJECT.union(Types::NULL));
    assert_eq!(
        at("services.web.networks.front.aliases[0]").types(),
        Types::STRING
    );

    // build: a context path or a mapping; `args` keeps its own description.
    assert!(
        at("services.web.build")
            .types()
            .contains(Types::STRING.union(Types::OBJECT))
    );
    let args = at("services.web.build.args");
    let env_desc = at("services.web.environment").description();
    assert!(args.description().is_some());
    assert_ne!(args.description(), env_desc);
    assert_eq!(args.types(), Types::OBJECT.union(Types::ARRAY));
}

#[test]
fn scalar_checks() {
    let cgroup = at("services.web.cgroup");
    assert_eq!(cgroup.check_scalar(ValueKind::String, "host"), Ok(()));
    let err = cgroup
        .check_scalar(ValueKind::String, "shared")
        .expect_err("not in enum");
    assert_eq!(err.to_string(), "expected one of `host`, `private`");
    assert_eq!(
        cgroup.check_scalar(ValueKind::Integer, "1"),
        Err(Violation::WrongType {
            expected: Types::STRING
        })
    );

    let pct = at("services.web.cpu_percent");
    assert_eq!(pct.check_scalar(ValueKind::Integer, "50"), Ok(()));
    assert!(matches!(
        pct.check_scalar(ValueKind::Integer, "150"),
        Err(Violation::OutOfRange { .. })
    ));
    // An interpolated value is a string, which the schema allows.
    assert_eq!(pct.check_scalar(ValueKind::String, "150"), Ok(()));
    assert_eq!(pct.check_scalar(ValueKind::Float, "50.0"), Ok(()));

    let pull = at("services.web.pull_policy");
    assert_eq!(pull.check_scalar(ValueKind::String, "every_12h"), Ok(()));
    assert!(matches!(
        pull.check_scalar(ValueKind::String, "sometimes"),
        Err(Violation::PatternMismatch { .. })
    ));

    let privileged = at("services.web.privileged");
    assert_eq!(privileged.check_scalar(ValueKind::Bool, "true"), Ok(()));
    assert_eq!(privileged.check_scalar(ValueKind::String, "${P}"), Ok(()));
    assert_eq!(
        privileged
            .check_scalar(ValueKind::Integer, "1")
            .map_err(|e| e.to_string()),
        Err("expected boolean or string".to_owned())
    );
    let port = at("services.web.ports[0]");
    assert_eq!(port.check_scalar(ValueKind::Integer, "80"), Ok(()));
    assert_eq!(port.check_scalar(ValueKind::String, "80:80"), Ok(()));
    assert!(port.check_scalar(ValueKind::Bool, "true").is_err());
    assert_eq!(
        at("services.web.command").check_scalar(ValueKind::Null, ""),
        Ok(())
    );
}

#[test]
fn types_display() {
    assert_eq!(Types::ANY.to_string(), "any type");
    assert_eq!(
        Types::INTEGER
            .union(Types::STRING)
            .union(Types::NULL)
            .to_string(),
        "integer, string or null"
    );
    assert_eq!(Types::INTEGER.union(Types::NUMBER).to_string(), "number");
    assert!(Types::INTEGER.accepts(ValueKind::Float, "2.0"));
    assert!(!Types::INTEGER.accepts(ValueKind::Float, "2.5"));
    assert!(Types::NUMBER.accepts(ValueKind::Integer, "2"));
}

#[test]
fn path_patterns_cover_the_schema() {
    let all = path_patterns();
    let paths: Vec<&str> = all.iter().map(|p| p.path.as_str()).collect();
    for p in [
        "services",
        "services.*",
        "services.*.cap_add",
        "services.*.cap_add[]",
        "services.*.deploy.resources.limits.memory",
        "services.*.ports[]",
        "services.*.ports[].host_ip",
        "services.*.volumes[].bind.propagation",
        "services.*.environment.*",
        "services.*.environment[]",
        "services.*.depends_on.*.condition",
        "services.*.security_opt[]",
        "networks.*.driver",
        "volumes.*.external",
        "secrets.*.file",
        "version",
    ] {
        assert!(paths.contains(&p), "{p} missing");
    }
    // Every listed path resolves, and to the same view.
    for pat in &all {
        let concrete = pat.path.replace('*', "name").replace("[]", "[0]");
        assert_eq!(at(&concrete), pat.view, "{}", pat.path);
    }
    assert!(all.len() > 400, "{}", all.len());
}

#[test]
fn the_table_is_consistent() {
    for p in patterns() {
        assert!(Regex::new(p).is_ok(), "{p}");
    }
    for (i, n) in nodes().iter().enumerate() {
        let id = NodeId::try_from(i).expect("fits");
        // No place of the schema has more alternatives than a view holds.
        let mut count = 0;
        count_flat(id, &mut count, 0);
        assert!(count <= MAX_ALTERNATIVES, "node {i}: {count} alternatives");
        assert!(
            n.properties.windows(2).all(|w| w[0].0 < w[1].0),
            "node {i}: properties not sorted"
        );
    }
}

fn count_flat(id: NodeId, count: &mut usize, depth: usize) {
    let n = node(id);
    assert!(depth < 8);
    if n.one_of.is_empty() {
        *count += 1;
    } else {
        for &a in n.one_of {
            count_flat(a, count, depth + 1);
        }
    }
}

/// This thread's CPU time in nanoseconds (Linux), so that the measurement
/// holds on a loaded machine; wall time elsewhere.
fn cpu_ns(wall: std::time::Instant) -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| wall.elapsed().as_nanos())
}

/// Lookup cost: `cargo test --release -p dockward-analyzer lookup_cost --
/// --ignored --nocapture`. A tree walk steps once per key (`key`/`item`);
/// a whole-path `lookup` costs one step per segment.
#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn lookup_cost() {
    use std::time::Instant;
    let origin = Instant::now();
    let all = path_patterns();
    let concrete: Vec<String> = all
        .iter()
        .map(|p| p.path.replace('*', "name").replace("[]", "[0]"))
        .collect();
    let paths: Vec<Vec<Seg<'_>>> = concrete.iter().map(|p| path(p)).collect();
    let segments: usize = paths.iter().map(Vec::len).sum();
    let rounds = 2_000;
    let start = cpu_ns(origin);
    let mut found = 0usize;
    for _ in 0..rounds {
        for p in &paths {
            if let Step::Found(v) = lookup(std::hint::black_box(p)) {
                found += usize::from(v.len);
            }
        }
    }
    let cpu = (cpu_ns(origin) - start) as f64;
    let lookups = (rounds * paths.len()) as f64;
    let steps = (rounds * segments) as f64;
    println!(
        "{} paths, {:.1} segments each: {:.0} ns per whole-path lookup, {:.1} ns per step (CPU time; {found})",
        paths.len(),
        segments as f64 / paths.len() as f64,
        cpu / lookups,
        cpu / steps,
    );
    // The common case of a walk: one step from a service into a key.
    let svc = at("services.web");
    for key in ["image", "ports", "x-custom", "unknown_key"] {
        let n = 1_000_000;
        let start = cpu_ns(origin);
        let mut hits = 0usize;
        for _ in 0..n {
            if let Step::Found(_) = svc.key(std::hint::black_box(key)) {
                hits += 1;
            }
        }
        println!(
            "service key step `{key}`: {:.1} ns ({hits})",
            (cpu_ns(origin) - start) as f64 / f64::from(n)
        );
    }
}
