use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
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
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("mkdir") {
                    continue;
                }
                let mut parents = false;
                let mut mode = None;
                let mut dirs = Vec::new();
                let mut args = cmd.args().iter();
                let mut only_operands = false;
                while let Some(w) = args.next() {
                    let v = w.literal(src);
                    let text = v.as_deref().unwrap_or("");
                    if only_operands || !text.starts_with('-') || text == "-" {
                        dirs.push(v);
                        continue;
                    }
                    if text == "--" {
                        only_operands = true;
                    } else if text == "--parents" {
                        parents = true;
                    } else if text.starts_with("--mode") {
                        mode = Some(w.span);
                        if text == "--mode" {
                            args.next();
                        }
                    } else if !text.starts_with("--") {
                        for (i, ch) in text[1..].char_indices() {
                            match ch {
                                'p' => parents = true,
                                'm' => {
                                    mode = Some(w.span);
                                    if i + 2 == text.len() {
                                        args.next();
                                    }
                                    break;
                                }
                                _ => {}
                            }
                        }
                    }
                }
                let Some(mode) = mode else { continue };
                let nested = |d: &Option<std::borrow::Cow<'_, str>>| match d {
                    None => true,
                    Some(d) => {
                        let mut rest = d.trim_end_matches('/');
                        while let Some(r) =
                            rest.strip_prefix("./").or_else(|| rest.strip_prefix("../"))
                        {
                            rest = r;
                        }
                        rest.contains('/')
                    }
                };
                if !parents || !dirs.iter().any(nested) {
                    continue;
                }
                cx.report(
                    run.file_range(mode),
                    "With `-p`, `mkdir -m` sets the mode of the last directory only",
                )
                .with_instruction(run.instruction);
            }
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
                "FROM a\nRUN mkdir --parents --mode 0750 /var/lib/app \\\n  && chown app /var/lib/app\n",
            ])
            .test();
    }
}
