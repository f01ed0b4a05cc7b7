use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{RedirectFd, RedirectOp, RedirectTarget};

declare_rule! {
    /// ## What it does
    /// Flags a redirection of standard output or input on a `sudo`
    /// command: `sudo echo x > /etc/f`, `sudo cat < /root/secret`.
    /// Redirections to `/dev/*` and of other descriptors are not flagged.
    ///
    /// ## Why is this bad?
    /// The current shell opens the file before `sudo` runs, as the current
    /// user: `sudo` raises the privileges of the command, not of the
    /// redirection, so writing a root-owned file fails under a non-root
    /// `USER`. `… | sudo tee /etc/f` (or `tee -a`) writes as root.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN sudo echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN echo "app ALL=(ALL) NOPASSWD: ALL" | sudo tee /etc/sudoers.d/app
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck reports an input redirection (`sudo cat < f`) as a note
    /// and an output one as a warning; dockward reports both as warnings.
    pub SudoRedirect {
        code: "SC2024",
        name: "sudo-redirect",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SudoRedirect {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("sudo") {
                    continue;
                }
                for r in &cmd.redirects {
                    let fd = match r.fd {
                        None => None,
                        Some(RedirectFd::Number(n)) => Some(n),
                        Some(RedirectFd::Var(_)) => continue,
                    };
                    let relevant = match r.op {
                        RedirectOp::Write | RedirectOp::Append | RedirectOp::Clobber => {
                            fd.is_none_or(|n| n == 1)
                        }
                        RedirectOp::Read => fd.is_none_or(|n| n == 0),
                        _ => false,
                    };
                    let RedirectTarget::Word(w) = &r.target else {
                        continue;
                    };
                    if !relevant || w.literal(src).is_some_and(|t| t.starts_with("/dev/")) {
                        continue;
                    }
                    cx.report(
                        run.file_range(r.span),
                        "`sudo` does not apply to this redirection: the shell opens the file as the current user",
                    )
                    .with_instruction(run.instruction);
                }
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
        Tester::new(&SudoRedirect)
            .pass([
                "FROM a\nRUN echo x | sudo tee /etc/f\n",
                "FROM a\nRUN sudo apt-get update > /dev/null\n",
                "FROM a\nRUN sudo make 2> /tmp/err\n",
                "FROM a\nRUN sudo sh -c 'echo x > /etc/f'\n",
            ])
            .fail([
                "FROM a\nRUN sudo echo x > /etc/f\n",
                "FROM a\nRUN sudo cat < /root/secret\n",
                "FROM a\nRUN sudo -u app cmd >> /var/log/x\n",
            ])
            .test();
    }
}
