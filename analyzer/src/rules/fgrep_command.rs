use crate::checker::Checker;
use crate::declare_rule;
use crate::families::grep_alias;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags the `fgrep` command.
    ///
    /// ## Why is this bad?
    /// `fgrep` is a deprecated alias of `grep -F`: POSIX never had it, and
    /// GNU grep 3.8 and later print a warning each time it runs (a future
    /// release may drop it).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN fgrep 'a|b' /etc/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -F 'a|b' /etc/hosts
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `fgrep` with `grep -F`, which is what `fgrep` runs;
    /// it is safe. A path (`/bin/fgrep`) gets no fix.
    pub FgrepCommand {
        code: "SC2197",
        name: "fgrep-command",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for FgrepCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        grep_alias::check(cx, "fgrep", "-F");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FgrepCommand)
            .pass(["FROM a\nRUN grep -F x f\n", "FROM a\nRUN echo fgrep\n"])
            .fail([
                "FROM a\nRUN fgrep x f\n",
                "FROM a\nRUN /bin/fgrep x f\n",
                "FROM a\nRUN cat f | fgrep -v x\n",
            ])
            .fix([
                ("FROM a\nRUN fgrep x f\n", "FROM a\nRUN grep -F x f\n"),
                (
                    "FROM a\nRUN x=$(cat f | fgrep -c 'a|b') \\\n  && echo $x\n",
                    "FROM a\nRUN x=$(cat f | grep -F -c 'a|b') \\\n  && echo $x\n",
                ),
            ])
            .test();
    }
}
