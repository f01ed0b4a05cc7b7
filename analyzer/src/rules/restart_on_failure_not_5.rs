use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::families::compose_services::subject;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an on-failure restart policy whose number of retries is not 5:
    /// `restart: on-failure` (unlimited) or `on-failure:N` with N ≠ 5, and
    /// `deploy.restart_policy` with `condition: on-failure` and
    /// `max_attempts` missing or not 5. Off by default.
    ///
    /// ## Why is this bad?
    /// CIS 5.15 caps on-failure restarts at 5: a container that keeps crashing
    /// is restarted forever otherwise, which can hide an attack (a crash loop
    /// while probing) and load the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:1.0
    ///     restart: on-failure
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: registry.example.com/worker:1.0
    ///     restart: on-failure:5
    /// ```
    pub RestartOnFailureNot5 {
        code: "DW5081",
        name: "restart-on-failure-not-5",
        aliases: ["CIS-5.15", "cis", "2fc99041"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: false,
        fix: None,
    }
}

impl Rule<ComposeModel> for RestartOnFailureNot5 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            if let Some(s) = svc.scalar("restart")
                && let Some(text) = s.known()
            {
                let text = text.trim().to_ascii_lowercase();
                if let Some(rest) = text.strip_prefix("on-failure") {
                    let count = rest.strip_prefix(':').map(str::trim);
                    if count != Some("5")
                        && let Some(range) = s.range()
                    {
                        let what = match count {
                            Some(n) => format!("{n} times"),
                            None => "without a limit".to_owned(),
                        };
                        cx.report(
                            range,
                            format!("{} restarts on failure {what}, not 5", subject(&svc, &s)),
                        );
                    }
                }
            }
            if let Some(c) = svc.path_scalar(&["deploy", "restart_policy", "condition"])
                && c.known().is_some_and(|t| t.trim() == "on-failure")
            {
                let attempts = svc.path_scalar(&["deploy", "restart_policy", "max_attempts"]);
                let n = attempts
                    .as_ref()
                    .and_then(|a| a.known().map(str::trim).map(str::to_owned));
                if attempts.as_ref().is_some_and(|a| !a.known) || n.as_deref() == Some("5") {
                    continue;
                }
                let Some(range) = attempts.as_ref().and_then(|a| a.range()).or(c.range()) else {
                    continue;
                };
                let what = n.map_or_else(|| "without a limit".to_owned(), |n| format!("{n} times"));
                cx.report(
                    range,
                    format!("{} restarts on failure {what}, not 5", subject(&svc, &c)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&RestartOnFailureNot5)
            .pass([
                "services:\n  a:\n    image: a:1\n    restart: on-failure:5\n",
                "services:\n  a:\n    image: a:1\n    restart: unless-stopped\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 5\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    restart: on-failure\n",
                "services:\n  a:\n    image: a:1\n    restart: \"on-failure:3\"\n",
                "services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n",
            ])
            .test();
    }
}
