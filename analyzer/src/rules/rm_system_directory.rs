use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::rm_command::{SYSTEM_DIRS, is_recursive_rm, normalize_path};
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::text_of;

declare_rule! {
    /// ## What it does
    /// Flags a recursive `rm` (`-r`, `-R`, `--recursive`) of a system
    /// directory written literally: `/`, `/bin`, `/boot`, `/dev`, `/etc`,
    /// `/home`, `/lib`, `/lib64`, `/media`, `/mnt`, `/usr`, `/var`,
    /// `/usr/bin`, `/usr/local`, `/usr/share`.
    ///
    /// ## Why is this bad?
    /// It destroys the base image the stage is built on: the next command
    /// fails, or worse, the image ships without its libraries. Usually a
    /// path was cut short (`rm -rf /usr/local` for `/usr/local/src/app`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN rm -rf /usr/local
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN rm -rf /usr/local/src/app
    /// ```
    pub RmSystemDirectory {
        code: "SC2114",
        name: "rm-system-directory",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for RmSystemDirectory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        // The simple commands of every script, as the command layer lists
        // them (shared with the other command rules).
        for inv in cx.invocations() {
            let run = inv.run;
            let src = run.text.as_str();
            {
                let c = &inv.cmd;
                if !is_recursive_rm(c.command, src) {
                    continue;
                }
                for w in c.command.args() {
                    let Some(lit) = w.literal(src) else { continue };
                    if lit.starts_with('-') || lit.contains(['*', '?', '[']) && !w.is_quoted() {
                        continue;
                    }
                    let path = normalize_path(&lit);
                    if !SYSTEM_DIRS.contains(&path.as_str()) {
                        continue;
                    }
                    cx.report(
                        run.file_range(w.span),
                        format!(
                            "`rm -r {}` deletes the system directory `{path}`",
                            text_of(w.span, src)
                        ),
                    );
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
        Tester::new(&RmSystemDirectory)
            .pass([
                "FROM a\nRUN rm -rf /var/lib/apt/lists/* /tmp /opt /usr/local/src\n",
                "FROM a\nRUN rm -f /usr\n",
                "FROM a\nRUN rm -rf \"$D/usr\"\n",
                "FROM a\nRUN echo rm -rf /usr\n",
            ])
            .fail([
                "FROM a\nRUN rm -rf /usr/local\n",
                "FROM a\nRUN rm -r /etc/ && rm -R //var\n",
                "FROM a\nRUN rm --recursive \"/usr\"\n",
                "FROM a\nRUN <<EOF\nrm -fr /home\nEOF\n",
            ])
            .test();
    }
}
