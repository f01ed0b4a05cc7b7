use crate::checker::Checker;
use crate::declare_rule;
use crate::families::command_output::ls_piped_into;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ls` piped straight into `grep`.
    ///
    /// As in ShellCheck, `ls` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `ls` prints names for people to read, one per line: a name with a
    /// newline (or, for `xargs`, a blank or a quote) is split or mangled
    /// before `grep` sees it. Use a glob or a `for` loop with a test on each name instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ls /etc | grep conf
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in /etc/*conf*; do echo "$f"; done
    /// ```
    pub LsPipedToGrep {
        code: "SC2010",
        name: "ls-piped-to-grep",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LsPipedToGrep {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        ls_piped_into(cx, "grep");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LsPipedToGrep)
            .pass([
                "FROM a\nRUN ls /x | sort\n",
                "FROM a\nRUN ls /x; grep y\n",
                "FROM a\nRUN ls /x | cat | grep y\n",
            ])
            .fail([
                "FROM a\nRUN ls /x | grep y\n",
                "FROM a\nRUN ls -1 /x \\\n  | grep -v y\n",
                "FROM a\nRUN <<EOF\nls | grep y\nEOF\n",
                "FROM a\nRUN x=$(ls /x | grep y)\n",
            ])
            .test();
    }
}
