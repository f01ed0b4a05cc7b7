//! The system calls Docker's default seccomp profile keeps from containers,
//! with the reason, as data.
//!
//! Source: `profiles/seccomp/default.json` of moby/profiles as vendored by
//! moby/moby at Docker Engine v29.7.2 (commit b985e2313a), read by hand.
//! That profile denies every call it does not list (`SCMP_ACT_ERRNO`),
//! allows about 360 calls unconditionally, and allows some more only to a
//! container that holds a capability (`"includes": {"caps": […]}`), or only
//! with restricted arguments (`clone`, `personality`, `socket`).
//!
//! Two lists follow: calls the default profile never allows ([`BLOCKED`]),
//! and calls it allows only with a capability ([`GATED`]). Deliberately
//! absent:
//!
//! - `ptrace`, `process_vm_readv`, `process_vm_writev`: the default profile
//!   allows them without a capability on kernels from 4.8 (which closed the
//!   seccomp bypass through `ptrace`); without `CAP_SYS_PTRACE` a process
//!   can only trace its own children and same-user processes of its
//!   container.
//! - calls gated by a capability whose effect stays inside the container's
//!   namespaces or is minor (`sethostname`, `setdomainname`, `chroot`,
//!   `vhangup`, the NUMA calls `mbind`, `set_mempolicy`, `get_mempolicy`),
//!   and `personality` (allowed with arguments).

/// A system call the rules look for.
#[derive(Clone, Copy, Debug)]
pub struct Syscall {
    pub name: &'static str,
    /// For [`GATED`]: the capability the default profile requires.
    pub capability: Option<&'static str>,
    /// Why the default profile keeps it from containers.
    pub reason: &'static str,
}

const fn blocked(name: &'static str, reason: &'static str) -> Syscall {
    Syscall {
        name,
        capability: None,
        reason,
    }
}

const fn gated(name: &'static str, capability: &'static str, reason: &'static str) -> Syscall {
    Syscall {
        name,
        capability: Some(capability),
        reason,
    }
}

const KEYRING: &str = "the kernel keyring is not namespaced: keys of the host and of other containers are within reach";
const KEXEC: &str = "it loads a new kernel to boot into";
const SWAP: &str = "it changes the host's swap devices";
const IO_URING: &str =
    "io_uring is a large kernel attack surface with a long record of privilege escalations";
const OBSOLETE: &str =
    "it is obsolete, unused by current software, and a past source of kernel bugs";
const OLD_MODULES: &str = "it is an obsolete kernel-module call";
const VM86: &str = "it enters the in-kernel x86 real-mode emulator, a past source of kernel bugs";

/// Calls Docker's default profile denies to every container.
pub static BLOCKED: &[Syscall] = &[
    blocked("_sysctl", OBSOLETE),
    blocked("add_key", KEYRING),
    blocked("create_module", OLD_MODULES),
    blocked("get_kernel_syms", OLD_MODULES),
    blocked("io_uring_enter", IO_URING),
    blocked("io_uring_register", IO_URING),
    blocked("io_uring_setup", IO_URING),
    blocked("kexec_file_load", KEXEC),
    blocked("kexec_load", KEXEC),
    blocked("keyctl", KEYRING),
    blocked(
        "move_pages",
        "it moves other processes' memory between NUMA nodes and reveals their layout",
    ),
    blocked("nfsservctl", OBSOLETE),
    blocked(
        "pivot_root",
        "it replaces the root filesystem of the mount namespace, which only the runtime needs",
    ),
    blocked("query_module", OLD_MODULES),
    blocked("request_key", KEYRING),
    blocked("swapoff", SWAP),
    blocked("swapon", SWAP),
    blocked("sysfs", OBSOLETE),
    blocked("uselib", OBSOLETE),
    blocked(
        "userfaultfd",
        "it lets a process stall the kernel at a page fault, a standard tool of kernel exploits",
    ),
    blocked("ustat", OBSOLETE),
    blocked("vm86", VM86),
    blocked("vm86old", VM86),
];

const NAMESPACES: &str = "it creates or joins namespaces, and an unprivileged user namespace opens kernel interfaces meant for root";
const MOUNTS: &str = "it mounts and unmounts filesystems";
const MODULES: &str = "it loads or unloads kernel modules, code that runs in the host kernel";
const CLOCK: &str = "it sets the host's clock, which is not namespaced";
const RAWIO: &str = "it grants direct access to the host's I/O ports";

/// Calls Docker's default profile allows only to a container holding a
/// capability.
pub static GATED: &[Syscall] = &[
    gated(
        "acct",
        "CAP_SYS_PACCT",
        "it switches process accounting for the whole host",
    ),
    gated(
        "bpf",
        "CAP_SYS_ADMIN",
        "it loads eBPF programs into the kernel, a large attack surface and a way to read kernel memory",
    ),
    gated("clock_settime", "CAP_SYS_TIME", CLOCK),
    gated("clock_settime64", "CAP_SYS_TIME", CLOCK),
    gated(
        "clone",
        "CAP_SYS_ADMIN",
        "without a filter on its flags it creates namespaces (Docker's profile allows `clone` only without CLONE_NEW* flags)",
    ),
    gated(
        "clone3",
        "CAP_SYS_ADMIN",
        "it creates namespaces, and its flags cannot be filtered (Docker's profile makes it fail so that libc falls back to `clone`)",
    ),
    gated("delete_module", "CAP_SYS_MODULE", MODULES),
    gated(
        "fanotify_init",
        "CAP_SYS_ADMIN",
        "it watches file access across mounts",
    ),
    gated("finit_module", "CAP_SYS_MODULE", MODULES),
    gated("fsconfig", "CAP_SYS_ADMIN", MOUNTS),
    gated("fsmount", "CAP_SYS_ADMIN", MOUNTS),
    gated("fsopen", "CAP_SYS_ADMIN", MOUNTS),
    gated("fspick", "CAP_SYS_ADMIN", MOUNTS),
    gated("init_module", "CAP_SYS_MODULE", MODULES),
    gated("ioperm", "CAP_SYS_RAWIO", RAWIO),
    gated("iopl", "CAP_SYS_RAWIO", RAWIO),
    gated(
        "lookup_dcookie",
        "CAP_SYS_ADMIN",
        "it reveals host paths (a profiling interface)",
    ),
    gated("mount", "CAP_SYS_ADMIN", MOUNTS),
    gated("mount_setattr", "CAP_SYS_ADMIN", MOUNTS),
    gated("move_mount", "CAP_SYS_ADMIN", MOUNTS),
    gated(
        "open_by_handle_at",
        "CAP_DAC_READ_SEARCH",
        "it opens files by handle, bypassing the mount namespace: the 'shocker' container escape read host files this way",
    ),
    gated("open_tree", "CAP_SYS_ADMIN", MOUNTS),
    gated(
        "perf_event_open",
        "CAP_SYS_ADMIN",
        "it opens kernel performance monitoring, which leaks kernel addresses and has a long record of privilege escalations",
    ),
    gated(
        "quotactl",
        "CAP_SYS_ADMIN",
        "it manages disk quotas of host filesystems",
    ),
    gated(
        "quotactl_fd",
        "CAP_SYS_ADMIN",
        "it manages disk quotas of host filesystems",
    ),
    gated(
        "reboot",
        "CAP_SYS_BOOT",
        "it reboots the host or loads a new kernel",
    ),
    gated("setns", "CAP_SYS_ADMIN", NAMESPACES),
    gated("settimeofday", "CAP_SYS_TIME", CLOCK),
    gated("stime", "CAP_SYS_TIME", CLOCK),
    gated(
        "syslog",
        "CAP_SYSLOG",
        "it reads and clears the kernel log, which holds kernel addresses",
    ),
    gated("umount", "CAP_SYS_ADMIN", MOUNTS),
    gated("umount2", "CAP_SYS_ADMIN", MOUNTS),
    gated("unshare", "CAP_SYS_ADMIN", NAMESPACES),
];

/// The entry for `name` in `list` (sorted by name).
#[must_use]
pub fn find(list: &'static [Syscall], name: &str) -> Option<&'static Syscall> {
    list.binary_search_by(|s| s.name.cmp(name))
        .ok()
        .map(|i| &list[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_disjoint() {
        for list in [BLOCKED, GATED] {
            assert!(list.windows(2).all(|w| w[0].name < w[1].name));
        }
        assert!(BLOCKED.iter().all(|s| find(GATED, s.name).is_none()));
        assert!(BLOCKED.iter().all(|s| s.capability.is_none()));
        assert!(GATED.iter().all(|s| s.capability.is_some()));
    }
}
