use crate::Fix;
use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::json;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags each entry of `insecure-registries`: a registry host, or a
    /// CIDR block of them, that dockerd talks to over plain HTTP or over
    /// TLS without checking the certificate.
    ///
    /// Loopback entries (`localhost:5000`, `127.0.0.1:5000`, `127.0.0.0/8`,
    /// `[::1]:5000`) are not flagged: dockerd treats `127.0.0.0/8` as
    /// insecure anyway, and that traffic never leaves the host.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can serve their own image in place of
    /// the one pulled, or read the credentials sent with a push (CIS
    /// Docker Benchmark 2.5).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "insecure-registries": ["registry.internal:5000"]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "registry-mirrors": ["https://registry.internal"]
    /// }
    /// ```
    ///
    /// (with the registry's CA certificate in
    /// `/etc/docker/certs.d/registry.internal/ca.crt`).
    ///
    /// ## Fix safety
    /// The fix removes the entry and is unsafe: pulls from that registry
    /// fail until it serves TLS with a certificate the host trusts.
    pub InsecureRegistry {
        code: "DW6003",
        name: "insecure-registry",
        aliases: ["CIS-2.5", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

/// A registry entry that stays on this host.
fn is_loopback(entry: &str) -> bool {
    let host = entry.trim();
    let host = host.split_once("://").map_or(host, |(_, h)| h);
    let host = host.split('/').next().unwrap_or(host);
    let host = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else if host.matches(':').count() == 1 {
        host.split(':').next().unwrap_or("")
    } else {
        host
    };
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .strip_prefix("127.")
            .is_some_and(|rest| rest.split('.').all(|o| o.parse::<u8>().is_ok()))
}

impl Rule<DaemonModel> for InsecureRegistry {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let Some(setting) = model.setting("insecure-registries") else {
            return;
        };
        let array = setting.member.value;
        for (entry, range, index) in model.strings("insecure-registries") {
            if entry.trim().is_empty() || is_loopback(entry) {
                continue;
            }
            let edit = json::edit::remove_item(model.json(), array, index);
            let entry = shorten(entry);
            let d = cx.report(
                range,
                format!("`{entry}` is an insecure registry: images from it are pulled without TLS verification"),
            );
            if let Some(edit) = edit {
                d.with_fix(Fix::unsafe_(format!("Remove `{entry}`"), vec![edit]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&InsecureRegistry)
            .pass([
                "{}",
                "{\"insecure-registries\": []}",
                "{\"insecure-registries\": [\"localhost:5000\", \"127.0.0.1:5000\", \"127.0.0.0/8\", \"[::1]:5000\", \"\"]}",
                "{\"registry-mirrors\": [\"https://mirror.example.com\"]}",
            ])
            .fail([
                "{\"insecure-registries\": [\"registry.internal:5000\"]}",
                "{\"insecure-registries\": [\"10.0.0.0/8\"]}",
                "{\"insecure-registries\": [\"localhost:5000\", \"myregistry.example.com\"]}",
                "{\"insecure-registries\": [\"http://127.0.0.1.nip.io:5000\"]}",
            ])
            .fix([
                (
                    "{\n  \"insecure-registries\": [\n    \"localhost:5000\",\n    \"registry.internal:5000\"\n  ]\n}",
                    "{\n  \"insecure-registries\": [\n    \"localhost:5000\"\n  ]\n}",
                ),
                (
                    "{\"insecure-registries\": [\"a.example:5000\", \"b.example:5000\"]}",
                    "{\"insecure-registries\": []}",
                ),
            ])
            .test();
    }
}
