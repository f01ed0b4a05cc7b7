use crate::checker::Checker;
use crate::declare_rule;
use crate::families::command_output::for_over_output_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `for` loop whose list is a single command substitution
    /// running `find`: `for f in $(find …)`, `` for f in `find …` ``.
    ///
    /// As in ShellCheck, `find` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// For loops over `find` output break on names with blanks or newlines, and wait for `find` to finish.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in $(find /etc -name '*.conf'); do chmod 644 $f; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /etc -name '*.conf' -exec chmod 644 {} +
    /// ```
    pub ForOverFindOutput {
        code: "SC2044",
        name: "for-over-find-output",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ForOverFindOutput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for_over_output_of(cx, "find");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ForOverFindOutput)
            .pass([
                "FROM a\nRUN for f in /x/*; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in \"$(find /x)\"; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in a $(find /x); do echo \"$f\"; done\n",
                "FROM a\nRUN find /x | while read -r f; do echo \"$f\"; done\n",
            ])
            .fail([
                "FROM a\nRUN for f in $(find /x); do echo $f; done\n",
                "FROM a\nRUN for f in `find /x`; do echo $f; done\n",
                "FROM a\nRUN for f in $(find /x | sort); do \\\n      echo $f; \\\n    done\n",
                "FROM a\nRUN <<EOF\nfor f in $(find /x); do\n  echo $f\ndone\nEOF\n",
            ])
            .test();
    }
}
