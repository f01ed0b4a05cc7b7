use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Opt, OptSpec, base_name, parse_options};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ln` in `RUN` that replaces `/bin/sh` (or `/usr/bin/sh`):
    /// `ln -sf /bin/bash /bin/sh`.
    ///
    /// Unlike hadolint, an `ln` that only reads `/bin/sh` (`ln -s /bin/sh
    /// /usr/local/bin/sh`) is not flagged.
    ///
    /// ## Why is this bad?
    /// Relinking `/bin/sh` changes the shell of every script in the image,
    /// at build and at run time, including the distribution's own
    /// maintainer scripts, which are written for the shell they ship with.
    /// To run the `RUN` instructions with another shell, say so with
    /// `SHELL`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    pub DefaultShellRelinked {
        code: "DL4005",
        name: "default-shell-relinked",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// `ln`'s options that take a value.
const LN: OptSpec = OptSpec {
    short_value: "St",
    long_value: &["suffix", "target-directory"],
    ..OptSpec::GNU
};

fn is_sh(path: &str) -> bool {
    matches!(path.trim_end_matches('/'), "/bin/sh" | "/usr/bin/sh")
}

impl Rule for DefaultShellRelinked {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for c in cx.invocations() {
            if c.name() != Some("ln") {
                continue;
            }
            let args = parse_options(c.literal_args(), &LN);
            let target_dir = args
                .iter()
                .find(|a| a.is_opt(&['t'], &["target-directory"]))
                .and_then(Opt::known_value);
            let operands: Vec<&Opt<'_>> = args.iter().filter(|a| a.is_operand()).collect();
            let link = match target_dir {
                // `ln -t /bin /usr/bin/dash`: links named after each target.
                Some(dir) => operands.iter().copied().find(|a| {
                    a.known_value().is_some_and(|v| {
                        is_sh(&format!("{}/{}", dir.trim_end_matches('/'), base_name(v)))
                    })
                }),
                None if operands.len() >= 2 => operands
                    .last()
                    .copied()
                    .filter(|a| a.known_value().is_some_and(is_sh)),
                None => None,
            };
            let Some(link) = link else { continue };
            let word = &c.arg_words()[link.arg];
            cx.report(
                c.file_range(word.span),
                "`ln` replaces `/bin/sh`; set the shell for `RUN` with `SHELL`",
            )
            .with_instruction(c.instruction());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&DefaultShellRelinked)
            .pass([
                "FROM a\nRUN ln -s /bin/sh /usr/local/bin/sh\n",
                "FROM a\nRUN ln -s /bin/bash /usr/local/bin/bash\n",
                "FROM a\nRUN echo ln -s /bin/bash /bin/sh\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\n",
            ])
            .fail([
                "FROM a\nRUN ln -sf /bin/bash /bin/sh\n",
                "FROM a\nRUN ln -s bash /bin/sh\n",
                "FROM a\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n",
                "FROM a\nRUN ln -sfv --backup=numbered /usr/bin/zsh /usr/bin/sh\n",
                "FROM a\nRUN ln -s -t /bin /usr/local/bin/sh\n",
                "FROM a\nONBUILD RUN ln -sf bash /bin/sh\n",
            ])
            .test();
    }
}
