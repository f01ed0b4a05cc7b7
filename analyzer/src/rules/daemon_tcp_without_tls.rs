use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a TCP socket in `hosts` (`tcp://…`, or a bare `host:port`,
    /// which dockerd reads as TCP) when `tlsverify` is not `true`. With
    /// `tls: true` alone the connection is encrypted but any client is
    /// accepted, so that is flagged too.
    ///
    /// Loopback addresses (`tcp://127.0.0.1:2375`, `tcp://localhost:2375`,
    /// and `tcp://:2375`, which dockerd binds to localhost) are flagged
    /// as well. dockerd exempts them from its own start-up delay for
    /// unauthenticated TCP, but every local user and process can reach
    /// them, and so can a web page open in a browser on the host (through
    /// DNS rebinding): dockerd's own warning says so.
    ///
    /// ## Why is this bad?
    /// The Docker API is root on the host: whoever can send it a request can
    /// start a privileged container that mounts `/`. Without client
    /// certificates, anyone who reaches the port can (CIS Docker Benchmark
    /// 2.7).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
    ///   "tls": true,
    ///   "tlscert": "/etc/docker/server.pem",
    ///   "tlskey": "/etc/docker/server-key.pem"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
    ///   "tlsverify": true,
    ///   "tlscacert": "/etc/docker/ca.pem",
    ///   "tlscert": "/etc/docker/server.pem",
    ///   "tlskey": "/etc/docker/server-key.pem"
    /// }
    /// ```
    ///
    /// No fix: client verification needs a CA and client certificates. For
    /// remote access without TLS setup, `ssh://` (the client's `DOCKER_HOST`)
    /// reuses SSH authentication and needs no TCP socket at all.
    pub DaemonTcpWithoutTls {
        code: "DW6001",
        name: "daemon-tcp-without-tls",
        aliases: ["CIS-2.7", "cis"],
        severity: Error,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: None,
    }
}

/// The TCP address of a `hosts` entry (what follows `tcp://`), when the
/// entry is a TCP socket: dockerd reads an entry without `://` as TCP
/// (`0.0.0.0:2375`).
pub(crate) fn tcp_address(host: &str) -> Option<&str> {
    let host = host.trim();
    match host.split_once("://") {
        Some((proto, addr)) => (proto == "tcp").then_some(addr),
        // A bare path is not an address (dockerd refuses it).
        None => (!host.is_empty() && !host.starts_with('/')).then_some(host),
    }
}

/// The address binds to loopback only (an empty host is `localhost`).
pub(crate) fn is_loopback(addr: &str) -> bool {
    let host = if let Some(rest) = addr.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else if addr.matches(':').count() == 1 {
        addr.split(':').next().unwrap_or("")
    } else {
        addr
    };
    let ipv4_loopback = host.strip_prefix("127.").is_some_and(|rest| {
        rest.split('.').count() == 3 && rest.split('.').all(|o| o.parse::<u8>().is_ok())
    });
    host.is_empty() || host.eq_ignore_ascii_case("localhost") || host == "::1" || ipv4_loopback
}

impl Rule<DaemonModel> for DaemonTcpWithoutTls {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let verify = model.bool("tlsverify");
        if verify.is_some_and(|(v, _)| v) {
            return;
        }
        let tls = model.bool("tls");
        for (host, range, _) in model.strings("hosts") {
            let Some(addr) = tcp_address(host) else {
                continue;
            };
            let how = if tls.is_some_and(|(v, _)| v) {
                "with TLS but without client certificate verification (`tlsverify` is not true)"
            } else {
                "without TLS"
            };
            let who = if is_loopback(addr) {
                "even on loopback, every local process and any web page open in a browser on the host can reach it"
            } else {
                "anyone who can reach the port controls the daemon, and so the host"
            };
            let d = cx.report(
                range,
                format!(
                    "the Docker API listens on `{}` {how}: {who}",
                    shorten(host.trim())
                ),
            );
            if let Some((false, s)) = verify {
                d.with_related(
                    model.setting_range(s),
                    "client verification turned off here",
                );
            } else if let Some((true, s)) = tls {
                d.with_related(model.setting_range(s), "TLS without `tlsverify`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn loopback() {
        for a in [
            "127.0.0.1:2375",
            "localhost:2375",
            ":2375",
            "[::1]:2375",
            "127.1.2.3:1",
        ] {
            assert!(is_loopback(a), "{a}");
        }
        for a in [
            "0.0.0.0:2375",
            "10.0.0.1:2376",
            "[::]:2375",
            "127.0.0.1.example.com:1",
            "docker:2375",
        ] {
            assert!(!is_loopback(a), "{a}");
        }
    }

    #[test]
    fn vectors() {
        Tester::new_for(&DaemonTcpWithoutTls)
            .pass([
                "{}",
                "{\"hosts\": [\"unix:///var/run/docker.sock\", \"fd://\"]}",
                "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": true}",
                "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tls\": true, \"tlsverify\": true}",
                "{\"hosts\": [\"\"]}",
                "{\"hosts\": [\"ssh://me@host\"]}",
                "{\"hosts\": [\"/var/run/docker.sock\"]}",
            ])
            .fail([
                "{\"hosts\": [\"tcp://0.0.0.0:2375\"]}",
                "{\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2376\"], \"tls\": true}",
                "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tls\": true, \"tlsverify\": false}",
                "{\"hosts\": [\"0.0.0.0:2375\"]}",
                "{\"hosts\": [\"tcp://127.0.0.1:2375\"]}",
                "{\"hosts\": [\"tcp://localhost:2375\", \"tcp://:2375\"]}",
                "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": \"true\"}",
            ])
            .test();
    }
}
