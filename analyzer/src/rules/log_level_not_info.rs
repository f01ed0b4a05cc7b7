use crate::Fix;
use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::diagnostic::shorten;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `log-level` other than `info` (compared without case, as
    /// dockerd does), and `"debug": true`, which sets the debug level. An
    /// absent `log-level` is dockerd's default, `info`. Off by default.
    ///
    /// ## Why is this bad?
    /// At `warn`, `error` or `fatal` the daemon drops the events an audit
    /// needs (containers started, images pulled, API errors); at `debug` it
    /// logs so much that the useful lines drown, and request details may
    /// reach the log (CIS Docker Benchmark 2.3).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "log-level": "error"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "log-level": "info"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"log-level": "info"` (or `"debug": false`) and is
    /// unsafe: the daemon's log volume changes.
    pub LogLevelNotInfo {
        code: "DW6009",
        name: "log-level-not-info",
        aliases: ["CIS-2.3", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: Sometimes,
    }
}

impl Rule<DaemonModel> for LogLevelNotInfo {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        if let Some((level, s)) = model.string("log-level")
            && !level.is_empty()
            && !level.eq_ignore_ascii_case("info")
        {
            let edit = model.set_edit("log-level", "\"info\"");
            let d = cx.report(
                model.value_range(s),
                format!("the daemon logs at `{}`, not `info`", shorten(level)),
            );
            if let Some(edit) = edit {
                d.with_fix(Fix::unsafe_("Set `log-level` to \"info\"", vec![edit]));
            }
        }
        if let Some((true, s)) = model.bool("debug") {
            let edit = model.set_edit("debug", "false");
            let d = cx.report(
                model.setting_range(s),
                "`debug` is true: the daemon logs at `debug`, not `info`",
            );
            if let Some(edit) = edit {
                d.with_fix(Fix::unsafe_("Set `debug` to false", vec![edit]));
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
        Tester::new_for(&LogLevelNotInfo)
            .pass([
                "{}",
                "{\"log-level\": \"info\"}",
                "{\"log-level\": \"INFO\"}",
                "{\"log-level\": \"\"}",
                "{\"debug\": false}",
            ])
            .fail([
                "{\"log-level\": \"debug\"}",
                "{\"log-level\": \"warn\"}",
                "{\"debug\": true}",
            ])
            .fix([
                ("{\"log-level\": \"fatal\"}", "{\"log-level\": \"info\"}"),
                (
                    "{\"debug\": true, \"icc\": false}",
                    "{\"debug\": false, \"icc\": false}",
                ),
            ])
            .test();
    }
}
