use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `daemon.json` without `authorization-plugins` (or with an
    /// empty list). Off by default: most hosts have none, and the plugin is
    /// a product choice, not a setting.
    ///
    /// ## Why is this bad?
    /// Without an authorization plugin, whoever can reach the Docker API can
    /// do everything it offers: there is no per-user or per-action policy
    /// (CIS Docker Benchmark 2.12).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "icc": false
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "icc": false,
    ///   "authorization-plugins": ["opa-docker-authz"]
    /// }
    /// ```
    pub AuthorizationPluginMissing {
        code: "DW6006",
        name: "authorization-plugin-missing",
        aliases: ["CIS-2.12", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: None,
    }
}

impl Rule<DaemonModel> for AuthorizationPluginMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        let range = match model.setting("authorization-plugins") {
            Some(s)
                if model.json().kind(s.member.value) == crate::json::JsonKind::Array
                    && model.json().items(s.member.value).is_empty() =>
            {
                model.setting_range(s)
            }
            Some(_) => return,
            None if model.is_whole() => model.missing_range(),
            None => return,
        };
        cx.report(
            range,
            "no authorization plugin: every client of the Docker API may do everything",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&AuthorizationPluginMissing)
            .pass([
                "{\"authorization-plugins\": [\"authz-broker\"]}",
                "{\"authorization-plugins\": \"x\"",
            ])
            .fail(["{}", "{\"authorization-plugins\": []}", ""])
            .test();
    }
}
