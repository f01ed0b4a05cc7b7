//! The keys dockerd accepts in `daemon.json`, as data.
//!
//! Source: moby/moby at Docker Engine v29.7.2 (commit b985e2313a, the
//! development head after the `docker-v29.7.2` tag), read by hand:
//! `daemon/command/{options,config,config_unix,config_windows,docker}.go`
//! (the flags), `daemon/config/config.go` (`flatOptions`,
//! `skipValidateOptions`, `getConflictFreeConfiguration`,
//! `findConfigurationConflicts`), `daemon/config/config_{linux,windows}.go`
//! and `daemon/pkg/registry/config.go` (the JSON field types). The removed
//! keys were found by comparing the flag sets of the tags v17.06.0-ce,
//! v18.09.0, v19.03.0, v20.10.0, v23.0.0 … v28.0.0 and docker-v29.0.0.
//!
//! How dockerd reads the file:
//!
//! 1. It decodes the file into a map and *flattens* it: the members of an
//!    object value are lifted to the top level, except for the keys in
//!    [`FLAT`] (`"proxies": {"http-proxy": …}` is read as `http-proxy`).
//! 2. Every key must name a command-line flag (`icc`, `label`), or a
//!    "named option" (`labels`: the file's name of `--label`), or be one of
//!    `skipValidateOptions`; otherwise dockerd stops with "the following
//!    directives don't match any configuration option". The lookup is
//!    case-sensitive.
//! 3. It decodes the file again into its `Config` struct by JSON field name:
//!    a value of the wrong type stops it too ("invalid JSON: json: cannot
//!    unmarshal string into Go struct field … of type bool"). `null` is
//!    accepted anywhere (Go leaves the field alone).
//!
//! So a key in the file either is read ([`KEYS`]), or passes the check but
//! is never read ([`FLAG_ONLY`]: a flag's singular name such as `label`, for
//! which the file key is `labels`), or stops the daemon. Keys of both the
//! Linux and the Windows daemon are accepted, since the file does not say
//! which one reads it.

/// The JSON type dockerd decodes a key's value into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Bool,
    String,
    /// An integer (Go `int`, `int64`, `uint32`): a number without fraction
    /// or exponent.
    Int,
    /// An array of strings.
    Strings,
    /// An object whose values are strings (`log-opts`).
    StringMap,
    /// An object of any shape (`default-ulimits`, `runtimes`, `features`).
    Object,
    /// A value with its own decoder (`default-shm-size` takes `"64M"` or a
    /// number; `default-address-pools` a list of objects): not checked.
    Any,
}

/// A key dockerd reads from `daemon.json`.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub name: &'static str,
    pub ty: ValueType,
}

const fn key(name: &'static str, ty: ValueType) -> Key {
    Key { name, ty }
}

use ValueType::{Any, Bool, Int, Object, String as Str, StringMap, Strings};

/// Every key dockerd accepts and reads, sorted by name.
pub static KEYS: &[Key] = &[
    key("allow-direct-routing", Bool),
    // Removed in v29 but listed in `skipValidateOptions`: accepted, ignored.
    key("allow-nondistributable-artifacts", Any),
    key("authorization-plugins", Strings),
    key("bip", Str),
    key("bip6", Str),
    key("bridge", Str),
    key("bridge-accept-fwmark", Str),
    key("builder", Object),
    key("cdi-spec-dirs", Strings),
    key("cgroup-parent", Str),
    key("containerd", Str),
    key("containerd-namespace", Str),
    key("cpu-rt-period", Int),
    key("cpu-rt-runtime", Int),
    key("cri-containerd", Bool),
    key("data-root", Str),
    key("debug", Bool),
    key("default-address-pools", Any),
    key("default-cgroupns-mode", Str),
    key("default-gateway", Str),
    key("default-gateway-v6", Str),
    key("default-ipc-mode", Str),
    key("default-network-opts", Object),
    key("default-runtime", Str),
    key("default-shm-size", Any),
    key("default-stop-timeout", Int),
    key("default-ulimits", Object),
    // Listed in `skipValidateOptions`: accepted, ignored.
    key("deprecated-key-path", Any),
    key("dns", Strings),
    key("dns-opts", Strings),
    key("dns-search", Strings),
    key("exec-opts", Strings),
    key("exec-root", Str),
    key("experimental", Bool),
    key("features", Object),
    key("firewall-backend", Str),
    key("fixed-cidr", Str),
    key("fixed-cidr-v6", Str),
    key("group", Str),
    // Migrated to `host-gateway-ips`; still read.
    key("host-gateway-ip", Str),
    key("host-gateway-ips", Strings),
    key("hosts", Strings),
    key("http-proxy", Str),
    key("https-proxy", Str),
    key("icc", Bool),
    key("init", Bool),
    key("init-path", Str),
    key("insecure-registries", Strings),
    key("ip", Str),
    key("ip-forward", Bool),
    key("ip-forward-no-drop", Bool),
    key("ip-masq", Bool),
    key("ip6tables", Bool),
    key("iptables", Bool),
    key("ipv6", Bool),
    key("labels", Strings),
    key("live-restore", Bool),
    key("log-driver", Str),
    key("log-format", Str),
    key("log-level", Str),
    key("log-opts", StringMap),
    key("max-concurrent-downloads", Int),
    key("max-concurrent-uploads", Int),
    key("max-download-attempts", Int),
    key("metrics-addr", Str),
    key("min-api-version", Str),
    key("mtu", Int),
    key("network-control-plane-mtu", Int),
    key("network-diagnostic-port", Int),
    key("no-new-privileges", Bool),
    key("no-proxy", Str),
    key("node-generic-resources", Strings),
    key("nri-opts", Object),
    key("pidfile", Str),
    // An object whose members (`http-proxy`, `https-proxy`, `no-proxy`)
    // are read as top-level keys.
    key("proxies", Object),
    key("raw-logs", Bool),
    key("registry-mirrors", Strings),
    key("rootless", Bool),
    key("runtimes", Object),
    key("seccomp-profile", Str),
    key("selinux-enabled", Bool),
    key("shutdown-timeout", Int),
    key("storage-driver", Str),
    key("storage-opts", Strings),
    key("swarm-default-advertise-addr", Str),
    key("tls", Bool),
    key("tlscacert", Str),
    key("tlscert", Str),
    key("tlskey", Str),
    key("tlsverify", Bool),
    key("userland-proxy", Bool),
    key("userland-proxy-path", Str),
    key("userns-remap", Str),
];

/// Keys whose object value dockerd keeps whole instead of flattening
/// (`flatOptions`).
pub static FLAT: &[&str] = &[
    "builder",
    "cluster-store-opts",
    "default-network-opts",
    "default-ulimits",
    "features",
    "log-opts",
    "nri-opts",
    "runtimes",
];

/// Names dockerd's check accepts (they are flags) but that the file never
/// sets, with the key the file uses instead, if any.
pub static FLAG_ONLY: &[(&str, Option<&str>)] = &[
    ("add-runtime", Some("runtimes")),
    ("authorization-plugin", Some("authorization-plugins")),
    ("cdi-spec-dir", Some("cdi-spec-dirs")),
    // dockerd reads `containerd-plugin-namespace` from the file but its
    // check refuses that name: the setting cannot be made in the file.
    ("containerd-plugins-namespace", None),
    ("default-address-pool", Some("default-address-pools")),
    ("default-network-opt", Some("default-network-opts")),
    ("default-ulimit", Some("default-ulimits")),
    ("dns-opt", Some("dns-opts")),
    ("exec-opt", Some("exec-opts")),
    ("feature", Some("features")),
    ("host", Some("hosts")),
    ("insecure-registry", Some("insecure-registries")),
    ("label", Some("labels")),
    ("log-opt", Some("log-opts")),
    ("node-generic-resource", Some("node-generic-resources")),
    ("registry-mirror", Some("registry-mirrors")),
    ("storage-opt", Some("storage-opts")),
];

/// Other flag names the check accepts: boolean flags (dockerd sets a
/// boolean flag from the file's value) and flags that mean nothing in the
/// file (`config-file`, Windows service flags). Not reported.
pub static ACCEPTED_FLAGS: &[&str] = &[
    "config-file",
    "help",
    "register-service",
    "restart",
    "run-service",
    "service-name",
    "unregister-service",
    "validate",
    "version",
];

/// Keys older daemons accepted and the current one refuses: (key, the
/// Docker Engine release that stopped accepting it, what to do instead).
pub static REMOVED: &[(&str, &str, &str)] = &[
    ("api-cors-header", "29.0", "remove it"),
    ("api-enable-cors", "18.09", "remove it"),
    (
        "cluster-advertise",
        "24.0",
        "legacy overlay networking is gone; use Swarm mode",
    ),
    (
        "cluster-store",
        "24.0",
        "legacy overlay networking is gone; use Swarm mode",
    ),
    (
        "cluster-store-opts",
        "24.0",
        "legacy overlay networking is gone; use Swarm mode",
    ),
    ("disable-legacy-registry", "19.03", "remove it"),
    ("graph", "23.0", "use `data-root`"),
    ("identity", "23.0", "remove it"),
    (
        "oom-score-adjust",
        "25.0",
        "set `OOMScoreAdjust` in the service unit",
    ),
];

/// The key dockerd reads, if it is one.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Key> {
    KEYS.binary_search_by(|k| k.name.cmp(name))
        .ok()
        .map(|i| &KEYS[i])
}

/// dockerd keeps the object value of `name` whole.
#[must_use]
pub fn is_flat(name: &str) -> bool {
    FLAT.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_disjoint() {
        assert!(KEYS.windows(2).all(|w| w[0].name < w[1].name));
        for (name, instead) in FLAG_ONLY {
            assert!(lookup(name).is_none(), "{name}");
            assert!(instead.is_none_or(|k| lookup(k).is_some()), "{name}");
        }
        for name in ACCEPTED_FLAGS {
            assert!(lookup(name).is_none(), "{name}");
        }
        for (name, _, _) in REMOVED {
            assert!(lookup(name).is_none(), "{name}");
            assert!(FLAG_ONLY.iter().all(|(f, _)| f != name), "{name}");
        }
    }
}
