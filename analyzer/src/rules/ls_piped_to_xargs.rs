use crate::checker::Checker;
use crate::declare_rule;
use crate::families::command_output::ls_piped_into;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ls` piped straight into `xargs`.
    ///
    /// As in ShellCheck, `ls` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `ls` prints names for people to read, one per line: a name with a
    /// newline (or, for `xargs`, a blank or a quote) is split or mangled
    /// before `xargs` sees it. Use `find … -print0 | xargs -0` or `find … -exec` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ls /tmp/*.log | xargs rm -f
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /tmp -maxdepth 1 -name '*.log' -exec rm -f {} +
    /// ```
    pub LsPipedToXargs {
        code: "SC2011",
        name: "ls-piped-to-xargs",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LsPipedToXargs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        ls_piped_into(cx, "xargs");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&LsPipedToXargs)
            .pass([
                "FROM a\nRUN ls /x | sort\n",
                "FROM a\nRUN ls /x; xargs y\n",
                "FROM a\nRUN ls /x | cat | xargs y\n",
            ])
            .fail([
                "FROM a\nRUN ls /x | xargs y\n",
                "FROM a\nRUN ls -1 /x \\\n  | xargs -v y\n",
                "FROM a\nRUN <<EOF\nls | xargs y\nEOF\n",
                "FROM a\nRUN x=$(ls /x | xargs y)\n",
            ])
            .test();
    }
}
