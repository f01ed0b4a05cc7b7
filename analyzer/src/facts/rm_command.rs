//! `rm` as the rules about deleting system paths read it (SC2114, SC2115).

use crate::shell::SimpleCommand;

/// Directories whose removal breaks the system (ShellCheck's list).
pub(crate) const SYSTEM_DIRS: &[&str] = &[
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/home",
    "/lib",
    "/lib64",
    "/media",
    "/mnt",
    "/usr",
    "/var",
    "/usr/bin",
    "/usr/local",
    "/usr/share",
];

/// `rm` with `-r`, `-R` or `--recursive` among its options.
pub(crate) fn is_recursive_rm(cmd: &SimpleCommand, src: &str) -> bool {
    if cmd.name(src).as_deref() != Some("rm") {
        return false;
    }
    let mut options = true;
    cmd.args().iter().any(|w| {
        let Some(l) = w.literal(src) else {
            return false;
        };
        if l == "--" {
            options = false;
        }
        options
            && (l == "--recursive"
                || (l.starts_with('-') && !l.starts_with("--") && l.contains(['r', 'R'])))
    })
}

/// An `rm` operand's path with repeated slashes collapsed and a trailing
/// one dropped.
pub(crate) fn normalize_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}
