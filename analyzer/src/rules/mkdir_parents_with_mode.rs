use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{OptSpec, parse_options};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `mkdir` given both `-p` (`--parents`) and `-m` (`--mode`) when
    /// a directory has more than one component to create (`a/b`, `/opt/x`,
    /// `$D/x`).
    ///
    /// ## Why is this bad?
    /// The mode applies to the last directory only: the parents `-p`
    /// creates get the default mode (from the umask). `mkdir -p -m 700
    /// /root/.ssh/keys` leaves `/root/.ssh` readable by others if it did
    /// not exist.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p -m 700 /root/.ssh/keys
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /root/.ssh/keys && chmod 700 /root/.ssh /root/.ssh/keys
    /// ```
    pub MkdirParentsWithMode {
        code: "SC2174",
        name: "mkdir-parents-with-mode",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for MkdirParentsWithMode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        const MKDIR: OptSpec = OptSpec {
            short_value: "mZ",
            long_value: &["mode", "context"],
            ..OptSpec::GNU
        };
        for inv in cx.invocations() {
            if inv.name() != Some("mkdir") {
                continue;
            }
            let args = inv.literal_args();
            let opts = parse_options(args, &MKDIR);
            let parents = opts.iter().any(|o| o.is_opt(&['p'], &["parents"]));
            let Some(mode) = opts.iter().find(|o| o.is_opt(&['m'], &["mode"])) else {
                continue;
            };
            // A directory with more than one component to create (an
            // unknown one may have).
            let nested = opts.iter().filter(|o| o.is_operand()).any(|o| {
                let Some(d) = o.known_value() else {
                    return true;
                };
                let mut rest = d.trim_end_matches('/');
                while let Some(r) = rest.strip_prefix("./").or_else(|| rest.strip_prefix("../")) {
                    rest = r;
                }
                rest.contains('/')
            });
            if !parents || !nested {
                continue;
            }
            cx.report(
                inv.file_range(args[mode.arg].span),
                "With `-p`, `mkdir -m` sets the mode of the last directory only",
            )
            .with_instruction(inv.instruction());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MkdirParentsWithMode)
            .pass([
                "FROM a\nRUN mkdir -p /a/b\n",
                "FROM a\nRUN mkdir -m 700 /a/b\n",
                "FROM a\nRUN mkdir -pm 700 a\n",
                "FROM a\nRUN mkdir -p -m 700 ./a\n",
            ])
            .fail([
                "FROM a\nRUN mkdir -p -m 700 /root/.ssh/keys\n",
                "FROM a\nRUN mkdir -p --mode=700 a/b\n",
                "FROM a\nRUN mkdir -m 700 -p /a/b/\n",
                "FROM a\nRUN mkdir -pm755 \"$D/x\"\n",
                "FROM a\nRUN sudo mkdir -p -m 700 /a/b\n",
                "FROM a\nRUN mkdir --parents --mode 0750 /var/lib/app \\\n  && chown app /var/lib/app\n",
            ])
            .test();
    }
}
