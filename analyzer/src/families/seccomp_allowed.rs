//! The seccomp rules about system calls a profile allows (`SCMP_ACT_ALLOW`,
//! `SCMP_ACT_LOG`) that Docker's default profile keeps from containers:
//! each name an allowing entry grants to every call (no `args` filter) and
//! that one table lists, reported at the name with the unsafe fix that
//! removes it. A profile that allows everything by default is the
//! unconfinement rule's finding instead.

use crate::Fix;
use crate::checker::Checker;
use crate::seccomp::syscalls::{self, Syscall};
use crate::seccomp::{SeccompModel, SyscallRule, Unconfinement, allows};

/// Reports each name of `table` allowed by an entry that `applies` accepts,
/// with the message `message(syscall)`.
pub(crate) fn check_allowed(
    cx: &mut Checker<'_, SeccompModel>,
    table: &'static [Syscall],
    applies: impl Fn(&SyscallRule) -> bool,
    message: impl Fn(&Syscall) -> String,
) {
    let model = cx.model;
    if matches!(model.unconfinement(), Some(Unconfinement::DefaultAllows(_))) {
        return;
    }
    for rule in model.rules() {
        if rule.has_args || !applies(rule) || !model.action_name(rule).is_some_and(allows) {
            continue;
        }
        for n in &rule.names {
            let Some(sc) = syscalls::find(table, model.name(n)) else {
                continue;
            };
            let edit = model.remove_name_edit(n);
            let d = cx.report(model.name_range(n), message(sc));
            if let Some(edit) = edit {
                d.with_fix(Fix::unsafe_(format!("Remove `{}`", sc.name), vec![edit]));
            }
        }
    }
}
