use crate::checker::Checker;
use crate::declare_rule;
use crate::families::command_output::for_over_output_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `for` loop whose list is a single command substitution
    /// running `ls`: `for f in $(ls …)`, `` for f in `ls …` ``.
    ///
    /// As in ShellCheck, `ls` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `ls` output is for people to read: iterating over it splits names on
    /// blanks and newlines and globs them again.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in $(ls /docker-entrypoint.d); do sh /docker-entrypoint.d/$f; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in /docker-entrypoint.d/*; do sh "$f"; done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck reports this as an error when `ls` has no options and as
    /// a warning when it has some; dockward always reports an error.
    pub ForOverLsOutput {
        code: "SC2045",
        name: "for-over-ls-output",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for ForOverLsOutput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for_over_output_of(cx, "ls");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ForOverLsOutput)
            .pass([
                "FROM a\nRUN for f in /x/*; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in \"$(ls /x)\"; do echo \"$f\"; done\n",
                "FROM a\nRUN for f in a $(ls /x); do echo \"$f\"; done\n",
                "FROM a\nRUN ls /x | while read -r f; do echo \"$f\"; done\n",
            ])
            .fail([
                "FROM a\nRUN for f in $(ls /x); do echo $f; done\n",
                "FROM a\nRUN for f in `ls /x`; do echo $f; done\n",
                "FROM a\nRUN for f in $(ls /x | sort); do \\\n      echo $f; \\\n    done\n",
                "FROM a\nRUN <<EOF\nfor f in $(ls /x); do\n  echo $f\ndone\nEOF\n",
            ])
            .test();
    }
}
