//! Inputs the analyzer's corpus tests, benches and examples share
//! (dev-only): the read-only corpus beside the checkout
//! (`../shared/corpus`), read in place, and the pathological inputs of
//! issue 2. Integration tests use it as `mod support;`; benches, examples
//! and unit tests include it with `#[path = "…/tests/support/mod.rs"]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus folder, when it is there: `shared/corpus` in the nearest
/// ancestor of the checkout that has one (beside the main checkout, or
/// above a git worktree).
pub fn corpus() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(2)
        .map(|dir| dir.join("shared/corpus"))
        .find(|dir| dir.is_dir())
}

/// Every Dockerfile of `corpus/real` (the manifest left out), sorted; empty
/// when the corpus is absent.
pub fn real_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n != "MANIFEST.tsv") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(corpus) = corpus() {
        walk(&corpus.join("real"), &mut out);
    }
    out.sort();
    out
}

/// A file's text, invalid UTF-8 replaced.
pub fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).expect("read corpus file")).into_owned()
}

/// The text of every file of [`real_files`].
pub fn real_texts() -> Vec<String> {
    real_files().iter().map(|p| read_lossy(p)).collect()
}

/// The pathological inputs of issue 2's acceptance list.
pub fn pathological() -> Vec<(&'static str, String)> {
    vec![
        (
            "5 MB single line",
            format!("FROM alpine\nRUN echo {}\n", "a".repeat(5_000_000)),
        ),
        (
            "200k continuation lines",
            format!(
                "FROM alpine\nRUN echo \\\n{}done\n",
                "  x \\\n".repeat(200_000)
            ),
        ),
        (
            "20k nested ${A:-",
            format!(
                "FROM alpine\nENV X={}{}\nRUN echo $X\n",
                "${A:-".repeat(20_000),
                "}".repeat(20_000)
            ),
        ),
        (
            "unterminated heredoc",
            format!("FROM alpine\nRUN <<EOF\n{}", "line\n".repeat(100_000)),
        ),
        (
            "100k [",
            format!("FROM alpine\nCMD {}\n", "[".repeat(100_000)),
        ),
        (
            "20k stages",
            (0..20_000)
                .map(|i| format!("FROM alpine AS s{i}\nCOPY --from=s{} /a /b\n", i.max(1) - 1))
                .collect(),
        ),
        (
            "20k nested $( in RUN",
            format!(
                "FROM alpine\nRUN {}{}\n",
                "$(".repeat(20_000),
                ")".repeat(20_000)
            ),
        ),
        (
            "100k nested ONBUILD",
            format!("FROM alpine\n{}RUN x\n", "ONBUILD ".repeat(100_000)),
        ),
    ]
}

/// Every Compose file of `corpus/compose/real` (396 files), sorted; empty
/// when the corpus is absent.
pub fn compose_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(corpus) = corpus() {
        for repo in std::fs::read_dir(corpus.join("compose/real"))
            .into_iter()
            .flatten()
            .flatten()
        {
            out.extend(
                std::fs::read_dir(repo.path())
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path()),
            );
        }
    }
    out.sort();
    out
}

/// A generated Compose file of `services` services (about 730 bytes each)
/// sharing defaults through anchors, aliases and `<<` merge keys, with
/// comments, quoted and block scalars, flow and block collections: 1,450
/// services make about 1 MB.
pub fn generated_compose(services: usize) -> String {
    let mut out = String::from(
        "# generated\n\
         x-defaults: &defaults\n  restart: unless-stopped\n  logging: &logging\n    driver: json-file\n    options:\n      max-size: \"10m\"\n      max-file: \"3\"\n  networks: [backend]\n\
         x-env: &env\n  TZ: Europe/Paris\n  LOG_LEVEL: info\n\
         services:\n",
    );
    for i in 0..services {
        let port = 8000 + i % 1000;
        let team = i % 7;
        let aux = i % 1000;
        out.push_str(&format!(
            "  # service {i}\n  svc{i}:\n    <<: *defaults\n    image: \"registry.example.org:5000/team/app{i}:1.{i}.0\"\n    container_name: app{i}\n    environment:\n      <<: *env\n      APP_ID: \"{i}\"\n      DATABASE_URL: postgres://user:${{DB_PASSWORD:-secret}}@db{i}:5432/app\n    ports:\n      - \"127.0.0.1:{port}:80\"\n      - 9{aux:03}:9000\n    volumes:\n      - ./data/{i}:/var/lib/app:rw\n      - type: bind\n        source: /etc/localtime\n        target: /etc/localtime\n        read_only: true\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/health\"]\n      interval: 30s\n    command: >\n      sh -c 'exec app --id {i}\n      --verbose'\n    labels:\n      com.example.team: \"team-{team}\"\n      com.example.tier: 'backend'\n    depends_on: [db]\n    logging: *logging\n"
        ));
    }
    out.push_str("networks:\n  backend: {}\n");
    out
}

/// The hostile Compose inputs of issue 11: YAML bombs, deep nesting, huge
/// scalars, cyclic and deep `extends`, many interpolations.
pub fn hostile_compose() -> Vec<(&'static str, String)> {
    let mut laughs = String::from("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        laughs.push_str(&format!(
            "x-{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
        prev = c;
    }
    laughs.push_str("services:\n  web:\n    image: nginx:1.27\n    command: *j\n");
    let mut chain = String::from("services:\n");
    for i in 0..2_000 {
        chain.push_str(&format!("  s{i}:\n    extends: s{}\n", (i + 1) % 2_000));
    }
    vec![
        ("billion laughs", laughs),
        (
            "100k nested [",
            format!("services:\n  web:\n    command: {}\n", "[".repeat(100_000)),
        ),
        (
            "100k nested -",
            format!(
                "services:\n  web:\n    command:\n{}x\n",
                "- ".repeat(100_000)
            ),
        ),
        (
            "10 MB scalar",
            format!(
                "services:\n  web:\n    image: \"{}\"\n",
                "x".repeat(10_000_000)
            ),
        ),
        (
            "10 MB interpolated scalar",
            format!(
                "services:\n  web:\n    command: \"{}\"\n",
                "${A:-${B:-x}}".repeat(800_000)
            ),
        ),
        (
            "cyclic extends",
            "services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n"
                .to_owned(),
        ),
        ("2,000-service extends ring", chain),
        (
            "100k distinct cap_add items",
            format!(
                "services:\n  web:\n    image: nginx:1.27\n    cap_add:\n{}",
                (0..100_000)
                    .map(|i| format!("      - CAP{i}\n"))
                    .collect::<String>()
            ),
        ),
        (
            "100k unknown keys",
            format!(
                "services:\n  web:\n{}",
                (0..100_000)
                    .map(|i| format!("    k{i}: 1\n"))
                    .collect::<String>()
            ),
        ),
    ]
}

/// The CPU time the calling thread has used (Linux; `None` elsewhere), so a
/// timing bound holds on a loaded machine, where wall time does not.
pub fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports clock ticks of 1/100 s (USER_HZ) on every Linux ABI.
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// Runs `f` and returns its result with the time it took: thread CPU time
/// where available (10 ms resolution), else wall time.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let (cpu, wall) = (thread_cpu_time(), std::time::Instant::now());
    let out = f();
    let elapsed = match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (out, elapsed)
}

/// The hostile `daemon.json` and seccomp inputs of issue 11: not an object,
/// deep nesting, 10 MB strings, many keys.
pub fn hostile_json() -> Vec<(&'static str, String)> {
    let big = "x".repeat(10 << 20);
    vec![
        ("top-level array", "[1, 2, 3]".to_owned()),
        ("top-level number", "42".to_owned()),
        ("top-level null", "null".to_owned()),
        ("100k unclosed [", "[".repeat(100_000)),
        (
            "100k nested [ closed",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        ("100k nested {\"a\":", "{\"a\":".repeat(100_000)),
        (
            "100k [ in syscalls",
            format!("{{\"syscalls\": {}", "[".repeat(100_000)),
        ),
        ("10 MB string value", format!("{{\"labels\": [\"{big}\"]}}")),
        (
            "10 MB defaultAction",
            format!("{{\"defaultAction\": \"{big}\"}}"),
        ),
        ("10 MB key", format!("{{\"{big}\": 1}}")),
        ("10 MB bare word", big),
        (
            "100k unknown keys",
            format!(
                "{{{}\"k\": 0}}",
                (0..100_000)
                    .map(|i| format!("\"k{i}\": {i}, "))
                    .collect::<String>()
            ),
        ),
    ]
}
