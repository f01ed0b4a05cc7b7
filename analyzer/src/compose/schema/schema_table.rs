// @generated from compose-spec.json (compose-go v2.9.1) by
// `UPDATE_SCHEMA_TABLE=1 cargo test -p dockward-analyzer schema_table_is_fresh`
// (the generator is `generate.rs`). Do not edit by hand.

use super::Node;
use super::Types;

pub(super) const ROOT: u16 = 0;
pub(super) const ANY: u16 = 1;

pub(super) static PATTERNS: [&str; 7] = [
    "^x-",
    "^[a-zA-Z0-9._-]+$",
    ".+",
    "^.+$",
    "^[a-z]+$",
    "[a-zA-Z0-9][a-zA-Z0-9_.-]+",
    "always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+",
];

pub(super) static NODES: [Node; 443] = [
    // 0: #
    Node { types: Types(64), description: "The Compose file is a YAML file defining a multi-containers based application.", properties: &[("configs", 2), ("include", 17), ("models", 28), ("name", 35), ("networks", 36), ("secrets", 60), ("services", 72), ("version", 433), ("volumes", 434)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 1: {}
    Node { ..Node::EMPTY },
    // 2: #/properties/configs
    Node { types: Types(64), description: "Configurations that are shared among multiple services.", pattern_properties: &[(1, 3)], additional: false, ..Node::EMPTY },
    // 3: #/$defs/config
    Node { types: Types(64), description: "Config configuration for the Compose application.", properties: &[("content", 4), ("environment", 5), ("external", 6), ("file", 8), ("labels", 9), ("name", 15), ("template_driver", 16)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 4: #/$defs/config/properties/content
    Node { types: Types(16), description: "Inline content of the config.", ..Node::EMPTY },
    // 5: #/$defs/config/properties/environment
    Node { types: Types(16), description: "Name of an environment variable from which to get the config value.", ..Node::EMPTY },
    // 6: #/$defs/config/properties/external
    Node { types: Types(82), description: "Specifies that this config already exists and was created outside of Compose.", properties: &[("name", 7)], ..Node::EMPTY },
    // 7: #/$defs/config/properties/external/properties/name
    Node { types: Types(16), description: "Specifies the name of the external config. Deprecated: use the 'name' property instead.", deprecated: true, ..Node::EMPTY },
    // 8: #/$defs/config/properties/file
    Node { types: Types(16), description: "Path to a file containing the config value.", ..Node::EMPTY },
    // 9: #/$defs/config/properties/labels
    Node { description: "Add metadata to the config using labels.", one_of: &[11, 13], ..Node::EMPTY },
    // 10: #/$defs/list_or_dict
    Node { description: "Either a dictionary mapping keys to values, or a list of strings.", one_of: &[11, 13], ..Node::EMPTY },
    // 11: #/$defs/list_or_dict/oneOf/0
    Node { types: Types(64), description: "A dictionary mapping keys to values.", pattern_properties: &[(2, 12)], additional: false, ..Node::EMPTY },
    // 12: #/$defs/list_or_dict/oneOf/0/patternProperties/.+
    Node { types: Types(27), description: "Value for the key, which can be a string, number, boolean, or null.", ..Node::EMPTY },
    // 13: #/$defs/list_or_dict/oneOf/1
    Node { types: Types(32), description: "A list of unique string values.", items: 14, unique_items: true, ..Node::EMPTY },
    // 14: #/$defs/list_or_dict/oneOf/1/items
    Node { types: Types(16), description: "A string value in the list.", ..Node::EMPTY },
    // 15: #/$defs/config/properties/name
    Node { types: Types(16), description: "Custom name for this config.", ..Node::EMPTY },
    // 16: #/$defs/config/properties/template_driver
    Node { types: Types(16), description: "Driver to use for templating the config's value.", ..Node::EMPTY },
    // 17: #/properties/include
    Node { types: Types(32), description: "compose sub-projects to be included.", items: 18, ..Node::EMPTY },
    // 18: #/$defs/include
    Node { description: "Compose application or sub-projects to be included.", one_of: &[19, 20], ..Node::EMPTY },
    // 19: #/$defs/include/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 20: #/$defs/include/oneOf/1
    Node { types: Types(64), properties: &[("env_file", 21), ("path", 26), ("project_directory", 27)], additional: false, ..Node::EMPTY },
    // 21: #/$defs/include/oneOf/1/properties/env_file
    Node { description: "Path to the environment files to use to define default values when interpolating variables in the Compose files being parsed.", one_of: &[22, 23], ..Node::EMPTY },
    // 22: #/$defs/string_or_list/oneOf/0
    Node { types: Types(16), description: "A single string value.", ..Node::EMPTY },
    // 23: #/$defs/string_or_list/oneOf/1
    Node { types: Types(32), description: "A list of string values.", items: 25, unique_items: true, ..Node::EMPTY },
    // 24: #/$defs/list_of_strings
    Node { types: Types(32), description: "A list of unique string values.", items: 25, unique_items: true, ..Node::EMPTY },
    // 25: #/$defs/list_of_strings/items
    Node { types: Types(16), description: "A string value in the list.", ..Node::EMPTY },
    // 26: #/$defs/include/oneOf/1/properties/path
    Node { description: "Path to the Compose application or sub-project files to include.", one_of: &[22, 23], ..Node::EMPTY },
    // 27: #/$defs/include/oneOf/1/properties/project_directory
    Node { types: Types(16), description: "Path to resolve relative paths set in the Compose file", ..Node::EMPTY },
    // 28: #/properties/models
    Node { types: Types(64), description: "Language models that will be used by your application.", pattern_properties: &[(1, 29)], ..Node::EMPTY },
    // 29: #/$defs/model
    Node { types: Types(64), description: "Language Model for the Compose application.", properties: &[("context_size", 30), ("model", 31), ("name", 32), ("runtime_flags", 33)], pattern_properties: &[(0, 1)], additional: false, required: &["model"], ..Node::EMPTY },
    // 30: #/$defs/model/properties/context_size
    Node { types: Types(4), ..Node::EMPTY },
    // 31: #/$defs/model/properties/model
    Node { types: Types(16), description: "Language Model to run.", ..Node::EMPTY },
    // 32: #/$defs/model/properties/name
    Node { types: Types(16), description: "Custom name for this model.", ..Node::EMPTY },
    // 33: #/$defs/model/properties/runtime_flags
    Node { types: Types(32), description: "Raw runtime flags to pass to the inference engine.", items: 34, ..Node::EMPTY },
    // 34: #/$defs/model/properties/runtime_flags/items
    Node { types: Types(16), ..Node::EMPTY },
    // 35: #/properties/name
    Node { types: Types(16), description: "define the Compose project name, until user defines one explicitly.", ..Node::EMPTY },
    // 36: #/properties/networks
    Node { types: Types(64), description: "Networks that are shared among multiple services.", pattern_properties: &[(1, 37)], ..Node::EMPTY },
    // 37: #/$defs/network
    Node { types: Types(65), description: "Network configuration for the Compose application.", properties: &[("attachable", 38), ("driver", 39), ("driver_opts", 40), ("enable_ipv4", 42), ("enable_ipv6", 43), ("external", 44), ("internal", 46), ("ipam", 47), ("labels", 58), ("name", 59)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 38: #/$defs/network/properties/attachable
    Node { types: Types(18), description: "If true, standalone containers can attach to this network.", ..Node::EMPTY },
    // 39: #/$defs/network/properties/driver
    Node { types: Types(16), description: "Specify which driver should be used for this network. Default is 'bridge'.", ..Node::EMPTY },
    // 40: #/$defs/network/properties/driver_opts
    Node { types: Types(64), description: "Specify driver-specific options defined as key/value pairs.", pattern_properties: &[(3, 41)], ..Node::EMPTY },
    // 41: #/$defs/network/properties/driver_opts/patternProperties/^.+$
    Node { types: Types(24), ..Node::EMPTY },
    // 42: #/$defs/network/properties/enable_ipv4
    Node { types: Types(18), description: "Enable IPv4 networking.", ..Node::EMPTY },
    // 43: #/$defs/network/properties/enable_ipv6
    Node { types: Types(18), description: "Enable IPv6 networking.", ..Node::EMPTY },
    // 44: #/$defs/network/properties/external
    Node { types: Types(82), description: "Specifies that this network already exists and was created outside of Compose.", properties: &[("name", 45)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 45: #/$defs/network/properties/external/properties/name
    Node { types: Types(16), description: "Specifies the name of the external network. Deprecated: use the 'name' property instead.", deprecated: true, ..Node::EMPTY },
    // 46: #/$defs/network/properties/internal
    Node { types: Types(18), description: "Create an externally isolated network.", ..Node::EMPTY },
    // 47: #/$defs/network/properties/ipam
    Node { types: Types(64), description: "Custom IP Address Management configuration for this network.", properties: &[("config", 48), ("driver", 55), ("options", 56)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 48: #/$defs/network/properties/ipam/properties/config
    Node { types: Types(32), description: "List of IPAM configuration blocks.", items: 49, ..Node::EMPTY },
    // 49: #/$defs/network/properties/ipam/properties/config/items
    Node { types: Types(64), properties: &[("aux_addresses", 50), ("gateway", 52), ("ip_range", 53), ("subnet", 54)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 50: #/$defs/network/properties/ipam/properties/config/items/properties/aux_addresses
    Node { types: Types(64), description: "Auxiliary IPv4 or IPv6 addresses used by Network driver.", pattern_properties: &[(3, 51)], additional: false, ..Node::EMPTY },
    // 51: #/$defs/network/properties/ipam/properties/config/items/properties/aux_addresses/patternProperties/^.+$
    Node { types: Types(16), ..Node::EMPTY },
    // 52: #/$defs/network/properties/ipam/properties/config/items/properties/gateway
    Node { types: Types(16), description: "IPv4 or IPv6 gateway for the subnet.", ..Node::EMPTY },
    // 53: #/$defs/network/properties/ipam/properties/config/items/properties/ip_range
    Node { types: Types(16), description: "Range of IPs from which to allocate container IPs.", ..Node::EMPTY },
    // 54: #/$defs/network/properties/ipam/properties/config/items/properties/subnet
    Node { types: Types(16), description: "Subnet in CIDR format that represents a network segment.", ..Node::EMPTY },
    // 55: #/$defs/network/properties/ipam/properties/driver
    Node { types: Types(16), description: "Custom IPAM driver, instead of the default.", ..Node::EMPTY },
    // 56: #/$defs/network/properties/ipam/properties/options
    Node { types: Types(64), description: "Driver-specific options for the IPAM driver.", pattern_properties: &[(3, 57)], additional: false, ..Node::EMPTY },
    // 57: #/$defs/network/properties/ipam/properties/options/patternProperties/^.+$
    Node { types: Types(16), ..Node::EMPTY },
    // 58: #/$defs/network/properties/labels
    Node { description: "Add metadata to the network using labels.", one_of: &[11, 13], ..Node::EMPTY },
    // 59: #/$defs/network/properties/name
    Node { types: Types(16), description: "Custom name for this network.", ..Node::EMPTY },
    // 60: #/properties/secrets
    Node { types: Types(64), description: "Secrets that are shared among multiple services.", pattern_properties: &[(1, 61)], additional: false, ..Node::EMPTY },
    // 61: #/$defs/secret
    Node { types: Types(64), description: "Secret configuration for the Compose application.", properties: &[("driver", 62), ("driver_opts", 63), ("environment", 65), ("external", 66), ("file", 68), ("labels", 69), ("name", 70), ("template_driver", 71)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 62: #/$defs/secret/properties/driver
    Node { types: Types(16), description: "Specify which secret driver should be used for this secret.", ..Node::EMPTY },
    // 63: #/$defs/secret/properties/driver_opts
    Node { types: Types(64), description: "Specify driver-specific options.", pattern_properties: &[(3, 64)], ..Node::EMPTY },
    // 64: #/$defs/secret/properties/driver_opts/patternProperties/^.+$
    Node { types: Types(24), ..Node::EMPTY },
    // 65: #/$defs/secret/properties/environment
    Node { types: Types(16), description: "Name of an environment variable from which to get the secret value.", ..Node::EMPTY },
    // 66: #/$defs/secret/properties/external
    Node { types: Types(82), description: "Specifies that this secret already exists and was created outside of Compose.", properties: &[("name", 67)], ..Node::EMPTY },
    // 67: #/$defs/secret/properties/external/properties/name
    Node { types: Types(16), description: "Specifies the name of the external secret.", ..Node::EMPTY },
    // 68: #/$defs/secret/properties/file
    Node { types: Types(16), description: "Path to a file containing the secret value.", ..Node::EMPTY },
    // 69: #/$defs/secret/properties/labels
    Node { description: "Add metadata to the secret using labels.", one_of: &[11, 13], ..Node::EMPTY },
    // 70: #/$defs/secret/properties/name
    Node { types: Types(16), description: "Custom name for this secret.", ..Node::EMPTY },
    // 71: #/$defs/secret/properties/template_driver
    Node { types: Types(16), description: "Driver to use for templating the secret's value.", ..Node::EMPTY },
    // 72: #/properties/services
    Node { types: Types(64), description: "The services that will be used by your application.", pattern_properties: &[(1, 73)], additional: false, ..Node::EMPTY },
    // 73: #/$defs/service
    Node { types: Types(64), description: "Configuration for a service.", properties: &[("annotations", 10), ("attach", 74), ("blkio_config", 75), ("build", 88), ("cap_add", 141), ("cap_drop", 143), ("cgroup", 145), ("cgroup_parent", 146), ("command", 147), ("configs", 152), ("container_name", 153), ("cpu_count", 154), ("cpu_percent", 157), ("cpu_period", 160), ("cpu_quota", 161), ("cpu_rt_period", 162), ("cpu_rt_runtime", 163), ("cpu_shares", 164), ("cpus", 165), ("cpuset", 166), ("credential_spec", 167), ("depends_on", 171), ("deploy", 177), ("develop", 228), ("device_cgroup_rules", 244), ("devices", 245), ("dns", 252), ("dns_opt", 253), ("dns_search", 255), ("domainname", 256), ("entrypoint", 257), ("env_file", 258), ("environment", 267), ("expose", 268), ("extends", 270), ("external_links", 275), ("extra_hosts", 277), ("gpus", 278), ("group_add", 287), ("healthcheck", 289), ("hostname", 300), ("image", 301), ("init", 302), ("ipc", 303), ("isolation", 304), ("label_file", 305), ("labels", 309), ("links", 310), ("logging", 312), ("mac_address", 316), ("mem_limit", 317), ("mem_reservation", 318), ("mem_swappiness", 319), ("memswap_limit", 320), ("models", 321), ("network_mode", 328), ("networks", 329), ("oom_kill_disable", 344), ("oom_score_adj", 345), ("pid", 348), ("pids_limit", 349), ("platform", 350), ("ports", 351), ("post_start", 363), ("pre_start", 364), ("pre_stop", 373), ("privileged", 374), ("profiles", 375), ("provider", 376), ("pull_policy", 383), ("pull_refresh_after", 384), ("read_only", 385), ("restart", 386), ("runtime", 387), ("scale", 388), ("secrets", 389), ("security_opt", 390), ("shm_size", 392), ("stdin_open", 393), ("stop_grace_period", 394), ("stop_signal", 395), ("storage_opt", 396), ("sysctls", 397), ("tmpfs", 398), ("tty", 399), ("ulimits", 400), ("use_api_socket", 401), ("user", 402), ("userns_mode", 403), ("uts", 404), ("volumes", 405), ("volumes_from", 430), ("working_dir", 432)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 74: #/$defs/service/properties/attach
    Node { types: Types(18), ..Node::EMPTY },
    // 75: #/$defs/service/properties/blkio_config
    Node { types: Types(64), description: "Block IO configuration for the service.", properties: &[("device_read_bps", 76), ("device_read_iops", 80), ("device_write_bps", 81), ("device_write_iops", 82), ("weight", 83), ("weight_device", 84)], additional: false, ..Node::EMPTY },
    // 76: #/$defs/service/properties/blkio_config/properties/device_read_bps
    Node { types: Types(32), description: "Limit read rate (bytes per second) from a device.", items: 77, ..Node::EMPTY },
    // 77: #/$defs/blkio_limit
    Node { types: Types(64), description: "Block IO limit for a specific device.", properties: &[("path", 78), ("rate", 79)], additional: false, ..Node::EMPTY },
    // 78: #/$defs/blkio_limit/properties/path
    Node { types: Types(16), description: "Path to the device (e.g., '/dev/sda').", ..Node::EMPTY },
    // 79: #/$defs/blkio_limit/properties/rate
    Node { types: Types(20), description: "Rate limit in bytes per second or IO operations per second.", ..Node::EMPTY },
    // 80: #/$defs/service/properties/blkio_config/properties/device_read_iops
    Node { types: Types(32), description: "Limit read rate (IO per second) from a device.", items: 77, ..Node::EMPTY },
    // 81: #/$defs/service/properties/blkio_config/properties/device_write_bps
    Node { types: Types(32), description: "Limit write rate (bytes per second) to a device.", items: 77, ..Node::EMPTY },
    // 82: #/$defs/service/properties/blkio_config/properties/device_write_iops
    Node { types: Types(32), description: "Limit write rate (IO per second) to a device.", items: 77, ..Node::EMPTY },
    // 83: #/$defs/service/properties/blkio_config/properties/weight
    Node { types: Types(20), description: "Block IO weight (relative weight) for the service, between 10 and 1000.", ..Node::EMPTY },
    // 84: #/$defs/service/properties/blkio_config/properties/weight_device
    Node { types: Types(32), description: "Block IO weight (relative weight) for specific devices.", items: 85, ..Node::EMPTY },
    // 85: #/$defs/blkio_weight
    Node { types: Types(64), description: "Block IO weight for a specific device.", properties: &[("path", 86), ("weight", 87)], additional: false, ..Node::EMPTY },
    // 86: #/$defs/blkio_weight/properties/path
    Node { types: Types(16), description: "Path to the device (e.g., '/dev/sda').", ..Node::EMPTY },
    // 87: #/$defs/blkio_weight/properties/weight
    Node { types: Types(20), description: "Relative weight for the device, between 10 and 1000.", ..Node::EMPTY },
    // 88: #/$defs/service/properties/build
    Node { description: "Configuration options for building the service's image.", one_of: &[89, 90], ..Node::EMPTY },
    // 89: #/$defs/service/properties/build/oneOf/0
    Node { types: Types(16), description: "Path to the build context. Can be a relative path or a URL.", ..Node::EMPTY },
    // 90: #/$defs/service/properties/build/oneOf/1
    Node { types: Types(64), properties: &[("additional_contexts", 91), ("args", 92), ("cache_from", 93), ("cache_to", 95), ("context", 97), ("dockerfile", 98), ("dockerfile_inline", 99), ("entitlements", 100), ("extra_hosts", 102), ("isolation", 110), ("labels", 111), ("network", 112), ("no_cache", 113), ("no_cache_filter", 114), ("platforms", 115), ("privileged", 117), ("provenance", 118), ("pull", 119), ("sbom", 120), ("secrets", 121), ("shm_size", 130), ("ssh", 131), ("tags", 132), ("target", 134), ("ulimits", 135)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 91: #/$defs/service/properties/build/oneOf/1/properties/additional_contexts
    Node { description: "Additional build contexts to use, specified as a map of name to context path or URL.", one_of: &[11, 13], ..Node::EMPTY },
    // 92: #/$defs/service/properties/build/oneOf/1/properties/args
    Node { description: "Build-time variables, specified as a map or a list of KEY=VAL pairs.", one_of: &[11, 13], ..Node::EMPTY },
    // 93: #/$defs/service/properties/build/oneOf/1/properties/cache_from
    Node { types: Types(32), description: "List of sources the image builder should use for cache resolution", items: 94, ..Node::EMPTY },
    // 94: #/$defs/service/properties/build/oneOf/1/properties/cache_from/items
    Node { types: Types(16), ..Node::EMPTY },
    // 95: #/$defs/service/properties/build/oneOf/1/properties/cache_to
    Node { types: Types(32), description: "Cache destinations for the build cache.", items: 96, ..Node::EMPTY },
    // 96: #/$defs/service/properties/build/oneOf/1/properties/cache_to/items
    Node { types: Types(16), ..Node::EMPTY },
    // 97: #/$defs/service/properties/build/oneOf/1/properties/context
    Node { types: Types(16), description: "Path to the build context. Can be a relative path or a URL.", ..Node::EMPTY },
    // 98: #/$defs/service/properties/build/oneOf/1/properties/dockerfile
    Node { types: Types(16), description: "Name of the Dockerfile to use for building the image.", ..Node::EMPTY },
    // 99: #/$defs/service/properties/build/oneOf/1/properties/dockerfile_inline
    Node { types: Types(16), description: "Inline Dockerfile content to use instead of a Dockerfile from the build context.", ..Node::EMPTY },
    // 100: #/$defs/service/properties/build/oneOf/1/properties/entitlements
    Node { types: Types(32), description: "List of extra privileged entitlements to grant to the build process.", items: 101, ..Node::EMPTY },
    // 101: #/$defs/service/properties/build/oneOf/1/properties/entitlements/items
    Node { types: Types(16), ..Node::EMPTY },
    // 102: #/$defs/service/properties/build/oneOf/1/properties/extra_hosts
    Node { description: "Add hostname mappings for the build container.", one_of: &[103, 108], ..Node::EMPTY },
    // 103: #/$defs/extra_hosts/oneOf/0
    Node { types: Types(64), description: "list mapping hostnames to IP addresses.", pattern_properties: &[(2, 104)], additional: false, ..Node::EMPTY },
    // 104: #/$defs/extra_hosts/oneOf/0/patternProperties/.+
    Node { one_of: &[105, 106], ..Node::EMPTY },
    // 105: #/$defs/extra_hosts/oneOf/0/patternProperties/.+/oneOf/0
    Node { types: Types(16), description: "IP address for the hostname.", ..Node::EMPTY },
    // 106: #/$defs/extra_hosts/oneOf/0/patternProperties/.+/oneOf/1
    Node { types: Types(32), description: "List of IP addresses for the hostname.", items: 107, ..Node::EMPTY },
    // 107: #/$defs/extra_hosts/oneOf/0/patternProperties/.+/oneOf/1/items
    Node { types: Types(16), description: "IP address for the hostname.", ..Node::EMPTY },
    // 108: #/$defs/extra_hosts/oneOf/1
    Node { types: Types(32), description: "List of host:IP mappings in the format 'hostname:IP'.", items: 109, unique_items: true, ..Node::EMPTY },
    // 109: #/$defs/extra_hosts/oneOf/1/items
    Node { types: Types(16), description: "Host:IP mapping in the format 'hostname:IP'.", ..Node::EMPTY },
    // 110: #/$defs/service/properties/build/oneOf/1/properties/isolation
    Node { types: Types(16), description: "Container isolation technology to use for the build process.", ..Node::EMPTY },
    // 111: #/$defs/service/properties/build/oneOf/1/properties/labels
    Node { description: "Labels to apply to the built image.", one_of: &[11, 13], ..Node::EMPTY },
    // 112: #/$defs/service/properties/build/oneOf/1/properties/network
    Node { types: Types(16), description: "Network mode to use for the build. Options include 'default', 'none', 'host', or a network name.", ..Node::EMPTY },
    // 113: #/$defs/service/properties/build/oneOf/1/properties/no_cache
    Node { types: Types(18), description: "Do not use cache when building the image.", ..Node::EMPTY },
    // 114: #/$defs/service/properties/build/oneOf/1/properties/no_cache_filter
    Node { description: "Do not use build cache for the specified stages.", one_of: &[22, 23], ..Node::EMPTY },
    // 115: #/$defs/service/properties/build/oneOf/1/properties/platforms
    Node { types: Types(32), description: "Platforms to build for, e.g., 'linux/amd64', 'linux/arm64', or 'windows/amd64'.", items: 116, ..Node::EMPTY },
    // 116: #/$defs/service/properties/build/oneOf/1/properties/platforms/items
    Node { types: Types(16), ..Node::EMPTY },
    // 117: #/$defs/service/properties/build/oneOf/1/properties/privileged
    Node { types: Types(18), description: "Give extended privileges to the build container.", ..Node::EMPTY },
    // 118: #/$defs/service/properties/build/oneOf/1/properties/provenance
    Node { types: Types(18), description: "Add a provenance attestation", ..Node::EMPTY },
    // 119: #/$defs/service/properties/build/oneOf/1/properties/pull
    Node { types: Types(18), description: "Always attempt to pull a newer version of the image.", ..Node::EMPTY },
    // 120: #/$defs/service/properties/build/oneOf/1/properties/sbom
    Node { types: Types(18), description: "Add a SBOM attestation", ..Node::EMPTY },
    // 121: #/$defs/service/properties/build/oneOf/1/properties/secrets
    Node { types: Types(32), description: "Secrets to expose to the build. These are accessible at build-time.", items: 122, ..Node::EMPTY },
    // 122: #/$defs/service_config_or_secret/items
    Node { one_of: &[123, 124], ..Node::EMPTY },
    // 123: #/$defs/service_config_or_secret/items/oneOf/0
    Node { types: Types(16), description: "Name of the config or secret to grant access to.", ..Node::EMPTY },
    // 124: #/$defs/service_config_or_secret/items/oneOf/1
    Node { types: Types(64), description: "Detailed configuration for a config or secret.", properties: &[("gid", 125), ("mode", 126), ("source", 127), ("target", 128), ("uid", 129)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 125: #/$defs/service_config_or_secret/items/oneOf/1/properties/gid
    Node { types: Types(16), description: "GID of the file in the container. Default is 0 (root).", ..Node::EMPTY },
    // 126: #/$defs/service_config_or_secret/items/oneOf/1/properties/mode
    Node { types: Types(24), description: "File permission mode inside the container, in octal. Default is 0444 for configs and 0400 for secrets.", ..Node::EMPTY },
    // 127: #/$defs/service_config_or_secret/items/oneOf/1/properties/source
    Node { types: Types(16), description: "Name of the config or secret as defined in the top-level configs or secrets section.", ..Node::EMPTY },
    // 128: #/$defs/service_config_or_secret/items/oneOf/1/properties/target
    Node { types: Types(16), description: "Path in the container where the config or secret will be mounted. Defaults to /<source> for configs and /run/secrets/<source> for secrets.", ..Node::EMPTY },
    // 129: #/$defs/service_config_or_secret/items/oneOf/1/properties/uid
    Node { types: Types(16), description: "UID of the file in the container. Default is 0 (root).", ..Node::EMPTY },
    // 130: #/$defs/service/properties/build/oneOf/1/properties/shm_size
    Node { types: Types(20), description: "Size of /dev/shm for the build container. A string value can use suffix like '2g' for 2 gigabytes.", ..Node::EMPTY },
    // 131: #/$defs/service/properties/build/oneOf/1/properties/ssh
    Node { description: "SSH agent socket or keys to expose to the build. Format is either a string or a list of 'default|<id>[=<socket>|<key>[,<key>]]'.", one_of: &[11, 13], ..Node::EMPTY },
    // 132: #/$defs/service/properties/build/oneOf/1/properties/tags
    Node { types: Types(32), description: "Additional tags to apply to the built image.", items: 133, ..Node::EMPTY },
    // 133: #/$defs/service/properties/build/oneOf/1/properties/tags/items
    Node { types: Types(16), ..Node::EMPTY },
    // 134: #/$defs/service/properties/build/oneOf/1/properties/target
    Node { types: Types(16), description: "Build stage to target in a multi-stage Dockerfile.", ..Node::EMPTY },
    // 135: #/$defs/service/properties/build/oneOf/1/properties/ulimits
    Node { types: Types(64), description: "Override the default ulimits for the build container.", pattern_properties: &[(4, 136)], ..Node::EMPTY },
    // 136: #/$defs/ulimits/patternProperties/^[a-z]+$
    Node { one_of: &[137, 138], ..Node::EMPTY },
    // 137: #/$defs/ulimits/patternProperties/^[a-z]+$/oneOf/0
    Node { types: Types(20), description: "Single value for both soft and hard limits.", ..Node::EMPTY },
    // 138: #/$defs/ulimits/patternProperties/^[a-z]+$/oneOf/1
    Node { types: Types(64), description: "Separate soft and hard limits.", properties: &[("hard", 139), ("soft", 140)], pattern_properties: &[(0, 1)], additional: false, required: &["soft", "hard"], ..Node::EMPTY },
    // 139: #/$defs/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/hard
    Node { types: Types(20), description: "Hard limit for the ulimit type. This is the maximum allowed value.", ..Node::EMPTY },
    // 140: #/$defs/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/soft
    Node { types: Types(20), description: "Soft limit for the ulimit type. This is the value that's actually enforced.", ..Node::EMPTY },
    // 141: #/$defs/service/properties/cap_add
    Node { types: Types(32), description: "Add Linux capabilities. For example, 'CAP_SYS_ADMIN', 'SYS_ADMIN', or 'NET_ADMIN'.", items: 142, unique_items: true, ..Node::EMPTY },
    // 142: #/$defs/service/properties/cap_add/items
    Node { types: Types(16), ..Node::EMPTY },
    // 143: #/$defs/service/properties/cap_drop
    Node { types: Types(32), description: "Drop Linux capabilities. For example, 'CAP_SYS_ADMIN', 'SYS_ADMIN', or 'NET_ADMIN'.", items: 144, unique_items: true, ..Node::EMPTY },
    // 144: #/$defs/service/properties/cap_drop/items
    Node { types: Types(16), ..Node::EMPTY },
    // 145: #/$defs/service/properties/cgroup
    Node { types: Types(16), description: "Specify the cgroup namespace to join. Use 'host' to use the host's cgroup namespace, or 'private' to use a private cgroup namespace.", enum_values: &["host", "private"], ..Node::EMPTY },
    // 146: #/$defs/service/properties/cgroup_parent
    Node { types: Types(16), description: "Specify an optional parent cgroup for the container.", ..Node::EMPTY },
    // 147: #/$defs/service/properties/command
    Node { description: "Override the default command declared by the container image, for example 'CMD' in Dockerfile.", one_of: &[148, 149, 150], ..Node::EMPTY },
    // 148: #/$defs/command/oneOf/0
    Node { types: Types(1), description: "No command specified, use the container's default command.", ..Node::EMPTY },
    // 149: #/$defs/command/oneOf/1
    Node { types: Types(16), description: "Command as a string, which will be executed in a shell (e.g., '/bin/sh -c').", ..Node::EMPTY },
    // 150: #/$defs/command/oneOf/2
    Node { types: Types(32), description: "Command as an array of strings, which will be executed directly without a shell.", items: 151, ..Node::EMPTY },
    // 151: #/$defs/command/oneOf/2/items
    Node { types: Types(16), description: "Part of the command (executable or argument).", ..Node::EMPTY },
    // 152: #/$defs/service/properties/configs
    Node { types: Types(32), description: "Grant access to Configs on a per-service basis.", items: 122, ..Node::EMPTY },
    // 153: #/$defs/service/properties/container_name
    Node { types: Types(16), description: "Specify a custom container name, rather than a generated default name.", pattern: 5, ..Node::EMPTY },
    // 154: #/$defs/service/properties/cpu_count
    Node { description: "Number of usable CPUs.", one_of: &[155, 156], ..Node::EMPTY },
    // 155: #/$defs/service/properties/cpu_count/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 156: #/$defs/service/properties/cpu_count/oneOf/1
    Node { types: Types(4), minimum: Some(0.0), ..Node::EMPTY },
    // 157: #/$defs/service/properties/cpu_percent
    Node { description: "Percentage of CPU resources to use.", one_of: &[158, 159], ..Node::EMPTY },
    // 158: #/$defs/service/properties/cpu_percent/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 159: #/$defs/service/properties/cpu_percent/oneOf/1
    Node { types: Types(4), minimum: Some(0.0), maximum: Some(100.0), ..Node::EMPTY },
    // 160: #/$defs/service/properties/cpu_period
    Node { types: Types(24), description: "Limit the CPU CFS (Completely Fair Scheduler) period.", ..Node::EMPTY },
    // 161: #/$defs/service/properties/cpu_quota
    Node { types: Types(24), description: "Limit the CPU CFS (Completely Fair Scheduler) quota.", ..Node::EMPTY },
    // 162: #/$defs/service/properties/cpu_rt_period
    Node { types: Types(24), description: "Limit the CPU real-time period in microseconds or a duration.", ..Node::EMPTY },
    // 163: #/$defs/service/properties/cpu_rt_runtime
    Node { types: Types(24), description: "Limit the CPU real-time runtime in microseconds or a duration.", ..Node::EMPTY },
    // 164: #/$defs/service/properties/cpu_shares
    Node { types: Types(24), description: "CPU shares (relative weight) for the container.", ..Node::EMPTY },
    // 165: #/$defs/service/properties/cpus
    Node { types: Types(24), description: "Number of CPUs to use. A floating-point value is supported to request partial CPUs.", ..Node::EMPTY },
    // 166: #/$defs/service/properties/cpuset
    Node { types: Types(16), description: "CPUs in which to allow execution (0-3, 0,1).", ..Node::EMPTY },
    // 167: #/$defs/service/properties/credential_spec
    Node { types: Types(64), description: "Configure the credential spec for managed service account.", properties: &[("config", 168), ("file", 169), ("registry", 170)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 168: #/$defs/service/properties/credential_spec/properties/config
    Node { types: Types(16), description: "The name of the credential spec Config to use.", ..Node::EMPTY },
    // 169: #/$defs/service/properties/credential_spec/properties/file
    Node { types: Types(16), description: "Path to a credential spec file.", ..Node::EMPTY },
    // 170: #/$defs/service/properties/credential_spec/properties/registry
    Node { types: Types(16), description: "Path to a credential spec in the Windows registry.", ..Node::EMPTY },
    // 171: #/$defs/service/properties/depends_on
    Node { description: "Express dependency between services. Service dependencies cause services to be started in dependency order. The dependent service will wait for the dependency to be ready before starting.", one_of: &[24, 172], ..Node::EMPTY },
    // 172: #/$defs/service/properties/depends_on/oneOf/1
    Node { types: Types(64), pattern_properties: &[(1, 173)], additional: false, ..Node::EMPTY },
    // 173: #/$defs/service/properties/depends_on/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$
    Node { types: Types(64), properties: &[("condition", 174), ("required", 175), ("restart", 176)], pattern_properties: &[(0, 1)], additional: false, required: &["condition"], ..Node::EMPTY },
    // 174: #/$defs/service/properties/depends_on/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/properties/condition
    Node { types: Types(16), description: "Condition to wait for. 'service_started' waits until the service has started, 'service_healthy' waits until the service is healthy (as defined by its healthcheck), 'service_completed_successfully' waits until the service has completed successfully.", enum_values: &["service_started", "service_healthy", "service_completed_successfully"], ..Node::EMPTY },
    // 175: #/$defs/service/properties/depends_on/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/properties/required
    Node { types: Types(2), description: "Whether the dependency is required for the dependent service to start.", default: "true", ..Node::EMPTY },
    // 176: #/$defs/service/properties/depends_on/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/properties/restart
    Node { types: Types(18), description: "Whether to restart dependent services when this service is restarted.", ..Node::EMPTY },
    // 177: #/$defs/deployment
    Node { types: Types(65), description: "Deployment configuration for the service.", properties: &[("endpoint_mode", 178), ("labels", 179), ("mode", 180), ("placement", 181), ("replicas", 188), ("resources", 189), ("restart_policy", 209), ("rollback_config", 214), ("update_config", 221)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 178: #/$defs/deployment/properties/endpoint_mode
    Node { types: Types(16), description: "Endpoint mode for the service: 'vip' (default) or 'dnsrr'.", ..Node::EMPTY },
    // 179: #/$defs/deployment/properties/labels
    Node { description: "Labels to apply to the service.", one_of: &[11, 13], ..Node::EMPTY },
    // 180: #/$defs/deployment/properties/mode
    Node { types: Types(16), description: "Deployment mode for the service: 'replicated' (default) or 'global'.", ..Node::EMPTY },
    // 181: #/$defs/deployment/properties/placement
    Node { types: Types(64), description: "Constraints and preferences for the platform to select a physical node to run service containers", properties: &[("constraints", 182), ("max_replicas_per_node", 184), ("preferences", 185)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 182: #/$defs/deployment/properties/placement/properties/constraints
    Node { types: Types(32), description: "Placement constraints for the service (e.g., 'node.role==manager').", items: 183, ..Node::EMPTY },
    // 183: #/$defs/deployment/properties/placement/properties/constraints/items
    Node { types: Types(16), ..Node::EMPTY },
    // 184: #/$defs/deployment/properties/placement/properties/max_replicas_per_node
    Node { types: Types(20), description: "Maximum number of replicas of the service.", ..Node::EMPTY },
    // 185: #/$defs/deployment/properties/placement/properties/preferences
    Node { types: Types(32), description: "Placement preferences for the service.", items: 186, ..Node::EMPTY },
    // 186: #/$defs/deployment/properties/placement/properties/preferences/items
    Node { types: Types(64), properties: &[("spread", 187)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 187: #/$defs/deployment/properties/placement/properties/preferences/items/properties/spread
    Node { types: Types(16), description: "Spread tasks evenly across values of the specified node label.", ..Node::EMPTY },
    // 188: #/$defs/deployment/properties/replicas
    Node { types: Types(20), description: "Number of replicas of the service container to run.", ..Node::EMPTY },
    // 189: #/$defs/deployment/properties/resources
    Node { types: Types(64), description: "Resource constraints and reservations for the service.", properties: &[("limits", 190), ("reservations", 194)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 190: #/$defs/deployment/properties/resources/properties/limits
    Node { types: Types(64), description: "Resource limits for the service containers.", properties: &[("cpus", 191), ("memory", 192), ("pids", 193)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 191: #/$defs/deployment/properties/resources/properties/limits/properties/cpus
    Node { types: Types(24), description: "Limit for how much of the available CPU resources, as number of cores, a container can use.", ..Node::EMPTY },
    // 192: #/$defs/deployment/properties/resources/properties/limits/properties/memory
    Node { types: Types(16), description: "Limit on the amount of memory a container can allocate (e.g., '1g', '1024m').", ..Node::EMPTY },
    // 193: #/$defs/deployment/properties/resources/properties/limits/properties/pids
    Node { types: Types(20), description: "Maximum number of PIDs available to the container.", ..Node::EMPTY },
    // 194: #/$defs/deployment/properties/resources/properties/reservations
    Node { types: Types(64), description: "Resource reservations for the service containers.", properties: &[("cpus", 195), ("devices", 196), ("generic_resources", 203), ("memory", 208)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 195: #/$defs/deployment/properties/resources/properties/reservations/properties/cpus
    Node { types: Types(24), description: "Reservation for how much of the available CPU resources, as number of cores, a container can use.", ..Node::EMPTY },
    // 196: #/$defs/deployment/properties/resources/properties/reservations/properties/devices
    Node { types: Types(32), description: "Device reservations for the container.", items: 197, ..Node::EMPTY },
    // 197: #/$defs/devices/items
    Node { types: Types(64), properties: &[("capabilities", 198), ("count", 199), ("device_ids", 200), ("driver", 201), ("options", 202)], pattern_properties: &[(0, 1)], additional: false, required: &["capabilities"], ..Node::EMPTY },
    // 198: #/$defs/devices/items/properties/capabilities
    Node { types: Types(32), description: "List of capabilities the device needs to have (e.g., 'gpu', 'compute', 'utility').", items: 25, unique_items: true, ..Node::EMPTY },
    // 199: #/$defs/devices/items/properties/count
    Node { types: Types(20), description: "Number of devices of this type to reserve.", ..Node::EMPTY },
    // 200: #/$defs/devices/items/properties/device_ids
    Node { types: Types(32), description: "List of specific device IDs to reserve.", items: 25, unique_items: true, ..Node::EMPTY },
    // 201: #/$defs/devices/items/properties/driver
    Node { types: Types(16), description: "Device driver to use (e.g., 'nvidia').", ..Node::EMPTY },
    // 202: #/$defs/devices/items/properties/options
    Node { description: "Driver-specific options for the device.", one_of: &[11, 13], ..Node::EMPTY },
    // 203: #/$defs/deployment/properties/resources/properties/reservations/properties/generic_resources
    Node { types: Types(32), description: "User-defined resources to reserve.", items: 204, ..Node::EMPTY },
    // 204: #/$defs/generic_resources/items
    Node { types: Types(64), properties: &[("discrete_resource_spec", 205)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 205: #/$defs/generic_resources/items/properties/discrete_resource_spec
    Node { types: Types(64), description: "Specification for discrete (countable) resources.", properties: &[("kind", 206), ("value", 207)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 206: #/$defs/generic_resources/items/properties/discrete_resource_spec/properties/kind
    Node { types: Types(16), description: "Type of resource (e.g., 'GPU', 'FPGA', 'SSD').", ..Node::EMPTY },
    // 207: #/$defs/generic_resources/items/properties/discrete_resource_spec/properties/value
    Node { types: Types(24), description: "Number of resources of this kind to reserve.", ..Node::EMPTY },
    // 208: #/$defs/deployment/properties/resources/properties/reservations/properties/memory
    Node { types: Types(16), description: "Reservation on the amount of memory a container can allocate (e.g., '1g', '1024m').", ..Node::EMPTY },
    // 209: #/$defs/deployment/properties/restart_policy
    Node { types: Types(64), description: "Restart policy for the service containers.", properties: &[("condition", 210), ("delay", 211), ("max_attempts", 212), ("window", 213)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 210: #/$defs/deployment/properties/restart_policy/properties/condition
    Node { types: Types(16), description: "Condition for restarting the container: 'none', 'on-failure', 'any'.", ..Node::EMPTY },
    // 211: #/$defs/deployment/properties/restart_policy/properties/delay
    Node { types: Types(16), description: "Delay between restart attempts (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 212: #/$defs/deployment/properties/restart_policy/properties/max_attempts
    Node { types: Types(20), description: "Maximum number of restart attempts before giving up.", ..Node::EMPTY },
    // 213: #/$defs/deployment/properties/restart_policy/properties/window
    Node { types: Types(16), description: "Time window used to evaluate the restart policy (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 214: #/$defs/deployment/properties/rollback_config
    Node { types: Types(64), description: "Configuration for rolling back a service update.", properties: &[("delay", 215), ("failure_action", 216), ("max_failure_ratio", 217), ("monitor", 218), ("order", 219), ("parallelism", 220)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 215: #/$defs/deployment/properties/rollback_config/properties/delay
    Node { types: Types(16), description: "The time to wait between each container group's rollback (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 216: #/$defs/deployment/properties/rollback_config/properties/failure_action
    Node { types: Types(16), description: "Action to take if a rollback fails: 'continue', 'pause'.", ..Node::EMPTY },
    // 217: #/$defs/deployment/properties/rollback_config/properties/max_failure_ratio
    Node { types: Types(24), description: "Failure rate to tolerate during a rollback.", ..Node::EMPTY },
    // 218: #/$defs/deployment/properties/rollback_config/properties/monitor
    Node { types: Types(16), description: "Duration to monitor each task for failures after it is created (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 219: #/$defs/deployment/properties/rollback_config/properties/order
    Node { types: Types(16), description: "Order of operations during rollbacks: 'stop-first' (default) or 'start-first'.", enum_values: &["start-first", "stop-first"], ..Node::EMPTY },
    // 220: #/$defs/deployment/properties/rollback_config/properties/parallelism
    Node { types: Types(20), description: "The number of containers to rollback at a time. If set to 0, all containers rollback simultaneously.", ..Node::EMPTY },
    // 221: #/$defs/deployment/properties/update_config
    Node { types: Types(64), description: "Configuration for updating a service.", properties: &[("delay", 222), ("failure_action", 223), ("max_failure_ratio", 224), ("monitor", 225), ("order", 226), ("parallelism", 227)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 222: #/$defs/deployment/properties/update_config/properties/delay
    Node { types: Types(16), description: "The time to wait between updating a group of containers (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 223: #/$defs/deployment/properties/update_config/properties/failure_action
    Node { types: Types(16), description: "Action to take if an update fails: 'continue', 'pause', 'rollback'.", ..Node::EMPTY },
    // 224: #/$defs/deployment/properties/update_config/properties/max_failure_ratio
    Node { types: Types(24), description: "Failure rate to tolerate during an update (0 to 1).", ..Node::EMPTY },
    // 225: #/$defs/deployment/properties/update_config/properties/monitor
    Node { types: Types(16), description: "Duration to monitor each updated task for failures after it is created (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 226: #/$defs/deployment/properties/update_config/properties/order
    Node { types: Types(16), description: "Order of operations during updates: 'stop-first' (default) or 'start-first'.", enum_values: &["start-first", "stop-first"], ..Node::EMPTY },
    // 227: #/$defs/deployment/properties/update_config/properties/parallelism
    Node { types: Types(20), description: "The number of containers to update at a time.", ..Node::EMPTY },
    // 228: #/$defs/development
    Node { types: Types(65), description: "Development configuration for the service, used for development workflows.", properties: &[("watch", 229)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 229: #/$defs/development/properties/watch
    Node { types: Types(32), description: "Configure watch mode for the service, which monitors file changes and performs actions in response.", items: 230, ..Node::EMPTY },
    // 230: #/$defs/development/properties/watch/items
    Node { types: Types(64), properties: &[("action", 231), ("exec", 232), ("ignore", 239), ("include", 240), ("initial_sync", 241), ("path", 242), ("target", 243)], pattern_properties: &[(0, 1)], additional: false, required: &["path", "action"], ..Node::EMPTY },
    // 231: #/$defs/development/properties/watch/items/properties/action
    Node { types: Types(16), description: "Action to take when a change is detected: rebuild the container, sync files, restart the container, sync and restart, or sync and execute a command.", enum_values: &["rebuild", "sync", "restart", "sync+restart", "sync+exec"], ..Node::EMPTY },
    // 232: #/$defs/development/properties/watch/items/properties/exec
    Node { types: Types(64), description: "Command to execute when a change is detected and action is sync+exec.", properties: &[("command", 234), ("environment", 235), ("privileged", 236), ("user", 237), ("working_dir", 238)], pattern_properties: &[(0, 1)], additional: false, required: &["command"], ..Node::EMPTY },
    // 233: #/$defs/service_hook
    Node { types: Types(64), description: "Configuration for service lifecycle hooks, which are commands executed at specific points in a container's lifecycle.", properties: &[("command", 234), ("environment", 235), ("privileged", 236), ("user", 237), ("working_dir", 238)], pattern_properties: &[(0, 1)], additional: false, required: &["command"], ..Node::EMPTY },
    // 234: #/$defs/service_hook/properties/command
    Node { description: "Command to execute as part of the hook.", one_of: &[148, 149, 150], ..Node::EMPTY },
    // 235: #/$defs/service_hook/properties/environment
    Node { description: "Environment variables for the command.", one_of: &[11, 13], ..Node::EMPTY },
    // 236: #/$defs/service_hook/properties/privileged
    Node { types: Types(18), description: "Whether to run the command with extended privileges.", ..Node::EMPTY },
    // 237: #/$defs/service_hook/properties/user
    Node { types: Types(16), description: "User to run the command as.", ..Node::EMPTY },
    // 238: #/$defs/service_hook/properties/working_dir
    Node { types: Types(16), description: "Working directory for the command.", ..Node::EMPTY },
    // 239: #/$defs/development/properties/watch/items/properties/ignore
    Node { description: "Patterns to exclude from watching.", one_of: &[22, 23], ..Node::EMPTY },
    // 240: #/$defs/development/properties/watch/items/properties/include
    Node { description: "Patterns to include in watching.", one_of: &[22, 23], ..Node::EMPTY },
    // 241: #/$defs/development/properties/watch/items/properties/initial_sync
    Node { types: Types(2), description: "Ensure that an initial synchronization is done before starting watch mode for sync+x triggers", ..Node::EMPTY },
    // 242: #/$defs/development/properties/watch/items/properties/path
    Node { types: Types(16), description: "Path to watch for changes.", ..Node::EMPTY },
    // 243: #/$defs/development/properties/watch/items/properties/target
    Node { types: Types(16), description: "Target path in the container for sync operations.", ..Node::EMPTY },
    // 244: #/$defs/service/properties/device_cgroup_rules
    Node { types: Types(32), description: "Add rules to the cgroup allowed devices list.", items: 25, unique_items: true, ..Node::EMPTY },
    // 245: #/$defs/service/properties/devices
    Node { types: Types(32), description: "List of device mappings for the container.", items: 246, ..Node::EMPTY },
    // 246: #/$defs/service/properties/devices/items
    Node { one_of: &[247, 248], ..Node::EMPTY },
    // 247: #/$defs/service/properties/devices/items/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 248: #/$defs/service/properties/devices/items/oneOf/1
    Node { types: Types(64), properties: &[("permissions", 249), ("source", 250), ("target", 251)], pattern_properties: &[(0, 1)], additional: false, required: &["source"], ..Node::EMPTY },
    // 249: #/$defs/service/properties/devices/items/oneOf/1/properties/permissions
    Node { types: Types(16), description: "Cgroup permissions for the device (rwm).", ..Node::EMPTY },
    // 250: #/$defs/service/properties/devices/items/oneOf/1/properties/source
    Node { types: Types(16), description: "Path on the host to the device.", ..Node::EMPTY },
    // 251: #/$defs/service/properties/devices/items/oneOf/1/properties/target
    Node { types: Types(16), description: "Path in the container where the device will be mapped.", ..Node::EMPTY },
    // 252: #/$defs/service/properties/dns
    Node { description: "Custom DNS servers to set for the service container.", one_of: &[22, 23], ..Node::EMPTY },
    // 253: #/$defs/service/properties/dns_opt
    Node { types: Types(32), description: "Custom DNS options to be passed to the container's DNS resolver.", items: 254, unique_items: true, ..Node::EMPTY },
    // 254: #/$defs/service/properties/dns_opt/items
    Node { types: Types(16), ..Node::EMPTY },
    // 255: #/$defs/service/properties/dns_search
    Node { description: "Custom DNS search domains to set on the service container.", one_of: &[22, 23], ..Node::EMPTY },
    // 256: #/$defs/service/properties/domainname
    Node { types: Types(16), description: "Custom domain name to use for the service container.", ..Node::EMPTY },
    // 257: #/$defs/service/properties/entrypoint
    Node { description: "Override the default entrypoint declared by the container image, for example 'ENTRYPOINT' in Dockerfile.", one_of: &[148, 149, 150], ..Node::EMPTY },
    // 258: #/$defs/service/properties/env_file
    Node { description: "Add environment variables from a file or multiple files. Can be a single file path or a list of file paths.", one_of: &[259, 260], ..Node::EMPTY },
    // 259: #/$defs/env_file/oneOf/0
    Node { types: Types(16), description: "Path to a file containing environment variables.", ..Node::EMPTY },
    // 260: #/$defs/env_file/oneOf/1
    Node { types: Types(32), description: "List of paths to files containing environment variables.", items: 261, ..Node::EMPTY },
    // 261: #/$defs/env_file/oneOf/1/items
    Node { one_of: &[262, 263], ..Node::EMPTY },
    // 262: #/$defs/env_file/oneOf/1/items/oneOf/0
    Node { types: Types(16), description: "Path to a file containing environment variables.", ..Node::EMPTY },
    // 263: #/$defs/env_file/oneOf/1/items/oneOf/1
    Node { types: Types(64), description: "Detailed configuration for an environment file.", properties: &[("format", 264), ("path", 265), ("required", 266)], additional: false, required: &["path"], ..Node::EMPTY },
    // 264: #/$defs/env_file/oneOf/1/items/oneOf/1/properties/format
    Node { types: Types(16), description: "Format attribute lets you to use an alternative file formats for env_file. When not set, env_file is parsed according to Compose rules.", ..Node::EMPTY },
    // 265: #/$defs/env_file/oneOf/1/items/oneOf/1/properties/path
    Node { types: Types(16), description: "Path to the environment file.", ..Node::EMPTY },
    // 266: #/$defs/env_file/oneOf/1/items/oneOf/1/properties/required
    Node { types: Types(18), description: "Whether the file is required. If true and the file doesn't exist, an error will be raised.", default: "true", ..Node::EMPTY },
    // 267: #/$defs/service/properties/environment
    Node { description: "Add environment variables. You can use either an array or a list of KEY=VAL pairs.", one_of: &[11, 13], ..Node::EMPTY },
    // 268: #/$defs/service/properties/expose
    Node { types: Types(32), description: "Expose ports without publishing them to the host machine - they'll only be accessible to linked services.", items: 269, unique_items: true, ..Node::EMPTY },
    // 269: #/$defs/service/properties/expose/items
    Node { types: Types(24), ..Node::EMPTY },
    // 270: #/$defs/service/properties/extends
    Node { description: "Extend another service, in the current file or another file.", one_of: &[271, 272], ..Node::EMPTY },
    // 271: #/$defs/service/properties/extends/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 272: #/$defs/service/properties/extends/oneOf/1
    Node { types: Types(64), properties: &[("file", 273), ("service", 274)], additional: false, required: &["service"], ..Node::EMPTY },
    // 273: #/$defs/service/properties/extends/oneOf/1/properties/file
    Node { types: Types(16), description: "The file path where the service to extend is defined.", ..Node::EMPTY },
    // 274: #/$defs/service/properties/extends/oneOf/1/properties/service
    Node { types: Types(16), description: "The name of the service to extend.", ..Node::EMPTY },
    // 275: #/$defs/service/properties/external_links
    Node { types: Types(32), description: "Link to services started outside this Compose application. Specify services as <service_name>:<alias>.", items: 276, unique_items: true, ..Node::EMPTY },
    // 276: #/$defs/service/properties/external_links/items
    Node { types: Types(16), ..Node::EMPTY },
    // 277: #/$defs/service/properties/extra_hosts
    Node { description: "Add hostname mappings to the container network interface configuration.", one_of: &[103, 108], ..Node::EMPTY },
    // 278: #/$defs/service/properties/gpus
    Node { description: "Define GPU devices to use. Can be set to 'all' to use all GPUs, or a list of specific GPU devices.", one_of: &[279, 280], ..Node::EMPTY },
    // 279: #/$defs/gpus/oneOf/0
    Node { types: Types(16), description: "Use all available GPUs.", enum_values: &["all"], ..Node::EMPTY },
    // 280: #/$defs/gpus/oneOf/1
    Node { types: Types(32), description: "List of specific GPU devices to use.", pattern_properties: &[(0, 1)], additional: false, items: 281, ..Node::EMPTY },
    // 281: #/$defs/gpus/oneOf/1/items
    Node { types: Types(64), properties: &[("capabilities", 282), ("count", 283), ("device_ids", 284), ("driver", 285), ("options", 286)], ..Node::EMPTY },
    // 282: #/$defs/gpus/oneOf/1/items/properties/capabilities
    Node { types: Types(32), description: "List of capabilities the GPU needs to have (e.g., 'compute', 'utility').", items: 25, unique_items: true, ..Node::EMPTY },
    // 283: #/$defs/gpus/oneOf/1/items/properties/count
    Node { types: Types(20), description: "Number of GPUs to use.", ..Node::EMPTY },
    // 284: #/$defs/gpus/oneOf/1/items/properties/device_ids
    Node { types: Types(32), description: "List of specific GPU device IDs to use.", items: 25, unique_items: true, ..Node::EMPTY },
    // 285: #/$defs/gpus/oneOf/1/items/properties/driver
    Node { types: Types(16), description: "GPU driver to use (e.g., 'nvidia').", ..Node::EMPTY },
    // 286: #/$defs/gpus/oneOf/1/items/properties/options
    Node { description: "Driver-specific options for the GPU.", one_of: &[11, 13], ..Node::EMPTY },
    // 287: #/$defs/service/properties/group_add
    Node { types: Types(32), description: "Add additional groups which user inside the container should be member of.", items: 288, unique_items: true, ..Node::EMPTY },
    // 288: #/$defs/service/properties/group_add/items
    Node { types: Types(24), ..Node::EMPTY },
    // 289: #/$defs/service/properties/healthcheck
    Node { types: Types(64), description: "Configure a health check for the container to monitor its health status.", properties: &[("disable", 290), ("interval", 291), ("retries", 292), ("start_interval", 293), ("start_period", 294), ("test", 295), ("timeout", 299)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 290: #/$defs/healthcheck/properties/disable
    Node { types: Types(18), description: "Disable any container-specified healthcheck. Set to true to disable.", ..Node::EMPTY },
    // 291: #/$defs/healthcheck/properties/interval
    Node { types: Types(16), description: "Time between running the check (e.g., '1s', '1m30s'). Default: 30s.", ..Node::EMPTY },
    // 292: #/$defs/healthcheck/properties/retries
    Node { types: Types(24), description: "Number of consecutive failures needed to consider the container as unhealthy. Default: 3.", ..Node::EMPTY },
    // 293: #/$defs/healthcheck/properties/start_interval
    Node { types: Types(16), description: "Time between running the check during the start period (e.g., '1s', '1m30s'). Default: interval value.", ..Node::EMPTY },
    // 294: #/$defs/healthcheck/properties/start_period
    Node { types: Types(16), description: "Start period for the container to initialize before starting health-retries countdown (e.g., '1s', '1m30s'). Default: 0s.", ..Node::EMPTY },
    // 295: #/$defs/healthcheck/properties/test
    Node { description: "The test to perform to check container health. Can be a string or a list. The first item is either NONE, CMD, or CMD-SHELL. If it's CMD, the rest of the command is exec'd. If it's CMD-SHELL, the rest is run in the shell.", one_of: &[296, 297], ..Node::EMPTY },
    // 296: #/$defs/healthcheck/properties/test/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 297: #/$defs/healthcheck/properties/test/oneOf/1
    Node { types: Types(32), items: 298, ..Node::EMPTY },
    // 298: #/$defs/healthcheck/properties/test/oneOf/1/items
    Node { types: Types(16), ..Node::EMPTY },
    // 299: #/$defs/healthcheck/properties/timeout
    Node { types: Types(16), description: "Maximum time to allow one check to run (e.g., '1s', '1m30s'). Default: 30s.", ..Node::EMPTY },
    // 300: #/$defs/service/properties/hostname
    Node { types: Types(16), description: "Define a custom hostname for the service container.", ..Node::EMPTY },
    // 301: #/$defs/service/properties/image
    Node { types: Types(16), description: "Specify the image to start the container from. Can be a repository/tag, a digest, or a local image ID.", ..Node::EMPTY },
    // 302: #/$defs/service/properties/init
    Node { types: Types(18), description: "Run as an init process inside the container that forwards signals and reaps processes.", ..Node::EMPTY },
    // 303: #/$defs/service/properties/ipc
    Node { types: Types(16), description: "IPC sharing mode for the service container. Use 'host' to share the host's IPC namespace, 'service:[service_name]' to share with another service, or 'shareable' to allow other services to share this service's IPC namespace.", ..Node::EMPTY },
    // 304: #/$defs/service/properties/isolation
    Node { types: Types(16), description: "Container isolation technology to use. Supported values are platform-specific.", ..Node::EMPTY },
    // 305: #/$defs/service/properties/label_file
    Node { description: "Add metadata to containers using files containing Docker labels.", one_of: &[306, 307], ..Node::EMPTY },
    // 306: #/$defs/label_file/oneOf/0
    Node { types: Types(16), description: "Path to a file containing Docker labels.", ..Node::EMPTY },
    // 307: #/$defs/label_file/oneOf/1
    Node { types: Types(32), description: "List of paths to files containing Docker labels.", items: 308, ..Node::EMPTY },
    // 308: #/$defs/label_file/oneOf/1/items
    Node { types: Types(16), description: "Path to a file containing Docker labels.", ..Node::EMPTY },
    // 309: #/$defs/service/properties/labels
    Node { description: "Add metadata to containers using Docker labels. You can use either an array or a list.", one_of: &[11, 13], ..Node::EMPTY },
    // 310: #/$defs/service/properties/links
    Node { types: Types(32), description: "Link to containers in another service. Either specify both the service name and a link alias (SERVICE:ALIAS), or just the service name.", items: 311, unique_items: true, ..Node::EMPTY },
    // 311: #/$defs/service/properties/links/items
    Node { types: Types(16), ..Node::EMPTY },
    // 312: #/$defs/service/properties/logging
    Node { types: Types(64), description: "Logging configuration for the service.", properties: &[("driver", 313), ("options", 314)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 313: #/$defs/service/properties/logging/properties/driver
    Node { types: Types(16), description: "Logging driver to use, such as 'json-file', 'syslog', 'journald', etc.", ..Node::EMPTY },
    // 314: #/$defs/service/properties/logging/properties/options
    Node { types: Types(64), description: "Options for the logging driver.", pattern_properties: &[(3, 315)], ..Node::EMPTY },
    // 315: #/$defs/service/properties/logging/properties/options/patternProperties/^.+$
    Node { types: Types(25), ..Node::EMPTY },
    // 316: #/$defs/service/properties/mac_address
    Node { types: Types(16), description: "Container MAC address to set.", ..Node::EMPTY },
    // 317: #/$defs/service/properties/mem_limit
    Node { types: Types(24), description: "Memory limit for the container. A string value can use suffix like '2g' for 2 gigabytes.", ..Node::EMPTY },
    // 318: #/$defs/service/properties/mem_reservation
    Node { types: Types(20), description: "Memory reservation for the container.", ..Node::EMPTY },
    // 319: #/$defs/service/properties/mem_swappiness
    Node { types: Types(20), description: "Container memory swappiness as percentage (0 to 100).", ..Node::EMPTY },
    // 320: #/$defs/service/properties/memswap_limit
    Node { types: Types(24), description: "Amount of memory the container is allowed to swap to disk. Set to -1 to enable unlimited swap.", ..Node::EMPTY },
    // 321: #/$defs/service/properties/models
    Node { description: "AI Models to use, referencing entries under the top-level models key.", one_of: &[24, 322], ..Node::EMPTY },
    // 322: #/$defs/service/properties/models/oneOf/1
    Node { types: Types(64), pattern_properties: &[(1, 323)], ..Node::EMPTY },
    // 323: #/$defs/service/properties/models/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$
    Node { one_of: &[324, 327], ..Node::EMPTY },
    // 324: #/$defs/service/properties/models/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0
    Node { types: Types(64), properties: &[("endpoint_var", 325), ("model_var", 326)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 325: #/$defs/service/properties/models/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/endpoint_var
    Node { types: Types(16), description: "Environment variable set to AI model endpoint.", ..Node::EMPTY },
    // 326: #/$defs/service/properties/models/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/model_var
    Node { types: Types(16), description: "Environment variable set to AI model name.", ..Node::EMPTY },
    // 327: #/$defs/service/properties/models/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/1
    Node { types: Types(1), ..Node::EMPTY },
    // 328: #/$defs/service/properties/network_mode
    Node { types: Types(16), description: "Network mode. Values can be 'bridge', 'host', 'none', 'service:[service name]', or 'container:[container name]'.", ..Node::EMPTY },
    // 329: #/$defs/service/properties/networks
    Node { description: "Networks to join, referencing entries under the top-level networks key. Can be a list of network names or a mapping of network name to network configuration.", one_of: &[24, 330], ..Node::EMPTY },
    // 330: #/$defs/service/properties/networks/oneOf/1
    Node { types: Types(64), pattern_properties: &[(1, 331)], additional: false, ..Node::EMPTY },
    // 331: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$
    Node { one_of: &[332, 343], ..Node::EMPTY },
    // 332: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0
    Node { types: Types(64), properties: &[("aliases", 333), ("driver_opts", 334), ("gw_priority", 336), ("interface_name", 337), ("ipv4_address", 338), ("ipv6_address", 339), ("link_local_ips", 340), ("mac_address", 341), ("priority", 342)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 333: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/aliases
    Node { types: Types(32), description: "Alternative hostnames for this service on the network.", items: 25, unique_items: true, ..Node::EMPTY },
    // 334: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/driver_opts
    Node { types: Types(64), description: "Driver options for this network.", pattern_properties: &[(3, 335)], ..Node::EMPTY },
    // 335: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/driver_opts/patternProperties/^.+$
    Node { types: Types(24), ..Node::EMPTY },
    // 336: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/gw_priority
    Node { types: Types(8), description: "Specify the gateway priority for the network connection.", ..Node::EMPTY },
    // 337: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/interface_name
    Node { types: Types(16), description: "Interface network name used to connect to network", ..Node::EMPTY },
    // 338: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/ipv4_address
    Node { types: Types(16), description: "Specify a static IPv4 address for this service on this network.", ..Node::EMPTY },
    // 339: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/ipv6_address
    Node { types: Types(16), description: "Specify a static IPv6 address for this service on this network.", ..Node::EMPTY },
    // 340: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/link_local_ips
    Node { types: Types(32), description: "List of link-local IPs.", items: 25, unique_items: true, ..Node::EMPTY },
    // 341: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/mac_address
    Node { types: Types(16), description: "Specify a MAC address for this service on this network.", ..Node::EMPTY },
    // 342: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties/priority
    Node { types: Types(8), description: "Specify the priority for the network connection.", ..Node::EMPTY },
    // 343: #/$defs/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/1
    Node { types: Types(1), ..Node::EMPTY },
    // 344: #/$defs/service/properties/oom_kill_disable
    Node { types: Types(18), description: "Disable OOM Killer for the container.", ..Node::EMPTY },
    // 345: #/$defs/service/properties/oom_score_adj
    Node { description: "Tune host's OOM preferences for the container (accepts -1000 to 1000).", one_of: &[346, 347], ..Node::EMPTY },
    // 346: #/$defs/service/properties/oom_score_adj/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 347: #/$defs/service/properties/oom_score_adj/oneOf/1
    Node { types: Types(4), minimum: Some(-1000.0), maximum: Some(1000.0), ..Node::EMPTY },
    // 348: #/$defs/service/properties/pid
    Node { types: Types(17), description: "PID mode for container.", ..Node::EMPTY },
    // 349: #/$defs/service/properties/pids_limit
    Node { types: Types(24), description: "Tune a container's PIDs limit. Set to -1 for unlimited PIDs.", ..Node::EMPTY },
    // 350: #/$defs/service/properties/platform
    Node { types: Types(16), description: "Target platform to run on, e.g., 'linux/amd64', 'linux/arm64', or 'windows/amd64'.", ..Node::EMPTY },
    // 351: #/$defs/service/properties/ports
    Node { types: Types(32), description: "Expose container ports. Short format ([HOST:]CONTAINER[/PROTOCOL]).", items: 352, unique_items: true, ..Node::EMPTY },
    // 352: #/$defs/service/properties/ports/items
    Node { one_of: &[353, 354, 355], ..Node::EMPTY },
    // 353: #/$defs/service/properties/ports/items/oneOf/0
    Node { types: Types(8), ..Node::EMPTY },
    // 354: #/$defs/service/properties/ports/items/oneOf/1
    Node { types: Types(16), ..Node::EMPTY },
    // 355: #/$defs/service/properties/ports/items/oneOf/2
    Node { types: Types(64), properties: &[("app_protocol", 356), ("host_ip", 357), ("mode", 358), ("name", 359), ("protocol", 360), ("published", 361), ("target", 362)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 356: #/$defs/service/properties/ports/items/oneOf/2/properties/app_protocol
    Node { types: Types(16), description: "Application protocol to use with the port (e.g., http, https, mysql).", ..Node::EMPTY },
    // 357: #/$defs/service/properties/ports/items/oneOf/2/properties/host_ip
    Node { types: Types(16), description: "The host IP to bind to.", ..Node::EMPTY },
    // 358: #/$defs/service/properties/ports/items/oneOf/2/properties/mode
    Node { types: Types(16), description: "The port binding mode, either 'host' for publishing a host port or 'ingress' for load balancing.", ..Node::EMPTY },
    // 359: #/$defs/service/properties/ports/items/oneOf/2/properties/name
    Node { types: Types(16), description: "A human-readable name for this port mapping.", ..Node::EMPTY },
    // 360: #/$defs/service/properties/ports/items/oneOf/2/properties/protocol
    Node { types: Types(16), description: "The port protocol (tcp or udp).", ..Node::EMPTY },
    // 361: #/$defs/service/properties/ports/items/oneOf/2/properties/published
    Node { types: Types(20), description: "The publicly exposed port.", ..Node::EMPTY },
    // 362: #/$defs/service/properties/ports/items/oneOf/2/properties/target
    Node { types: Types(20), description: "The port inside the container.", ..Node::EMPTY },
    // 363: #/$defs/service/properties/post_start
    Node { types: Types(32), description: "Commands to run after the container starts. If any command fails, the container stops.", items: 233, ..Node::EMPTY },
    // 364: #/$defs/service/properties/pre_start
    Node { types: Types(32), description: "Init containers to run to completion before the service container is started. Each step runs in its own ephemeral container, in declared order; a non-zero exit fails the bring-up of the service and its dependents.", items: 365, ..Node::EMPTY },
    // 365: #/$defs/pre_start_hook
    Node { types: Types(64), description: "Configuration for a pre_start init container, run to completion before the service container starts.", properties: &[("command", 366), ("environment", 367), ("image", 368), ("per_replica", 369), ("privileged", 370), ("user", 371), ("working_dir", 372)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 366: #/$defs/pre_start_hook/properties/command
    Node { description: "Command to execute. Optional when the chosen image's entrypoint already runs the intended command.", one_of: &[148, 149, 150], ..Node::EMPTY },
    // 367: #/$defs/pre_start_hook/properties/environment
    Node { description: "Environment variables for the command. Appended to or overriding the service environment.", one_of: &[11, 13], ..Node::EMPTY },
    // 368: #/$defs/pre_start_hook/properties/image
    Node { types: Types(16), description: "Image used for the ephemeral container. If omitted, the parent service's image is used.", ..Node::EMPTY },
    // 369: #/$defs/pre_start_hook/properties/per_replica
    Node { types: Types(18), description: "Whether the hook runs once per service replica (true), or once for the service as a whole before any replica starts (false, the default).", ..Node::EMPTY },
    // 370: #/$defs/pre_start_hook/properties/privileged
    Node { types: Types(18), description: "Whether to run the command with extended privileges.", ..Node::EMPTY },
    // 371: #/$defs/pre_start_hook/properties/user
    Node { types: Types(16), description: "User to run the command as. Defaults to the user declared in image (or to the service's user when image is omitted).", ..Node::EMPTY },
    // 372: #/$defs/pre_start_hook/properties/working_dir
    Node { types: Types(16), description: "Working directory for the command. Defaults to the service's working directory.", ..Node::EMPTY },
    // 373: #/$defs/service/properties/pre_stop
    Node { types: Types(32), description: "Commands to run before the container stops. If any command fails, the container stop is aborted.", items: 233, ..Node::EMPTY },
    // 374: #/$defs/service/properties/privileged
    Node { types: Types(18), description: "Give extended privileges to the service container.", ..Node::EMPTY },
    // 375: #/$defs/service/properties/profiles
    Node { types: Types(32), description: "List of profiles for this service. When profiles are specified, services are only started when the profile is activated.", items: 25, unique_items: true, ..Node::EMPTY },
    // 376: #/$defs/service/properties/provider
    Node { types: Types(64), description: "Specify a service which will not be manage by Compose directly, and delegate its management to an external provider.", properties: &[("options", 377), ("type", 382)], pattern_properties: &[(0, 1)], additional: false, required: &["type"], ..Node::EMPTY },
    // 377: #/$defs/service/properties/provider/properties/options
    Node { types: Types(64), description: "Provider-specific options.", pattern_properties: &[(3, 378)], ..Node::EMPTY },
    // 378: #/$defs/service/properties/provider/properties/options/patternProperties/^.+$
    Node { one_of: &[379, 380], ..Node::EMPTY },
    // 379: #/$defs/service/properties/provider/properties/options/patternProperties/^.+$/oneOf/0
    Node { types: Types(26), ..Node::EMPTY },
    // 380: #/$defs/service/properties/provider/properties/options/patternProperties/^.+$/oneOf/1
    Node { types: Types(32), items: 381, ..Node::EMPTY },
    // 381: #/$defs/service/properties/provider/properties/options/patternProperties/^.+$/oneOf/1/items
    Node { types: Types(26), ..Node::EMPTY },
    // 382: #/$defs/service/properties/provider/properties/type
    Node { types: Types(16), description: "External component used by Compose to manage setup and teardown lifecycle of the service.", ..Node::EMPTY },
    // 383: #/$defs/service/properties/pull_policy
    Node { types: Types(16), description: "Policy for pulling images. Options include: 'always', 'never', 'if_not_present', 'missing', 'build', or time-based refresh policies.", pattern: 6, ..Node::EMPTY },
    // 384: #/$defs/service/properties/pull_refresh_after
    Node { types: Types(16), description: "Time after which to refresh the image. Used with pull_policy=refresh.", ..Node::EMPTY },
    // 385: #/$defs/service/properties/read_only
    Node { types: Types(18), description: "Mount the container's filesystem as read only.", ..Node::EMPTY },
    // 386: #/$defs/service/properties/restart
    Node { types: Types(16), description: "Restart policy for the service container. Options include: 'no', 'always', 'on-failure', and 'unless-stopped'.", ..Node::EMPTY },
    // 387: #/$defs/service/properties/runtime
    Node { types: Types(16), description: "Runtime to use for this container, e.g., 'runc'.", ..Node::EMPTY },
    // 388: #/$defs/service/properties/scale
    Node { types: Types(20), description: "Number of containers to deploy for this service.", ..Node::EMPTY },
    // 389: #/$defs/service/properties/secrets
    Node { types: Types(32), description: "Grant access to Secrets on a per-service basis.", items: 122, ..Node::EMPTY },
    // 390: #/$defs/service/properties/security_opt
    Node { types: Types(32), description: "Override the default labeling scheme for each container.", items: 391, unique_items: true, ..Node::EMPTY },
    // 391: #/$defs/service/properties/security_opt/items
    Node { types: Types(16), ..Node::EMPTY },
    // 392: #/$defs/service/properties/shm_size
    Node { types: Types(24), description: "Size of /dev/shm. A string value can use suffix like '2g' for 2 gigabytes.", ..Node::EMPTY },
    // 393: #/$defs/service/properties/stdin_open
    Node { types: Types(18), description: "Keep STDIN open even if not attached.", ..Node::EMPTY },
    // 394: #/$defs/service/properties/stop_grace_period
    Node { types: Types(16), description: "Time to wait for the container to stop gracefully before sending SIGKILL (e.g., '1s', '1m30s').", ..Node::EMPTY },
    // 395: #/$defs/service/properties/stop_signal
    Node { types: Types(16), description: "Signal to stop the container (e.g., 'SIGTERM', 'SIGINT').", ..Node::EMPTY },
    // 396: #/$defs/service/properties/storage_opt
    Node { types: Types(64), description: "Storage driver options for the container.", ..Node::EMPTY },
    // 397: #/$defs/service/properties/sysctls
    Node { description: "Kernel parameters to set in the container. You can use either an array or a list.", one_of: &[11, 13], ..Node::EMPTY },
    // 398: #/$defs/service/properties/tmpfs
    Node { description: "Mount a temporary filesystem (tmpfs) into the container. Can be a single value or a list.", one_of: &[22, 23], ..Node::EMPTY },
    // 399: #/$defs/service/properties/tty
    Node { types: Types(18), description: "Allocate a pseudo-TTY to service container.", ..Node::EMPTY },
    // 400: #/$defs/service/properties/ulimits
    Node { types: Types(64), description: "Override the default ulimits for a container.", pattern_properties: &[(4, 136)], ..Node::EMPTY },
    // 401: #/$defs/service/properties/use_api_socket
    Node { types: Types(2), description: "Bind mount Docker API socket and required auth.", ..Node::EMPTY },
    // 402: #/$defs/service/properties/user
    Node { types: Types(16), description: "Username or UID to run the container process as.", ..Node::EMPTY },
    // 403: #/$defs/service/properties/userns_mode
    Node { types: Types(16), description: "User namespace to use. 'host' shares the host's user namespace.", ..Node::EMPTY },
    // 404: #/$defs/service/properties/uts
    Node { types: Types(16), description: "UTS namespace to use. 'host' shares the host's UTS namespace.", ..Node::EMPTY },
    // 405: #/$defs/service/properties/volumes
    Node { types: Types(32), description: "Mount host paths or named volumes accessible to the container. Short syntax (VOLUME:CONTAINER_PATH[:MODE])", items: 406, unique_items: true, ..Node::EMPTY },
    // 406: #/$defs/service/properties/volumes/items
    Node { one_of: &[407, 408], ..Node::EMPTY },
    // 407: #/$defs/service/properties/volumes/items/oneOf/0
    Node { types: Types(16), ..Node::EMPTY },
    // 408: #/$defs/service/properties/volumes/items/oneOf/1
    Node { types: Types(64), properties: &[("bind", 409), ("consistency", 414), ("image", 415), ("read_only", 417), ("source", 418), ("target", 419), ("tmpfs", 420), ("type", 425), ("volume", 426)], pattern_properties: &[(0, 1)], additional: false, required: &["type"], ..Node::EMPTY },
    // 409: #/$defs/service/properties/volumes/items/oneOf/1/properties/bind
    Node { types: Types(64), description: "Configuration specific to bind mounts.", properties: &[("create_host_path", 410), ("propagation", 411), ("recursive", 412), ("selinux", 413)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 410: #/$defs/service/properties/volumes/items/oneOf/1/properties/bind/properties/create_host_path
    Node { types: Types(18), description: "Create the host path if it doesn't exist.", ..Node::EMPTY },
    // 411: #/$defs/service/properties/volumes/items/oneOf/1/properties/bind/properties/propagation
    Node { types: Types(16), description: "The propagation mode for the bind mount: 'shared', 'slave', 'private', 'rshared', 'rslave', or 'rprivate'.", ..Node::EMPTY },
    // 412: #/$defs/service/properties/volumes/items/oneOf/1/properties/bind/properties/recursive
    Node { types: Types(16), description: "Recursively mount the source directory.", enum_values: &["enabled", "disabled", "writable", "readonly"], ..Node::EMPTY },
    // 413: #/$defs/service/properties/volumes/items/oneOf/1/properties/bind/properties/selinux
    Node { types: Types(16), description: "SELinux relabeling options: 'z' for shared content, 'Z' for private unshared content.", enum_values: &["z", "Z"], ..Node::EMPTY },
    // 414: #/$defs/service/properties/volumes/items/oneOf/1/properties/consistency
    Node { types: Types(16), description: "The consistency requirements for the mount. Available values are platform specific.", ..Node::EMPTY },
    // 415: #/$defs/service/properties/volumes/items/oneOf/1/properties/image
    Node { types: Types(64), description: "Configuration specific to image mounts.", properties: &[("subpath", 416)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 416: #/$defs/service/properties/volumes/items/oneOf/1/properties/image/properties/subpath
    Node { types: Types(16), description: "Path within the image to mount instead of the image root.", ..Node::EMPTY },
    // 417: #/$defs/service/properties/volumes/items/oneOf/1/properties/read_only
    Node { types: Types(18), description: "Flag to set the volume as read-only.", ..Node::EMPTY },
    // 418: #/$defs/service/properties/volumes/items/oneOf/1/properties/source
    Node { types: Types(16), description: "The source of the mount, a path on the host for a bind mount, a docker image reference for an image mount, or the name of a volume defined in the top-level volumes key. Not applicable for a tmpfs mount.", ..Node::EMPTY },
    // 419: #/$defs/service/properties/volumes/items/oneOf/1/properties/target
    Node { types: Types(16), description: "The path in the container where the volume is mounted.", ..Node::EMPTY },
    // 420: #/$defs/service/properties/volumes/items/oneOf/1/properties/tmpfs
    Node { types: Types(64), description: "Configuration specific to tmpfs mounts.", properties: &[("mode", 421), ("size", 422)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 421: #/$defs/service/properties/volumes/items/oneOf/1/properties/tmpfs/properties/mode
    Node { types: Types(24), description: "File mode of the tmpfs in octal.", ..Node::EMPTY },
    // 422: #/$defs/service/properties/volumes/items/oneOf/1/properties/tmpfs/properties/size
    Node { description: "Size of the tmpfs mount in bytes.", one_of: &[423, 424], ..Node::EMPTY },
    // 423: #/$defs/service/properties/volumes/items/oneOf/1/properties/tmpfs/properties/size/oneOf/0
    Node { types: Types(4), minimum: Some(0.0), ..Node::EMPTY },
    // 424: #/$defs/service/properties/volumes/items/oneOf/1/properties/tmpfs/properties/size/oneOf/1
    Node { types: Types(16), ..Node::EMPTY },
    // 425: #/$defs/service/properties/volumes/items/oneOf/1/properties/type
    Node { types: Types(16), description: "The mount type: bind for mounting host directories, volume for named volumes, tmpfs for temporary filesystems, cluster for cluster volumes, npipe for named pipes, or image for mounting from an image.", enum_values: &["bind", "volume", "tmpfs", "cluster", "npipe", "image"], ..Node::EMPTY },
    // 426: #/$defs/service/properties/volumes/items/oneOf/1/properties/volume
    Node { types: Types(64), description: "Configuration specific to volume mounts.", properties: &[("labels", 427), ("nocopy", 428), ("subpath", 429)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 427: #/$defs/service/properties/volumes/items/oneOf/1/properties/volume/properties/labels
    Node { description: "Labels to apply to the volume.", one_of: &[11, 13], ..Node::EMPTY },
    // 428: #/$defs/service/properties/volumes/items/oneOf/1/properties/volume/properties/nocopy
    Node { types: Types(18), description: "Flag to disable copying of data from a container when a volume is created.", ..Node::EMPTY },
    // 429: #/$defs/service/properties/volumes/items/oneOf/1/properties/volume/properties/subpath
    Node { types: Types(16), description: "Path within the volume to mount instead of the volume root.", ..Node::EMPTY },
    // 430: #/$defs/service/properties/volumes_from
    Node { types: Types(32), description: "Mount volumes from another service or container. Optionally specify read-only access (ro) or read-write (rw).", items: 431, unique_items: true, ..Node::EMPTY },
    // 431: #/$defs/service/properties/volumes_from/items
    Node { types: Types(16), ..Node::EMPTY },
    // 432: #/$defs/service/properties/working_dir
    Node { types: Types(16), description: "The working directory in which the entrypoint or command will be run", ..Node::EMPTY },
    // 433: #/properties/version
    Node { types: Types(16), description: "declared for backward compatibility, ignored. Please remove it.", deprecated: true, ..Node::EMPTY },
    // 434: #/properties/volumes
    Node { types: Types(64), description: "Named volumes that are shared among multiple services.", pattern_properties: &[(1, 435)], additional: false, ..Node::EMPTY },
    // 435: #/$defs/volume
    Node { types: Types(65), description: "Volume configuration for the Compose application.", properties: &[("driver", 436), ("driver_opts", 437), ("external", 439), ("labels", 441), ("name", 442)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 436: #/$defs/volume/properties/driver
    Node { types: Types(16), description: "Specify which volume driver should be used for this volume.", ..Node::EMPTY },
    // 437: #/$defs/volume/properties/driver_opts
    Node { types: Types(64), description: "Specify driver-specific options.", pattern_properties: &[(3, 438)], ..Node::EMPTY },
    // 438: #/$defs/volume/properties/driver_opts/patternProperties/^.+$
    Node { types: Types(24), ..Node::EMPTY },
    // 439: #/$defs/volume/properties/external
    Node { types: Types(82), description: "Specifies that this volume already exists and was created outside of Compose.", properties: &[("name", 440)], pattern_properties: &[(0, 1)], additional: false, ..Node::EMPTY },
    // 440: #/$defs/volume/properties/external/properties/name
    Node { types: Types(16), description: "Specifies the name of the external volume. Deprecated: use the 'name' property instead.", deprecated: true, ..Node::EMPTY },
    // 441: #/$defs/volume/properties/labels
    Node { description: "Add metadata to the volume using labels.", one_of: &[11, 13], ..Node::EMPTY },
    // 442: #/$defs/volume/properties/name
    Node { types: Types(16), description: "Custom name for this volume.", ..Node::EMPTY },
];
