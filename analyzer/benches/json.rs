//! Strict JSON tree throughput: a `daemon.json`, a seccomp profile shaped
//! like Docker's default one (~370 syscall names in ~60 rules), and a
//! generated ~1 MB document of nested objects, arrays, escapes and numbers.
//!
//! ```sh
//! cargo bench -p dockward-analyzer --bench json
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dockward_analyzer::json::parse;

const DAEMON: &str = r#"{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tlsverify": true,
  "tlscacert": "/etc/docker/ca.pem",
  "tlscert": "/etc/docker/server-cert.pem",
  "tlskey": "/etc/docker/server-key.pem",
  "userns-remap": "default",
  "icc": false,
  "live-restore": true,
  "no-new-privileges": true,
  "userland-proxy": false,
  "log-driver": "syslog",
  "log-opts": {"syslog-address": "udp://1.2.3.4:1111", "tag": "{{.Name}}"},
  "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}},
  "insecure-registries": [],
  "storage-driver": "overlay2"
}"#;

fn seccomp() -> String {
    let mut rules = Vec::new();
    for r in 0..60 {
        let names: Vec<String> = (0..6).map(|i| format!("\"syscall_{r}_{i}\"")).collect();
        rules.push(format!(
            "    {{\n      \"names\": [{}],\n      \"action\": \"SCMP_ACT_ALLOW\",\n      \"args\": [{{\"index\": 0, \"value\": {}, \"op\": \"SCMP_CMP_MASKED_EQ\"}}],\n      \"includes\": {{\"caps\": [\"CAP_SYS_ADMIN\"], \"arches\": [\"amd64\"]}},\n      \"comment\": \"rule {r}: \\u00e9\\n\"\n    }}",
            names.join(", "),
            2_080_505_856 + r
        ));
    }
    format!(
        "{{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n  \"archMap\": [{{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]}}],\n  \"syscalls\": [\n{}\n  ]\n}}\n",
        rules.join(",\n")
    )
}

fn large() -> String {
    let profile = seccomp();
    let mut out = String::from("[\n");
    while out.len() < 1_000_000 {
        out.push_str(&profile);
        out.push_str(",\n");
    }
    out.push_str("{}]\n");
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("strict-json");
    for (name, src) in [
        ("daemon.json", DAEMON.to_owned()),
        ("seccomp profile", seccomp()),
        ("1 MB", large()),
    ] {
        assert!(parse(&src).errors().is_empty(), "{name}");
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(name, |b| b.iter(|| black_box(parse(&src))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
