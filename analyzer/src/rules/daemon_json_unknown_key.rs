use crate::checker::Checker;
use crate::daemon::keys::{self, ACCEPTED_FLAGS, FLAG_ONLY, KEYS, REMOVED};
use crate::daemon::{DaemonModel, Setting};
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::facts::suggest;
use crate::json::{self, JsonKind};
use crate::rule::{Rule, RuleMeta};
use crate::{Fix, Tag};

declare_rule! {
    /// ## What it does
    /// Flags a key dockerd does not know. dockerd checks every key of
    /// `daemon.json` against its command-line options and refuses to start
    /// on any other ("the following directives don't match any
    /// configuration option"). The check follows dockerd's: keys are
    /// case-sensitive, and the members of an object value are read as
    /// top-level keys (`"proxies": {"http-proxy": …}`), except in
    /// `log-opts`, `default-ulimits`, `runtimes`, `features`, `builder`,
    /// `default-network-opts` and `nri-opts`.
    ///
    /// Also flagged:
    ///
    /// - keys removed from dockerd (`graph`, `cluster-store`,
    ///   `oom-score-adjust`, `api-cors-header`…), with the release that
    ///   removed them;
    /// - a flag's singular name (`label`, `insecure-registry`,
    ///   `storage-opt`): dockerd's check accepts it, since it is a flag, but
    ///   the file's key is the plural (`labels`…), so the setting is
    ///   silently ignored;
    /// - an object under a name that is not a setting: dockerd reads the
    ///   keys inside it and ignores the name.
    ///
    /// The keys are those of Docker Engine 29.7 on Linux and Windows
    /// (`analyzer/src/daemon/keys.rs` names the source).
    ///
    /// ## Why is this bad?
    /// The daemon does not start, so no container runs on the host; or a
    /// setting someone relied on has no effect.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "log-level": "info",
    ///   "insecure-registry": ["registry.internal:5000"],
    ///   "live_restore": true
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "log-level": "info",
    ///   "live-restore": true
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Where the intended key is clear (one typo away, a different case, a
    /// flag's singular name, `graph` → `data-root`) the fix renames the
    /// key. It is unsafe: the renamed setting then takes effect.
    pub DaemonJsonUnknownKey {
        code: "DW6016",
        name: "daemon-json-unknown-key",
        aliases: [],
        severity: Error,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

/// A key within this many bytes is compared with the known keys for a
/// suggestion (the comparison is quadratic in the key's length).
const SUGGEST_MAX: usize = 64;

/// Suggestions per file: each costs a comparison with every known key.
const SUGGESTIONS: usize = 100;

/// The known key `key` probably means.
fn suggestion(key: &str) -> Option<&'static str> {
    if key.len() > SUGGEST_MAX {
        return None;
    }
    let folded = key.to_ascii_lowercase().replace('_', "-");
    if let Some(k) = keys::lookup(&folded) {
        return Some(k.name);
    }
    suggest::closest(&folded, KEYS.iter().map(|k| k.name))
}

impl Rule<DaemonModel> for DaemonJsonUnknownKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let json = model.json();
        let mut suggestions = 0;
        for s in model.settings() {
            if s.member.shadowed {
                continue;
            }
            let key = model.key(s);
            let shown = shorten(key);
            let lifted = s.lifted_from.is_none()
                && json.kind(s.member.value) == JsonKind::Object
                && !keys::is_flat(key);
            if lifted {
                // dockerd checks the members instead of the key.
                if keys::lookup(key).is_none() {
                    cx.report(
                        s.member.key_span,
                        format!("`{shown}` is not a dockerd setting: dockerd reads the keys inside it as top-level keys and ignores `{shown}`"),
                    )
                    .with_tag(Tag::Unnecessary);
                }
                continue;
            }
            if keys::lookup(key).is_some() || ACCEPTED_FLAGS.contains(&key) {
                continue;
            }
            let (message, rename) = if let Some((_, instead)) =
                FLAG_ONLY.iter().find(|(f, _)| *f == key)
            {
                let message = match instead {
                    Some(k) => format!("dockerd ignores `{key}` in daemon.json: the key is `{k}`"),
                    None => format!("dockerd accepts `{key}` in daemon.json but does not apply it"),
                };
                (message, *instead)
            } else if let Some((_, version, advice)) = REMOVED.iter().find(|(r, _, _)| *r == key) {
                let rename = (key == "graph").then_some("data-root");
                (
                    format!(
                        "`{key}` was removed in Docker Engine {version}: dockerd refuses to start ({advice})"
                    ),
                    rename,
                )
            } else {
                let guess = if suggestions < SUGGESTIONS {
                    suggestions += 1;
                    suggestion(key)
                } else {
                    None
                };
                let message = match guess {
                    Some(k) => format!(
                        "unknown key `{shown}`: dockerd refuses to start (did you mean `{k}`?)"
                    ),
                    None => format!("unknown key `{shown}`: dockerd refuses to start"),
                };
                (message, guess)
            };
            let fix = rename.and_then(|new| rename_fix(model, s, new));
            let d = cx.report(s.member.key_span, message);
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// Renames the key of `s` to `new`, unless its object already has `new`.
fn rename_fix(model: &DaemonModel, s: &Setting, new: &str) -> Option<Fix> {
    let json = model.json();
    if json.get_member(s.object, new).is_some() {
        return None;
    }
    Some(Fix::unsafe_(
        format!("Rename to `{new}`"),
        vec![json::edit::rename_key(&s.member, new)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&DaemonJsonUnknownKey)
            .pass([
                "{}",
                "{\"icc\": false, \"log-opts\": {\"max-size\": \"10m\", \"anything\": \"x\"}}",
                "{\"proxies\": {\"http-proxy\": \"http://p:3128\", \"no-proxy\": \"localhost\"}}",
                "{\"features\": {\"containerd-snapshotter\": true}, \"builder\": {\"gc\": {\"enabled\": true}}}",
                "{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 64000, \"Soft\": 64000}}}",
                "{\"runtimes\": {\"nvidia\": {\"path\": \"nvidia-container-runtime\"}}}",
                "{\"min-api-version\": \"1.24\", \"allow-nondistributable-artifacts\": []}",
                "{\"validate\": true}",
                "{\"host-gateway-ip\": \"172.17.0.1\"}",
            ])
            .fail([
                "{\"ICC\": false}",
                "{\"live_restore\": true}",
                "{\"frobnicate\": 1}",
                "{\"graph\": \"/data/docker\"}",
                "{\"cluster-store\": \"consul://x\"}",
                "{\"label\": [\"a=b\"]}",
                "{\"containerd-plugins-namespace\": \"x\"}",
                "{\"proxies\": {\"http_proxy\": \"http://p:3128\"}}",
                "{\"tls-settings\": {\"tlsverify\": true}}",
                "{\"wat\": {\"nope\": 1}}",
            ])
            .fix([
                ("{\"ICC\": false}", "{\"icc\": false}"),
                ("{\"live_restore\": true}", "{\"live-restore\": true}"),
                ("{\"graph\": \"/d\"}", "{\"data-root\": \"/d\"}"),
                ("{\"insecure-registry\": [\"r:5000\"]}", "{\"insecure-registries\": [\"r:5000\"]}"),
                // The intended key is already there: no rename.
                ("{\"label\": [\"a\"], \"labels\": [\"b\"]}", "{\"label\": [\"a\"], \"labels\": [\"b\"]}"),
                ("{\"frobnicate\": 1}", "{\"frobnicate\": 1}"),
            ])
            .test();
    }
}
