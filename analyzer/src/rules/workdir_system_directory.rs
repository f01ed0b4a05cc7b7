use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

use crate::facts::workdir_state::Workdirs;

declare_rule! {
    /// ## What it does
    /// Flags a `WORKDIR` that resolves to a system directory: `/proc`,
    /// `/boot`, `/dev`, `/initrd`, `/lost+found` or a directory under them.
    /// The path is taken after variable expansion and joined with earlier
    /// `WORKDIR`s, the way the builder resolves it.
    ///
    /// ## Why is this bad?
    /// These directories belong to the kernel and the host (`/proc`, `/dev`
    /// are mounted over at run time); files put there vanish or, worse,
    /// reach the host's devices and kernel interfaces.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /proc/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /opt/app
    /// ```
    pub WorkdirSystemDirectory {
        code: "DW1004",
        name: "workdir-system-directory",
        aliases: ["DS-0030"],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

/// Directories a WORKDIR must not be in.
const SYSTEM_DIRECTORIES: &[&str] = &["/proc", "/boot", "/dev", "/initrd", "/lost+found"];

impl Rule for WorkdirSystemDirectory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut workdirs = None;
        for (i, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Workdir {
                continue;
            }
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let workdirs = workdirs.get_or_insert_with(|| Workdirs::new(model));
            let Some(w) = workdirs.after(i) else {
                continue;
            };
            if !w.absolute || !w.path.starts_with('/') || w.path.contains('$') {
                continue;
            }
            let Some(dir) = SYSTEM_DIRECTORIES.iter().find(|d| {
                w.path
                    .strip_prefix(**d)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }) else {
                continue;
            };
            cx.report(
                span.range,
                format!(
                    "WORKDIR `{}` is inside the system directory `{dir}`",
                    w.path
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&WorkdirSystemDirectory)
            .pass([
                "FROM a\nWORKDIR /app\n",
                "FROM a\nWORKDIR /procedures\n",
                "FROM a\nWORKDIR /opt/dev\n",
                "FROM a\nWORKDIR dev\n",
                "FROM a\nWORKDIR $DIR\n",
                "FROM a\nWORKDIR /dev/../srv\n",
            ])
            .fail([
                "FROM a\nWORKDIR /proc\n",
                "FROM a\nWORKDIR /dev/shm/app/\n",
                "FROM a\nWORKDIR /\nWORKDIR boot\n",
                "FROM a\nARG D=/lost+found\nWORKDIR ${D}/x\n",
                "FROM scratch\nWORKDIR initrd\n",
                "FROM a\nWORKDIR //proc/./x\n",
            ])
            .test();
    }
}
