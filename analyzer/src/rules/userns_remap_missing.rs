use crate::Fix;
use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `daemon.json` without `userns-remap` (or with it empty), so
    /// that containers run without user-namespace remapping. A daemon in
    /// rootless mode (`"rootless": true`) is not flagged: it already runs
    /// as an unprivileged user.
    ///
    /// ## Why is this bad?
    /// Without remapping, uid 0 in a container is uid 0 on the host. A
    /// process that escapes the container, or writes through a bind mount,
    /// does so as root. With `"userns-remap": "default"`, container root is
    /// an unprivileged subordinate uid on the host (CIS Docker Benchmark
    /// 2.9).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "live-restore": true
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "live-restore": true,
    ///   "userns-remap": "default"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `"userns-remap": "default"` and is unsafe: dockerd then
    /// creates the `dockremap` user and keeps images and containers in a
    /// separate directory (existing ones are not visible until remapping is
    /// turned off again), files in bind mounts are owned by the remapped
    /// uids, and `--privileged`, `--pid=host` and `--network=host`
    /// containers need `--userns=host`.
    pub UsernsRemapMissing {
        code: "DW6002",
        name: "userns-remap-missing",
        aliases: ["CIS-2.9", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<DaemonModel> for UsernsRemapMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        if model.bool("rootless").is_some_and(|(v, _)| v) {
            return;
        }
        let range = match model.setting("userns-remap") {
            Some(s) if model.json().as_str(s.member.value) == Some("") => model.setting_range(s),
            // Set (or not a string: the syntax rule's finding).
            Some(_) => return,
            None if model.is_whole() => model.missing_range(),
            None => return,
        };
        let edit = model.set_edit("userns-remap", "\"default\"");
        let d = cx.report(
            range,
            "`userns-remap` is not set: root in a container is root on the host",
        );
        if let Some(edit) = edit {
            d.with_fix(Fix::unsafe_(
                "Set `userns-remap` to \"default\"",
                vec![edit],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&UsernsRemapMissing)
            .pass([
                "{\"userns-remap\": \"default\"}",
                "{\"userns-remap\": \"dockremap:dockremap\"}",
                "{\"rootless\": true}",
                // Not read as a configuration, or cut short: unknown.
                "[1]",
                "{\"icc\": false, \"debug\": tru",
            ])
            .fail([
                "",
                "{}",
                "{\"icc\": false}",
                "{\"userns-remap\": \"\"}",
                "{\"userns-remap\": null}",
            ])
            .fix([
                ("{}", "{\n  \"userns-remap\": \"default\"\n}"),
                ("", "{\n  \"userns-remap\": \"default\"\n}\n"),
                (
                    "{\n    \"icc\": false\n}\n",
                    "{\n    \"icc\": false,\n    \"userns-remap\": \"default\"\n}\n",
                ),
                (
                    "{\"userns-remap\": \"\"}",
                    "{\"userns-remap\": \"default\"}",
                ),
                (
                    "{\"userns-remap\": null}",
                    "{\"userns-remap\": \"default\"}",
                ),
            ])
            .test();
    }
}
