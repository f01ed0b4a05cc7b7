use crate::checker::Checker;
use crate::declare_rule;
use crate::model::pragmas::{PragmaScope, PragmaTool};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags suppression comments that apply to one instruction:
    /// `# dockward ignore=…`, `# hadolint ignore=…` and BuildKit's
    /// `# check=skip=…` comment. Stage-wide and file-wide suppressions
    /// (`stage ignore`, `global ignore`, the `check` directive) are not
    /// flagged. Off by default.
    ///
    /// ## Why is this bad?
    /// Teams that want every exception recorded in configuration, where it
    /// is reviewed, turn this rule on so inline suppressions cannot creep in.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # hadolint ignore=DL3018
    /// RUN apk add curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl=8.9.1-r1
    /// ```
    pub InlineIgnorePragma {
        code: "DL1001",
        name: "inline-ignore-pragma",
        aliases: [],
        severity: Warning,
        category: Meta,
        default: false,
        fix: None,
    }
}

impl Rule for InlineIgnorePragma {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for pragma in &cx.model.pragmas.pragmas {
            if !matches!(pragma.scope, PragmaScope::Instruction(_)) {
                continue;
            }
            let form = match pragma.tool {
                PragmaTool::Dockward => "`# dockward ignore=`",
                PragmaTool::Hadolint => "`# hadolint ignore=`",
                PragmaTool::Buildkit => "`# check=skip=`",
                // A script's own directive has a byte-range scope: not here.
                PragmaTool::Shellcheck => continue,
            };
            cx.report(
                pragma.range,
                format!("Inline suppression {form}; record exceptions in the configuration"),
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
        Tester::new(&InlineIgnorePragma)
            .pass([
                "# hadolint global ignore=DL3018\nFROM a\nRUN apk add curl\n",
                "# check=skip=JSONArgsRecommended\nFROM a\nCMD x\n",
                "FROM a\n# hadolint stage ignore=DL3018\nFROM b\n",
                "FROM a\n# just a comment\nRUN x\n",
            ])
            .fail([
                "FROM a\n# hadolint ignore=DL3018\nRUN apk add curl\n",
                "FROM a\n# dockward ignore=curl-pipe-shell # vendored\nRUN x\n",
                "FROM a\n# check=skip=JSONArgsRecommended\nCMD x\n",
            ])
            .test();
    }
}
