use crate::checker::Checker;
use crate::declare_rule;
use crate::families::grep_alias;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags the `egrep` command.
    ///
    /// ## Why is this bad?
    /// `egrep` is a deprecated alias of `grep -E`: POSIX never had it, and
    /// GNU grep 3.8 and later print a warning each time it runs (a future
    /// release may drop it).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN egrep 'a|b' /etc/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -E 'a|b' /etc/hosts
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `egrep` with `grep -E`, which is what `egrep` runs;
    /// it is safe. A path (`/bin/egrep`) gets no fix.
    pub EgrepCommand {
        code: "SC2196",
        name: "egrep-command",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for EgrepCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        grep_alias::check(cx, "egrep", "-E");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EgrepCommand)
            .pass(["FROM a\nRUN grep -E x f\n", "FROM a\nRUN echo egrep\n"])
            .fail([
                "FROM a\nRUN egrep x f\n",
                "FROM a\nRUN /bin/egrep x f\n",
                "FROM a\nRUN cat f | egrep -v x\n",
            ])
            .fix([
                ("FROM a\nRUN egrep x f\n", "FROM a\nRUN grep -E x f\n"),
                (
                    "FROM a\nRUN x=$(cat f | egrep -c 'a|b') \\\n  && echo $x\n",
                    "FROM a\nRUN x=$(cat f | grep -E -c 'a|b') \\\n  && echo $x\n",
                ),
            ])
            .test();
    }
}
