use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::{leading_short_flags, simple_basename};
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `read` without `-r`.
    ///
    /// ## Why is this bad?
    /// Without `-r`, `read` treats backslashes as escapes: it drops them
    /// and joins lines ending in one, so a line such as `C:\new` or a
    /// regular expression arrives mangled.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -v '^#' /tmp/packages.txt | while read pkg; do apt-get install -y "$pkg"; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep -v '^#' /tmp/packages.txt | while read -r pkg; do apt-get install -y "$pkg"; done
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-r`. It is unsafe: input with backslashes is read
    /// differently (which is the point).
    pub ReadWithoutRaw {
        code: "SC2162",
        name: "read-without-raw",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ReadWithoutRaw {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("read") {
                    continue;
                }
                let (flags, _) = leading_short_flags(cmd.args(), src, "adinNptu");
                if flags.contains('r') {
                    continue;
                }
                let Some(word) = cmd.name_word() else {
                    continue;
                };
                let range = run.file_range(word.span);
                let d = cx
                    .report(range, "`read` without `-r` mangles backslashes")
                    .with_instruction(run.instruction);
                if word.text(src) == "read" {
                    d.with_fix(Fix::unsafe_(
                        "Add `-r`",
                        vec![Edit::insert(range.end(), " -r")],
                    ));
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
        Tester::new(&ReadWithoutRaw)
            .pass([
                "FROM a\nRUN read -r x < /f\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN read -ra w < /f\n",
                "FROM a\nRUN echo read x\n",
            ])
            .fail([
                "FROM a\nRUN read x < /f\n",
                "FROM a\nRUN cat f | while read line; do \\\n  echo $line; \\\n done\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN read -p 'r' x\n",
            ])
            .fix([
                ("FROM a\nRUN read x < /f\n", "FROM a\nRUN read -r x < /f\n"),
                (
                    "FROM a\nRUN cat f | while read line; do echo $line; done\n",
                    "FROM a\nRUN cat f | while read -r line; do echo $line; done\n",
                ),
            ])
            .test();
    }
}
