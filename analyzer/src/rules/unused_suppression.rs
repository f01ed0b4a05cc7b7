use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports suppression comments (`# dockward ignore=`, `# hadolint ignore=`,
    /// `# check=skip=`) that silence nothing: the rule they name reported no
    /// finding where they apply, or they name no rule at all.
    ///
    /// ## Why is this bad?
    /// Stale suppressions hide future problems and mislead readers about what
    /// the file does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # dockward ignore=DL3003
    /// RUN echo hello
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// ```
    ///
    /// This rule is off by default; it runs after every other rule.
    pub UnusedSuppression {
        code: "DW9001",
        name: "unused-suppression",
        aliases: [],
        severity: Info,
        category: Meta,
        default: false,
        fix: None,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Computed by the engine after suppressions are applied.
    fn check(&self, _cx: &mut Checker<'_>) {}
}

#[cfg(test)]
mod tests {
    use crate::{Config, analyze};

    fn unused(src: &str) -> Vec<String> {
        let config = Config {
            extend_select: vec!["unused-suppression".into()],
            ..Config::default()
        };
        analyze(src, &config)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "DW9001")
            .map(|d| format!("{}: {}", &src[d.range.as_range()], d.message))
            .collect()
    }

    #[test]
    fn reports_suppressions_that_silence_nothing() {
        let src = "FROM alpine\n# dockward ignore=DL4000,DL1000\nMAINTAINER me\n# hadolint ignore=SC1091\nRUN . ./env.sh\n# dockward ignore=nonsense\nRUN true\n";
        assert_eq!(
            unused(src),
            vec![
                "DL1000: Suppression of `DL1000` matches no finding",
                "SC1091: `SC1091` is a ShellCheck code that dockward does not implement",
                "nonsense: `nonsense` names no rule",
            ]
        );
    }

    #[test]
    fn suppressions_work_by_code_name_and_alias() {
        for id in [
            "DL4000",
            "deprecated-maintainer",
            "MaintainerDeprecated",
            "CKV_DOCKER_6",
        ] {
            let src = format!("FROM alpine\n# dockward ignore={id}\nMAINTAINER me\n");
            let a = analyze(&src, &Config::default());
            assert!(a.diagnostics.iter().all(|d| d.code != "DL4000"), "{id}");
            assert!(unused(&src).is_empty(), "{id}");
        }
        let dl4000 = |src: &str| {
            analyze(src, &Config::default())
                .diagnostics
                .into_iter()
                .filter(|d| d.code == "DL4000")
                .collect::<Vec<_>>()
        };
        let src = "# check=skip=MaintainerDeprecated\nFROM alpine\nMAINTAINER me\n";
        assert!(dl4000(src).is_empty());
        let src = "FROM alpine\n# hadolint global ignore=DL4000\nRUN true\nMAINTAINER me\n";
        assert!(dl4000(src).is_empty());
        let src = "# check=error=true\nFROM alpine\nMAINTAINER me\n";
        assert_eq!(dl4000(src)[0].severity, crate::Severity::Error);
    }

    #[test]
    fn pragmas_can_be_disabled() {
        let src = "FROM alpine\n# hadolint ignore=DL4000\nMAINTAINER me\n";
        let config = Config {
            disable_inline_pragmas: true,
            ..Config::default()
        };
        let found = analyze(src, &config).diagnostics;
        assert_eq!(found.iter().filter(|d| d.code == "DL4000").count(), 1);
    }
}
