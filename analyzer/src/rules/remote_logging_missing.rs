use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a default log driver that keeps container logs on this host
    /// only: `log-driver` absent (dockerd's default, `json-file`),
    /// `json-file` or `local`, or `none` (no logs at all). Drivers that can
    /// ship logs elsewhere (`syslog`, `journald`, `gelf`, `fluentd`,
    /// `awslogs`, `splunk`, `gcplogs`, `etwlogs`, plugins) pass. Off by
    /// default.
    ///
    /// ## Why is this bad?
    /// Logs kept only on the host are lost with it, and whoever compromises
    /// the host can rewrite them. A central log store keeps the record an
    /// investigation needs (CIS Docker Benchmark 2.13).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "log-driver": "json-file"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "log-driver": "syslog",
    ///   "log-opts": {"syslog-address": "tcp+tls://logs.example.com:6514"}
    /// }
    /// ```
    pub RemoteLoggingMissing {
        code: "DW6014",
        name: "remote-logging-missing",
        aliases: ["CIS-2.13", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: None,
    }
}

impl Rule<DaemonModel> for RemoteLoggingMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let (range, message) = match model.string("log-driver") {
            Some(("none", s)) => (
                model.value_range(s),
                "the `none` log driver keeps no container logs at all".to_owned(),
            ),
            Some((driver @ ("" | "json-file" | "local"), s)) => (
                model.value_range(s),
                format!(
                    "the `{}` log driver keeps container logs on this host only",
                    if driver.is_empty() {
                        "json-file"
                    } else {
                        driver
                    }
                ),
            ),
            Some(_) => return,
            None if model.is_whole() && !model.has("log-driver") => (
                model.missing_range(),
                "no `log-driver`: container logs stay in json-file logs on this host only"
                    .to_owned(),
            ),
            None => return,
        };
        cx.report(range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&RemoteLoggingMissing)
            .pass([
                "{\"log-driver\": \"syslog\"}",
                "{\"log-driver\": \"journald\"}",
                "{\"log-driver\": \"fluentd\"}",
                "{\"log-driver\": 3}",
            ])
            .fail([
                "{}",
                "{\"log-driver\": \"json-file\"}",
                "{\"log-driver\": \"local\"}",
                "{\"log-driver\": \"none\"}",
            ])
            .test();
    }
}
