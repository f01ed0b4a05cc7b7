use crate::Fix;
use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a daemon whose default host address for published ports is
    /// every interface: `ip` absent (dockerd's default, `0.0.0.0`) or set
    /// to `0.0.0.0` or `::`. Off by default: publishing on every interface
    /// is what most hosts want.
    ///
    /// ## Why is this bad?
    /// A port published without a host address (`-p 8080:80`, Compose's
    /// `"8080:80"`) is then reachable from every network the host is on,
    /// and Docker's firewall rules come before the host's own (ufw,
    /// firewalld), so the host firewall does not close it. With `"ip":
    /// "127.0.0.1"`, such ports are local until published on an explicit
    /// address (CIS Docker Benchmark 5.14).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "ip": "0.0.0.0"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "ip": "127.0.0.1"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets `"ip": "127.0.0.1"` and is unsafe: ports published
    /// without an address stop answering from other hosts.
    pub DefaultBindAllInterfaces {
        code: "DW6015",
        name: "default-bind-all-interfaces",
        aliases: ["CIS-5.14", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: Sometimes,
    }
}

impl Rule<DaemonModel> for DefaultBindAllInterfaces {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let range = match model.string("ip") {
            Some(("0.0.0.0" | "::" | "", s)) => model.setting_range(s),
            Some(_) => return,
            None if model.is_whole() && !model.has("ip") => model.missing_range(),
            None => return,
        };
        let edit = model.set_edit("ip", "\"127.0.0.1\"");
        let d = cx.report(
            range,
            "ports published without a host address bind on every interface",
        );
        if let Some(edit) = edit {
            d.with_fix(Fix::unsafe_("Set `ip` to \"127.0.0.1\"", vec![edit]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&DefaultBindAllInterfaces)
            .pass([
                "{\"ip\": \"127.0.0.1\"}",
                "{\"ip\": \"10.0.0.5\"}",
                "{\"ip\": 1}",
            ])
            .fail(["{}", "{\"ip\": \"0.0.0.0\"}", "{\"ip\": \"::\"}"])
            .fix([
                ("{\"ip\": \"0.0.0.0\"}", "{\"ip\": \"127.0.0.1\"}"),
                (
                    "{\"icc\": false}",
                    "{\"icc\": false, \"ip\": \"127.0.0.1\"}",
                ),
            ])
            .test();
    }
}
